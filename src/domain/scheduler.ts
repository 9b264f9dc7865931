/**
 * Scheduling on top of ts-fsrs (FSRS-6): the one place that converts between
 * the app's plain records (camelCase, epoch ms) and ts-fsrs `Card` /
 * `ReviewLog` (snake_case, `Date`). Nothing else imports ts-fsrs.
 *
 * Pure and deterministic: the time of an answer is passed in, never read.
 * Undo does not use ts-fsrs `rollback()`: each log record keeps a snapshot of
 * the card's scheduling state before the answer, to be put back as it was.
 */
import { fsrs, generatorParameters } from 'ts-fsrs';
import type { Card, FSRS, FSRSParameters, Grade, RecordLogItem, StepUnit } from 'ts-fsrs';
import { queueForState, toSnapshot } from './cardState';
import { CardState } from './types';
import type {
  CardRecord,
  CardStateValue,
  DeckOptions,
  RatingValue,
  ReviewLogRecord,
  SchedulingState,
} from './types';

export { createNewCardState, queueForState, toSnapshot } from './cardState';

// ---------------------------------------------------------------------------
// Boundary with ts-fsrs

const STATE_VALUES: readonly CardStateValue[] = [
  CardState.New,
  CardState.Learning,
  CardState.Review,
  CardState.Relearning,
];

function toStateValue(state: number): CardStateValue {
  const value = STATE_VALUES[state];
  if (value === undefined) throw new RangeError(`Unknown FSRS state ${state}`);
  return value;
}

function toFsrsCard(s: SchedulingState): Card {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    last_review: s.lastReview === null ? undefined : new Date(s.lastReview),
  };
}

function fromFsrsCard(card: Card): SchedulingState {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: toStateValue(card.state),
    lastReview: card.last_review === undefined ? null : card.last_review.getTime(),
  };
}

const STEP_PATTERN = /^\d+(\.\d+)?[mhd]$/;

/**
 * Whether `step` is a ts-fsrs learning step such as `'1m'`, `'10m'`, `'1h'`, `'1d'`.
 *
 * @example
 * isStepUnit('10m'); // true
 * isStepUnit('10 min'); // false
 */
export function isStepUnit(step: string): step is StepUnit {
  return STEP_PATTERN.test(step) && Number.parseFloat(step) > 0;
}

function toSteps(steps: readonly string[], what: string): StepUnit[] {
  return steps.map((step) => {
    if (!isStepUnit(step)) throw new RangeError(`Invalid ${what} step "${step}" (expected e.g. "1m", "1h", "1d")`);
    return step;
  });
}

/**
 * ts-fsrs parameters for a deck options preset (FSRS-6 default weights).
 *
 * @example
 * fsrsParametersFor(DEFAULT_DECK_OPTIONS).request_retention; // 0.9
 */
export function fsrsParametersFor(options: DeckOptions): FSRSParameters {
  return generatorParameters({
    request_retention: options.desiredRetention,
    maximum_interval: options.maximumInterval,
    enable_fuzz: options.enableFuzz,
    learning_steps: toSteps(options.learningSteps, 'learning'),
    relearning_steps: toSteps(options.relearningSteps, 'relearning'),
  });
}

const MAX_CACHED_SCHEDULERS = 32;
const schedulers = new Map<string, FSRS>();

/**
 * The ts-fsrs scheduler for a deck options preset, cached by the content of
 * the scheduling fields (limits, id and name do not matter), so answering
 * does not rebuild it.
 *
 * @example
 * schedulerFor({ ...options }) === schedulerFor(options); // true
 */
export function schedulerFor(options: DeckOptions): FSRS {
  const key = JSON.stringify([
    options.desiredRetention,
    options.maximumInterval,
    options.enableFuzz,
    options.learningSteps,
    options.relearningSteps,
  ]);
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = fsrs(fsrsParametersFor(options));
    if (schedulers.size >= MAX_CACHED_SCHEDULERS) schedulers.clear();
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

function toGrade(rating: RatingValue): Grade {
  return rating;
}

// ---------------------------------------------------------------------------
// Answering

export interface AnswerContext {
  /** Epoch ms of the answer. */
  nowMs: number;
  /** How long the card was shown before the answer, in ms. */
  durationMs: number;
  /** Study-day number the answer counts against (`studyDayOf(nowMs, ...)`). */
  day: number;
}

/**
 * Answers `card` with `rating` at `ctx.nowMs`: returns the card with its new
 * FSRS state and queue (content fields unchanged, key order kept) and the
 * review log record to store (no `id` yet).
 *
 * The log's stability, difficulty, elapsed/scheduled days and learning steps
 * are what ts-fsrs's `ReviewLog` reports; `state` and `due` are the card's
 * state and due time before the answer (ts-fsrs's own log puts the last
 * review time in `due`); `before` is `toSnapshot(card)` for undo.
 *
 * @example
 * const { card: next, log } = answerCard(card, Rating.Good, options, {
 *   nowMs, durationMs: 4200, day: studyDayOf(nowMs, 4),
 * });
 * // undo: { ...next, ...log.before } is byte-equal to card
 */
export function answerCard(
  card: CardRecord,
  rating: RatingValue,
  options: DeckOptions,
  ctx: AnswerContext,
): { card: CardRecord; log: ReviewLogRecord } {
  const item: RecordLogItem = schedulerFor(options).next(toFsrsCard(card), ctx.nowMs, toGrade(rating));
  const after = fromFsrsCard(item.card);
  const next: CardRecord = { ...card, ...after, queue: queueForState(after.state) };
  const log: ReviewLogRecord = {
    cardId: card.id,
    deckId: card.deckId,
    rating,
    state: card.state,
    due: card.due,
    stability: item.log.stability,
    difficulty: item.log.difficulty,
    elapsedDays: item.log.elapsed_days,
    lastElapsedDays: item.log.last_elapsed_days,
    scheduledDays: item.log.scheduled_days,
    learningSteps: item.log.learning_steps,
    reviewTime: ctx.nowMs,
    durationMs: ctx.durationMs,
    day: ctx.day,
    before: toSnapshot(card),
  };
  return { card: next, log };
}

/** What one answer button would do: the new due time and a short label. */
export interface IntervalPreview {
  rating: RatingValue;
  /** Epoch ms the card would be due after this answer. */
  due: number;
  /** `formatInterval(due - nowMs)`, e.g. '10m', '4d', '3mo'. */
  label: string;
}

/**
 * The due time each answer would give, for the labels on the answer buttons.
 * Exactly what `answerCard` would schedule at the same `nowMs` (fuzz
 * included: ts-fsrs seeds it from the review time and the card).
 *
 * @example
 * previewAnswers(newCard, options, nowMs)[Rating.Good].label; // '10m'
 */
export function previewAnswers(
  card: CardRecord,
  options: DeckOptions,
  nowMs: number,
): Record<RatingValue, IntervalPreview> {
  const preview = schedulerFor(options).repeat(toFsrsCard(card), nowMs);
  const entry = (rating: RatingValue): IntervalPreview => {
    const due = preview[toGrade(rating)].card.due.getTime();
    return { rating, due, label: formatInterval(due - nowMs) };
  };
  return { 1: entry(1), 2: entry(2), 3: entry(3), 4: entry(4) };
}

// ---------------------------------------------------------------------------
// Labels

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** One decimal below 10 ('1.5', '3'), whole numbers from 10 up ('12'). */
function shortNumber(value: number): string {
  if (value >= 9.95) return String(Math.round(value));
  return String(Math.round(value * 10) / 10);
}

/**
 * A short label for a time span: minutes, hours, days, months (30 d) or
 * years (365 d); under a minute is '<1m'.
 *
 * @example
 * formatInterval(10 * 60_000);        // '10m'
 * formatInterval(90 * 60_000);        // '1.5h'
 * formatInterval(4 * 86_400_000);     // '4d'
 * formatInterval(90 * 86_400_000);    // '3mo'
 * formatInterval(438 * 86_400_000);   // '1.2y'
 */
export function formatInterval(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  if (Math.round(ms / HOUR) < 24) return `${shortNumber(ms / HOUR)}h`;
  const days = Math.round(ms / DAY);
  if (days < 30) return `${days}d`;
  if (days < 365) return `${shortNumber(ms / MONTH)}mo`;
  return `${shortNumber(ms / YEAR)}y`;
}
