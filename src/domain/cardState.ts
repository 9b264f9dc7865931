/**
 * A card's plain scheduling state without ts-fsrs: the state of a new card,
 * the queue a state belongs in, and the snapshot undo restores. Kept apart
 * from `scheduler.ts` so storage and the home screen never load ts-fsrs.
 */
import { CardQueue, CardState, type CardQueueValue, type CardRecord, type CardSnapshot, type CardStateValue } from './types';

/**
 * Scheduling state of a card that has never been studied: state New, queue
 * New, due at `nowMs` (the time it was added).
 *
 * @example
 * const card: CardRecord = { ...content, ...createNewCardState(nowMs) };
 */
export function createNewCardState(nowMs: number): CardSnapshot {
  return {
    due: nowMs,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: CardState.New,
    lastReview: null,
    queue: CardQueue.New,
  };
}

/**
 * The study queue a card in FSRS state `state` belongs in.
 *
 * @example
 * queueForState(CardState.Relearning); // CardQueue.Learning
 */
export function queueForState(state: CardStateValue): CardQueueValue {
  switch (state) {
    case CardState.New:
      return CardQueue.New;
    case CardState.Learning:
    case CardState.Relearning:
      return CardQueue.Learning;
    case CardState.Review:
      return CardQueue.Review;
  }
}

/**
 * The card's scheduling fields and queue, always in the same key order (so
 * snapshots compare byte for byte after JSON round trips).
 *
 * @example
 * const before = toSnapshot(card);
 * // undo: { ...answeredCard, ...before } equals card
 */
export function toSnapshot(card: CardRecord): CardSnapshot {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsedDays,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.lastReview,
    queue: card.queue,
  };
}


/**
 * The card moved to `queue`. Only a buried card has a `buriedDay` (the study
 * day it was buried on): give it for the Buried queue; any other queue
 * drops it.
 *
 * @example
 * inQueue(card, CardQueue.Retired); // retired, no buried day left over
 * inQueue(card, CardQueue.Buried, day); // buried until the study day after `day`
 */
export function inQueue(card: CardRecord, queue: CardQueueValue, buriedDay?: number): CardRecord {
  const moved: CardRecord = { ...card, queue };
  if (queue === CardQueue.Buried && buriedDay !== undefined) moved.buriedDay = buriedDay;
  else delete moved.buriedDay;
  return moved;
}
