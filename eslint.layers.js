// The layers of src/ (ARCHITECTURE.md): domain <- storage <- state <- ui <-
// features <- app, pwa usable by features and app. A file may import only from
// its own folder and the folders to its left, and only the packages its layer
// may use; an import in the wrong direction fails `npm run lint`
// (tests/unit/layers.test.ts lints such imports with these rules).

/** What each layer may not import: other src/ folders (by path segment) and packages. */
const LAYERS = {
  domain: { folders: ['storage', 'state', 'ui', 'features', 'app', 'pwa'], packages: ['react', 'react-dom', 'dexie', 'dexie-react-hooks', 'zustand'] },
  storage: { folders: ['state', 'ui', 'features', 'app', 'pwa'], packages: ['react', 'react-dom', 'dexie-react-hooks', 'zustand'] },
  state: { folders: ['ui', 'features', 'app', 'pwa'], packages: ['dexie', 'dexie-react-hooks', 'react-dom'] },
  ui: { folders: ['features', 'app', 'pwa'], packages: ['dexie', 'dexie-react-hooks'] },
  features: { folders: ['app'], packages: ['dexie', 'dexie-react-hooks'] },
  pwa: { folders: ['domain', 'storage', 'state', 'ui', 'features', 'app'], packages: ['dexie', 'dexie-react-hooks'] },
  app: { folders: [], packages: ['dexie', 'dexie-react-hooks'] },
};

const LAYER_ORDER = 'domain <- storage <- state <- ui <- features <- app (pwa: used by features and app)';

const PACKAGE_REASONS = {
  dexie: 'Only src/storage/ may import Dexie; call a storage function instead.',
  'dexie-react-hooks': 'Only src/ui/data.ts may use dexie-react-hooks; use a hook from src/ui/data.ts.',
  react: 'No React below src/state/: storage and domain are plain TypeScript.',
  'react-dom': 'Only src/app/ mounts React; screens use components.',
  zustand: 'Stores live in src/state/.',
};

/** The no-restricted-imports rule for one layer (plus extra allowed packages). */
function layerRule(layer, allowPackages = []) {
  const { folders, packages } = LAYERS[layer];
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: packages
          .filter((name) => !allowPackages.includes(name))
          .map((name) => ({ name, message: PACKAGE_REASONS[name] })),
        patterns: folders.length
          ? [
              {
                // A relative import whose path names a folder this layer may not use.
                regex: `^\\.{1,2}/(?:\\.\\./)*(?:src/)?(?:${folders.join('|')})(?:/|$)`,
                message: `src/${layer}/ may not import from ${folders.map((f) => `src/${f}/`).join(', ')}: the layers are ${LAYER_ORDER}.`,
              },
            ]
          : [],
      },
    ],
  };
}

/** One flat-config entry per layer. */
export const layerBoundaries = [
  ...Object.keys(LAYERS).map((layer) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    ignores: layer === 'ui' ? ['src/ui/data.ts'] : [],
    rules: layerRule(layer),
  })),
  { files: ['src/ui/data.ts'], rules: layerRule('ui', ['dexie-react-hooks']) },
  { files: ['src/main.tsx'], rules: layerRule('app') },
];
