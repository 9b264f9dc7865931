/**
 * Scheduling on top of ts-fsrs (FSRS-6): the one place that converts between
 * the app's plain records (camelCase, epoch ms) and ts-fsrs `Card` /
 * `ReviewLog` (snake_case, `Date`). Nothing else imports ts-fsrs.
 *
 * Pure and deterministic: the time of an answer is passed in, never read.
 * Undo does not use ts-fsrs `rollback()`: each log record keeps a snapshot of
 * the card's scheduling state before the answer, to be put back as it was.
 */
import { fsrs, generatorParameters, StrategyMode } from 'ts-fsrs';
import type { Card, FSRS, FSRSParameters, Grade, RecordLogItem, StepUnit, TSeedStrategy } from 'ts-fsrs';
import { queueForState, toSnapshot } from './cardState';
import { intervalParts, type IntervalUnit } from './intervals';
import { isStepText, validateSteps } from './steps';

/** Whether a step is written as ts-fsrs reads it exactly (`isStepText` in `steps.ts`). */
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

/** Why the scheduler refused a card: a code the UI words in the user's language. */
export type UnschedulableReason = 'no-options' | 'invalid-due' | 'invalid-steps' | 'invalid-state' | 'scheduler-failed';

/** The scheduler cannot work with a card's stored state or its deck's preset. */
export class SchedulingError extends RangeError {
  readonly reason: UnschedulableReason;

  constructor(reason: UnschedulableReason, detail: string) {
    super(detail);
    this.name = 'SchedulingError';
    this.reason = reason;
  }
}

function toStateValue(state: number): CardStateValue {
  const value = STATE_VALUES[state];
  if (value === undefined) throw new SchedulingError('invalid-state', `Unknown FSRS state ${state}`);
  return value;
}

/** A ts-fsrs card carrying the app's card id, which seeds the fuzz (see `cardSeed`). */
type SeededCard = Card & { card_id: string };

function toFsrsCard(s: SchedulingState & { id: string }): SeededCard {
  return {
    card_id: s.id,
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

/**
 * The fuzz seed: the card's id, its review count and its memory state, never
 * the clock (ts-fsrs's default seeds from the review time, so intervals
 * shown on the buttons and the interval given at the tap could differ).
 */
const cardSeed: TSeedStrategy = function (this) {
  const current = this.current as Card & { card_id?: unknown };
  const id = typeof current.card_id === 'string' ? current.card_id : '';
  return `${id}_${current.reps}_${current.difficulty * current.stability}`;
};

/**
 * Steps the scheduler can use: each in the format ts-fsrs reads and from 1
 * minute to 30 days (`validateSteps`, one step at a time, so a bad step after
 * an out-of-order one is still found); order is the settings screen's concern.
 */
function toSteps(steps: readonly string[], what: string): StepUnit[] {
  const bad = steps.find((step) => !validateSteps([step]).ok);
  if (bad !== undefined) throw new SchedulingError('invalid-steps', `Invalid ${what} step "${bad}"`);
  return steps.filter(isStepText);
}

/**
 * ts-fsrs parameters for a deck options preset: its own FSRS-6 weights
 * (`fsrsWeights`, from the optimizer) or ts-fsrs's defaults.
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
    // The optimizer's parameters when the preset has them (features/optimizer).
    ...(options.fsrsWeights ? { w: options.fsrsWeights } : {}),
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
    options.fsrsWeights ?? null,
  ]);
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = fsrs(fsrsParametersFor(options)).useStrategy(StrategyMode.SEED, cardSeed);
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

/** What one answer button would do: the new due time, a short label, and the answer itself. */
export interface IntervalPreview {
  rating: RatingValue;
  /** Epoch ms the card would be due after this answer, if given at `previewedAt`. */
  due: number;
  /** `formatInterval(due - previewedAt)`, e.g. '10m', '4d', '3mo'. */
  label: string;
  /** When the preview was made (epoch ms). */
  previewedAt: number;
  /** The card and log this answer gives, as of `previewedAt` (see `answerFromPreview`). */
  outcome: { card: CardRecord; log: ReviewLogRecord };
}

function outcomeOf(card: CardRecord, rating: RatingValue, item: RecordLogItem, nowMs: number): { card: CardRecord; log: ReviewLogRecord } {
  const after = fromFsrsCard(item.card);
  const next: CardRecord = { ...card, ...after, queue: queueForState(after.state) };
  const log: ReviewLogRecord = {
    cardId: card.id,
    noteId: card.noteId,
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
    reviewTime: nowMs,
    durationMs: 0,
    day: 0,
    before: toSnapshot(card),
  };
  return { card: next, log };
}

/**
 * What each answer would do to `card` at `nowMs`: the due time and label on
 * each button, and the outcome the answer then gets (`answerFromPreview`),
 * so the interval a button shows is exactly the interval it gives, fuzz
 * included. The fuzz is seeded by the card (id, review count, memory state),
 * not by the clock, so previewing the same card twice gives the same labels.
 *
 * @example
 * previewAnswers(newCard, options, nowMs)[Rating.Good].label; // '10m'
 */
export function previewAnswers(card: CardRecord, options: DeckOptions, nowMs: number): Record<RatingValue, IntervalPreview> {
  const preview = schedulerFor(options).repeat(toFsrsCard(card), nowMs);
  const entry = (rating: RatingValue): IntervalPreview => {
    const outcome = outcomeOf(card, rating, preview[toGrade(rating)], nowMs);
    return { rating, due: outcome.card.due, label: formatInterval(outcome.card.due - nowMs), previewedAt: nowMs, outcome };
  };
  return { 1: entry(1), 2: entry(2), 3: entry(3), 4: entry(4) };
}

/**
 * The answer a preview promised, given at `ctx.nowMs`: the card with the
 * preview's new FSRS state, due the same interval after the tap as the
 * button said (the preview's due time moves with the tap), and its review
 * log (no `id` yet). The log's stability, difficulty, elapsed/scheduled
 * days and learning steps are what ts-fsrs's `ReviewLog` reports; `state`
 * and `due` are the card's before the answer; `before` is `toSnapshot(card)`
 * for undo.
 *
 * @example
 * const previews = previewAnswers(card, options, shownAt);
 * const { card: next, log } = answerFromPreview(previews[Rating.Good], { nowMs, durationMs: 4200, day });
 * next.due - nowMs === previews[Rating.Good].due - shownAt; // true
 */
export function answerFromPreview(preview: IntervalPreview, ctx: AnswerContext): { card: CardRecord; log: ReviewLogRecord } {
  const shift = ctx.nowMs - preview.previewedAt;
  const { card, log } = preview.outcome;
  return {
    card: { ...card, due: card.due + shift, lastReview: card.lastReview === null ? null : ctx.nowMs },
    log: { ...log, reviewTime: ctx.nowMs, durationMs: ctx.durationMs, day: ctx.day },
  };
}

/**
 * Answers `card` with `rating` at `ctx.nowMs` (a preview made and taken at
 * the same time): returns the card with its new FSRS state and queue
 * (content fields unchanged, key order kept) and the review log record.
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
  return answerFromPreview(previewAnswers(card, options, ctx.nowMs)[rating], ctx);
}


const SHORT_UNITS: Record<IntervalUnit, string> = { minute: 'm', hour: 'h', day: 'd', month: 'mo', year: 'y' };

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
  const parts = intervalParts(ms);
  return parts.unit === 'under-minute' ? '<1m' : `${parts.amount}${SHORT_UNITS[parts.unit]}`;
}

/** A card's memory as FSRS models it: stability in days, difficulty 1-10. */
export interface Memory {
  stability: number;
  difficulty: number;
}

/** FSRS's memory arithmetic with a preset's parameters and a given desired retention, in whole days, without fuzz (forecasts such as the retention cost). */
export interface MemoryModel {
  /** The memory after a new card's first answer. */
  initial(rating: RatingValue): Memory;
  /** The memory after an answer `elapsedDays` after the last one. */
  next(memory: Memory, elapsedDays: number, rating: RatingValue): Memory;
  /** The chance of recalling a card `elapsedDays` after its last answer. */
  recallProbability(elapsedDays: number, stability: number): number;
  /** The interval FSRS gives a card of this stability, in days (at least 1, at most the preset's maximum). */
  intervalDays(stability: number): number;
}

/**
 * The memory model of a preset at `desiredRetention` (the slider's value,
 * which may not be saved yet).
 *
 * @example
 * const model = memoryModelFor(DEFAULT_DECK_OPTIONS, 0.95);
 * model.intervalDays(model.initial(Rating.Good).stability); // 1 (at 0.9: 2, at 0.8: 8)
 */
export function memoryModelFor(options: DeckOptions, desiredRetention: number): MemoryModel {
  const scheduler = fsrs({ ...fsrsParametersFor(options), request_retention: desiredRetention, enable_fuzz: false });
  return {
    initial: (rating) => scheduler.next_state(null, 0, rating),
    next: (memory, elapsedDays, rating) => scheduler.next_state(memory, elapsedDays, rating),
    recallProbability: (elapsedDays, stability) => scheduler.forgetting_curve(elapsedDays, stability),
    intervalDays: (stability) => Math.max(1, scheduler.next_interval(stability, 0)),
  };
}
