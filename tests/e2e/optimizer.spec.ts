/**
 * The FSRS optimizer in a real Chromium against the production build: on a
 * fresh app the deck options say how many reviews it needs; with a seeded
 * history it runs offline (fsrs-browser's wasm from the service worker's
 * precache, in its worker): Cancel stops the worker, a run shows its
 * progress and the scores, the new parameters are applied and taken back,
 * and the section has no axe violations in either theme; served with the
 * headers of public/_headers (whose Content-Security-Policy the worker
 * gets), the worker still compiles the wasm ('wasm-unsafe-eval').
 *
 *   BUILD_OUT_DIR=dist-opt npx vite build
 *   BUILD_OUT_DIR=dist-opt E2E_PORT=4472 npx playwright test tests/e2e/optimizer.spec.ts --output=/tmp/pw-opt
 */
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { seededRandom } from '../../src/domain/ids';
import { memoryModelFor, type Memory } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, Rating, type CardStateValue, type RatingValue } from '../../src/domain/types';
import { DATABASE_NAME } from '../../src/storage/db';
import { headersForAllPaths } from '../helpers/hostHeaders';
import { startStaticServer } from '../helpers/pwa-static-server';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';

const RED_FLAGS = 'Failure & Learning: Red Flags';
const DAY = 86_400_000;

interface SeededLog {
  id: string;
  cardId: string;
  noteId: string;
  deckId: string;
  rating: RatingValue;
  state: CardStateValue;
  reviewTime: number;
  day: number;
}

/**
 * A seeded history for every built-in card, as a learner whose memory is not
 * the defaults' would answer (recall drawn from known FSRS-6 parameters),
 * written into the app's IndexedDB with the native API.
 */
async function seedHistory(app: AppBrowser): Promise<number> {
  const { cards } = await app.storedReviews();
  const truth = memoryModelFor({ ...DEFAULT_DECK_OPTIONS, fsrsWeights: [0.9, 2.8, 6.5, 20, 5.8, 0.9, 2.2, 0.02, 1.35, 0.2, 0.75, 1.7, 0.09, 0.3, 1.4, 0.45, 2.4, 0.6, 0.15, 0.08, 0.35] }, 0.9);
  const random = seededRandom(20_260_310);
  const start = Date.now() - 700 * DAY;
  const logs: SeededLog[] = [];
  for (const card of cards) {
    let at = start + Math.floor(random() * 60) * DAY;
    const answer = (state: CardStateValue, rating: RatingValue) =>
      logs.push({ id: `seeded-${String(logs.length).padStart(6, '0')}`, cardId: card.id, noteId: card.id.split('::')[0] ?? card.id, deckId: card.deckId, rating, state, reviewTime: at, day: studyDayOf(at, 4) });
    const first: RatingValue = random() < 0.3 ? Rating.Again : Rating.Good;
    answer(CardState.New, first);
    let memory: Memory = truth.initial(first);
    for (;;) {
      // Intervals scattered around what FSRS would schedule, so recall varies.
      const interval = Math.max(1, Math.round(truth.intervalDays(memory.stability) * (0.5 + random() * 1.5)));
      at += interval * DAY;
      if (at > Date.now() - DAY) break;
      const rating = random() < truth.recallProbability(interval, memory.stability) ? Rating.Good : Rating.Again;
      answer(CardState.Review, rating);
      memory = truth.next(memory, interval, rating);
    }
  }
  await app.page.evaluate(
    ({ name, seeded, queue }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction('reviews', 'readwrite');
          const store = transaction.objectStore('reviews');
          for (const log of seeded) {
            const before = { due: log.reviewTime, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: log.state, lastReview: null, queue };
            store.add({ ...log, due: log.reviewTime, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, durationMs: 4000, before });
          }
          transaction.oncomplete = () => {
            db.close();
            resolve();
          };
          transaction.onerror = () => {
            db.close();
            reject(transaction.error ?? new Error('writing the history failed'));
          };
        };
      }),
    { name: DATABASE_NAME, seeded: logs, queue: CardQueue.Review },
  );
  return logs.length;
}

async function expectNoViolations(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include('.optimizer').analyze();
    const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(summary, `axe violations, ${what}, ${colorScheme}`).toEqual([]);
  }
}

test('on a fresh app, the deck options say how many reviews the optimizer needs', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const options = await home.openDeckOptions(RED_FLAGS);
  await expect(options.optimizer.getByText('These decks have 0 reviews.')).toBeVisible();
  await expect(options.optimizer.getByText('400 more reviews needed.')).toBeVisible();
  await expect(options.optimizer.getByText('In use: the default parameters.')).toBeVisible();
  await expect(options.optimizeButton).toHaveCount(0);
  await expectNoViolations(page, 'too few reviews');
});

test('offline with a seeded history: Cancel stops the worker; a run shows progress and the scores; the new parameters are applied and taken back', async ({ context, page }) => {
  test.setTimeout(120_000);
  const app = new AppBrowser(page);
  const home = new HomePage(page);
  await app.goto('/');
  await app.waitForServiceWorkerControl();
  await home.waitForDecks(); // their cards get the history
  const reviews = await seedHistory(app);
  expect(reviews).toBeGreaterThan(1000);

  // From here on only the service worker's precache serves the app, the optimizer's worker and its wasm.
  await context.setOffline(true);
  await page.reload();
  const options = await home.openDeckOptions(RED_FLAGS);
  await expect(options.optimizer.getByText(`These decks have ${reviews.toLocaleString('en')} reviews.`)).toBeVisible();

  // Cancel terminates the worker.
  const optimizerWorker = page.waitForEvent('worker', (worker) => worker.url().includes('optimizer.worker'));
  await options.optimize();
  const worker = await optimizerWorker;
  const closed = new Promise<void>((resolve) => worker.once('close', () => resolve()));
  await options.cancelOptimizeButton.click();
  await expect(options.optimizer.getByText('Optimization cancelled. Nothing was changed.')).toBeVisible();
  await closed;

  // A whole run: the bar's values as they change.
  await page.evaluate(() => {
    const seen: number[] = [];
    Reflect.set(window, '__optimizerProgress', seen);
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('.optimizer progress');
      if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  await options.optimize();
  await expect(options.optimizerProgress).toBeVisible();
  await expect(options.optimizerScores).toBeVisible({ timeout: 60_000 });
  const progress = await page.evaluate(() => Reflect.get(window, '__optimizerProgress') as number[]);
  // Reading, then training epoch by epoch (the bar's training span is 20-95).
  expect(progress.some((value) => value > 0 && value < 20)).toBe(true);
  expect(progress.filter((value) => value > 20 && value < 95).length).toBeGreaterThanOrEqual(3);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));

  const rows = options.optimizerScores.getByRole('row');
  await expect(rows.nth(1)).toHaveText(/^Current\d\.\d{4}\d+\.\d{2}%$/);
  await expect(rows.nth(2)).toHaveText(/^New\d\.\d{4}\d+\.\d{2}%$/);
  await expect(options.optimizer.getByText('The new parameters predict your memory better.')).toBeVisible();
  await expectNoViolations(page, 'the scores');

  await options.useNewParametersButton.click();
  await expect(options.optimizer.getByText('In use: parameters fitted to your reviews.')).toBeVisible();
  const stored = async () => ((await app.storedRecords(['deckOptions']))?.deckOptions ?? []) as { id: string; fsrsWeights?: number[]; previousFsrsWeights?: number[] | null }[];
  const preset = (await stored()).find((candidate) => candidate.id === 'default');
  expect(preset?.fsrsWeights).toHaveLength(21);
  expect(preset?.previousFsrsWeights).toBeNull();

  await options.goBackToPreviousParametersButton.click();
  await expect(options.optimizer.getByText('In use: the default parameters.')).toBeVisible();
  const restored = (await stored()).find((candidate) => candidate.id === 'default');
  expect(restored?.fsrsWeights).toBeUndefined();
  expect(restored?.previousFsrsWeights).toBeUndefined();
  await context.setOffline(false);
});


test('served with the host headers of public/_headers, the worker compiles the wasm and trains without a policy violation', async ({ page }) => {
  test.setTimeout(120_000);
  const headers = headersForAllPaths();
  expect(headers['Content-Security-Policy']).toContain("'wasm-unsafe-eval'");
  const server = await startStaticServer(resolve(process.env.BUILD_OUT_DIR ?? 'dist'), headers);
  const policyMessages: string[] = [];
  const onConsole = (message: { text(): string }) => {
    if (/Content Security Policy|wasm-unsafe-eval/i.test(message.text())) policyMessages.push(message.text());
  };
  page.on('console', onConsole);
  page.on('worker', (worker) => worker.on('console', onConsole));
  try {
    const app = new AppBrowser(page, server.url);
    const response = await app.goto('/');
    expect(response?.headers()['content-security-policy']).toBe(headers['Content-Security-Policy']);
    const home = new HomePage(page);
    // The built-in decks' cards must be there before a history is made for them (a loaded CI machine seeded none).
    await home.waitForDecks();
    expect(await seedHistory(app)).toBeGreaterThan(1000);
    await page.reload();
    const options = await home.openDeckOptions(RED_FLAGS);
    const workerStarted = page.waitForEvent('worker', (worker) => worker.url().includes('optimizer.worker'));
    await options.optimize();
    const worker = await workerStarted;
    // The worker's own response carries the policy too.
    const workerResponse = await page.request.get(worker.url());
    expect(workerResponse.headers()['content-security-policy']).toBe(headers['Content-Security-Policy']);
    // Without 'wasm-unsafe-eval' the worker could not compile the wasm, and the section would say so.
    const failure = options.optimizer.getByRole('alert');
    await expect(options.optimizerScores.or(failure)).toBeVisible({ timeout: 60_000 });
    await expect(failure).toHaveCount(0);
    await expect(options.optimizerScores).toBeVisible();
    expect(policyMessages).toEqual([]);
  } finally {
    await server.close();
  }
});

