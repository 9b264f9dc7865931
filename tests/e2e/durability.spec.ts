/**
 * An answer is saved once the next card is on screen: answer Good, and in
 * the animation frame that paints the next card (0 ms), or 5, 20, 100 ms
 * later, reload the page, close the tab or SIGKILL the browser. After
 * reopening, every answer must be in IndexedDB and every card must agree
 * with its logs. Trials of 20 ms and more also check, in that frame, that
 * the answer's write was already issued (a read begun then must see it).
 * Runs in its own persistent Chromium profile (a temp dir), so the data
 * outlives the killed browser; a summary table goes to the console.
 *
 *   npx vite build --outDir dist-e2e-dur
 *   BUILD_OUT_DIR=dist-e2e-dur E2E_PORT=4393 npx playwright test tests/e2e/durability.spec.ts
 */
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, resolveChromium } from '../helpers/chromium';
import { CardQueue } from '../../src/domain/types';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';
import { ReviewPage } from './pages/ReviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { cardLogProblems } from './pages/reviewInvariants';

const ENDINGS = ['reload', 'close', 'kill'] as const;
type Ending = (typeof ENDINGS)[number];
const DELAYS_MS = [0, 5, 20, 100] as const;
/** Trials of each ending at each delay (0 ms, where answers are most at risk, gets more). */
const TRIALS_PER_CELL = 5;
const TRIALS_AT_ZERO: Record<Ending, number> = { reload: 10, close: 10, kill: 20 };
/** Cards of a generated deck, so the session never runs out of new cards. */
const EXTRA_CARDS = 100;
/** Trials with at least this delay check, in the frame, that the answer's write was already issued. */
const PROBE_FROM_DELAY_MS = 20;
/** How long a reopened app may take to write answers an earlier page left pending. */
const REOPEN_SETTLE_MS = 1_500;

interface Trial {
  ending: Ending;
  delayMs: number;
}

/** The trials, interleaved round by round so no ending or delay runs in a block of its own. */
function trials(): Trial[] {
  const all: Trial[] = [];
  const rounds = Math.max(TRIALS_PER_CELL, ...Object.values(TRIALS_AT_ZERO));
  for (let round = 0; round < rounds; round += 1) {
    for (const ending of ENDINGS) {
      for (const delayMs of DELAYS_MS) {
        if (round < (delayMs === 0 ? TRIALS_AT_ZERO[ending] : TRIALS_PER_CELL)) all.push({ ending, delayMs });
      }
    }
  }
  return all;
}

/** The main browser process of the Chromium using `userDataDir` (its helpers carry `--type=`). */
function browserPid(userDataDir: string): number {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const pids = lines
    .filter((line) => line.includes(`--user-data-dir=${userDataDir}`) && !line.includes('--type=') && !line.includes('crashpad'))
    .map((line) => Number.parseInt(line.trim(), 10));
  if (pids.length !== 1) throw new Error(`Expected one browser process for ${userDataDir}, found ${pids.length}:\n${lines.join('\n')}`);
  return pids[0]!;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What the frame that painted the next card saw (see `watchForNextCard`). */
interface Painted {
  /** Review logs a read-only transaction begun in that frame counted (null without a probe). */
  logsSeenInFrame: number | null;
  /** How long ago that frame was when the test heard of it, in ms. */
  msSinceFrame: number;
}

/** Where the probe's own connection waits on `window`, opened before the tap so the frame can begin its read at once. */
const PROBE_KEY = 'durabilityProbe';

/**
 * Started before the tap on Good: resolves in the first animation frame that
 * paints the next card (its question differs from `previous`, is rendered,
 * and "Show answer" is back), the moment the user believes the answer is
 * saved. With a probe connection open, that frame also begins a read-only
 * transaction on the logs: IndexedDB runs it after every read-write
 * transaction issued before it, so it counts the answer only if the answer's
 * write was issued before the frame (deterministic, unlike a kill's race).
 */
function watchForNextCard(page: Page, previous: string): Promise<Painted> {
  return page.evaluate(
    ({ previousQuestion, probeKey }) =>
      new Promise<Painted>((resolve, reject) => {
        const giveUp = setTimeout(() => reject(new Error(`The next card never appeared after "${previousQuestion}".`)), 10_000);
        const check = () => {
          // The card's question region (ReviewPage.question), found by role and name in the frame itself.
          const front = document.querySelector<HTMLElement>('article [role="region"][aria-label="Question"]');
          const showAnswer = [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Show answer');
          if (!front || front.getAttribute('aria-busy') === 'true' || !showAnswer || front.innerText.trim() === previousQuestion) {
            requestAnimationFrame(check);
            return;
          }
          clearTimeout(giveUp);
          const frameAt = performance.now();
          const probe = Reflect.get(window, probeKey) as IDBDatabase | undefined;
          if (!probe) {
            resolve({ logsSeenInFrame: null, msSinceFrame: 0 });
            return;
          }
          Reflect.deleteProperty(window, probeKey);
          const count = probe.transaction('reviews', 'readonly').objectStore('reviews').count();
          count.onsuccess = () => {
            probe.close();
            resolve({ logsSeenInFrame: count.result, msSinceFrame: performance.now() - frameAt });
          };
          count.onerror = () => {
            probe.close();
            reject(count.error ?? new Error('the probe could not count the logs'));
          };
        };
        requestAnimationFrame(check);
      }),
    { previousQuestion: previous, probeKey: PROBE_KEY },
  );
}

test('every answer survives a reload, a closed tab or a killed browser right after the next card appears', async () => {
  // Several browsers are started and killed: a loaded machine needs minutes.
  test.setTimeout(480_000);
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error('The Playwright config gives no baseURL.');
  const executablePath = await resolveChromium();
  const userDataDir = await mkdtemp(join(tmpdir(), 'fc-durability-'));

  let context: BrowserContext | null = null;
  let page!: Page;
  let pid = 0;
  const launch = async () => {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
      baseURL,
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'allow',
    });
    page = context.pages()[0] ?? (await context.newPage());
    pid = browserPid(userDataDir);
  };
  const review = () => new ReviewPage(page);
  const app = () => new AppBrowser(page);
  /** The review screen is up again: a card to study (or, if the cards ran out, the end of the session). */
  const reviewScreenReady = async () => {
    await expect(review().cardOrDone).toBeVisible({ timeout: 15_000 });
  };

  try {
    await launch();

    // First visit: the built-in decks install; then enough new cards a day for every trial.
    await new HomePage(page).open();
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.setNewCardsPerDay(9999);
    await expect.poll(() => app().storedNewPerDay()).toBe(9999);
    const importer = new ImportPage(page);
    await importer.open();
    const rows = Array.from({ length: EXTRA_CARDS }, (_, index) => `Durability question ${index + 1}?,Answer ${index + 1}`);
    await importer.chooseText('durability-extra.csv', 'text/csv', ['Front,Back', ...rows].join('\n'));
    await expect(importer.deckNameField).toHaveValue('durability-extra');
    await importer.confirm();

    const plan = trials();
    const { cards, logs } = await app().storedReviews();
    expect(logs).toHaveLength(0);
    // Good moves a new card to learning for 10 minutes, so no card comes back during the test.
    expect(cards.filter((card) => card.queue === CardQueue.New).length).toBeGreaterThanOrEqual(plan.length + 10);

    await review().open('/study/all');
    await reviewScreenReady();

    let answers = 0;
    let probes = 0;
    let notIssuedBeforeFrame = 0;
    let storedCount = 0;
    const lost = new Map<string, number>();
    const runs = new Map<string, number>();
    const problems: string[] = [];
    const startedAt = Date.now();

    for (const [index, { ending, delayMs }] of plan.entries()) {
      const cell = `${ending}@${delayMs}`;
      await expect(review().showAnswerButton).toBeVisible();
      const question = await review().questionText();
      await review().reveal();
      // The probe's read takes a moment, so only trials that wait anyway carry one.
      const isProbed = delayMs >= PROBE_FROM_DELAY_MS;
      if (isProbed) await app().openConnection(PROBE_KEY);
      const painted = watchForNextCard(page, question);
      await review().answer('Good');
      answers += 1;
      const { logsSeenInFrame, msSinceFrame } = await painted;
      const wait = delayMs - msSinceFrame;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (isProbed) {
        probes += 1;
        if (logsSeenInFrame !== storedCount + 1) {
          notIssuedBeforeFrame += 1;
          problems.push(`trial ${index + 1} (${ending}, ${delayMs} ms, "${question}"): the frame showing the next card saw ${logsSeenInFrame} logs, not ${storedCount + 1} (the answer's write was not issued before that frame)`);
        }
      }

      if (ending === 'reload') {
        await page.reload();
      } else if (ending === 'close') {
        await page.close();
        page = await context!.newPage();
        await review().open('/study/all');
      } else {
        const closed = context!.waitForEvent('close');
        process.kill(pid, 'SIGKILL');
        await closed;
        await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false);
        context = null;
        await launch();
        await review().open('/study/all');
      }
      await reviewScreenReady();

      // The reopened app may first write what the closed page left pending.
      const expected = storedCount + 1;
      const deadline = Date.now() + REOPEN_SETTLE_MS;
      let count = await app().storedLogCount();
      while (count < expected && Date.now() < deadline) {
        await page.waitForTimeout(50);
        count = await app().storedLogCount();
      }
      runs.set(cell, (runs.get(cell) ?? 0) + 1);
      lost.set(cell, (lost.get(cell) ?? 0) + (expected - count));
      if (count !== expected) problems.push(`trial ${index + 1} (${ending}, ${delayMs} ms, "${question}"): ${count} logs stored, expected ${expected}`);
      storedCount = count;
      for (const problem of cardLogProblems(await app().storedReviews())) problems.push(`after trial ${index + 1}: ${problem}`);
    }

    const final = await app().storedReviews();
    const header = `ending \\ delay | ${DELAYS_MS.map((delay) => `${delay} ms`.padStart(10)).join(' | ')}`;
    const table = [
      `Answers lost (lost/answered), ${answers} answers in ${Math.round((Date.now() - startedAt) / 1000)} s:`,
      header,
      ...ENDINGS.map(
        (ending) =>
          `${ending.padEnd(14)} | ${DELAYS_MS.map((delay) => `${lost.get(`${ending}@${delay}`) ?? 0}/${runs.get(`${ending}@${delay}`) ?? 0}`.padStart(10)).join(' | ')}`,
      ),
      `stored logs at the end: ${final.logs.length} of ${answers} answers`,
      `answers whose write was not issued before the frame showing the next card: ${notIssuedBeforeFrame} of ${probes} probed`,
      ...problems.map((problem) => `  ${problem}`),
    ].join('\n');
    console.log(table);

    expect(final.logs.length, table).toBe(answers);
    expect(cardLogProblems(final), table).toEqual([]);
    expect(problems, table).toEqual([]);
  } finally {
    const open = context as BrowserContext | null;
    if (open) await open.close().catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true });
  }
});
