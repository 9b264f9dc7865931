/**
 * The app as an installable offline PWA, in a real Chromium against the
 * production build: offline study after the first visit, installability and
 * icons, the "new version" prompt that never reloads by itself, and no
 * requests to any other origin.
 *
 *   BUILD_OUT_DIR=dist-pwa npx vite build
 *   BUILD_OUT_DIR=dist-pwa E2E_PORT=4401 npx playwright test tests/e2e/pwa.spec.ts
 */
import { chromium, expect, test, type Request } from '@playwright/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, resolveChromium } from '../helpers/chromium';
import { startStaticServer } from '../helpers/pwa-static-server';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { SettingsPage } from './pages/SettingsPage';

const OUT_DIR = resolve(process.env.BUILD_OUT_DIR ?? 'dist');

test.describe.configure({ timeout: 30_000 });

test('works offline after the first visit: study, reload, new tab, deep link', async ({ context, page }) => {
  // Our own server, so "offline" really means nothing answers any more.
  const server = await startStaticServer(OUT_DIR);
  const app = new AppBrowser(page, server.url);
  const home = new HomePage(page);
  try {
    await app.goto('/');
    await app.waitForServiceWorkerControl();
  } finally {
    await server.close();
  }
  await context.setOffline(true);

  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(home.heading).toBeVisible();

  const review = await home.studyAll();
  const before = await app.storedLogCount();
  for (let i = 0; i < 3; i += 1) await review.studyCard('Good');
  await app.expectStoredLogCount(before + 3);

  // Reload the study deep link offline: the answers are still stored and the review screen comes back.
  const again = await page.reload();
  expect(again?.fromServiceWorker()).toBe(true);
  await expect(review.undoButton).toBeVisible();
  expect(await app.storedLogCount()).toBe(before + 3);

  // A new tab and a deep link open offline too.
  const tab = new AppBrowser(await context.newPage(), server.url);
  const tabHome = await tab.goto('/');
  expect(tabHome?.fromServiceWorker()).toBe(true);
  await expect(new HomePage(tab.page).heading).toBeVisible();
  const tabSettings = await tab.goto('/settings');
  expect(tabSettings?.fromServiceWorker()).toBe(true);
  await expect(new SettingsPage(tab.page).heading).toBeVisible();
});

test('is installable: no installability errors, manifest icons load at their declared sizes', async ({ baseURL }) => {
  // Installability needs a persistent profile: a plain context reports "in-incognito".
  const userDataDir = await mkdtemp(join(tmpdir(), 'pwa-install-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: await resolveChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    serviceWorkers: 'allow',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const app = new AppBrowser(page, baseURL);
    await app.goto('/');
    await app.waitForServiceWorkerControl();

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data ?? '{}') as {
      name?: string;
      display?: string;
      file_handlers?: { action: string }[];
      icons?: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(data.name).toBe('Interview Flashcards');
    expect(data.display).toBe('standalone');
    expect(data.file_handlers?.[0]?.action).toBe('/import');
    const icons = data.icons ?? [];
    expect(icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);

    for (const icon of icons) {
      const loaded = await page.evaluate(async (src) => {
        const response = await fetch(src, { cache: 'no-store' });
        const bitmap = await createImageBitmap(await response.blob());
        return {
          status: response.status,
          contentType: response.headers.get('content-type'),
          size: `${bitmap.width}x${bitmap.height}`,
        };
      }, new URL(icon.src, manifest.url).href);
      expect(loaded, icon.src).toEqual({ status: 200, contentType: 'image/png', size: icon.sizes });
    }
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});

test('offers a new version without reloading, and switches only on Reload', async ({ page }) => {
  // A copy of the build, so this test can ship a new sw.js without touching dist.
  const root = await mkdtemp(join(tmpdir(), 'pwa-update-'));
  await cp(OUT_DIR, root, { recursive: true });
  const server = await startStaticServer(root);
  const app = new AppBrowser(page, server.url);
  try {
    await app.goto('/');
    await app.waitForServiceWorkerControl();

    const review = await new HomePage(page).studyAll();
    await review.reveal();
    await expect(review.ratingButton('Good')).toBeVisible();
    await page.evaluate(() => Reflect.set(window, 'pwaE2eMarker', 'first load'));
    const screenBefore = await app.textWithoutBanner();
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    // Deploy "version 2": a changed sw.js that can tell its version.
    const swPath = join(root, 'sw.js');
    await writeFile(
      swPath,
      `${await readFile(swPath, 'utf8')}\n// version 2\n` +
        `self.addEventListener('message', (event) => {\n` +
        `  if (event.data === 'pwa-e2e-version') event.ports[0]?.postMessage('v2');\n` +
        `});\n`,
    );
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });

    await expect(app.updateBanner).toBeVisible();
    await expect.poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true);
    // Nothing reloaded: same document, same card, answer still shown.
    expect(navigations).toBe(0);
    expect(await page.evaluate(() => Reflect.get(window, 'pwaE2eMarker') as unknown)).toBe('first load');
    expect(await app.textWithoutBanner()).toBe(screenBefore);
    await expect(review.ratingButton('Good')).toBeVisible();

    const reloaded = page.waitForEvent('load');
    await app.updateBanner.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    expect(navigations).toBe(1);
    expect(await page.evaluate(() => Reflect.get(window, 'pwaE2eMarker') as unknown)).toBeUndefined();
    const controllerVersion = await page.evaluate(
      () =>
        new Promise<string>((done) => {
          const controller = navigator.serviceWorker.controller;
          if (!controller) return done('no controller');
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => done(String(event.data));
          controller.postMessage('pwa-e2e-version', [channel.port2]);
          setTimeout(() => done('no answer (old worker)'), 2_000);
        }),
    );
    expect(controllerVersion).toBe('v2');
    await expect(app.updateBanner).toHaveCount(0);
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});

test('makes no request to another origin during a whole session', async ({ context, page, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://localhost').origin;
  const foreign = new Set<string>();
  const record = (request: Request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.add(url);
  };
  page.on('request', record);
  context.on('request', record); // also the service worker's own requests

  const app = new AppBrowser(page);
  const home = new HomePage(page);
  await app.goto('/');
  await app.waitForServiceWorkerControl();
  await expect(home.heading).toBeVisible();
  const review = await home.studyAll();
  for (let i = 0; i < 3; i += 1) await review.studyCard('Good');
  await app.goto('/');
  await home.openSettings();
  await app.goto('/');
  await home.openImport();

  expect([...foreign]).toEqual([]);
});
