// The one Chromium lookup (CHROME_PATH, system Chromium, @sparticuz/chromium) lives in scripts/chromium.mjs.
export { CHROMIUM_ARGS, FAKE_MICROPHONE_ARGS, resolveChromium } from '../../scripts/chromium.mjs';
