import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Three tiers run by Vitest: pure domain tests in Node, a test of the
// production build's chunks, and component tests in a DOM with fake-indexeddb
// under the real Dexie. E2E runs in Playwright.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'build',
          environment: 'node',
          include: ['tests/build/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'happy-dom',
          include: ['tests/component/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/helpers/componentSetup.ts'],
        },
      },
    ],
  },
});
