import { FSRS6_DEFAULT_DECAY as TS_FSRS_DEFAULT_DECAY, default_w, forgetting_curve } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  computeStats,
  FSRS6_DEFAULT_DECAY,
  FORECAST_DAYS,
  retentionRate,
  retrievability,
  statsOf,
  summarizeDeck,
  YEAR_DAYS,
  type StatsCardFields,
  type StatsContext,
  type StatsLogFields,
} from '../../src/domain/stats';
import { CardQueue, CardState, Rating, type CardQueueValue, type CardStateValue, type RatingValue } from '../../src/domain/types';

const MINUTE = 60_000;
const DAY = 86_400_000;
const NY = 'America/New_York';

/** New York wall-clock times as instants: EDT is UTC-4 (mid-March to early November), EST UTC-5. */
const edt = (year: number, month: number, day: number, hour: number, minute = 0): number => Date.UTC(year, month - 1, day, hour + 4, minute);
const est = (year: number, month: number, day: number, hour: number, minute = 0): number => Date.UTC(year, month - 1, day, hour + 5, minute);
/** The study-day number of a calendar date (month 1-12), as `studyDayOf` counts them. */
const dateNumber = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / DAY;

function log(
  cardId: string,
  reviewTime: number,
  rating: RatingValue,
  { state = CardState.Review, scheduledDays = 10, durationMs = 1000 }: { state?: CardStateValue; scheduledDays?: number; durationMs?: number } = {},
): StatsLogFields {
  return { cardId, reviewTime, rating, state, scheduledDays, durationMs };
}

function card(fields: Partial<StatsCardFields> & { queue: CardQueueValue }): StatsCardFields {
  return { state: CardState.Review, due: 0, stability: 10, difficulty: 5, lastReview: null, ...fields };
}

function statsFor(cards: StatsCardFields[], logs: StatsLogFields[], context: StatsContext) {
  return computeStats([{ cards, logs, decay: FSRS6_DEFAULT_DECAY }], context);
}

describe('true retention (Anki: first retention review of a card per study day; Again fails)', () => {
  // Tuesday 2026-03-10, 15:00 in New York (EDT since Sunday), days starting at 04:00.
  const context: StatsContext = { nowMs: edt(2026, 3, 10, 15), dayStartHour: 4, timeZone: NY };
  const logs = [
    // Today (study day March 10).
    log('A', edt(2026, 3, 10, 10), Rating.Good, { durationMs: 4000 }), // young pass
    log('A', edt(2026, 3, 10, 11), Rating.Again, { durationMs: 6000 }), // A's second review today: not counted
    log('B', edt(2026, 3, 10, 9), Rating.Again, { scheduledDays: 30, durationMs: 8000 }), // mature fail
    log('B', edt(2026, 3, 10, 9, 10), Rating.Good, { state: CardState.Relearning, scheduledDays: 0 }), // relearning step: not a retention review
    log('C', edt(2026, 3, 10, 8), Rating.Good, { state: CardState.Learning, scheduledDays: 0 }), // learning: not counted
    log('D', edt(2026, 3, 10, 7), Rating.Good, { state: CardState.New, scheduledDays: 0 }), // new: not counted
    log('H', edt(2026, 3, 10, 4, 30), Rating.Good, { scheduledDays: 3 }), // young pass, today
    // Before 04:00 on March 10: study day March 9.
    log('H', edt(2026, 3, 10, 3, 30), Rating.Hard, { scheduledDays: 3 }), // young pass (Hard passes), March 9
    log('I', edt(2026, 3, 9, 23), Rating.Again, { scheduledDays: 8 }), // young fail, March 9
    log('I', edt(2026, 3, 10, 2), Rating.Good, { scheduledDays: 8 }), // same study day as 23:00: not counted
    log('G', edt(2026, 3, 8, 12), Rating.Good, { state: CardState.Relearning, scheduledDays: 2 }), // a relearning step of 2 days counts: young pass
    log('E', est(2026, 3, 7, 12), Rating.Good, { scheduledDays: 5 }), // young pass, 3 days ago
    log('E', est(2026, 2, 18, 12), Rating.Hard, { scheduledDays: 25 }), // mature pass, 20 days ago
    log('F', edt(2025, 8, 22, 12), Rating.Again, { scheduledDays: 40 }), // mature fail, 200 days ago
    log('F', est(2025, 2, 3, 12), Rating.Good, { scheduledDays: 40 }), // 400 days ago: outside the year
  ];

  it('counts young and mature passes and fails for the last day, week, month and year', () => {
    const { retention } = statsFor([], logs, context);
    expect(retention.day).toEqual({ youngPassed: 2, youngFailed: 0, maturePassed: 0, matureFailed: 1 });
    expect(retention.week).toEqual({ youngPassed: 5, youngFailed: 1, maturePassed: 0, matureFailed: 1 });
    expect(retention.month).toEqual({ youngPassed: 5, youngFailed: 1, maturePassed: 1, matureFailed: 1 });
    expect(retention.year).toEqual({ youngPassed: 5, youngFailed: 1, maturePassed: 1, matureFailed: 2 });
  });

  it('gives the rates: passes over passes and fails, young, mature and both', () => {
    const { retention } = statsFor([], logs, context);
    expect(retentionRate(retention.week, 'young')).toEqual({ passed: 5, failed: 1, rate: 5 / 6 });
    expect(retentionRate(retention.week, 'mature')).toEqual({ passed: 0, failed: 1, rate: 0 });
    expect(retentionRate(retention.year, 'total')).toEqual({ passed: 6, failed: 3, rate: 6 / 9 });
    expect(retentionRate(statsFor([], [], context).retention.day, 'total')).toEqual({ passed: 0, failed: 0, rate: null });
  });

  it('takes the earliest review of the day whatever order the log is in', () => {
    const shuffled = [...logs].reverse();
    expect(statsFor([], shuffled, context).retention).toEqual(statsFor([], logs, context).retention);
  });

  it('follows the day-start hour: at midnight, 03:30 and 04:30 are the same day, and 23:00 and 02:00 are not', () => {
    const { retention } = statsFor([], logs, { ...context, dayStartHour: 0 });
    // Today now also holds H at 03:30 (first of H's day: Hard, a pass; 04:30 no longer counts) and I at 02:00 (Good).
    expect(retention.day).toEqual({ youngPassed: 3, youngFailed: 0, maturePassed: 0, matureFailed: 1 });
    // The week gains I's 02:00 review (its own day now) and loses H's second one.
    expect(retention.week).toEqual({ youngPassed: 5, youngFailed: 1, maturePassed: 0, matureFailed: 1 });
  });

  it('counts today: answers, the time spent and how many were Again', () => {
    const stats = statsFor([], logs, context);
    expect(stats.today).toBe(dateNumber(2026, 3, 10));
    expect(stats.todayAnswers).toEqual({ count: 7, timeMs: 4000 + 6000 + 8000 + 1000 + 1000 + 1000 + 1000, again: 2 });
  });

  it('puts answers on the calendar by study day and counts the streak', () => {
    const { calendar, streak } = statsFor([], logs, context);
    expect(calendar.firstDay).toBe(dateNumber(2026, 3, 10) - YEAR_DAYS + 1);
    expect(calendar.answers).toHaveLength(YEAR_DAYS);
    const on = (year: number, month: number, day: number) => calendar.answers[dateNumber(year, month, day) - calendar.firstDay];
    expect(on(2026, 3, 10)).toBe(7);
    expect(on(2026, 3, 9)).toBe(3);
    expect(on(2026, 3, 8)).toBe(1);
    expect(on(2026, 3, 7)).toBe(1);
    expect(on(2026, 3, 6)).toBe(0);
    expect(on(2026, 2, 18)).toBe(1);
    expect(on(2025, 8, 22)).toBe(1);
    expect(calendar.answers.reduce((sum, count) => sum + count, 0)).toBe(14); // the 400-day-old answer is outside
    expect(streak).toEqual({ days: 4, includesToday: true, reachesYearStart: false });
  });
});

describe('study days across DST changes (America/New_York)', () => {
  it('fall back: 04:30 EDT and 03:30 EST the next morning are 24 hours apart but one 25-hour study day', () => {
    const nowMs = est(2026, 11, 1, 12); // Sunday 2026-11-01, clocks went back at 02:00
    const logs = [
      log('X', edt(2026, 10, 31, 4, 30), Rating.Good), // study day October 31 (first)
      log('X', est(2026, 11, 1, 3, 30), Rating.Again), // still October 31: not counted
      log('X', est(2026, 11, 1, 4, 30), Rating.Again), // November 1
    ];
    expect(est(2026, 11, 1, 3, 30) - edt(2026, 10, 31, 4, 30)).toBe(DAY);
    const { retention, calendar } = statsFor([], logs, { nowMs, dayStartHour: 4, timeZone: NY });
    expect(retention.day).toEqual({ youngPassed: 0, youngFailed: 1, maturePassed: 0, matureFailed: 0 });
    expect(retention.week).toEqual({ youngPassed: 1, youngFailed: 1, maturePassed: 0, matureFailed: 0 });
    expect(calendar.answers.slice(-2)).toEqual([2, 1]);
  });

  it('spring forward: the 23-hour study day of March 7 ends at 04:00 EDT', () => {
    const nowMs = edt(2026, 3, 8, 12);
    const logs = [
      log('Y', est(2026, 3, 7, 4, 30), Rating.Good), // March 7
      log('Y', edt(2026, 3, 8, 3, 30), Rating.Again), // 22 hours later, still March 7: not counted
      log('Y', edt(2026, 3, 8, 4, 30), Rating.Again), // March 8
    ];
    const { retention, calendar } = statsFor([], logs, { nowMs, dayStartHour: 4, timeZone: NY });
    expect(retention.day).toEqual({ youngPassed: 0, youngFailed: 1, maturePassed: 0, matureFailed: 0 });
    expect(retention.week).toEqual({ youngPassed: 1, youngFailed: 1, maturePassed: 0, matureFailed: 0 });
    expect(calendar.answers.slice(-2)).toEqual([2, 1]);
  });
});

describe('the forecast', () => {
  // Saturday 2026-10-31, noon EDT; study day October 31 lasts 25 hours (until 04:00 EST on November 1).
  const nowMs = edt(2026, 10, 31, 12);
  const context: StatsContext = { nowMs, dayStartHour: 4, timeZone: NY };
  const cards = [
    card({ queue: CardQueue.Review, due: edt(2026, 10, 20, 12) }), // overdue: today
    card({ queue: CardQueue.Learning, state: CardState.Learning, due: nowMs + 10 * MINUTE }), // today
    card({ queue: CardQueue.Review, due: est(2026, 11, 1, 3, 30) }), // before the day ends (a 24-hour day would say tomorrow)
    card({ queue: CardQueue.Review, due: est(2026, 11, 1, 4, 30) }), // tomorrow
    card({ queue: CardQueue.Learning, state: CardState.Relearning, due: est(2026, 11, 2, 3, 30) }), // tomorrow (before 04:00)
    card({ queue: CardQueue.Review, due: est(2026, 11, 2, 4) }), // the day after, from its first instant
    card({ queue: CardQueue.Review, due: est(2026, 11, 29, 12) }), // the 30th bar
    card({ queue: CardQueue.Review, due: est(2026, 12, 10, 12) }), // beyond 30 days
    card({ queue: CardQueue.New, state: CardState.New, due: edt(2026, 10, 1, 12) }), // new: never "due"
    card({ queue: CardQueue.Suspended, due: est(2026, 11, 1, 12) }), // suspended
    card({ queue: CardQueue.Buried, due: nowMs }), // buried
    card({ queue: CardQueue.Retired, due: nowMs }), // retired: not a card any more
  ];

  it('counts learning and review cards by the study day they are due, overdue ones today', () => {
    const { forecast } = statsFor(cards, [], context);
    expect(forecast.due).toHaveLength(FORECAST_DAYS);
    expect(forecast.overdue).toBe(1);
    const expected = new Array<number>(FORECAST_DAYS).fill(0);
    expected[0] = 3;
    expected[1] = 2;
    expected[2] = 1;
    expected[29] = 1;
    expect(forecast.due).toEqual(expected);
  });

  it('moves with the day-start hour: at midnight the 03:30 cards fall on the next day', () => {
    const { forecast } = statsFor(cards, [], { ...context, dayStartHour: 0 });
    expect(forecast.due.slice(0, 4)).toEqual([2, 2, 2, 0]);
  });

  it('counts the cards by state (suspended and buried by their queue), retired ones left out', () => {
    const { cardCounts } = statsFor(cards, [], context);
    expect(cardCounts).toEqual({ new: 1, learning: 1, review: 6, relearning: 1, suspended: 1, buried: 1, total: 11 });
  });
});

describe('the streak', () => {
  const nowMs = Date.UTC(2026, 5, 15, 12);
  const context: StatsContext = { nowMs, dayStartHour: 0, timeZone: 'UTC' };
  const daysAgo = (days: number) => log('Z', nowMs - days * DAY, Rating.Good);

  it('ends today when today has answers', () => {
    expect(statsFor([], [daysAgo(0), daysAgo(0), daysAgo(1), daysAgo(2), daysAgo(4)], context).streak).toEqual({ days: 3, includesToday: true, reachesYearStart: false });
  });

  it('ends yesterday while today has none yet', () => {
    expect(statsFor([], [daysAgo(1), daysAgo(2), daysAgo(5)], context).streak).toEqual({ days: 2, includesToday: false, reachesYearStart: false });
  });

  it('is 0 after a day without answers, and says when it runs back to the start of the year', () => {
    expect(statsFor([], [daysAgo(2), daysAgo(3)], context).streak.days).toBe(0);
    const everyDay = Array.from({ length: YEAR_DAYS + 3 }, (_, days) => daysAgo(days));
    expect(statsFor([], everyDay, context).streak).toEqual({ days: YEAR_DAYS, includesToday: true, reachesYearStart: true });
  });
});

describe('distributions', () => {
  const nowMs = Date.UTC(2026, 5, 15, 12);
  const context: StatsContext = { nowMs, dayStartHour: 4, timeZone: 'UTC' };

  it('puts stability and difficulty into their buckets (new cards have neither)', () => {
    const cards = [
      card({ queue: CardQueue.Review, stability: 0.5, difficulty: 1, lastReview: nowMs - DAY }),
      card({ queue: CardQueue.Review, stability: 1, difficulty: 5.5, lastReview: nowMs - DAY }),
      card({ queue: CardQueue.Learning, state: CardState.Learning, stability: 3, difficulty: 10, lastReview: nowMs }),
      card({ queue: CardQueue.Suspended, stability: 400, difficulty: 9.5, lastReview: nowMs - 100 * DAY }),
      card({ queue: CardQueue.New, state: CardState.New, stability: 0, difficulty: 0 }),
    ];
    const { stability, difficulty } = statsFor(cards, [], context);
    expect(stability.count).toBe(4);
    expect(stability.mean).toBeCloseTo((0.5 + 1 + 3 + 400) / 4, 5);
    expect(stability.buckets.map((bucket) => bucket.count)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(stability.buckets.at(-1)).toEqual({ from: 365, to: null, count: 1 });
    expect(difficulty.buckets.map((bucket) => bucket.count)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(difficulty.buckets[8]).toEqual({ from: 9, to: 10, count: 2 });
    expect(difficulty.mean).toBeCloseTo((1 + 5.5 + 10 + 9.5) / 4, 5);
  });

  it("uses FSRS-6's forgetting curve, equal to ts-fsrs's", () => {
    expect(FSRS6_DEFAULT_DECAY).toBe(TS_FSRS_DEFAULT_DECAY);
    expect(FSRS6_DEFAULT_DECAY).toBe(default_w[20]);
    for (const decay of [FSRS6_DEFAULT_DECAY, 0.1, 0.5, 0.8]) {
      for (const [elapsed, stability] of [[0, 3], [1, 1], [10, 10], [30, 10], [3.25, 0.4], [365, 40]] as const) {
        expect(retrievability(elapsed, stability, decay)).toBeCloseTo(forgetting_curve(decay, elapsed, stability), 7);
      }
    }
    expect(retrievability(10, 10)).toBeCloseTo(0.9, 12);
  });

  it('puts each card at its current retrievability, with its deck preset\'s decay', () => {
    const reviewed = [
      { stability: 10, elapsed: 30 },
      { stability: 2, elapsed: 0 },
      { stability: 50, elapsed: 7.5 },
    ];
    const cards = reviewed.map(({ stability, elapsed }) => card({ queue: CardQueue.Review, stability, lastReview: nowMs - elapsed * DAY }));
    for (const decay of [FSRS6_DEFAULT_DECAY, 0.5]) {
      const { retrievability: recall } = computeStats([{ cards, logs: [], decay }], context);
      const expected = new Array<number>(20).fill(0);
      for (const { stability, elapsed } of reviewed) {
        const r = forgetting_curve(decay, elapsed, stability);
        const bucket = Math.min(19, Math.floor(r * 20));
        expected[bucket] = (expected[bucket] ?? 0) + 1;
      }
      expect(recall.buckets.map((bucket) => bucket.count)).toEqual(expected);
      expect(recall.mean).toBeCloseTo(reviewed.reduce((sum, { stability, elapsed }) => sum + forgetting_curve(decay, elapsed, stability), 0) / 3, 6);
    }
  });

  it('adds decks up: two parts give the sums of each', () => {
    const a = { cards: [card({ queue: CardQueue.Review, due: nowMs, lastReview: nowMs - DAY })], logs: [log('a', nowMs - 2 * DAY, Rating.Again)], decay: FSRS6_DEFAULT_DECAY };
    const b = { cards: [card({ queue: CardQueue.New, state: CardState.New })], logs: [log('a', nowMs - 2 * DAY, Rating.Good)], decay: FSRS6_DEFAULT_DECAY };
    const both = computeStats([a, b], context);
    expect(both.cardCounts.total).toBe(2);
    expect(both.forecast.due[0]).toBe(1);
    // Card "a" of each deck is its own card: each deck's first review of the day counts.
    expect(both.retention.week).toEqual({ youngPassed: 1, youngFailed: 1, maturePassed: 0, matureFailed: 0 });
  });
});

describe('a deck summary (what storage keeps)', () => {
  it('counts at any later time exactly as the cards and answers would, and survives structured cloning', () => {
    const madeAt = edt(2026, 3, 10, 15);
    const cards = [
      card({ queue: CardQueue.Review, due: madeAt + 2 * DAY, stability: 8, difficulty: 6, lastReview: madeAt - 6 * DAY }),
      card({ queue: CardQueue.Learning, state: CardState.Relearning, due: madeAt + 10 * MINUTE, stability: 1.5, difficulty: 8, lastReview: madeAt }),
      card({ queue: CardQueue.New, state: CardState.New, stability: 0, difficulty: 0 }),
    ];
    const logs = [log('a', madeAt - 6 * DAY, Rating.Good, { scheduledDays: 3 }), log('b', madeAt - 30 * MINUTE, Rating.Again, { scheduledDays: 30 }), log('a', madeAt - 2 * DAY, Rating.Hard, { scheduledDays: 6 })];
    const summary = structuredClone(summarizeDeck(cards, logs, { dayStartHour: 4, timeZone: NY }));
    for (const nowMs of [madeAt, madeAt + 3 * DAY + 5 * MINUTE, madeAt + 200 * DAY]) {
      const context = { nowMs, dayStartHour: 4, timeZone: NY };
      expect(statsOf([{ summary, decay: 0.3 }], context)).toEqual(computeStats([{ cards, logs, decay: 0.3 }], context));
    }
    const later = statsOf([{ summary, decay: 0.3 }], { nowMs: madeAt + 3 * DAY + 5 * MINUTE, dayStartHour: 4, timeZone: NY });
    expect(later.forecast.overdue).toBe(2);
    expect(later.todayAnswers.count).toBe(0);
    expect(later.retention.week).toEqual({ youngPassed: 1, youngFailed: 0, maturePassed: 0, matureFailed: 1 });
  });
});
