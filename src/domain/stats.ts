/**
 * The Stats screen's figures for a deck or a collection: today's answers,
 * the 30-day forecast of due reviews, the year's calendar with the current
 * streak, true retention as Anki defines it, card counts by state and the
 * distributions of stability, difficulty and retrievability.
 *
 * In two steps, so a large collection is counted once and drawn at any
 * later time in milliseconds: `summarizeDeck` folds a deck's cards and
 * answers into a `DeckSummary` that does not depend on the time (answers per
 * study day, cards per state, the histograms, and per card only what moves
 * with the clock: due times, last answers and stabilities); `statsOf` adds
 * summaries up at `nowMs`. Study days come from `studyDay.ts`: the
 * boundaries of the days are computed once (DST and the day-start hour
 * included) and every time is placed among them by binary search.
 * Pure: `nowMs`, `dayStartHour` and `timeZone` are passed in.
 */
import { startOfStudyDay, studyDayOf } from './studyDay';
import { CardQueue, CardState, Rating, type CardRecord, type ReviewLogRecord } from './types';

const MS_PER_DAY = 86_400_000;

/** FSRS-6's default decay (ts-fsrs `FSRS6_DEFAULT_DECAY`, the default `w[20]`); a preset's own weights may give another. */
export const FSRS6_DEFAULT_DECAY = 0.1542;
/** A review is "mature" when the card's interval before it was at least this many days (Anki's rule). */
export const MATURE_INTERVAL_DAYS = 21;
/** Bars in the forecast: today (with everything overdue) and the 29 days after. */
export const FORECAST_DAYS = 30;
/** Days in the calendar and in the longest retention period (the year), today included. */
export const YEAR_DAYS = 365;

/** The true-retention periods, each ending with today: the last 1, 7, 30 and 365 study days. */
export const RETENTION_PERIODS = ['day', 'week', 'month', 'year'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];
const PERIOD_DAYS: Record<RetentionPeriod, number> = { day: 1, week: 7, month: 30, year: YEAR_DAYS };

/** What the card counts are split by: the queue for suspended and buried cards, else the FSRS state. */
export const CARD_COUNT_KINDS = ['new', 'learning', 'review', 'relearning', 'suspended', 'buried'] as const;
export type CardCountKind = (typeof CARD_COUNT_KINDS)[number];

/** Bucket edges of the distributions (the last bucket of stability is open-ended). */
export const STABILITY_EDGES_DAYS = [0, 1, 2, 4, 7, 14, 21, 30, 60, 90, 180, 365] as const;
export const DIFFICULTY_EDGES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const RETRIEVABILITY_EDGES = Array.from({ length: 21 }, (_, index) => index / 20);

export type StatsCardFields = Pick<CardRecord, 'queue' | 'state' | 'due' | 'stability' | 'difficulty' | 'lastReview'>;
export type StatsLogFields = Pick<ReviewLogRecord, 'cardId' | 'reviewTime' | 'durationMs' | 'rating' | 'state' | 'scheduledDays'>;

/** True-retention counts: first retention reviews of a day, passed or failed, young or mature. */
export interface RetentionCounts {
  youngPassed: number;
  youngFailed: number;
  maturePassed: number;
  matureFailed: number;
}

/** A histogram's counts, and the sum and number of its values (for the mean). */
interface Tally {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A deck folded for counting at any time: plain values and typed arrays
 * only (kept in IndexedDB as it is). Per study day from `firstDay` (counted
 * with `dayStartHour` in the zone it was made in): answers, time spent,
 * Again answers and true-retention counts. Per card in the learning and
 * review queues: its due time (ascending). Per card with a memory state:
 * its last answer and stability.
 */
export interface DeckSummary {
  dayStartHour: number;
  firstDay: number;
  answers: Uint32Array;
  timeMs: Float64Array;
  again: Uint32Array;
  youngPassed: Uint32Array;
  youngFailed: Uint32Array;
  maturePassed: Uint32Array;
  matureFailed: Uint32Array;
  cardCounts: Record<CardCountKind, number>;
  stability: Tally;
  difficulty: Tally;
  /** Due times (epoch ms, ascending) of the cards in the learning and review queues. */
  due: Float64Array;
  /** Per card with a memory state: when it was last answered (epoch ms) and its stability (days). */
  memoryLastReview: Float64Array;
  memoryStability: Float32Array;
}

/** A histogram: bucket `i` holds values in [from, to) (the last one includes its upper edge; `to` null: no upper edge). */
export interface Distribution {
  buckets: { from: number; to: number | null; count: number }[];
  /** How many values, and their mean (null when there are none). */
  count: number;
  mean: number | null;
}

export interface CollectionStats {
  /** The current study day. */
  today: number;
  /** Today's answers: how many, the time spent on them and how many were Again. */
  todayAnswers: { count: number; timeMs: number; again: number };
  /** Reviews due per study day from today (`due[0]`: today, with `overdue` of them due before today). */
  forecast: { due: number[]; overdue: number };
  /** Answers per study day for the last `YEAR_DAYS` days, the last entry today's; `firstDay` is the first entry's day. */
  calendar: { firstDay: number; answers: number[] };
  /**
   * Consecutive study days with an answer, ending today (or yesterday while
   * today has none yet). `reachesYearStart`: it runs back to the calendar's
   * first day, so it may be longer than counted.
   */
  streak: { days: number; includesToday: boolean; reachesYearStart: boolean };
  retention: Record<RetentionPeriod, RetentionCounts>;
  cardCounts: Record<CardCountKind, number> & { total: number };
  stability: Distribution;
  difficulty: Distribution;
  retrievability: Distribution;
}

export interface StatsContext {
  nowMs: number;
  dayStartHour: number;
  /** An IANA zone; omitted: the runtime's own (the app's case). */
  timeZone?: string;
}

/** A deck's summary and the decay of its preset's forgetting curve. */
export interface SummarizedDeck {
  summary: DeckSummary;
  decay: number;
}

/**
 * FSRS-6's forgetting curve: the chance of recalling a card `elapsedDays`
 * after its last answer, R = (1 + factor * t / S) ^ (-decay) with
 * factor = 0.9 ^ (-1 / decay) - 1, so that R = 90 % when t = S.
 *
 * @example
 * retrievability(10, 10); // 0.9
 * retrievability(0, 10);  // 1
 */
export function retrievability(elapsedDays: number, stability: number, decay: number = FSRS6_DEFAULT_DECAY): number {
  const factor = 0.9 ** (-1 / decay) - 1;
  return (1 + (factor * Math.max(0, elapsedDays)) / stability) ** -decay;
}

/**
 * Whether an answer counts toward true retention (Anki's rule): the card
 * had an interval of at least a day before it, i.e. it was in review, or in
 * (re)learning on a step of a day or more. The interval is the log's
 * `scheduledDays` (the interval the previous answer gave, Anki's "last
 * interval"), not `elapsedDays` (the time that actually passed).
 */
export function isRetentionReview(state: number, scheduledDays: number): boolean {
  return state === CardState.Review || (state !== CardState.New && scheduledDays >= 1);
}

/** The index `i` with `edges[i] <= value < edges[i + 1]` (the last index for values past the last edge), or -1 before the first edge. */
function bucketOf(edges: ArrayLike<number>, value: number): number {
  if (!(value >= (edges[0] as number))) return -1;
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((edges[mid] as number) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many of the ascending `values` are below `limit`. */
function countBelow(values: Float64Array, limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function emptyTally(buckets: number): Tally {
  return { counts: new Array<number>(buckets).fill(0), sum: 0, count: 0 };
}

/** Adds `value` to the bucket of `edges` it falls in (out-of-range values to the nearest end bucket). */
function addTo(tally: Tally, edges: readonly number[], value: number): void {
  if (!Number.isFinite(value)) return;
  const bucket = Math.min(tally.counts.length - 1, Math.max(0, bucketOf(edges, value)));
  tally.counts[bucket] = (tally.counts[bucket] as number) + 1;
  tally.sum += value;
  tally.count += 1;
}

function distributionOf(tally: Tally, edges: readonly number[]): Distribution {
  return {
    buckets: tally.counts.map((count, index) => ({ from: edges[index] as number, to: edges[index + 1] ?? null, count })),
    count: tally.count,
    mean: tally.count > 0 ? tally.sum / tally.count : null,
  };
}

/** The order of the answers by time (the logs usually come in it already). */
function timeOrder(logs: readonly StatsLogFields[]): readonly StatsLogFields[] {
  for (let index = 1; index < logs.length; index += 1) {
    if ((logs[index] as StatsLogFields).reviewTime < (logs[index - 1] as StatsLogFields).reviewTime) {
      return [...logs].sort((a, b) => a.reviewTime - b.reviewTime);
    }
  }
  return logs;
}

/**
 * Folds a deck's cards (retired ones are left out) and answers into a
 * summary that `statsOf` counts at any later time: the answers by the
 * study day they fell on (with `dayStartHour` in `timeZone`), each card's
 * first retention review of a day alone counting toward true retention
 * (Anki's rule; Again fails, Hard/Good/Easy pass; young: an interval under
 * `MATURE_INTERVAL_DAYS`).
 *
 * @example
 * const summary = summarizeDeck(cards, logs, { dayStartHour: 4 });
 * statsOf([{ summary, decay: FSRS6_DEFAULT_DECAY }], { nowMs: Date.now(), dayStartHour: 4 });
 */
export function summarizeDeck(
  cards: readonly StatsCardFields[],
  logs: readonly StatsLogFields[],
  { dayStartHour, timeZone }: Omit<StatsContext, 'nowMs'>,
): DeckSummary {
  const ordered = timeOrder(logs);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const firstDay = first ? studyDayOf(first.reviewTime, dayStartHour, timeZone) : 0;
  const dayCount = last ? studyDayOf(last.reviewTime, dayStartHour, timeZone) - firstDay + 1 : 0;
  // dayStarts[k]: when study day firstDay + k begins; the last entry is when the last day ends.
  const dayStarts = Float64Array.from({ length: dayCount + 1 }, (_, k) => startOfStudyDay(firstDay + k, dayStartHour, timeZone));
  const summary: DeckSummary = {
    dayStartHour,
    firstDay,
    answers: new Uint32Array(dayCount),
    timeMs: new Float64Array(dayCount),
    again: new Uint32Array(dayCount),
    youngPassed: new Uint32Array(dayCount),
    youngFailed: new Uint32Array(dayCount),
    maturePassed: new Uint32Array(dayCount),
    matureFailed: new Uint32Array(dayCount),
    cardCounts: { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, buried: 0 },
    stability: emptyTally(STABILITY_EDGES_DAYS.length),
    difficulty: emptyTally(DIFFICULTY_EDGES.length - 1),
    due: new Float64Array(0),
    memoryLastReview: new Float64Array(0),
    memoryStability: new Float32Array(0),
  };

  const lastCountedDay = new Map<string, number>();
  for (const log of ordered) {
    const day = Math.min(dayCount - 1, Math.max(0, bucketOf(dayStarts, log.reviewTime)));
    summary.answers[day] = (summary.answers[day] as number) + 1;
    summary.timeMs[day] = (summary.timeMs[day] as number) + (Number.isFinite(log.durationMs) && log.durationMs > 0 ? log.durationMs : 0);
    const isPassed = log.rating !== Rating.Again;
    if (!isPassed) summary.again[day] = (summary.again[day] as number) + 1;
    if (!isRetentionReview(log.state, log.scheduledDays) || lastCountedDay.get(log.cardId) === day) continue;
    lastCountedDay.set(log.cardId, day);
    const counts = log.scheduledDays >= MATURE_INTERVAL_DAYS ? (isPassed ? summary.maturePassed : summary.matureFailed) : isPassed ? summary.youngPassed : summary.youngFailed;
    counts[day] = (counts[day] as number) + 1;
  }

  const due: number[] = [];
  const lastReviews: number[] = [];
  const stabilities: number[] = [];
  for (const card of cards) {
    const { queue, state } = card;
    if (queue === CardQueue.Retired) continue;
    const kind: CardCountKind =
      queue === CardQueue.Suspended
        ? 'suspended'
        : queue === CardQueue.Buried
          ? 'buried'
          : state === CardState.New
            ? 'new'
            : state === CardState.Learning
              ? 'learning'
              : state === CardState.Review
                ? 'review'
                : 'relearning';
    summary.cardCounts[kind] += 1;
    if (queue === CardQueue.Learning || queue === CardQueue.Review) due.push(card.due);
    if (state === CardState.New || !(card.stability > 0)) continue;
    addTo(summary.stability, STABILITY_EDGES_DAYS, card.stability);
    addTo(summary.difficulty, DIFFICULTY_EDGES, card.difficulty);
    if (card.lastReview !== null && Number.isFinite(card.lastReview)) {
      lastReviews.push(card.lastReview);
      stabilities.push(card.stability);
    }
  }
  summary.due = Float64Array.from(due).sort();
  summary.memoryLastReview = Float64Array.from(lastReviews);
  summary.memoryStability = Float32Array.from(stabilities);
  return summary;
}

/**
 * Every figure of the Stats screen at `context.nowMs` over decks summarized
 * with the same day-start hour and zone (`summarizeDeck`). The calendar,
 * today, the streak and retention count the last `YEAR_DAYS` study days
 * (answers after the end of today, from a clock set back, are left out).
 * The forecast counts cards in the learning and review queues by the study
 * day they are due (overdue ones today); new, suspended and buried cards are
 * not due. Retrievability is each card's at `nowMs`, on its deck's curve.
 *
 * @example
 * statsOf([{ summary, decay: FSRS6_DEFAULT_DECAY }], { nowMs, dayStartHour: 4 }).todayAnswers.count;
 */
export function statsOf(decks: readonly SummarizedDeck[], context: StatsContext): CollectionStats {
  const { nowMs, dayStartHour, timeZone } = context;
  const today = studyDayOf(nowMs, dayStartHour, timeZone);
  const firstDay = today - YEAR_DAYS + 1;

  // Per day of the year, over every deck (typed arrays, one pass per deck).
  const calendar = new Array<number>(YEAR_DAYS).fill(0);
  const byDay = { youngPassed: new Float64Array(YEAR_DAYS), youngFailed: new Float64Array(YEAR_DAYS), maturePassed: new Float64Array(YEAR_DAYS), matureFailed: new Float64Array(YEAR_DAYS) };
  const todayAnswers = { count: 0, timeMs: 0, again: 0 };
  for (const { summary } of decks) {
    const offset = firstDay - summary.firstDay;
    const from = Math.max(0, -offset);
    const to = Math.min(YEAR_DAYS, summary.answers.length - offset);
    for (let index = from; index < to; index += 1) {
      const day = index + offset;
      calendar[index] = (calendar[index] as number) + (summary.answers[day] as number);
      byDay.youngPassed[index] = (byDay.youngPassed[index] as number) + (summary.youngPassed[day] as number);
      byDay.youngFailed[index] = (byDay.youngFailed[index] as number) + (summary.youngFailed[day] as number);
      byDay.maturePassed[index] = (byDay.maturePassed[index] as number) + (summary.maturePassed[day] as number);
      byDay.matureFailed[index] = (byDay.matureFailed[index] as number) + (summary.matureFailed[day] as number);
    }
    const todayIndex = today - summary.firstDay;
    if (todayIndex >= 0 && todayIndex < summary.answers.length) {
      todayAnswers.count += summary.answers[todayIndex] as number;
      todayAnswers.timeMs += summary.timeMs[todayIndex] as number;
      todayAnswers.again += summary.again[todayIndex] as number;
    }
  }
  const sumFrom = (values: Float64Array, start: number): number => values.subarray(start).reduce((sum, value) => sum + value, 0);
  const retention = Object.fromEntries(
    RETENTION_PERIODS.map((period) => {
      const start = YEAR_DAYS - PERIOD_DAYS[period];
      return [
        period,
        {
          youngPassed: sumFrom(byDay.youngPassed, start),
          youngFailed: sumFrom(byDay.youngFailed, start),
          maturePassed: sumFrom(byDay.maturePassed, start),
          matureFailed: sumFrom(byDay.matureFailed, start),
        },
      ];
    }),
  ) as Record<RetentionPeriod, RetentionCounts>;

  // Forecast: how many due times fall before each day's end.
  const todayStart = startOfStudyDay(today, dayStartHour, timeZone);
  const dayEnds = Array.from({ length: FORECAST_DAYS }, (_, i) => startOfStudyDay(today + i + 1, dayStartHour, timeZone));
  const forecast = { due: new Array<number>(FORECAST_DAYS).fill(0), overdue: 0 };
  const cardCounts: Record<CardCountKind, number> & { total: number } = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, buried: 0, total: 0 };
  const stability = emptyTally(STABILITY_EDGES_DAYS.length);
  const difficulty = emptyTally(DIFFICULTY_EDGES.length - 1);
  const recall = emptyTally(RETRIEVABILITY_EDGES.length - 1);
  for (const { summary, decay } of decks) {
    forecast.overdue += countBelow(summary.due, todayStart);
    let before = 0;
    dayEnds.forEach((end, i) => {
      const below = countBelow(summary.due, end);
      forecast.due[i] = (forecast.due[i] as number) + below - before;
      before = below;
    });
    for (const kind of CARD_COUNT_KINDS) {
      cardCounts[kind] += summary.cardCounts[kind];
      cardCounts.total += summary.cardCounts[kind];
    }
    for (const [total, part] of [
      [stability, summary.stability],
      [difficulty, summary.difficulty],
    ] as const) {
      part.counts.forEach((count, index) => (total.counts[index] = (total.counts[index] as number) + count));
      total.sum += part.sum;
      total.count += part.count;
    }
    // Retrievability now: R in (0, 1], in buckets of 1/20 (RETRIEVABILITY_EDGES), the last including 1.
    const factor = 0.9 ** (-1 / decay) - 1;
    const buckets = recall.counts.length;
    const { memoryLastReview, memoryStability } = summary;
    for (let index = 0; index < memoryStability.length; index += 1) {
      const elapsedDays = Math.max(0, nowMs - (memoryLastReview[index] as number)) / MS_PER_DAY;
      const r = (1 + (factor * elapsedDays) / (memoryStability[index] as number)) ** -decay;
      if (!Number.isFinite(r)) continue;
      const bucket = Math.min(buckets - 1, Math.floor(r * buckets));
      recall.counts[bucket] = (recall.counts[bucket] as number) + 1;
      recall.sum += r;
      recall.count += 1;
    }
  }

  let streakEnd = YEAR_DAYS - 1;
  const includesToday = (calendar[streakEnd] as number) > 0;
  if (!includesToday) streakEnd -= 1;
  let streakStart = streakEnd + 1;
  while (streakStart > 0 && (calendar[streakStart - 1] as number) > 0) streakStart -= 1;

  return {
    today,
    todayAnswers,
    forecast,
    calendar: { firstDay, answers: calendar },
    streak: { days: streakEnd + 1 - streakStart, includesToday, reachesYearStart: streakStart === 0 },
    retention,
    cardCounts,
    stability: distributionOf(stability, STABILITY_EDGES_DAYS),
    difficulty: distributionOf(difficulty, DIFFICULTY_EDGES),
    retrievability: distributionOf(recall, RETRIEVABILITY_EDGES),
  };
}

/**
 * Every figure of the Stats screen straight from decks' cards and answers
 * (`summarizeDeck`, then `statsOf`).
 *
 * @example
 * computeStats([{ cards, logs, decay: FSRS6_DEFAULT_DECAY }], { nowMs, dayStartHour: 4, timeZone: 'Europe/Berlin' });
 */
export function computeStats(
  decks: readonly { cards: readonly StatsCardFields[]; logs: readonly StatsLogFields[]; decay: number }[],
  context: StatsContext,
): CollectionStats {
  return statsOf(
    decks.map(({ cards, logs, decay }) => ({ summary: summarizeDeck(cards, logs, context), decay })),
    context,
  );
}

/** Passed, failed, and passed / all (null without reviews) of retention counts, young, mature or both. */
export function retentionRate(counts: RetentionCounts, which: 'young' | 'mature' | 'total'): { passed: number; failed: number; rate: number | null } {
  const passed = (which !== 'mature' ? counts.youngPassed : 0) + (which !== 'young' ? counts.maturePassed : 0);
  const failed = (which !== 'mature' ? counts.youngFailed : 0) + (which !== 'young' ? counts.matureFailed : 0);
  return { passed, failed, rate: passed + failed > 0 ? passed / (passed + failed) : null };
}
