/**
 * Anki packages through the import screen in a real Chromium, with the
 * network gone: packages of both collection formats, built here with
 * sql.js and zstd (`scripts/apkgBuilder.mjs`), are read offline (the
 * parser's chunk and SQLite's wasm come from the service worker's
 * precache), previewed, imported with their image and, when asked, their
 * review history; a card with the image is studied and the image painted.
 * A damaged package is refused in words and leaves every record as it was.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { buildApkg, type ApkgFormat, type PackageSpec } from '../../scripts/apkgBuilder.mjs';
import { startStaticServer } from '../helpers/pwa-static-server';
import { AppBrowser } from './pages/AppBrowser';
import { ImportPage } from './pages/ImportPage';
import { ReviewPage } from './pages/ReviewPage';

const OUT_DIR = resolve(process.env.BUILD_OUT_DIR ?? 'dist');

test.describe.configure({ timeout: 90_000 });

/** A 2x2 red PNG. */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64'),
);

const DAY = 86_400_000;

/** A small interview deck: a picture question first (so it is the first new card), a reversed note, a cloze, answers in the log. */
function interviewPackage(tag: string): PackageSpec {
  const start = Date.now() - 20 * DAY;
  return {
    notes: [
      {
        noteType: 'Basic',
        guid: `${tag}-chart`,
        deck: `Interview ${tag}::Failure`,
        fields: ['What does this incident chart show? <img src="incident chart.png">', 'Time to detect fell after the postmortem.'],
        tags: ['postmortem'],
      },
      { noteType: 'Basic (and reversed card)', guid: `${tag}-blameless`, deck: `Interview ${tag}::Failure`, fields: ['Blameless postmortem', 'A review that looks for causes in the system, not a culprit'] },
      { noteType: 'Cloze', guid: `${tag}-star`, deck: `Interview ${tag}::Failure`, fields: ['STAR: {{c1::Situation}}, Task, Action, {{c2::Result}}', ''] },
    ],
    media: [{ name: 'incident chart.png', bytes: PNG }],
    revlog: [
      { note: `${tag}-blameless`, ord: 0, id: start, ease: 3, type: 0 },
      { note: `${tag}-blameless`, ord: 0, id: start + 2 * DAY, ease: 3, type: 1, ivl: 3, lastIvl: 1 },
      { note: `${tag}-blameless`, ord: 0, id: start + 9 * DAY, ease: 1, type: 1, ivl: 1, lastIvl: 3 },
    ],
  };
}

/** Loads the app once from a server of our own, then takes the network away: everything after runs from the precache. */
async function openOffline(page: Page): Promise<AppBrowser> {
  const server = await startStaticServer(OUT_DIR);
  const app = new AppBrowser(page, server.url);
  try {
    await app.goto('/');
    await app.waitForServiceWorkerControl();
  } finally {
    await server.close();
  }
  await page.context().setOffline(true);
  return app;
}

/** Counts of every store that an import writes. */
async function recordCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('interview-flashcards');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error ?? new Error('open failed'));
    });
    const counts: Record<string, number> = {};
    for (const store of ['decks', 'notes', 'cards', 'reviews', 'media']) {
      counts[store] = await new Promise<number>((done, fail) => {
        const request = database.transaction(store).objectStore(store).count();
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error ?? new Error('count failed'));
      });
    }
    database.close();
    return counts;
  });
}

for (const format of ['anki21b', 'anki21'] as const satisfies readonly ApkgFormat[]) {
  test(`an ${format} package imported offline: preview, image and history stored, the picture card studied with its image painted`, async ({ page }) => {
    const app = await openOffline(page);
    await app.goto('/import');
    const importer = new ImportPage(page);
    const bytes = await buildApkg(interviewPackage(format), { format });
    await importer.fileInput.setInputFiles({ name: `interview-${format}.apkg`, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });

    const summary = page.getByRole('region', { name: 'In this Anki package' });
    await expect(summary).toContainText(`collection.${format}`);
    await expect(summary).toContainText('1 media file');
    await expect(summary).toContainText('Basic (and reversed card): 1 note, a card each way');
    await expect(summary).toContainText('Cloze: 1 note, cloze cards');
    const history = page.getByRole('checkbox', { name: 'Import review history (3 answers)' });
    await expect(history).not.toBeChecked();
    await history.check();
    // 1 basic + 2 reversed + 2 cloze cards.
    await expect(page.getByText('1 basic, 2 reversible, 2 cloze cards')).toBeVisible();
    await importer.confirm();
    await expect(importer.status).toContainText('1 media file stored.');
    await expect(importer.status).toContainText('3 answers brought in.');

    const counts = await recordCounts(page);
    expect(counts.media).toBe(1);
    expect(counts.reviews).toBe(3);

    await page.getByRole('button', { name: 'Study now' }).click();
    const review = new ReviewPage(page);
    // The card the history left due comes first (due before new); the picture question is the first new card.
    await expect(review.question).toBeVisible();
    for (let answered = 0; answered < 5 && !(await review.questionText()).includes('What does this incident chart show?'); answered += 1) await review.studyCard('Good');
    await expect(review.question).toContainText('What does this incident chart show?');
    const image = review.question.locator('img');
    await expect(image).toHaveAttribute('src', /^blob:/);
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(2);
  });
}

test('a damaged package is refused in plain words and nothing changes', async ({ page }) => {
  const app = await openOffline(page);
  await app.goto('/import');
  const importer = new ImportPage(page);
  // A deck first, so "nothing changes" has something to keep.
  const good = await buildApkg(interviewPackage('kept'), { format: 'anki21b' });
  await importer.fileInput.setInputFiles({ name: 'kept.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from(good) });
  await importer.confirm();
  const before = await recordCounts(page);

  await importer.fileInput.setInputFiles({ name: 'cut-short.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from(good.slice(0, Math.floor(good.length / 2))) });
  await expect(page.getByRole('alert').filter({ hasText: /damaged|cut short|not an Anki package/ })).toBeVisible();
  await expect(importer.importButton).toBeDisabled();
  expect(await recordCounts(page)).toEqual(before);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await importer.fileInput.setInputFiles({ name: 'not-a-zip.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from('hello, this is text') });
  await expect(page.getByRole('alert').filter({ hasText: 'This is not an Anki package' })).toBeVisible();
  expect(await recordCounts(page)).toEqual(before);
});

for (const theme of ['light', 'dark'] as const) {
  test(`a package's preview has no axe violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/import');
    const importer = new ImportPage(page);
    const bytes = await buildApkg(interviewPackage(`axe-${theme}`), { format: 'anki21b' });
    await importer.fileInput.setInputFiles({ name: 'interview.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await expect(page.getByRole('region', { name: 'In this Anki package' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /^Import review history/ })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
