// Type-aware lint, zero warnings. Dexie stays inside src/storage/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const dexieOnlyInStorage = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'dexie', message: 'Only src/storage/ may import Dexie; call a storage function instead.' },
        { name: 'dexie-react-hooks', message: 'Only src/storage/ may import Dexie; use a hook from src/storage/.' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'dev-dist', '.tmp', 'node_modules', 'bench/results.json', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/storage/**'],
    rules: dexieOnlyInStorage,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
