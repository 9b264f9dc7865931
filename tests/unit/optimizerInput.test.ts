// The optimizer's input is built with Anki's filtering for training (rslib
// scheduler/fsrs/params.rs, reviews_for_fsrs), on hand-made logs whose
// answers are known; day boundaries follow the day start hour and the time
// zone (New York here, whatever zone the tests run in).
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  evaluateParameters,
  flattenItems,
  itemReviews,
  MIN_TRAINING_ITEMS,
  OFFER_AGAIN_AFTER_DAYS,
  OFFER_AGAIN_AFTER_REVIEWS,
  optimizeAgainReason,
  reviewsStillNeeded,
  trainingSetOf,
  type FsrsItem,
  type OptimizerLog,
} from '../../src/domain/optimizerInput';
import { memoryModelFor } from '../../src/domain/scheduler';
import { CardState, DEFAULT_DECK_OPTIONS, Rating, type CardStateValue, type RatingValue } from '../../src/domain/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NEW_YORK = { dayStartHour: 4, timeZone: 'America/New_York' };
/** 2026-01-05 10:00 in New York (EST, UTC-5): a Monday far from any DST change. */
const T0 = Date.UTC(2026, 0, 5, 15);

const { New, Learning, Review, Relearning } = CardState;
const { Again, Hard, Good, Easy } = Rating;

function log(cardId: string, state: CardStateValue, rating: RatingValue, reviewTime: number): OptimizerLog {
  return { cardId, state, rating, reviewTime };
}

/** Items as [rating, deltaT] pairs, easy to read in expectations. */
function pairs(items: readonly FsrsItem[]): [number, number][][] {
  return items.map((item) => itemReviews(item).map((review): [number, number] => [review.rating, review.deltaT]));
}

describe('trainingSetOf: Anki’s filtering', () => {
  it('turns a card’s answers into one item per answer on a later day, with whole days between study days', () => {
    const logs = [
      log('a', New, Good, T0),
      log('a', Learning, Good, T0 + 10 * 60_000),
      log('a', Review, Good, T0 + 2 * DAY),
      log('a', Review, Hard, T0 + 9 * DAY),
      log('a', Review, Again, T0 + 30 * DAY),
      log('a', Relearning, Good, T0 + 30 * DAY + 10 * 60_000),
      log('a', Review, Easy, T0 + 33 * DAY),
    ];
    const set = trainingSetOf(logs, NEW_YORK);
    expect(pairs(set.items)).toEqual([
      [[3, 0], [3, 0], [3, 2]],
      [[3, 0], [3, 0], [3, 2], [2, 7]],
      [[3, 0], [3, 0], [3, 2], [2, 7], [1, 21]],
      // The relearning step the same day is history, never a target.
      [[3, 0], [3, 0], [3, 2], [2, 7], [1, 21], [3, 0], [4, 3]],
    ]);
    expect(set.cards).toBe(1);
    expect(set.reviews).toBe(7);
  });

  it('drops the history before the first learning step: answers from before the card was reset to new', () => {
    const logs = [
      // Studied, then reset to new on day 20 ("reset to new" writes no log: the next answer finds the card New).
      log('reset', New, Good, T0),
      log('reset', Learning, Good, T0 + 10 * 60_000),
      log('reset', Review, Good, T0 + 3 * DAY),
      log('reset', Review, Again, T0 + 10 * DAY),
      log('reset', New, Again, T0 + 20 * DAY),
      log('reset', Learning, Good, T0 + 20 * DAY + 60_000),
      log('reset', Review, Good, T0 + 22 * DAY),
    ];
    const set = trainingSetOf(logs, NEW_YORK);
    expect(pairs(set.items)).toEqual([[[1, 0], [3, 0], [3, 2]]]);
    expect(set.reviews).toBe(3);
  });

  it('leaves out cards learned before the log began, and cards with no answer on a later day', () => {
    const logs = [
      // Its first answer found it already in review: its first rating is unknown.
      log('old', Review, Good, T0),
      log('old', Review, Good, T0 + 5 * DAY),
      log('old', Relearning, Good, T0 + 5 * DAY + 600_000),
      log('old', Review, Good, T0 + 15 * DAY),
      // Learned today, not seen again yet.
      log('today', New, Good, T0),
      log('today', Learning, Good, T0 + 600_000),
      // Answered once.
      log('once', New, Easy, T0),
      // A card with a first learning step and one later review counts.
      log('kept', New, Good, T0 + HOUR),
      log('kept', Review, Good, T0 + DAY + HOUR),
    ];
    const set = trainingSetOf(logs, NEW_YORK);
    expect(set.items.map((item) => item.history.cardId)).toEqual(['kept']);
    expect(set.cards).toBe(1);
    expect(set.reviews).toBe(2);
  });

  it('counts answers before the day start hour to the previous study day', () => {
    // 22:00 on Jan 5 and 03:30 on Jan 6 in New York: one study day with the day starting at 4:00, two at midnight.
    const evening = Date.UTC(2026, 0, 6, 3);
    const night = Date.UTC(2026, 0, 6, 8, 30);
    const logs = [log('c', New, Good, evening), log('c', Review, Good, night), log('c', Review, Good, night + DAY)];
    expect(pairs(trainingSetOf(logs, NEW_YORK).items)).toEqual([[[3, 0], [3, 0], [3, 1]]]);
    expect(pairs(trainingSetOf(logs, { dayStartHour: 0, timeZone: 'America/New_York' }).items)).toEqual([
      [[3, 0], [3, 1]],
      [[3, 0], [3, 1], [3, 1]],
    ]);
  });

  it('counts study days, not 24-hour spans, across the DST changes', () => {
    // 2026-03-08 02:00 EST -> 03:00 EDT. Sat 05:00 EST (10:00Z), Sun 04:30 EDT (08:30Z, 22.5 h later),
    // Mon 04:10 EDT (08:10Z, 23 h 40 min later): a study day each.
    const spring = [log('s', New, Good, Date.UTC(2026, 2, 7, 10)), log('s', Review, Good, Date.UTC(2026, 2, 8, 8, 30)), log('s', Review, Good, Date.UTC(2026, 2, 9, 8, 10))];
    expect(pairs(trainingSetOf(spring, NEW_YORK).items).at(-1)).toEqual([[3, 0], [3, 1], [3, 1]]);
    // 2026-11-01 02:00 EDT -> 01:00 EST. Sat 04:05 EDT (08:05Z) and Sun 03:55 EST (08:55Z, 24 h 50 min later):
    // the same study day (before Sunday's 4:00); then Sun 04:05 EST (09:05Z) is the next one.
    const autumn = [log('f', New, Good, Date.UTC(2026, 9, 31, 8, 5)), log('f', Review, Good, Date.UTC(2026, 10, 1, 8, 55)), log('f', Review, Good, Date.UTC(2026, 10, 1, 9, 5))];
    expect(pairs(trainingSetOf(autumn, NEW_YORK).items)).toEqual([[[3, 0], [3, 0], [3, 1]]]);
  });

  it('reads the logs in any order and orders the items by the time of their last answer', () => {
    const logs = [
      log('b', Review, Good, T0 + 5 * DAY),
      log('a', Review, Good, T0 + 7 * DAY),
      log('b', New, Good, T0 + DAY),
      log('a', New, Good, T0),
      log('a', Review, Good, T0 + 2 * DAY),
    ];
    const set = trainingSetOf(logs, NEW_YORK);
    expect(set.items.map((item) => [item.history.cardId, item.length])).toEqual([
      ['a', 2],
      ['b', 2],
      ['a', 3],
    ]);
    expect(set.cards).toBe(2);
    expect(set.reviews).toBe(5);
  });

  it('says how many more reviews training needs', () => {
    expect(MIN_TRAINING_ITEMS).toBe(400);
    expect(reviewsStillNeeded(0)).toBe(400);
    expect(reviewsStillNeeded(399)).toBe(1);
    expect(reviewsStillNeeded(400)).toBe(0);
    expect(reviewsStillNeeded(5000)).toBe(0);
    const logs = Array.from({ length: 150 }, (_, card) => [log(`c${card}`, New, Good, T0), log(`c${card}`, Review, Good, T0 + 2 * DAY), log(`c${card}`, Review, Good, T0 + 9 * DAY)]).flat();
    const set = trainingSetOf(logs, NEW_YORK);
    expect(set.items).toHaveLength(300);
    expect(reviewsStillNeeded(set.items.length)).toBe(100);
  });
});

describe('flattenItems', () => {
  it('lays out every item’s answers one after another, as fsrs-browser reads them', () => {
    const logs = [log('a', New, Good, T0), log('a', Review, Again, T0 + 2 * DAY), log('a', Relearning, Good, T0 + 3 * DAY), log('b', New, Easy, T0 + HOUR), log('b', Review, Good, T0 + 4 * DAY)];
    const { ratings, deltaTs, lengths } = flattenItems(trainingSetOf(logs, NEW_YORK).items);
    expect([...lengths]).toEqual([2, 3, 2]);
    expect([...ratings]).toEqual([3, 1, 3, 1, 3, 4, 3]);
    expect([...deltaTs]).toEqual([0, 2, 0, 2, 1, 0, 4]);
  });
});

describe('evaluateParameters', () => {
  it('weighs recent items more and scores the recall the scheduler’s model predicts', () => {
    const logs = [log('a', New, Good, T0), log('a', Review, Good, T0 + 3 * DAY), log('b', New, Hard, T0 + HOUR), log('b', Review, Again, T0 + 10 * DAY + HOUR)];
    const { items } = trainingSetOf(logs, NEW_YORK);
    const model = memoryModelFor(DEFAULT_DECK_OPTIONS, DEFAULT_DECK_OPTIONS.desiredRetention);
    const recalledA = model.recallProbability(3, model.initial(Good).stability);
    const recalledB = model.recallProbability(10, model.initial(Hard).stability);
    // Oldest item weight 0.25, newest 1.
    const expected = -(0.25 * Math.log(recalledA) + 1 * Math.log(1 - recalledB)) / 1.25;
    const score = evaluateParameters(DEFAULT_DECK_OPTIONS, items);
    expect(score.logLoss).toBeCloseTo(expected, 10);
    // Two bins (3 days and 10 days apart), one item each.
    expect(score.rmseBins).toBeCloseTo(Math.sqrt((0.25 * (recalledA - 1) ** 2 + 1 * recalledB ** 2) / 1.25), 10);
  });

  it('scores a preset’s own parameters, not the defaults', () => {
    const logs = Array.from({ length: 40 }, (_, card) => [log(`c${card}`, New, Good, T0 + card * HOUR), log(`c${card}`, Review, card % 4 === 0 ? Again : Good, T0 + 5 * DAY + card * HOUR)]).flat();
    const { items } = trainingSetOf(logs, NEW_YORK);
    const defaults = evaluateParameters(DEFAULT_DECK_OPTIONS, items);
    // First-rating stabilities ten times longer: a 5-day gap looks easy, so the Agains cost more.
    const longer = { ...DEFAULT_DECK_OPTIONS, fsrsWeights: [...default_w].map((w, index) => (index < 4 ? w * 10 : w)) };
    const score = evaluateParameters(longer, items);
    expect(score.logLoss).toBeGreaterThan(defaults.logLoss);
    expect(score.rmseBins).toBeGreaterThan(defaults.rmseBins);
  });
});

describe('optimizeAgainReason', () => {
  const now = T0 + 100 * DAY;
  it('offers the optimizer again after 1,000 new reviews or 30 days, never before it first ran', () => {
    expect(OFFER_AGAIN_AFTER_REVIEWS).toBe(1000);
    expect(OFFER_AGAIN_AFTER_DAYS).toBe(30);
    expect(optimizeAgainReason({}, 50_000, now)).toBeNull();
    expect(optimizeAgainReason({ optimizedAt: now - 29 * DAY, reviewsAtOptimize: 2000 }, 2999, now)).toBeNull();
    expect(optimizeAgainReason({ optimizedAt: now - 29 * DAY, reviewsAtOptimize: 2000 }, 3000, now)).toBe('reviews');
    expect(optimizeAgainReason({ optimizedAt: now - 30 * DAY, reviewsAtOptimize: 2000 }, 2001, now)).toBe('days');
  });
});

