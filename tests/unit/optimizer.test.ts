// The on-device optimizer's training, for real: fsrs-browser's wasm (the
// build the app's worker runs, single-threaded after initSync) trains on a
// seeded review history simulated from known FSRS-6 parameters, and the
// parameters it finds predict held-out cards better than the defaults, moving
// towards the true ones. The yardstick's memory replay (ts-fsrs, through the
// scheduler) predicts every answer as fsrs-rs does (the native
// @open-spaced-repetition/binding).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FSRSBinding, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding';
import type * as FsrsBrowser from 'fsrs-browser';
import { default_w } from 'ts-fsrs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../src/domain/ids';
import { evaluateParameters, flattenItems, itemReviews, trainingSetOf, type FsrsItem, type FsrsReview, type OptimizerLog } from '../../src/domain/optimizerInput';
import { memoryModelFor, type Memory } from '../../src/domain/scheduler';
import { CardState, DEFAULT_DECK_OPTIONS, Rating, type DeckOptions, type RatingValue } from '../../src/domain/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Midnight UTC: with the day starting at 4:00 UTC, answers at noon fall on one study day each. */
const START = Date.UTC(2025, 0, 1);
const DAYS = { dayStartHour: 4, timeZone: 'UTC' };

/** The "true" memory of the simulated learner: FSRS-6 parameters well away from the defaults. */
const TRUE_WEIGHTS = [
  0.9, 2.8, 6.5, 20, 5.8, 0.9, 2.2, 0.02, 1.35, 0.2, 0.75, 1.7, 0.09, 0.3, 1.4, 0.45, 2.4, 0.6, 0.15, 0.08, 0.35,
];
const TRUTH: DeckOptions = { ...DEFAULT_DECK_OPTIONS, fsrsWeights: TRUE_WEIGHTS };
const DEFAULTS: DeckOptions = { ...DEFAULT_DECK_OPTIONS };

/**
 * A seeded history: `cards` cards learned over the first 120 days, each
 * reviewed until day 360 at intervals scattered around what FSRS would
 * schedule (so recall varies), remembered with the probability the true
 * parameters give; an Again gets a relearning step the same day.
 */
function simulate(cards: number, seed: number): OptimizerLog[] {
  const random = seededRandom(seed);
  const truth = memoryModelFor(TRUTH, 0.9);
  const logs: OptimizerLog[] = [];
  for (let card = 0; card < cards; card += 1) {
    const cardId = `card-${card}`;
    let day = Math.floor(random() * 120);
    let minute = 0;
    const answer = (state: OptimizerLog['state'], rating: RatingValue) => {
      logs.push({ cardId, state, rating, reviewTime: START + day * DAY + 12 * HOUR + minute * 60_000 });
      minute += 10;
    };
    const u = random();
    const first: RatingValue = u < 0.15 ? Rating.Again : u < 0.25 ? Rating.Hard : u < 0.85 ? Rating.Good : Rating.Easy;
    answer(CardState.New, first);
    let memory: Memory = truth.initial(first);
    if (first <= Rating.Hard) {
      answer(CardState.Learning, Rating.Good);
      memory = truth.next(memory, 0, Rating.Good);
    }
    for (;;) {
      const interval = Math.max(1, Math.round(truth.intervalDays(memory.stability) * (0.5 + random() * 1.5)));
      if (day + interval > 360) break;
      day += interval;
      minute = 0;
      const recalled = random() < truth.recallProbability(interval, memory.stability);
      const v = random();
      const rating: RatingValue = !recalled ? Rating.Again : v < 0.12 ? Rating.Hard : v < 0.92 ? Rating.Good : Rating.Easy;
      answer(CardState.Review, rating);
      memory = truth.next(memory, interval, rating);
      if (rating === Rating.Again) {
        answer(CardState.Relearning, Rating.Good);
        memory = truth.next(memory, 0, Rating.Good);
      }
    }
  }
  return logs;
}

let fsrsBrowser: typeof FsrsBrowser;

beforeAll(async () => {
  // fsrs-browser's thread-pool helper listens for messages on `self` when it is imported: Node has no `self`.
  const global = globalThis as { self?: unknown };
  global.self ??= new EventTarget();
  fsrsBrowser = await import('fsrs-browser');
  const packageDir = dirname(createRequire(import.meta.url).resolve('fsrs-browser'));
  fsrsBrowser.initSync({ module: readFileSync(join(packageDir, 'fsrs_browser_bg.wasm')) });
});

/** fsrs-browser's training on `items` (short-term parameters on, as Anki trains). */
function train(items: readonly FsrsItem[]): number[] {
  const { ratings, deltaTs, lengths } = flattenItems(items);
  // It logs each epoch's loss with console.info.
  const quiet = vi.spyOn(console, 'info').mockImplementation(() => undefined);
  try {
    return Array.from(new fsrsBrowser.Fsrs().computeParameters(ratings, deltaTs, lengths, undefined, true));
  } finally {
    quiet.mockRestore();
  }
}

// Training takes seconds (more on a loaded CI machine): well over vitest's 5 s default.
describe('the optimizer on a history whose true parameters are known', { timeout: 120_000 }, () => {
  const { items } = trainingSetOf(simulate(1500, 20_260_310), DAYS);
  // Held out: every fifth card, all of its items.
  const isHeldOut = (item: FsrsItem) => Number(item.history.cardId.slice('card-'.length)) % 5 === 0;
  const trainItems = items.filter((item) => !isHeldOut(item));
  const testItems = items.filter(isHeldOut);

  it('trains parameters that predict held-out cards better than the defaults, towards the truth', () => {
    expect(trainItems.length).toBeGreaterThan(5000);
    expect(testItems.length).toBeGreaterThan(1000);
    const trained = train(trainItems);
    expect(trained).toHaveLength(21);
    expect(trained.every(Number.isFinite)).toBe(true);

    const byDefaults = evaluateParameters(DEFAULTS, testItems);
    const byTrained = evaluateParameters({ ...DEFAULT_DECK_OPTIONS, fsrsWeights: trained }, testItems);
    const byTruth = evaluateParameters(TRUTH, testItems);
    expect(byTrained.logLoss).toBeLessThan(byDefaults.logLoss);
    expect(byTrained.rmseBins).toBeLessThan(byDefaults.rmseBins);
    // A third of the way from the defaults to the truth, at least (fsrs-rs pulls towards the defaults on little data).
    expect(byDefaults.logLoss - byTrained.logLoss).toBeGreaterThan((byDefaults.logLoss - byTruth.logLoss) / 3);
    // The first-answer stabilities of Hard, Good and Easy move from the defaults towards the truth.
    for (const rating of [1, 2, 3]) {
      const [trainedWeight, trueWeight, defaultWeight] = [trained[rating] ?? 0, TRUE_WEIGHTS[rating] ?? 0, default_w[rating] ?? 0];
      expect(Math.abs(trainedWeight - trueWeight), `w${rating}`).toBeLessThan(Math.abs(defaultWeight - trueWeight));
    }
  });

  it('gives the same parameters on every run (seeded history, deterministic training)', () => {
    const sample = trainItems.slice(0, 2000);
    expect(train(sample)).toEqual(train(sample));
  });

  it('predicts each held-out answer as fsrs-rs does (the native @open-spaced-repetition/binding)', () => {
    // Either side's log loss on one item (or copies of it) whose answer was recalled is -ln(predicted recall).
    const asRecalled = (item: FsrsItem): FsrsReview[] => itemReviews(item).map((review, index) => (index === item.length - 1 ? { ...review, rating: Rating.Good } : review));
    const native = new FSRSBinding([...TRUE_WEIGHTS]);
    const nativeRecall = (reviews: FsrsReview[]) => {
      const item = new FSRSBindingItem(reviews.map((review) => new FSRSBindingReview(review.rating, review.deltaT)));
      // The binding refuses fewer than 20 items.
      return Math.exp(-native.evaluate(Array.from({ length: 20 }, () => item)).logLoss);
    };
    const ourRecall = (reviews: FsrsReview[]) =>
      Math.exp(-evaluateParameters(TRUTH, [{ history: { cardId: 'x', reviews, reviewTimes: [] }, length: reviews.length }]).logLoss);
    const sample = testItems.filter((_, index) => index % 10 === 0).map(asRecalled);
    expect(sample.length).toBeGreaterThan(100);
    for (const reviews of sample) expect(ourRecall(reviews)).toBeCloseTo(nativeRecall(reviews), 4);
  });
});
