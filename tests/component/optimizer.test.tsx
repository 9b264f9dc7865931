// The deck options' optimizer section against the real Dexie (fake
// IndexedDB): with too few reviews it says how many more are needed; with a
// history it trains for real (the same job the worker runs, on the page with
// fsrs-browser's wasm: happy-dom has no workers), shows both scores, writes
// the preset when the new parameters are applied, says when the current
// ones are already as good, and goes back to the previous parameters.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initSync, type InitOutput } from 'fsrs-browser';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../src/domain/ids';
import { answerCard, memoryModelFor, toSnapshot, type Memory } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID, Rating, type CardStateValue, type RatingValue, type ReviewLogRecord } from '../../src/domain/types';
import { fsrsTrainer, runOptimization } from '../../src/features/optimizer/optimizeJob';
import { OptimizerSection } from '../../src/features/optimizer/OptimizerSection';
import type { OptimizerRunner } from '../../src/features/optimizer/runOptimizer';
import { getDeckOptions, mergeDeckFiles, ownOptionsIdOf, recordReview, setOwnDeckOptions, updateDeckOptions } from '../../src/storage';
import { applyFsrsWeights, presetReviewCount, readPresetLogs, restorePreviousFsrsWeights } from '../../src/storage/optimizer';
import { deckOptionsPath } from '../../src/ui/paths';
import { freshAppForEachTest } from '../helpers/componentApp';
import { DAY, FIXED_NOW, MINUTE, appDatabase, cardRecord, smallDeckFile } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';

const DECK_ID = 'history';
const CARDS = 300;

freshAppForEachTest();

let wasm: InitOutput;
beforeAll(() => {
  const packageDir = dirname(createRequire(import.meta.url).resolve('fsrs-browser'));
  wasm = initSync({ module: readFileSync(join(packageDir, 'fsrs_browser_bg.wasm')) });
});

/** The worker's job, run on the page with the real wasm. */
const onThePage: OptimizerRunner = (request, onProgress) => ({
  done: runOptimization(request, { database: appDatabase(), trainer: fsrsTrainer(wasm), onProgress }),
  cancel: () => undefined,
});

/**
 * A year of answers to `CARDS` cards of a deck on the shared preset, written
 * straight into the log: intervals scattered around what FSRS schedules,
 * recalled with the chance a learner whose memory is not the defaults' has.
 */
async function seedHistory(): Promise<number> {
  await mergeDeckFiles([smallDeckFile(DECK_ID, CARDS)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - 400 * DAY });
  const truth = memoryModelFor({ ...DEFAULT_DECK_OPTIONS, fsrsWeights: [0.9, 2.8, 6.5, 20, 5.8, 0.9, 2.2, 0.02, 1.35, 0.2, 0.75, 1.7, 0.09, 0.3, 1.4, 0.45, 2.4, 0.6, 0.15, 0.08, 0.35] }, 0.9);
  const random = seededRandom(17);
  const logs: (ReviewLogRecord & { id: string })[] = [];
  for (let index = 1; index <= CARDS; index += 1) {
    const card = cardRecord(DECK_ID, `${DECK_ID}-${index}`, index);
    let at = FIXED_NOW - 380 * DAY + Math.floor(random() * 60) * DAY;
    const answer = (state: CardStateValue, rating: RatingValue) =>
      logs.push({
        ...toSnapshot(card),
        id: `log-${String(logs.length).padStart(6, '0')}`,
        cardId: card.id,
        noteId: card.noteId,
        deckId: DECK_ID,
        rating,
        state,
        lastElapsedDays: 0,
        reviewTime: at,
        durationMs: 5000,
        day: studyDayOf(at, 4),
        before: toSnapshot(card),
      });
    const first: RatingValue = random() < 0.3 ? Rating.Again : Rating.Good;
    answer(CardState.New, first);
    let memory: Memory = truth.initial(first);
    for (;;) {
      const interval = Math.max(1, Math.round(truth.intervalDays(memory.stability) * (0.5 + random() * 1.5)));
      at += interval * DAY;
      if (at > FIXED_NOW - DAY) break;
      const rating = random() < truth.recallProbability(interval, memory.stability) ? Rating.Good : Rating.Again;
      answer(CardState.Review, rating);
      memory = truth.next(memory, interval, rating);
    }
  }
  await appDatabase().reviews.bulkAdd(logs);
  return logs.length;
}

describe('the optimizer section', () => {
  it('says how many more reviews are needed while the preset has too few', async () => {
    const [card] = await appDatabase().cards.toArray();
    if (!card) throw new Error('no built-in card');
    for (const [offset, rating] of [[0, Rating.Good], [MINUTE, Rating.Good], [2 * MINUTE, Rating.Again]] as const) {
      const stored = (await appDatabase().cards.get(card.id)) ?? card;
      const { card: next, log } = answerCard(stored, rating, DEFAULT_DECK_OPTIONS, { nowMs: FIXED_NOW - DAY + offset, durationMs: 1000, day: 0 });
      await recordReview(next, { ...log, day: studyDayOf(log.reviewTime, 4) });
    }
    renderAppAt(deckOptionsPath(card.deckId));

    const section = await screen.findByRole('region', { name: 'Optimize FSRS parameters' });
    expect(await within(section).findByText('These decks have 3 reviews.')).toBeVisible();
    expect(within(section).getByText('397 more reviews needed.')).toBeVisible();
    expect(within(section).getByText('In use: the default parameters.')).toBeVisible();
    expect(within(section).queryByRole('button', { name: 'Optimize' })).toBeNull();
  });

  it('trains on the preset’s reviews, applies the better parameters, then finds them as good, and goes back', async () => {
    const reviews = await seedHistory();
    const user = userEvent.setup();
    render(<OptimizerSection presetId={DEFAULT_OPTIONS_ID} runner={onThePage} />);
    expect(await screen.findByText(`These decks have ${reviews.toLocaleString('en')} reviews.`)).toBeVisible();

    // The wasm logs each epoch with console.info (the job reads its progress there).
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Optimize' }));
    const table = await screen.findByRole('table', {}, { timeout: 20_000 });
    const [, currentRow, newRow] = within(table).getAllByRole('row');
    expect(currentRow).toHaveTextContent(/^Current\d\.\d{4}\d+\.\d{2}%$/);
    expect(newRow).toHaveTextContent(/^New\d\.\d{4}\d+\.\d{2}%$/);
    expect(screen.getByText('The new parameters predict your memory better.')).toBeVisible();
    // The run is noted (it is offered again after ~1,000 reviews or 30 days), nothing applied yet.
    await waitFor(async () => expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).optimizedAt).toBe(FIXED_NOW));
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).fsrsWeights).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Use the new parameters' }));
    await waitFor(async () => expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).fsrsWeights).toHaveLength(21));
    const applied = await getDeckOptions(DEFAULT_OPTIONS_ID);
    expect(applied.previousFsrsWeights).toBeNull();
    expect(applied.reviewsAtOptimize).toBe(reviews);
    expect(await screen.findByText('The new parameters are in use: your next answers are scheduled with them.')).toBeVisible();
    expect(screen.getByText('In use: parameters fitted to your reviews.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Use the new parameters' })).toBeNull();

    // Again on the same reviews: the parameters in use are the ones it finds.
    await user.click(screen.getByRole('button', { name: 'Optimize' }));
    expect(await screen.findByText('Your current parameters are already as good: nothing to change.', {}, { timeout: 20_000 })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Use the new parameters' })).toBeNull();
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).fsrsWeights).toEqual(applied.fsrsWeights);

    await user.click(screen.getByRole('button', { name: 'Go back to the previous parameters' }));
    await waitFor(async () => expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).fsrsWeights).toBeUndefined());
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).previousFsrsWeights).toBeUndefined();
    expect(await screen.findByText('The previous parameters are in use again.')).toBeVisible();
    expect(screen.getByText('In use: the default parameters.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Go back to the previous parameters' })).toBeNull();
  }, 40_000);

  it('with enough reviews but too few that count for training, reads them and says how many more are needed', async () => {
    // 150 cards: a first answer and a learning step the same day, one review the next day: 450 reviews, 150 training items.
    await mergeDeckFiles([smallDeckFile(DECK_ID, 150)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - 10 * DAY });
    const logs: (ReviewLogRecord & { id: string })[] = [];
    for (let index = 1; index <= 150; index += 1) {
      const card = cardRecord(DECK_ID, `${DECK_ID}-${index}`, index);
      const steps: [CardStateValue, number][] = [[CardState.New, 0], [CardState.Learning, 10 * MINUTE], [CardState.Review, DAY]];
      for (const [state, offset] of steps) {
        const at = FIXED_NOW - 5 * DAY + offset;
        logs.push({ ...toSnapshot(card), id: `log-${String(logs.length).padStart(6, '0')}`, cardId: card.id, noteId: card.noteId, deckId: DECK_ID, rating: Rating.Good, state, lastElapsedDays: 0, reviewTime: at, durationMs: 1000, day: studyDayOf(at, 4), before: toSnapshot(card) });
      }
    }
    await appDatabase().reviews.bulkAdd(logs);
    const user = userEvent.setup();
    render(<OptimizerSection presetId={DEFAULT_OPTIONS_ID} runner={onThePage} />);
    expect(await screen.findByText('These decks have 450 reviews.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Optimize' }));
    expect(await screen.findByText(/^Only 150 of your reviews count for training/)).toBeVisible();
    expect(screen.getByText('250 more reviews needed.')).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).optimizedAt).toBeUndefined();
  });

  it('offers the optimizer again after 30 days or 1,000 new reviews', async () => {
    const reviews = await seedHistory();
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { optimizedAt: FIXED_NOW - 31 * DAY, reviewsAtOptimize: reviews - 10 });
    render(<OptimizerSection presetId={DEFAULT_OPTIONS_ID} runner={onThePage} />);
    expect(await screen.findByText('Time to optimize again: more than 30 days since the last time.')).toBeVisible();
    expect(screen.getByText(/^Last optimized on Feb 7, 2026; 10 reviews since\.$/)).toBeVisible();

    await updateDeckOptions(DEFAULT_OPTIONS_ID, { optimizedAt: FIXED_NOW - 2 * DAY, reviewsAtOptimize: reviews - 1000 });
    expect(await screen.findByText('Time to optimize again: 1,000 new reviews since the last time.')).toBeVisible();

    await updateDeckOptions(DEFAULT_OPTIONS_ID, { reviewsAtOptimize: reviews - 999 });
    await waitFor(() => expect(screen.queryByText(/^Time to optimize again/)).toBeNull());
    expect(screen.getByText('Last optimized on Mar 8, 2026; 999 reviews since.')).toBeVisible();
  });

  it('shows the progress while a run goes on, and Cancel stops it without changing anything', async () => {
    await seedHistory();
    const cancel = vi.fn();
    let report: ((progress: Parameters<Parameters<OptimizerRunner>[1]>[0]) => void) | undefined;
    const neverDone: OptimizerRunner = (_request, onProgress) => {
      report = onProgress;
      return { done: new Promise(() => undefined), cancel };
    };
    const user = userEvent.setup();
    render(<OptimizerSection presetId={DEFAULT_OPTIONS_ID} runner={neverDone} />);
    await user.click(await screen.findByRole('button', { name: 'Optimize' }));
    await waitFor(() => expect(report).toBeDefined());
    report?.({ stage: 'training', done: 2, total: 5 });
    const bar = await screen.findByRole('progressbar', { name: 'Optimizing' });
    await waitFor(() => expect(bar).toHaveAttribute('value', '50'));
    expect(screen.getByText('Training on your reviews…')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledOnce();
    expect(await screen.findByText('Optimization cancelled. Nothing was changed.')).toBeVisible();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).optimizedAt).toBeUndefined();
  });
});

describe('storage for the optimizer', () => {
  it('reads the answers of the cards now in the preset’s decks, suspended cards left out, and counts the decks’ reviews', async () => {
    const reviews = await seedHistory();
    const first = (await appDatabase().cards.toArray()).find((card) => card.deckId === DECK_ID);
    if (!first) throw new Error('no seeded card');
    await appDatabase().cards.update(first.id, { queue: CardQueue.Suspended });
    const logsOf = async (presetId: string) => readPresetLogs(appDatabase(), presetId);
    const all = await logsOf(DEFAULT_OPTIONS_ID);
    const suspendedAnswers = (await appDatabase().reviews.toArray()).filter((log) => log.cardId === first.id).length;
    expect(suspendedAnswers).toBeGreaterThan(0);
    expect(all).toHaveLength(reviews - suspendedAnswers);
    expect(all.some((log) => log.cardId === first.id)).toBe(false);
    expect(await presetReviewCount(DEFAULT_OPTIONS_ID)).toBe(reviews);

    // The deck on a preset of its own: the shared one has none of its answers any more.
    await setOwnDeckOptions(DECK_ID, true);
    expect(await logsOf(DEFAULT_OPTIONS_ID)).toEqual([]);
    expect(await presetReviewCount(DEFAULT_OPTIONS_ID)).toBe(0);
    expect(await logsOf(ownOptionsIdOf(DECK_ID))).toHaveLength(reviews - suspendedAnswers);
    expect(await presetReviewCount(ownOptionsIdOf(DECK_ID))).toBe(reviews);
  });

  it('keeps the parameters in use when it applies new ones, and puts them back once', async () => {
    const first = Array.from({ length: 21 }, (_, index) => index / 10);
    const second = first.map((weight) => weight + 0.05);
    await applyFsrsWeights(DEFAULT_OPTIONS_ID, first, { nowMs: FIXED_NOW, reviewCount: 500 });
    await applyFsrsWeights(DEFAULT_OPTIONS_ID, second, { nowMs: FIXED_NOW + DAY, reviewCount: 1600 });
    expect(await getDeckOptions(DEFAULT_OPTIONS_ID)).toMatchObject({ fsrsWeights: second, previousFsrsWeights: first, optimizedAt: FIXED_NOW + DAY, reviewsAtOptimize: 1600 });
    await restorePreviousFsrsWeights(DEFAULT_OPTIONS_ID);
    const restored = await getDeckOptions(DEFAULT_OPTIONS_ID);
    expect(restored.fsrsWeights).toEqual(first);
    expect(restored.previousFsrsWeights).toBeUndefined();
    // Nothing more to go back to: unchanged.
    await restorePreviousFsrsWeights(DEFAULT_OPTIONS_ID);
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).fsrsWeights).toEqual(first);
  });
});
