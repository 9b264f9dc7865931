/**
 * A package's review history (Anki's revlog, read by the importer as
 * `ImportedReview`s) brought in as this app's review logs, pure: each
 * imported answer is given again through the scheduler (`answerCard`) at its
 * time, with its rating and duration, so the card ends in the FSRS state its
 * whole history gives and every answer is a log like one given here.
 *
 * - Ids: `seededUlid(reviewTime, 'anki-revlog|<card id>|<source id>')`, so
 *   importing the same package twice adds nothing, and a newer package adds
 *   only the answers that are new.
 * - Answers after `nowMs`, with a rating outside 1-4 or a time that is not a
 *   number are left out; so are answers at or before the earliest state
 *   known here (the state before the card's first stored answer, or the card
 *   itself when it has none), which have no state to be given from.
 * - New answers all after the card's own: they continue from the stored card
 *   as it is (a reset or a due date set here since its last answer is kept).
 * - A new answer before one of the card's own: the combined log, in time
 *   order (then by id), is replayed as a merge from another device does
 *   (`replayCardLog`: the card's own answers up to the first new one take
 *   their recorded outcomes), and the card's own answers after it are given
 *   again from their new states: their logs are rewritten with what the
 *   scheduler reports (state, due, memory, elapsed and scheduled days, the
 *   `before` snapshot), keeping their id, rating, time, duration, day and
 *   marks, so the log says what really happened (e.g. an answer that is no
 *   longer a new card's first one does not count as a new card introduced).
 * - The card's queue follows its final state, except a card set aside here
 *   (suspended, buried, retired), which stays where it is: the user put it
 *   there after, or regardless of, those answers. No siblings are buried
 *   and no card becomes a leech: these answers were given elsewhere, and
 *   that package's own choices are not known.
 */
import { inQueue, queueForState } from './cardState';
import { recordedOutcomes, replayCardLog } from './collectionMerge';
import { seededUlid } from './ids';
import type { ImportedReview } from './importers/types';
import type { StudyDayRule } from './optimizerInput';
import { answerCard } from './scheduler';
import { studyDayOf } from './studyDay';
import { CardQueue, isRating, type CardRecord, type DeckOptions, type ReviewLogRecord } from './types';

/** A review log as stored: with its id. */
export type StoredLog = ReviewLogRecord & { id: string };

/** When the import happens (answers after it are left out) and how its answers' study days are counted. */
export type ImportedHistoryContext = StudyDayRule & {
  /** Epoch ms of the import. */
  nowMs: number;
};

/** What an imported history does to one card. */
export interface ImportedHistoryReplay {
  /** The card after its whole history (content unchanged). */
  card: CardRecord;
  /** The new logs, in time order. */
  added: StoredLog[];
  /** The card's own logs given again after an earlier imported answer (see the module header); empty when every new answer is after them. */
  updated: StoredLog[];
}

/**
 * The id an imported answer gets as a log: the same answer of the same card
 * always gets the same id.
 *
 * @example
 * importedLogId('card-1', { sourceId: '1700000000000', reviewTime: 1700000000000, rating: 3, durationMs: 4000 });
 * // seededUlid(1700000000000, 'anki-revlog|card-1|1700000000000')
 */
export function importedLogId(cardId: string, review: ImportedReview): string {
  return seededUlid(review.reviewTime, `anki-revlog|${cardId}|${review.sourceId}`);
}

/** Combined-log order: by review time, then by id (as a merge orders a card's log). */
function byTimeThenId(a: { reviewTime: number; id: string }, b: { reviewTime: number; id: string }): number {
  return a.reviewTime - b.reviewTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A new answer, or one of the card's own logs, in the combined log. */
type Entry = { kind: 'new'; id: string; review: ImportedReview; reviewTime: number } | { kind: 'own'; id: string; log: StoredLog; reviewTime: number };

/** What the scheduler derives of an answer, as a log holds it (the rest is the answer itself). */
function derivedOf(log: ReviewLogRecord): Pick<ReviewLogRecord, 'state' | 'due' | 'stability' | 'difficulty' | 'elapsedDays' | 'lastElapsedDays' | 'scheduledDays' | 'learningSteps' | 'before'> {
  return {
    state: log.state,
    due: log.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsedDays,
    lastElapsedDays: log.lastElapsedDays,
    scheduledDays: log.scheduledDays,
    learningSteps: log.learningSteps,
    before: log.before,
  };
}

const SET_ASIDE: ReadonlySet<number> = new Set([CardQueue.Suspended, CardQueue.Buried, CardQueue.Retired]);

/**
 * The card after `imported` (one card's answers from a package) joins its
 * own logs here (`existing`, any order), and the logs to write; null when
 * there is nothing new (every imported answer is stored already or left
 * out). See the module header for the rules.
 *
 * Throws `SchedulingError` when the scheduler refuses the card (a preset it
 * cannot use, a corrupt state): nothing of that card can be imported.
 *
 * @example
 * const result = replayImportedAnswers(card, ownLogs, history.reviews, options, { nowMs, dayStartHour: 4 });
 * if (result) {
 *   // write result.card, add result.added, put result.updated
 * }
 * replayImportedAnswers(result.card, [...ownLogs, ...result.added], history.reviews, options, { nowMs, dayStartHour: 4 }); // null
 */
export function replayImportedAnswers(
  card: CardRecord,
  existing: readonly StoredLog[],
  imported: readonly ImportedReview[],
  options: DeckOptions,
  context: ImportedHistoryContext,
): ImportedHistoryReplay | null {
  const own = [...existing].sort(byTimeThenId);
  const first = own[0];
  // The earliest state known here: answers at or before its last review have nothing to be given from.
  const floor = (first ? first.before.lastReview : card.lastReview) ?? -Infinity;
  const storedIds = new Set(own.map((log) => log.id));
  const fresh = new Map<string, Entry>();
  for (const review of imported) {
    const { reviewTime } = review;
    if (!Number.isFinite(reviewTime) || reviewTime > context.nowMs || reviewTime <= floor || !isRating(review.rating)) continue;
    const id = importedLogId(card.id, review);
    if (!storedIds.has(id)) fresh.set(id, { kind: 'new', id, review, reviewTime });
  }
  const newEntries = [...fresh.values()].sort(byTimeThenId);
  const [firstNew] = newEntries;
  if (!firstNew) return null;

  // The card's own answers before the first new one keep their outcomes; the rest is given again.
  const ownBefore = own.filter((log) => byTimeThenId(log, firstNew) < 0);
  const ownAfter = own.slice(ownBefore.length);
  let current: CardRecord;
  if (ownAfter.length === 0 && (card.lastReview === null || card.lastReview < firstNew.reviewTime)) {
    current = card;
  } else if (ownBefore.length > 0) {
    const state = replayCardLog(card, ownBefore, options, recordedOutcomes([card], own));
    current = { ...card, ...state, queue: queueForState(state.state) };
  } else {
    // Before every answer here: from the state the card's first own answer was given from.
    current = first ? { ...card, ...first.before } : card;
  }

  const rest: Entry[] = [...newEntries, ...ownAfter.map((log): Entry => ({ kind: 'own', id: log.id, log, reviewTime: log.reviewTime }))].sort(byTimeThenId);
  const added: StoredLog[] = [];
  const updated: StoredLog[] = [];
  for (const entry of rest) {
    if (entry.kind === 'new') {
      const { reviewTime, rating, durationMs } = entry.review;
      const day = studyDayOf(reviewTime, context.dayStartHour, context.timeZone);
      const answered = answerCard(current, rating, options, { nowMs: reviewTime, durationMs: Number.isFinite(durationMs) && durationMs > 0 ? durationMs : 0, day });
      added.push({ ...answered.log, id: entry.id });
      current = answered.card;
    } else {
      const { log } = entry;
      const answered = answerCard(current, log.rating, options, { nowMs: log.reviewTime, durationMs: log.durationMs, day: log.day });
      const rewritten: StoredLog = { ...log, ...derivedOf(answered.log) };
      if (JSON.stringify(rewritten) !== JSON.stringify(log)) updated.push(rewritten);
      current = answered.card;
    }
  }

  const next = SET_ASIDE.has(card.queue) ? inQueue(current, card.queue, card.buriedDay) : inQueue(current, queueForState(current.state));
  return { card: next, added, updated };
}
