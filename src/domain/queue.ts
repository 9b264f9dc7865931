/**
 * Review sessions: which cards are studied today and in what order.
 *
 * Pure data in, data out. Storage supplies candidate cards (already limited
 * per deck); this module applies the daily allowances, orders the three
 * lists, picks the next card at a given time and updates the lists after an
 * answer or an undo. Every function returns new arrays and never mutates
 * its inputs.
 *
 * Rules:
 * - A learning/relearning card is "due now" when `due <= nowMs`: it then
 *   comes before everything else. When nothing else is left, a learning card
 *   due within the learn-ahead limit is shown at once (Anki's learn ahead).
 * - Review and new cards are not tied to a time of day: every one in the
 *   queue may be shown as soon as no learning card is due. When both kinds
 *   remain, new cards are spread evenly among the reviews (see `nextStep`).
 * - When only learning cards due later today remain, the session waits.
 */
import { CardQueue } from './types';
import type { CardRecord } from './types';

/** Cards already counted against the current study day, for one deck. */
export interface DailyProgress {
  newIntroduced: number;
  reviewsDone: number;
}

/** A deck's daily limits (from its `DeckOptions`). */
export interface DeckLimits {
  newPerDay: number;
  reviewsPerDay: number;
}

/** The three lists of a session, each kept sorted. */
export interface StudyQueue {
  /** Learning and relearning cards due before the end of the day, by due time. */
  learning: CardRecord[];
  /** Review cards due before the end of the day, by due time. */
  reviews: CardRecord[];
  /** New cards, by deck position, then deck id. */
  fresh: CardRecord[];
}

export type NextStep = { kind: 'card'; card: CardRecord } | { kind: 'wait'; until: number } | { kind: 'done' };

function nonNegativeInt(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
}

/**
 * Remaining allowance today: the deck's limits minus what was already done
 * this study day, never below zero.
 *
 * @example
 * remainingToday({ newPerDay: 20, reviewsPerDay: 200 }, { newIntroduced: 5, reviewsDone: 250 });
 * // { newCards: 15, reviews: 0 }
 */
export function remainingToday(limits: DeckLimits, progress: DailyProgress): { newCards: number; reviews: number } {
  return {
    newCards: nonNegativeInt(limits.newPerDay - progress.newIntroduced),
    reviews: nonNegativeInt(limits.reviewsPerDay - progress.reviewsDone),
  };
}

// ---------------------------------------------------------------------------
// Ordering

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Learning and review order: due time, then id (so the order is total). */
function byDue(a: CardRecord, b: CardRecord): number {
  return a.due - b.due || compareStrings(a.id, b.id);
}

/** New-card order: position in the deck, then deck id, then id. */
function byPosition(a: CardRecord, b: CardRecord): number {
  return a.position - b.position || compareStrings(a.deckId, b.deckId) || compareStrings(a.id, b.id);
}

/** Copy of a sorted `list` with `card` inserted after every element that sorts before or with it. */
function insertSorted(list: readonly CardRecord[], card: CardRecord, compare: (a: CardRecord, b: CardRecord) => number): CardRecord[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = list[mid];
    if (item !== undefined && compare(item, card) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [...list.slice(0, lo), card, ...list.slice(lo)];
}

function without(list: readonly CardRecord[], id: string): CardRecord[] {
  return list.filter((c) => c.id !== id);
}

// ---------------------------------------------------------------------------
// Building and walking

/**
 * Builds a session queue from candidate cards of one or more decks (each
 * candidate list already limited by storage), the allowances per deck, and
 * the end of the study day. Learning cards due before `dayEndMs` are kept
 * (daily limits do not apply to them); reviews due before `dayEndMs`, most
 * overdue first, up to each deck's review allowance; new cards in deck order
 * up to each deck's new allowance. A deck missing from `allowanceByDeck` gets
 * no reviews and no new cards. Retired cards and repeated ids are dropped.
 *
 * @example
 * const allowance = new Map([['js', remainingToday(limits, progress)]]);
 * const queue = buildStudyQueue(candidates, allowance, endOfStudyDay(nowMs, 4));
 */
export function buildStudyQueue(
  candidates: CardRecord[],
  allowanceByDeck: Map<string, { newCards: number; reviews: number }>,
  dayEndMs: number,
): StudyQueue {
  const seen = new Set<string>();
  const learning: CardRecord[] = [];
  const reviewPool: CardRecord[] = [];
  const freshPool: CardRecord[] = [];
  for (const card of candidates) {
    if (seen.has(card.id)) continue;
    seen.add(card.id);
    switch (card.queue) {
      case CardQueue.Learning:
        if (card.due < dayEndMs) learning.push(card);
        break;
      case CardQueue.Review:
        if (card.due < dayEndMs) reviewPool.push(card);
        break;
      case CardQueue.New:
        freshPool.push(card);
        break;
      case CardQueue.Retired:
      case CardQueue.Buried:
      case CardQueue.Suspended:
        break;
    }
  }
  learning.sort(byDue);
  reviewPool.sort(byDue);
  freshPool.sort(byPosition);
  const takeWithin = (pool: CardRecord[], limitOf: (deckId: string) => number): CardRecord[] => {
    const used = new Map<string, number>();
    return pool.filter((card) => {
      const count = used.get(card.deckId) ?? 0;
      if (count >= limitOf(card.deckId)) return false;
      used.set(card.deckId, count + 1);
      return true;
    });
  };
  return {
    learning,
    reviews: takeWithin(reviewPool, (deckId) => nonNegativeInt(allowanceByDeck.get(deckId)?.reviews ?? 0)),
    fresh: takeWithin(freshPool, (deckId) => nonNegativeInt(allowanceByDeck.get(deckId)?.newCards ?? 0)),
  };
}

/**
 * Picks what comes next at `nowMs`:
 * 1. the learning/relearning card due earliest, if it is due (`due <= nowMs`);
 * 2. else a review or a new card. With both left, new cards are spread
 *    evenly over the session: with R reviews and N new cards in total
 *    (shown + still queued), the k-th new card goes where the k/(N+1) mark
 *    of the reviews is, i.e. a new card is shown when
 *    `(shown.fresh + 1) / (N + 1) < (shown.reviews + 1) / (R + 1)`
 *    (100 reviews and 10 new: one new card after every ~9-10 reviews);
 * 3. else, if learning cards remain: the earliest, if it is due within
 *    `learnAheadMs` (Anki's learn-ahead limit), else wait until it is due;
 * 4. else done.
 *
 * `shown` counts the review and new cards taken from this queue so far this
 * session (not learning steps); decrement them on undo.
 *
 * @example
 * const step = nextStep(queue, nowMs, { reviews: 12, fresh: 1 });
 * if (step.kind === 'card') show(step.card);
 * else if (step.kind === 'wait') setTimer(step.until - nowMs);
 */
export function nextStep(queue: StudyQueue, nowMs: number, shown: { reviews: number; fresh: number }, learnAheadMs = 0): NextStep {
  const firstLearning = queue.learning[0];
  if (firstLearning !== undefined && firstLearning.due <= nowMs) return { kind: 'card', card: firstLearning };
  const firstReview = queue.reviews[0];
  const firstFresh = queue.fresh[0];
  if (firstReview !== undefined && firstFresh !== undefined) {
    const shownReviews = Math.max(0, shown.reviews);
    const shownFresh = Math.max(0, shown.fresh);
    const totalReviews = shownReviews + queue.reviews.length;
    const totalFresh = shownFresh + queue.fresh.length;
    // Cross-multiplied form of (shownFresh + 1) / (totalFresh + 1) < (shownReviews + 1) / (totalReviews + 1).
    const isFreshTurn = (shownFresh + 1) * (totalReviews + 1) < (shownReviews + 1) * (totalFresh + 1);
    return { kind: 'card', card: isFreshTurn ? firstFresh : firstReview };
  }
  if (firstReview !== undefined) return { kind: 'card', card: firstReview };
  if (firstFresh !== undefined) return { kind: 'card', card: firstFresh };
  if (firstLearning !== undefined) {
    return firstLearning.due <= nowMs + learnAheadMs ? { kind: 'card', card: firstLearning } : { kind: 'wait', until: firstLearning.due };
  }
  return { kind: 'done' };
}

/**
 * A new queue with `answered` removed (by id) from every list and, if it is
 * now in the learning queue and due before `dayEndMs`, put back into
 * `learning` in due order; `buried` ids (its siblings, until tomorrow) leave
 * the review and new lists. Also for a card answered in another tab (the
 * stored card). O(queue size).
 *
 * @example
 * const { card: next } = answerCard(card, Rating.Again, options, ctx);
 * queue = afterAnswer(queue, next, dayEndMs); // back in `learning`, due in 1 minute
 */
export function afterAnswer(queue: StudyQueue, answered: CardRecord, dayEndMs: number, buried: readonly string[] = []): StudyQueue {
  const learning = without(queue.learning, answered.id);
  const gone = new Set([answered.id, ...buried]);
  return {
    learning:
      answered.queue === CardQueue.Learning && answered.due < dayEndMs
        ? insertSorted(learning, answered, byDue)
        : learning,
    reviews: queue.reviews.filter((card) => !gone.has(card.id)),
    fresh: queue.fresh.filter((card) => !gone.has(card.id)),
  };
}

/**
 * The ids of `card`'s siblings in the queue's review and new lists: other
 * cards of the same note and deck, which "bury siblings" keeps for tomorrow.
 *
 * @example
 * siblingsInQueue(queue, clozeC1); // ['note::c2', 'note::c3']
 */
export function siblingsInQueue(queue: StudyQueue, card: CardRecord): string[] {
  return [...queue.reviews, ...queue.fresh]
    .filter((other) => other.id !== card.id && other.noteId === card.noteId && other.deckId === card.deckId)
    .map((other) => other.id);
}

/**
 * For undo: a new queue with any copy of `card` removed and the restored
 * `card` put back, in order, into the list its `queue` field names (new ->
 * `fresh`, learning -> `learning`, review -> `reviews`; retired -> none).
 *
 * @example
 * const restored = { ...answeredCard, ...log.before };
 * queue = withCardRestored(queue, restored);
 */
export function withCardRestored(queue: StudyQueue, card: CardRecord): StudyQueue {
  const learning = without(queue.learning, card.id);
  const reviews = without(queue.reviews, card.id);
  const fresh = without(queue.fresh, card.id);
  switch (card.queue) {
    case CardQueue.Learning:
      return { learning: insertSorted(learning, card, byDue), reviews, fresh };
    case CardQueue.Review:
      return { learning, reviews: insertSorted(reviews, card, byDue), fresh };
    case CardQueue.New:
      return { learning, reviews, fresh: insertSorted(fresh, card, byPosition) };
    case CardQueue.Retired:
    case CardQueue.Buried:
    case CardQueue.Suspended:
      return { learning, reviews, fresh };
  }
}

/**
 * How many cards of each kind are left in the queue (for the counts shown
 * during a session).
 *
 * @example
 * queueCounts(queue); // { newCount: 3, learningCount: 1, reviewCount: 40 }
 */
export function queueCounts(queue: StudyQueue): { newCount: number; learningCount: number; reviewCount: number } {
  return { newCount: queue.fresh.length, learningCount: queue.learning.length, reviewCount: queue.reviews.length };
}
