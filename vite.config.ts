import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { importFileTypes } from './src/domain/importers/registry';

/**
 * The Content-Security-Policy: only the app's own origin, no inline script,
 * no eval, no inline style (card HTML is sanitized without style attributes,
 * src/ui/markdown.ts). Images also from data: (card images) and
 * blob: URLs. 'report-sample' allows nothing: it only puts the start of
 * blocked inline code into the violation event. The same policy plus
 * frame-ancestors (which a <meta> cannot set) is in public/_headers for
 * static hosts (docs/hosting.md); tests/e2e/csp.spec.ts checks both, and
 * that no screen violates the policy.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets WebAssembly compile (the FSRS optimizer's worker); it allows no JavaScript eval.
  "script-src 'self' 'report-sample' 'wasm-unsafe-eval'",
  "style-src 'self' 'report-sample'",
  "img-src 'self' data: blob:",
  // Practice recordings play from blob: URLs made on the device.
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-src 'none'",
  "child-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Puts the policy into the built index.html as a <meta http-equiv>, right
 * after <meta charset> so it covers every script and link. Build only: the
 * dev server needs an inline script (React refresh) and <style> elements
 * (CSS hot reload), which the policy forbids.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const charset = /<meta charset="UTF-8" \/>\n?/i;
        if (!charset.test(html)) throw new Error('content-security-policy: no <meta charset> in index.html');
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
        return html.replace(charset, (tag) => `${tag}    ${meta}\n`);
      },
    },
  };
}

/**
 * The entry (src/main.tsx) starts the screen's database reads and then
 * imports the React app (src/app/mount.tsx). A modulepreload link for that
 * chunk and its imports lets the browser fetch them with the entry instead of
 * after it has run; on a /study link a small script adds links for the
 * review screen's chunks too. That script is a file of its own
 * (assets/study-preload-<hash>.js, loaded async), not inline: the
 * Content-Security-Policy allows no inline script.
 */
function preloadAppChunk(): Plugin {
  let studyPreload: { fileName: string; source: string } | null = null;
  return {
    name: 'preload-app-chunk',
    apply: 'build',
    // 'post': after vite:build-html, whose generateBundle runs the transformIndexHtml below.
    generateBundle: {
      order: 'post',
      handler() {
        if (!studyPreload) throw new Error('preload-app-chunk: index.html was not transformed');
        this.emitFile({ type: 'asset', fileName: studyPreload.fileName, source: studyPreload.source });
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle ?? {};
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const mount = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/app/mount.tsx'));
        if (!mount) throw new Error('preload-app-chunk: no chunk for src/app/mount.tsx');
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          chunks.find((chunk) => chunk.fileName === fileName)?.imports.forEach(visit);
        };
        visit(mount.fileName);
        const entryFiles = new Set(chunks.filter((chunk) => chunk.isEntry).flatMap((chunk) => [chunk.fileName, ...chunk.imports]));
        const preloadLinks = [...files]
          .filter((fileName) => !entryFiles.has(fileName) && !html.includes(`/${fileName}"`))
          .map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${fileName}` }, injectTo: 'head' as const }));
        // A /study link also needs the review code: fetch it with the entry.
        const studyFiles = new Set<string>();
        const visitStudy = (fileName: string) => {
          if (studyFiles.has(fileName) || files.has(fileName) || entryFiles.has(fileName)) return;
          studyFiles.add(fileName);
          chunks.find((chunk) => chunk.fileName === fileName)?.imports.forEach(visitStudy);
        };
        for (const module of ['/src/features/review/ReviewScreen.tsx', '/src/state/reviewSession.ts']) {
          const chunk = chunks.find((candidate) => candidate.facadeModuleId?.endsWith(module));
          if (!chunk) throw new Error(`preload-app-chunk: no chunk for ${module}`);
          visitStudy(chunk.fileName);
        }
        const source = `if(location.pathname.startsWith('/study/'))for(const f of ${JSON.stringify([...studyFiles])}){const l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href='/'+f;document.head.append(l)}\n`;
        const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8);
        studyPreload = { fileName: `assets/study-preload-${hash}.js`, source };
        const studyPreloadTag = {
          tag: 'script',
          attrs: { src: `/${studyPreload.fileName}`, async: true },
          injectTo: 'head' as const,
        };
        return [studyPreloadTag, ...preloadLinks];
      },
    },
  };
}

/**
 * The first-load chunk a module belongs to: "boot" if the entry reaches it
 * through static imports, else "app" if the React app's mount module or the
 * home screen (the first screen, shipped with the app) reaches it; null (a
 * lazy chunk chosen by the bundler) otherwise. Dynamic imports end a path.
 */
const FIRST_LOAD_ROOTS = {
  boot: ['src/main.tsx'],
  app: ['src/app/mount.tsx', 'src/features/home/HomeRoute.tsx'],
} as const;

type ChunkingContext = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };
const firstLoadByContext = new WeakMap<ChunkingContext, Map<string, 'boot' | 'app'>>();

function firstLoadChunkOf(moduleId: string, context: ChunkingContext): 'boot' | 'app' | null {
  let chunkOf = firstLoadByContext.get(context);
  if (!chunkOf) {
    const reached = new Map<string, 'boot' | 'app'>();
    for (const chunk of ['boot', 'app'] as const) {
      const pending = FIRST_LOAD_ROOTS[chunk].map((root) => fileURLToPath(new URL(root, import.meta.url)));
      for (const root of pending) if (!context.getModuleInfo(root)) throw new Error(`first-load chunks: no module ${root}`);
      while (pending.length > 0) {
        const id = pending.pop() as string;
        if (reached.has(id)) continue;
        reached.set(id, chunk);
        pending.push(...(context.getModuleInfo(id)?.importedIds ?? []));
      }
    }
    chunkOf = reached;
    firstLoadByContext.set(context, chunkOf);
  }
  return chunkOf.get(moduleId) ?? null;
}

// The service worker precaches every built asset, including chunks that load
// lazily (importers), so the app works fully offline after the first visit.
export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    preloadAppChunk(),
    VitePWA({
      // 'prompt': a new version waits until the user clicks Reload
      // (src/pwa/registerServiceWorker.ts); the app never reloads by itself.
      registerType: 'prompt',
      // No register script from the plugin (the app registers /sw.js itself,
      // src/pwa/registerServiceWorker.ts): 'inline' would be blocked by the
      // Content-Security-Policy.
      injectRegister: false,
      // globPatterns below already take the icons from the build output; listing
      // them here as well would put each one into the precache twice.
      includeAssets: ['robots.txt'],
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Interview Flashcards',
        short_name: 'Flashcards',
        description: 'Offline spaced-repetition flashcards for behavioral interview preparation.',
        lang: 'en',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#f7f5f0',
        background_color: '#f7f5f0',
        categories: ['education'],
        // PNGs drawn by scripts/make-icons.mjs.
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Opening a deck file with the installed app lands on /import, which
        // reads the files from window.launchQueue. The file types are the
        // import formats' (src/domain/importers/registry.ts).
        file_handlers: [{ action: '/import', accept: importFileTypes }],
      },
      workbox: {
        // Every built file, lazily loaded chunks included. (The plugin adds
        // manifest.webmanifest itself.) public/_headers, the static hosts'
        // header file, has no extension here, so it is not precached.
        // wasm: the FSRS optimizer's fsrs-browser module (1.7 MB), so it runs offline.
        globPatterns: ['**/*.{js,css,html,svg,png,json,woff2,wasm}'],
        // Workbox silently skips files above 2 MiB; a big deck must not fall out.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        // Deep links (/settings, /import, /study/<deckId>) open offline.
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
        // The first install takes control of the open tab, so lazily loaded
        // chunks already come from the precache in that tab. An update still
        // waits for the user (no skipWaiting).
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
  ],
  // Workers as ES modules (every `new Worker` passes `type: 'module'`), so a worker's
  // dynamic imports are chunks of their own: the import worker loads the Anki
  // package parser and sql.js only when a package is chosen.
  worker: { format: 'es' },
  build: {
    rolldownOptions: {
      output: {
        // Two chunks on the first load, whatever the route, chosen by the
        // module graph (not by folder names): "boot" holds what the entry
        // imports statically (Dexie, the storage code it reads with, the route
        // table), "app" what the React app and the home screen import
        // statically. Everything else (every other screen, and what only they
        // use) stays in lazy chunks. tests/build/firstLoad.test.ts checks
        // which source folders end up in the first load.
        codeSplitting: {
          groups: [
            { name: (id, context) => (firstLoadChunkOf(id, context) === 'app' ? 'app' : null), debugName: 'app', priority: 1 },
            { name: (id, context) => (firstLoadChunkOf(id, context) === 'boot' ? 'boot' : null), debugName: 'boot', priority: 2 },
          ],
        },
      },
    },
    // BUILD_OUT_DIR lets parallel e2e runs build into separate folders.
    outDir: process.env.BUILD_OUT_DIR ?? 'dist',
    target: 'es2022',
    sourcemap: false,
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
