/**
 * Answers and their undo. Each answer writes the card's new state and its
 * review log in one transaction; undo puts the pre-answer state back and
 * deletes the log in one transaction. Neither ever leaves half a write.
 */
import type { CardRecord, ReviewLogRecord } from '../domain/types';
import type { DailyProgress } from '../domain/queue';
import { CardState } from '../domain/types';
import { getDatabase, INDEX } from './db';
import { newId } from './ids';
import { guarded } from './errors';
import { undoAnswer } from './answers';
import { notesReady } from './upgrade';

/** A log as stored: with its id (a new one when it has none yet). */
function withId(log: ReviewLogRecord): ReviewLogRecord & { id: string } {
  return log.id ? { ...log, id: log.id } : { ...log, id: newId(log.reviewTime) };
}

/** Saves an answer: the card after it and its log. Resolves to the log's id. */
export function recordReview(card: CardRecord, log: ReviewLogRecord): Promise<string> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', database.cards, database.reviews, async () => {
      await database.cards.put(card);
      return await database.reviews.add(withId(log));
    });
  });
}

/**
 * Saves many answers in one transaction (imported review histories, bench
 * seeding): every log, and each card as it is after its last answer in
 * `answers` (entries in answer order). All or nothing. Resolves to the number
 * of logs written.
 *
 * @example
 * await recordReviewsBulk(history.map(({ card, log }) => ({ card, log })));
 */
export function recordReviewsBulk(answers: readonly { card: CardRecord; log: ReviewLogRecord }[]): Promise<number> {
  return guarded(async () => {
    const database = getDatabase();
    const latest = new Map<string, CardRecord>();
    for (const { card } of answers) latest.set(card.id, card);
    return await database.transaction('rw', database.cards, database.reviews, async () => {
      await database.cards.bulkPut([...latest.values()]);
      await database.reviews.bulkAdd(answers.map((answer) => withId(answer.log)));
      return answers.length;
    });
  });
}

/**
 * Undoes one answer (see `undoAnswer`, which also refuses when the card was
 * answered again since). Returns the restored card, or null if nothing was
 * undone.
 */
export async function undoReview(logId: string): Promise<CardRecord | null> {
  const result = await undoAnswer(logId);
  return result.kind === 'undone' ? result.card : null;
}

/** New cards introduced and reviews done that day, from one deck's logs of the day. */
export function progressOf(logs: readonly ReviewLogRecord[]): DailyProgress {
  return {
    newIntroduced: logs.filter((log) => log.state === CardState.New).length,
    reviewsDone: logs.filter((log) => log.state === CardState.Review).length,
  };
}

/** Every review log, oldest first (exports). */
export function allReviewLogs(): Promise<ReviewLogRecord[]> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.reviews.orderBy(INDEX.reviewsByTime).toArray();
  });
}

export function countReviewLogs(): Promise<number> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.reviews.count();
  });
}

