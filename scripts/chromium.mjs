/**
 * Finds a Chromium for end-to-end tests, the benchmark and the icon script
 * without ever downloading one: 1. CHROME_PATH, 2. a system Chromium/Chrome,
 * 3. the binary shipped in the npm package @sparticuz/chromium (with our own
 * flags, not its defaults, which disable web security).
 * Plain JavaScript so Node scripts and TypeScript tests share it.
 */
import { existsSync } from 'node:fs';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags that work for a headless Chromium run as root on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A fake microphone (a tone) that is granted without a prompt: the practice
 * screen's recording in tests and the bench. A test of a refused microphone
 * launches without these.
 */
export const FAKE_MICROPHONE_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** The path of the Chromium executable to launch. */
export async function resolveChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH points to a missing file: ${fromEnv}`);
    return fromEnv;
  }
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return system;
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}
