/**
 * What the first load carries: builds the app (in memory, with the real
 * vite.config.ts) and checks which source folders and packages end up in the
 * chunks index.html loads, so a screen's code (or a module only a lazy screen
 * uses) can never slip into them unnoticed.
 */
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

/** Source files the first load may carry: the entry, the boot sequence and shell, the kit, storage and the ts-fsrs-free domain, home, pwa. */
const ALLOWED_SOURCES = [
  /^index\.html$/,
  /^src\/main\.tsx$/,
  /^src\/app\/(launch|routes|mount|App|appBadgeSync)\.tsx?$/, // the app icon's badge is set at start
  /^src\/app\/styles\.css$/,
  // The kit, but not the lazy screens' own text, nor card rendering (review and previews load it).
  /^src\/ui\/(?!i18n\/screens\/|markdown\.|CardView\.)/,
  /^src\/state\/frames\.ts$/, // the boot sequence waits for a frame with it (no store)
  // Storage, but not what only later screens use (imported by path, not through storage/index.ts).
  /^src\/storage\/(?!backup\.|collectionMerge\.|check\.|notes\.|browse\.|browseRows\.|cardActions\.|stories\.|workload\.|stats\.|importHistory\.|packageImport\.|media\.)/,
  /^src\/domain\/(?!importers\/|exporters\/|scheduler\.|steps\.|backupFormat\.|browse\.|noteDraft\.|stories\.|workload\.|stats\.|importHistory\.)/,
  /^src\/features\/home\//,
  /^src\/pwa\//,
];
// ulid: storage names new records (and the schema-2 upgrade, inside IndexedDB's upgrade transaction, which cannot wait for a lazy chunk) with ULIDs.
const ALLOWED_PACKAGES = new Set(['dexie', 'dexie-react-hooks', 'react', 'react-dom', 'scheduler', 'ulid', 'workbox-window']);

let firstLoad: { files: string[]; sources: string[]; packages: string[] };

function moduleName(id: string): { source: string } | { package: string } | null {
  const inPackage = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
  if (inPackage?.[1]) return { package: inPackage[1] };
  const root = `${process.cwd()}/`;
  if (id.startsWith(root)) return { source: id.slice(root.length) };
  return null; // bundler helpers (\0 ids)
}

beforeAll(async () => {
  const result = await build({ logLevel: 'silent', build: { write: false } });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((output) => (output as Rollup.RollupOutput).output);
  const html = outputs.find((output) => output.fileName === 'index.html');
  if (html?.type !== 'asset') throw new Error('no index.html in the build');
  const files = [...String(html.source).matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
  const chunks = outputs.filter((output): output is Rollup.OutputChunk => output.type === 'chunk' && files.includes(output.fileName));
  const names = chunks.flatMap((chunk) => chunk.moduleIds.map(moduleName)).filter((name) => name !== null);
  firstLoad = {
    files,
    sources: [...new Set(names.flatMap((name) => ('source' in name ? [name.source] : [])))].sort(),
    packages: [...new Set(names.flatMap((name) => ('package' in name ? [name.package] : [])))].sort(),
  };
}, 60_000);

describe('the first-load chunks', () => {
  it('carry only the boot sequence, the shell, the kit, storage, the ts-fsrs-free domain, home and pwa', () => {
    expect(firstLoad.sources.filter((source) => !ALLOWED_SOURCES.some((allowed) => allowed.test(source)))).toEqual([]);
    expect(firstLoad.packages.filter((name) => !ALLOWED_PACKAGES.has(name))).toEqual([]);
  });

  it('hold the home screen and the boot sequence, so the first screen needs no further request', () => {
    expect(firstLoad.sources).toEqual(expect.arrayContaining(['src/main.tsx', 'src/app/launch.ts', 'src/features/home/HomeScreen.tsx', 'src/storage/queries.ts']));
  });

  it('leave out the other screens and the scheduler, even though they import the same storage code', () => {
    const lazyOnly = firstLoad.sources.filter((source) => /^src\/(features\/(review|settings|import|stories|practice|stats)|state\/(?!frames\.ts$))|^src\/domain\/scheduler/.test(source));
    expect(lazyOnly).toEqual([]);
    expect(firstLoad.packages).not.toContain('ts-fsrs');
    expect(firstLoad.packages).not.toContain('marked');
  });

  it('is a few files, not one per module', () => {
    expect(firstLoad.files.length).toBeLessThanOrEqual(8);
  });
});
