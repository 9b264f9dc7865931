#!/usr/bin/env node
/**
 * Draws the app icon (a stack of two flashcards with a question mark) as SVG
 * and renders the PNG sizes the web manifest and iOS need, in Chromium via
 * playwright-core. Writes into public/ and prints each file's size:
 *
 *   node scripts/make-icons.mjs
 *
 * The PNGs are committed, so a build never needs a browser. The Chromium is
 * found by scripts/chromium.mjs: CHROME_PATH, a system Chromium, then
 * @sparticuz/chromium (with our own flags).
 */
import { statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from './chromium.mjs';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

const ACCENT = '#2f5d50';
const ACCENT_LIGHT = '#7fc4ad';
const PAPER = '#f7f5f0';

/** The artwork on a 100x100 canvas, centred on (50, 50), without background. */
const ARTWORK = `
  <g transform="translate(0 5)">
  <rect x="24" y="19" width="54" height="40" rx="6" fill="${ACCENT_LIGHT}" transform="rotate(-9 51 39)"/>
  <rect x="21" y="31" width="58" height="43" rx="6" fill="${PAPER}"/>
  <path d="M44.2 47.6a5.9 5.9 0 1 1 8.4 5.3c-1.7.8-2.6 2.1-2.6 3.9v1.3" fill="none" stroke="${ACCENT}" stroke-width="4.6" stroke-linecap="round" stroke-linejoin="round"/>
  <circle cx="50" cy="65.2" r="2.8" fill="${ACCENT}"/>
  </g>`;

/**
 * @param {object} options
 * @param {number} options.radius corner radius of the background (0 = full bleed)
 * @param {number} options.scale artwork scale around the centre (maskable icons
 *   keep it inside the 80 % safe circle)
 */
function iconSvg({ radius, scale }) {
  const offset = 50 - 50 * scale;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">` +
    `<rect width="100" height="100" rx="${radius}" fill="${ACCENT}"/>` +
    `<g transform="translate(${offset} ${offset}) scale(${scale})">${ARTWORK.replace(/\s*\n\s*/g, '')}</g>` +
    `</svg>\n`
  );
}

const ROUNDED = iconSvg({ radius: 22, scale: 1 });
const FULL_BLEED = iconSvg({ radius: 0, scale: 1 });
const MASKABLE = iconSvg({ radius: 0, scale: 0.8 });

/** Every PNG the manifest and index.html reference. */
const TARGETS = [
  { file: 'icon-192.png', size: 192, svg: ROUNDED },
  { file: 'icon-512.png', size: 512, svg: ROUNDED },
  { file: 'icon-maskable-512.png', size: 512, svg: MASKABLE },
  // iOS draws its own rounded corners and shows transparency as black.
  { file: 'apple-touch-icon.png', size: 180, svg: FULL_BLEED },
];


const browser = await chromium.launch({
  executablePath: await resolveChromium(),
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, svg } of TARGETS) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        svg.replace('<svg ', `<svg width="${size}" height="${size}" style="display:block" `) +
        `</body></html>`,
    );
    const out = join(PUBLIC_DIR, file);
    await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`${file}  ${size}x${size}  ${statSync(out).size} bytes`);
  }
} finally {
  await browser.close();
}

writeFileSync(join(PUBLIC_DIR, 'favicon.svg'), ROUNDED);
console.log(`favicon.svg  ${statSync(join(PUBLIC_DIR, 'favicon.svg')).size} bytes`);
