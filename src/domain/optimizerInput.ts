/**
 * The FSRS optimizer's input and its yardstick, from the app's review log.
 * Pure: the training itself runs in fsrs-browser (`features/optimizer`).
 *
 * Training items follow Anki's filtering for training (rslib
 * `scheduler/fsrs/params.rs`, `reviews_for_fsrs` with `training = true`):
 * - a card's answers in time order, from its last first learning step (the
 *   last answer given while the card was New: a card reset to new starts
 *   over there); a card with no such answer (learned before the log began)
 *   is left out;
 * - no manual or rescheduled entries: the app's log holds graded answers
 *   only ("reset to new" and "set due date" write no log), so there are none
 *   to drop;
 * - `deltaT` is whole study days between the answers' study days, with the
 *   user's day start hour and time zone (`studyDayOf`, so a DST change never
 *   makes a day of 23 or 25 hours count differently);
 * - an item is the card's answers up to and including one answered on a
 *   later study day than the one before (`deltaT > 0`): same-day answers are
 *   history, never targets; a card that gives no item is left out.
 *
 * The yardstick is fsrs-rs's `evaluate` (which Anki's "Evaluate" shows):
 * log loss and RMSE(bins) over the items, recency-weighted, with each
 * card's memory replayed by the scheduler's model (`memoryModelFor`, ts-fsrs).
 */
import { memoryModelFor, type MemoryModel } from './scheduler';
import { studyDayOf } from './studyDay';
import { CardState, type DeckOptions, type RatingValue, type ReviewLogRecord } from './types';

/** What the optimizer reads of a review log. */
export type OptimizerLog = Pick<ReviewLogRecord, 'cardId' | 'rating' | 'state' | 'reviewTime'>;

/** When study days begin: the settings' day start hour, in a time zone (the runtime's when omitted). */
export interface StudyDayRule {
  dayStartHour: number;
  timeZone?: string;
}

/**
 * One answer as FSRS trains on it: the rating, and the whole study days since
 * the card's previous answer (0 for its first answer and for another answer
 * on the same study day).
 */
export interface FsrsReview {
  rating: RatingValue;
  deltaT: number;
}

/** One card's answers from its last first learning step on, with the time of each. */
export interface CardHistory {
  cardId: string;
  reviews: FsrsReview[];
  reviewTimes: number[];
}

/**
 * One training target (fsrs-rs's `FSRSItem`): the first `length` answers of
 * a card's history; the last of them is the answer the model predicts.
 */
export interface FsrsItem {
  history: CardHistory;
  length: number;
}

export interface TrainingSet {
  /** In the order of the time of their last answer (the evaluation weighs recent items more). */
  items: FsrsItem[];
  /** Cards that gave at least one item. */
  cards: number;
  /** The answers of those cards from their last first learning step on (Anki's "reviews" count). */
  reviews: number;
}

/**
 * Below this many items the optimizer is not run: the user is told how many
 * more reviews are needed. fsrs-rs trains nothing below 8 items and only the
 * four initial stabilities below 64 (`compute_parameters`), and Anki's
 * `compute_params` leaves the caller to check for 400 items; 400 is the
 * point from which all 21 parameters are worth fitting.
 */
export const MIN_TRAINING_ITEMS = 400;

/** The optimizer is offered again after this many new reviews of the preset... */
export const OFFER_AGAIN_AFTER_REVIEWS = 1000;
/** ...or this many days after it last ran. */
export const OFFER_AGAIN_AFTER_DAYS = 30;

const MS_PER_DAY = 86_400_000;
/** Study days are the same within a quarter of an hour: every zone's offset is a whole number of quarters. */
const SLOT_MS = 15 * 60_000;

/** `studyDayOf` with a cache per quarter hour (266,000 answers would otherwise cost seconds of Intl formatting). */
function studyDaysOf(rule: StudyDayRule): (ms: number) => number {
  const bySlot = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / SLOT_MS);
    let day = bySlot.get(slot);
    if (day === undefined) {
      day = studyDayOf(slot * SLOT_MS, rule.dayStartHour, rule.timeZone);
      bySlot.set(slot, day);
    }
    return day;
  };
}

/** A card's answers from its last first learning step, or null when it has none. */
function historyOf(cardId: string, logs: readonly OptimizerLog[], dayOf: (ms: number) => number): CardHistory | null {
  let start = -1;
  for (let index = logs.length - 1; index >= 0; index -= 1) {
    if (logs[index]?.state === CardState.New) {
      start = index;
      break;
    }
  }
  if (start < 0) return null;
  const kept = logs.slice(start);
  const reviews: FsrsReview[] = [];
  let previousDay: number | null = null;
  for (const log of kept) {
    const day = dayOf(log.reviewTime);
    reviews.push({ rating: log.rating, deltaT: previousDay === null ? 0 : Math.max(0, day - previousDay) });
    previousDay = day;
  }
  return { cardId, reviews, reviewTimes: kept.map((log) => log.reviewTime) };
}

/**
 * The training items of a preset's review logs (any order), filtered as
 * Anki does for training (see the module header).
 *
 * @example
 * // A card learned on day 1 (New, then a learning step), reviewed on days 3 and 10:
 * const set = trainingSetOf(logs, { dayStartHour: 4 });
 * set.items.map(itemReviews); // [[G0, G0, G2], [G0, G0, G2, G7]] (rating, deltaT)
 * set.cards;   // 1
 * set.reviews; // 4
 */
export function trainingSetOf(logs: readonly OptimizerLog[], rule: StudyDayRule): TrainingSet {
  const byCard = new Map<string, OptimizerLog[]>();
  for (const log of logs) {
    const list = byCard.get(log.cardId);
    if (list) list.push(log);
    else byCard.set(log.cardId, [log]);
  }
  const dayOf = studyDaysOf(rule);
  const targets: { item: FsrsItem; at: number }[] = [];
  let cards = 0;
  let reviews = 0;
  for (const [cardId, list] of byCard) {
    list.sort((a, b) => a.reviewTime - b.reviewTime);
    const history = historyOf(cardId, list, dayOf);
    if (!history) continue;
    const before = targets.length;
    history.reviews.forEach((review, index) => {
      if (index > 0 && review.deltaT > 0) targets.push({ item: { history, length: index + 1 }, at: history.reviewTimes[index] ?? 0 });
    });
    if (targets.length === before) continue;
    cards += 1;
    reviews += history.reviews.length;
  }
  targets.sort((a, b) => a.at - b.at);
  return { items: targets.map((target) => target.item), cards, reviews };
}

/** An item's answers, the predicted one last. */
export function itemReviews(item: FsrsItem): FsrsReview[] {
  return item.history.reviews.slice(0, item.length);
}

/** How many more items training needs (0 when there are enough). */
export function reviewsStillNeeded(itemCount: number): number {
  return Math.max(0, MIN_TRAINING_ITEMS - itemCount);
}

/**
 * Items as fsrs-browser's `computeParameters` takes them: every item's
 * ratings and delta-ts one after another, and each item's length.
 */
export function flattenItems(items: readonly FsrsItem[]): { ratings: Uint32Array; deltaTs: Uint32Array; lengths: Uint32Array } {
  let total = 0;
  for (const item of items) total += item.length;
  const ratings = new Uint32Array(total);
  const deltaTs = new Uint32Array(total);
  const lengths = new Uint32Array(items.length);
  let at = 0;
  items.forEach((item, index) => {
    lengths[index] = item.length;
    for (let k = 0; k < item.length; k += 1) {
      const review = item.history.reviews[k];
      ratings[at] = review?.rating ?? 0;
      deltaTs[at] = review?.deltaT ?? 0;
      at += 1;
    }
  });
  return { ratings, deltaTs, lengths };
}

/** How well a parameter vector predicts a set of items: lower is better for both. */
export interface FitScore {
  /** Weighted binary cross-entropy of the predicted recall against what happened. */
  logLoss: number;
  /** fsrs-rs's RMSE(bins): predicted against actual recall, per bin of interval, review count and lapses. */
  rmseBins: number;
}

/** The recall the model predicted for each answer of a history (index k: answer k; index 0 is never a target). */
function predictedRecall(model: MemoryModel, reviews: readonly FsrsReview[]): Float64Array {
  const predicted = new Float64Array(reviews.length);
  const first = reviews[0];
  if (!first) return predicted;
  let memory = model.initial(first.rating);
  for (let k = 1; k < reviews.length; k += 1) {
    const review = reviews[k] as FsrsReview;
    predicted[k] = model.recallProbability(review.deltaT, memory.stability);
    memory = model.next(memory, review.deltaT, review.rating);
  }
  return predicted;
}

/** fsrs-rs's bin of an item (`r_matrix_index`): its interval, how many days-apart answers it has, its lapses. */
function binOf(item: FsrsItem): string {
  const reviews = item.history.reviews;
  const current = reviews[item.length - 1] as FsrsReview;
  const logBin = (x: number, base: number, scale: number) => Math.round(scale * base ** Math.floor(Math.log(x) / Math.log(base)));
  const deltaBin = Math.round(2.48 * 3.62 ** Math.floor(Math.log(current.deltaT) / Math.log(3.62)) * 100);
  let longTerm = 0;
  let lapses = 0;
  for (let k = 0; k < item.length; k += 1) {
    const review = reviews[k] as FsrsReview;
    if (review.deltaT > 0) {
      longTerm += 1;
      if (k < item.length - 1 && review.rating === 1) lapses += 1;
    }
  }
  const lengthBin = logBin(longTerm + 1, 1.89, 1.99);
  const lapseBin = lapses === 0 ? 0 : logBin(lapses, 1.73, 1.65);
  return `${deltaBin}/${lengthBin}/${lapseBin}`;
}

/** Keeps log(0) out of the loss for a prediction of exactly 0 or 1. */
const EPSILON = 1e-7;

/**
 * Log loss and RMSE(bins) of a preset's parameters (`options.fsrsWeights`,
 * or the defaults) on `items` (in time order), as fsrs-rs's `evaluate`
 * computes them: the item at position i of n weighs 0.25 + 0.75 (i/(n-1))^3,
 * so recent answers count more; an answer is recalled unless rated Again.
 *
 * @example
 * const { items } = trainingSetOf(logs, { dayStartHour: 4 });
 * evaluateParameters(preset, items);                                  // { logLoss: 0.31, rmseBins: 0.052 }
 * evaluateParameters({ ...preset, fsrsWeights: trained }, items);     // lower is better
 */
export function evaluateParameters(options: DeckOptions, items: readonly FsrsItem[]): FitScore {
  const model = memoryModelFor(options, options.desiredRetention);
  const predictions = new Map<CardHistory, Float64Array>();
  const bins = new Map<string, { predicted: number; actual: number; count: number; weight: number }>();
  const last = Math.max(1, items.length - 1);
  let loss = 0;
  let weights = 0;
  items.forEach((item, index) => {
    let predicted = predictions.get(item.history);
    if (!predicted) {
      predicted = predictedRecall(model, item.history.reviews);
      predictions.set(item.history, predicted);
    }
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, predicted[item.length - 1] ?? 0));
    const recalled = item.history.reviews[item.length - 1]?.rating === 1 ? 0 : 1;
    const weight = 0.25 + 0.75 * (index / last) ** 3;
    loss -= weight * (recalled * Math.log(p) + (1 - recalled) * Math.log(1 - p));
    weights += weight;
    const key = binOf(item);
    const bin = bins.get(key) ?? { predicted: 0, actual: 0, count: 0, weight: 0 };
    bin.predicted += p;
    bin.actual += recalled;
    bin.count += 1;
    bin.weight += weight;
    bins.set(key, bin);
  });
  if (weights === 0) return { logLoss: 0, rmseBins: 0 };
  let squared = 0;
  for (const bin of bins.values()) squared += (bin.predicted / bin.count - bin.actual / bin.count) ** 2 * bin.weight;
  return { logLoss: loss / weights, rmseBins: Math.sqrt(squared / weights) };
}

/** Whether new parameters predict better than the current ones: a lower RMSE(bins), Anki's test before it keeps them. */
export function isBetterFit(candidate: FitScore, current: FitScore): boolean {
  return candidate.rmseBins < current.rmseBins;
}

/** Why the optimizer is worth running again on a preset it ran on before: enough new reviews, or enough days. */
export type OptimizeAgainReason = 'reviews' | 'days';

/**
 * Whether to offer the optimizer again: after `OFFER_AGAIN_AFTER_REVIEWS`
 * reviews since it last ran or `OFFER_AGAIN_AFTER_DAYS` days; null when it
 * never ran on the preset or ran recently.
 *
 * @example
 * optimizeAgainReason({ optimizedAt: now - 31 * DAY, reviewsAtOptimize: 900 }, 1000, now); // 'days'
 */
export function optimizeAgainReason(
  options: Pick<DeckOptions, 'optimizedAt' | 'reviewsAtOptimize'>,
  reviewCount: number,
  nowMs: number,
): OptimizeAgainReason | null {
  if (options.optimizedAt === undefined) return null;
  if (reviewCount - (options.reviewsAtOptimize ?? 0) >= OFFER_AGAIN_AFTER_REVIEWS) return 'reviews';
  if (nowMs - options.optimizedAt >= OFFER_AGAIN_AFTER_DAYS * MS_PER_DAY) return 'days';
  return null;
}
