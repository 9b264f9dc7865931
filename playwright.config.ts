import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, FAKE_MICROPHONE_ARGS, resolveChromium } from './tests/helpers/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4317);
const OUT_DIR = process.env.BUILD_OUT_DIR ?? 'dist';
const executablePath = await resolveChromium();

// End-to-end tests drive a real Chromium against the production build
// (`vite preview`), so the service worker and IndexedDB are the real ones.
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // A fake microphone, granted: practice records in every test (tests/e2e/stories.spec.ts launches without it to refuse it).
    launchOptions: { executablePath, args: [...CHROMIUM_ARGS, ...FAKE_MICROPHONE_ARGS] },
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, browserName: 'chromium' },
    },
  ],
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --port ${PORT} --strictPort --outDir ${OUT_DIR}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
