/**
 * Durable answers. An answer is written in the tap's own task: a native
 * IndexedDB transaction (on Dexie's connection) is created, its requests
 * issued and `commit()` called as soon as the card's stored state has been
 * checked, so a reload, a closed tab or a killed renderer right after the tap
 * cannot leave it unsent (a write only *started* in `pagehide` never commits,
 * w3c/IndexedDB#482). Until it commits, the answer also sits in a small
 * synchronous journal (localStorage) that the next start replays.
 *
 * One writer per card: the transaction adds a claim on the card's exact
 * pre-answer state (`log.before`) in `meta`; a second answer from the same
 * state fails to add it, so nothing is written and the caller learns the
 * stored card ("answered elsewhere"). Undo applies only if the card is still in the state the
 * answer left. Other tabs learn of each answer on a BroadcastChannel, and
 * Dexie's `storagemutated` is fired so their screens re-read.
 *
 * Siblings: an answer can bury other cards of the same note until the next
 * study day (`queue` Buried, `buriedDay`); `unburyEarlierDays` puts them back.
 *
 * Leeches: an answer that made its card a leech (`log.becameLeech`, decided
 * by `domain/leech.ts` before the write: the card comes suspended) also tags
 * the note `leech` in the same transaction; undo takes the tag off again
 * when that answer added it (`log.addedLeechTag`).
 */
import { reachedMilestone } from '../domain/milestones';
import Dexie, { RangeSet } from 'dexie';
import { inQueue, queueForState, toSnapshot } from '../domain/cardState';
import { LEECH_TAG, withLeechTag, withoutLeechTag } from '../domain/leech';
import { ordinalOfCard } from '../domain/notes';
import { CardQueue, type CardRecord, type CardSnapshot, type NoteRecord, type ReviewLogRecord } from '../domain/types';
import { versionRowsFor } from './countsCache';
import { DATABASE_NAME, getDatabase, INDEX, STORE, type FlashcardsDatabase, type MetaRow } from './db';
import { newId } from './ids';
import { guarded, toStorageError } from './errors';
import { cardsOfSameNote } from './noteCards';

/** One answer to write: the card after it, its log, and the study day (for burying siblings). */
export interface AnswerToWrite {
  card: CardRecord;
  log: ReviewLogRecord;
  /** Bury the card's siblings (other cards of its note) until the next study day. */
  burySiblings: boolean;
  /** End of the answer's study day (epoch ms): review siblings due before it are buried. */
  dayEndMs: number;
  /** Who answered (a session's id): its own notices are not sent back to it. */
  writer?: string;
}

export type AnswerWriteResult =
  | { kind: 'saved'; logId: string }
  /** This very answer had been written already (a journal replayed by another page): nothing new was written. */
  | { kind: 'already-saved'; logId: string }
  /** The stored card was not in the state the answer was computed from: nothing was written. */
  | { kind: 'conflict'; stored: CardRecord | undefined };

/** meta key: the earliest study day on which a still-buried card was buried. */
export const BURIED_SINCE_KEY = 'buried-since';

// ---------------------------------------------------------------------------
// Journal

const JOURNAL_KEY = 'interview-flashcards:pending-answers';

interface JournalEntry {
  /** `${cardId}@${reviewTime}`: one answer. */
  key: string;
  answer: AnswerToWrite;
}

function journalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: answers still commit, only without the journal
  }
}

function readJournal(): JournalEntry[] {
  const text = journalStorage()?.getItem(JOURNAL_KEY);
  if (!text) return [];
  try {
    const entries: unknown = JSON.parse(text);
    return Array.isArray(entries) ? (entries as JournalEntry[]) : [];
  } catch {
    return [];
  }
}

function writeJournal(entries: readonly JournalEntry[]): void {
  const storage = journalStorage();
  if (!storage) return;
  try {
    if (entries.length === 0) storage.removeItem(JOURNAL_KEY);
    else storage.setItem(JOURNAL_KEY, JSON.stringify(entries));
  } catch {
    // Full or disabled: the transaction itself is already issued.
  }
}

function entryKey(answer: AnswerToWrite): string {
  return `${answer.log.cardId}@${answer.log.reviewTime}`;
}

function addToJournal(answer: AnswerToWrite): string {
  const key = entryKey(answer);
  writeJournal([...readJournal().filter((entry) => entry.key !== key), { key, answer }]);
  return key;
}

function removeFromJournal(key: string): void {
  const entries = readJournal();
  const kept = entries.filter((entry) => entry.key !== key);
  if (kept.length !== entries.length) writeJournal(kept);
}

/** Whether answers from an earlier page are waiting to be replayed (cheap: one localStorage read). */
export function hasPendingAnswers(): boolean {
  return Boolean(journalStorage()?.getItem(JOURNAL_KEY));
}

// ---------------------------------------------------------------------------
// Telling other tabs

const ANSWERS_CHANNEL = 'interview-flashcards:answers';

/** What another tab hears of an answer (or an undo) that committed. */
export interface AnswerNotice {
  kind: 'answered' | 'undone';
  /** The session that wrote it (`AnswerToWrite.writer`; a tab hears its own messages too). */
  from: string;
  /** The card as stored now. */
  card: CardRecord;
  /** Siblings buried by the answer (or put back by the undo). */
  siblings: string[];
}

let channel: BroadcastChannel | null = null;

function answersChannel(): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  if (!channel) {
    channel = new BroadcastChannel(ANSWERS_CHANNEL);
    (channel as BroadcastChannel & { unref?: () => void }).unref?.(); // Node (tests): never keep the process alive
  }
  return channel;
}

/** A new writer id for a session (`AnswerToWrite.writer`). */
export function newWriterId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Calls `listener` for every answer or undo committed by another writer (usually another tab); returns the unsubscribe. */
export function onAnswersElsewhere(writer: string, listener: (notice: AnswerNotice) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const own = new BroadcastChannel(ANSWERS_CHANNEL);
  (own as BroadcastChannel & { unref?: () => void }).unref?.();
  own.onmessage = (event: MessageEvent<AnswerNotice>) => {
    if (event.data.from !== writer) listener(event.data);
  };
  return () => own.close();
}

/**
 * Tells this tab's and other tabs' Dexie live queries (and `onTablesChanged`)
 * that the native answer transaction changed cards, logs and meta: Dexie
 * cannot see a write it did not make. Writes through Dexie are announced by
 * Dexie itself.
 */
function announceNativeWrite(tables: readonly string[]): void {
  const everything = new RangeSet(-Infinity, [[]]);
  const parts = Object.fromEntries(tables.map((table) => [`idb://${DATABASE_NAME}/${table}/`, everything]));
  Dexie.on.storagemutated.fire(parts);
}

/** Tells the other tabs' sessions what happened to a card (they drop or re-queue it). */
function broadcast(notice: AnswerNotice): void {
  try {
    answersChannel()?.postMessage(notice);
  } catch {
    // A closing page: the other tabs re-read on storagemutated anyway.
  }
}

// ---------------------------------------------------------------------------
// The write

function sameSnapshot(a: CardSnapshot, b: CardSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether `stored` is exactly the card this answer leaves (it was already written, e.g. replayed by another tab). */
function isAlreadyApplied(stored: CardRecord | undefined, answer: AnswerToWrite): boolean {
  return stored !== undefined && sameSnapshot(toSnapshot(stored), toSnapshot(answer.card)) && stored.lastReview === answer.log.reviewTime;
}

/** Siblings of `card` an answer buries: same note and deck, new or a review due today (learning steps are never buried). */
function siblingsToBury(card: CardRecord, candidates: readonly (CardRecord | undefined)[], dayEndMs: number): CardRecord[] {
  return candidates.filter(
    (other): other is CardRecord =>
      other !== undefined &&
      other.id !== card.id &&
      other.noteId === card.noteId &&
      other.deckId === card.deckId &&
      (other.queue === CardQueue.New || (other.queue === CardQueue.Review && other.due < dayEndMs)),
  );
}

/**
 * Issues the answer's transaction now (in the caller's task) and resolves
 * when it has committed, or with a conflict when the stored card had moved
 * on. `dayEndMs` bounds which review siblings are buried. The answer is
 * journaled until it commits.
 *
 * @example
 * const result = await writeAnswer({ card: answered, log, burySiblings: true, dayEndMs });
 * if (result.kind === 'conflict') explain('answered in another tab');
 */
export function writeAnswer(toWrite: AnswerToWrite): Promise<AnswerWriteResult> {
  // The log's id is given once, before the journal: a replay writes the same id.
  const answer = withLogId(toWrite);
  const journalKey = addToJournal(answer);
  let database: FlashcardsDatabase;
  try {
    database = getDatabase();
  } catch (error) {
    return Promise.reject(toStorageError(error));
  }
  if (!database.isOpen()) {
    // Not open yet (or closed by a version change): open first, the journal holds the answer meanwhile.
    return openDatabase().then(
      (opened) => issueAnswer(opened, answer, journalKey),
      (error: unknown) => Promise.reject(toStorageError(error)),
    );
  }
  return issueAnswer(database, answer, journalKey);
}

/**
 * The answer with its log's id (a new one if it has none), the log's note and
 * the card's ordinal: an answer journaled by a schema-1 page has none of them.
 */
function withLogId(answer: AnswerToWrite): AnswerToWrite {
  const card = (answer.card as Partial<CardRecord>).ordinal === undefined ? { ...answer.card, ordinal: ordinalOfCard(answer.card) } : answer.card;
  if (answer.log.id && answer.log.noteId && card === answer.card) return answer;
  return { ...answer, card, log: { ...answer.log, id: answer.log.id || newId(answer.log.reviewTime), noteId: answer.log.noteId || card.noteId } };
}

/** meta keys of answer claims: one per answer, naming the card and the exact state it was answered from. */
const CLAIM_PREFIX = 'answer-claim:';
export const ANSWER_CLAIM_RANGE: readonly [string, string] = [CLAIM_PREFIX, `${CLAIM_PREFIX}\uffff`];

/** The claim an answer takes on its card's state: a second answer from the same state cannot take it again. */
export function claimKeyOf(cardId: string, before: CardSnapshot): string {
  return `${CLAIM_PREFIX}${cardId}|${before.reps}|${before.lastReview ?? '-'}|${before.due}`;
}

/**
 * The answer's transaction, all issued in the caller's task and committed
 * at once, so it needs nothing more from this page: the backend commits it
 * even if the page is reloaded, closed or killed right after. One writer
 * per card without a read: the transaction first *adds* a claim on the
 * card's exact pre-answer state (`claimKeyOf`); if another answer already
 * took it, the add fails, the whole transaction aborts and nothing is
 * written. Siblings are buried afterwards (`burySiblingsOf`).
 *
 * A leech answer (`log.becameLeech`, rare) also reads the note and tags it
 * in this transaction; its log (which says whether the tag was added) and
 * `commit()` then follow the note's read, a moment later. The transaction
 * is still all or nothing: a page killed in that moment leaves nothing
 * written, and the journal writes the whole answer on the next start.
 */
function issueAnswer(database: FlashcardsDatabase, answer: AnswerToWrite, journalKey: string): Promise<AnswerWriteResult> {
  return new Promise((resolve, reject) => {
    const { card, log } = answer;
    const isLeech = log.becameLeech === true;
    const tables = isLeech ? [STORE.cards, STORE.reviews, STORE.meta, STORE.notes] : [STORE.cards, STORE.reviews, STORE.meta];
    let transaction: IDBTransaction | undefined;
    let isClaimTaken = false;
    /** A failure while finishing a leech answer (after the tap's task): the transaction was aborted for it. */
    let leechFailure: unknown = null;
    const logId = log.id ?? '';
    try {
      transaction = database.backendDB().transaction(tables, 'readwrite');
      const meta = transaction.objectStore(STORE.meta);
      const claim = meta.add({ key: claimKeyOf(card.id, log.before), value: log.reviewTime } satisfies MetaRow);
      claim.onerror = () => {
        isClaimTaken = claim.error?.name === 'ConstraintError';
      };
      transaction.objectStore(STORE.cards).put(card);
      for (const row of versionRowsFor([card.deckId])) meta.put(row);
      if (isLeech) {
        tagLeechNoteThenCommit(transaction, log, (error) => {
          leechFailure = error;
        });
      } else {
        transaction.objectStore(STORE.reviews).add(log);
        transaction.commit();
      }
    } catch (error) {
      // Nothing of a half-issued transaction may commit.
      try {
        transaction?.abort();
      } catch {
        // already finished
      }
      removeFromJournal(journalKey);
      reject(toStorageError(error));
      return;
    }
    const issued = transaction;
    reachedMilestone('answer:write-issued');

    issued.oncomplete = () => {
      reachedMilestone('answer:committed');
      removeFromJournal(journalKey);
      resolve({ kind: 'saved', logId });
      announceNativeWrite(tables);
      void burySiblingsOf(database, answer, logId).then(
        (buried) => broadcast({ kind: 'answered', from: answer.writer ?? '', card, siblings: buried }),
        () => broadcast({ kind: 'answered', from: answer.writer ?? '', card, siblings: [] }),
      );
    };
    issued.onabort = () => {
      removeFromJournal(journalKey);
      if (leechFailure !== null) {
        reject(toStorageError(leechFailure));
        return;
      }
      if (!isClaimTaken) {
        // A real failure (quota, closed connection): the answer was not saved, and is not replayed later.
        reject(toStorageError(issued.error ?? new Error('The answer could not be saved.')));
        return;
      }
      // Answered from this state already: by this answer itself (a replay) or by another tab.
      alreadySavedOrConflict(database, answer).then(resolve, (error: unknown) => reject(toStorageError(error)));
    };
  });
}

/**
 * The rest of a leech answer's transaction: reads the note, tags it `leech`
 * (if it is not already; a missing note, e.g. before the schema-2 notes
 * exist, is left alone), adds the log, saying whether the tag was added,
 * and commits. A failure aborts the whole transaction and is reported to
 * `onFailure` first.
 */
function tagLeechNoteThenCommit(transaction: IDBTransaction, log: ReviewLogRecord, onFailure: (error: unknown) => void): void {
  const notes = transaction.objectStore(STORE.notes);
  const read = notes.get(log.noteId);
  read.onsuccess = () => {
    try {
      const note = read.result as NoteRecord | undefined;
      const addsTag = note !== undefined && !note.tags.includes(LEECH_TAG);
      if (note && addsTag) notes.put({ ...note, tags: withLeechTag(note.tags), modifiedAt: log.reviewTime } satisfies NoteRecord);
      transaction.objectStore(STORE.reviews).add(addsTag ? { ...log, addedLeechTag: true } : log);
      transaction.commit();
    } catch (error) {
      onFailure(error);
      try {
        transaction.abort();
      } catch {
        // already finished
      }
    }
  };
}

/** After a refused claim: this answer itself, written before (with its log's id), or another tab's answer (with the stored card). */
async function alreadySavedOrConflict(database: FlashcardsDatabase, answer: AnswerToWrite): Promise<AnswerWriteResult> {
  const stored = await database.cards.get(answer.card.id);
  if (!isAlreadyApplied(stored, answer)) return { kind: 'conflict', stored };
  const logs = await database.reviews.where(INDEX.reviewsOfCard).equals(answer.card.id).toArray();
  return { kind: 'already-saved', logId: logs.find((log) => log.reviewTime === answer.log.reviewTime)?.id ?? '' };
}

/**
 * "Bury siblings": after an answer has committed, the other cards of its
 * note (same deck) that are new or due today wait until the next study day;
 * the log remembers which, for undo. Does nothing if the card has moved on
 * since. Resolves to the buried ids.
 */
async function burySiblingsOf(database: FlashcardsDatabase, answer: AnswerToWrite, logId: string): Promise<string[]> {
  if (!answer.burySiblings || logId === '') return [];
  const { card, log } = answer;
  return database.transaction('rw', [database.cards, database.reviews, database.meta], async () => {
    const stored = await database.cards.get(card.id);
    if (!stored || stored.lastReview !== log.reviewTime) return [];
    const candidates = await cardsOfSameNote(database, card);
    const buried = siblingsToBury(card, candidates, answer.dayEndMs);
    if (buried.length === 0) return [];
    await database.cards.bulkPut(buried.map((sibling) => ({ ...sibling, queue: CardQueue.Buried, buriedDay: log.day })));
    await database.reviews.update(logId, { buriedSiblings: buried.map((sibling) => sibling.id) });
    const since = await database.meta.get(BURIED_SINCE_KEY);
    if (!(typeof since?.value === 'number' && since.value <= log.day)) await database.meta.put({ key: BURIED_SINCE_KEY, value: log.day });
    return buried.map((sibling) => sibling.id);
  });
}

/** How long an answer claim is kept: a tab holding a card's state longer than this has heard of later answers. */
const ANSWER_CLAIM_RETENTION_MS = 2 * 86_400_000;

/**
 * Forgets answer claims older than two days at `nowMs`. Reads them first
 * without a write lock, so an answer (whose transaction writes `meta`)
 * never waits behind the scan; deletes only when there is something to
 * delete.
 */
export function pruneAnswerClaims(nowMs: number): Promise<void> {
  return guarded(async () => {
    const database = getDatabase();
    const beforeMs = nowMs - ANSWER_CLAIM_RETENTION_MS;
    const claims = await database.meta.where('key').between(...ANSWER_CLAIM_RANGE).toArray();
    const old = claims.filter((row) => typeof row.value !== 'number' || row.value < beforeMs).map((row) => row.key);
    if (old.length > 0) await database.meta.bulkDelete(old);
  });
}

/**
 * Writes the answers an earlier page journaled but may not have committed
 * (a reload or a killed tab right after a tap), oldest first, each only if
 * its card is still in the state it was answered from; already written or
 * superseded ones are dropped. Resolves to how many were written.
 */
export async function replayPendingAnswers(): Promise<number> {
  const entries = readJournal();
  let written = 0;
  for (const entry of entries) {
    try {
      const database = await openDatabase();
      // Not time-critical here: check first that the card is still as it was answered from.
      const stored = await database.cards.get(entry.answer.card.id);
      if (!stored || !sameSnapshot(toSnapshot(stored), entry.answer.log.before)) {
        removeFromJournal(entry.key);
        continue;
      }
      const result = await issueAnswer(database, withLogId(entry.answer), entry.key);
      if (result.kind === 'saved') written += 1;
    } catch {
      removeFromJournal(entry.key); // cannot be written (e.g. the card is gone): drop it
    }
  }
  return written;
}

async function openDatabase(): Promise<FlashcardsDatabase> {
  const database = getDatabase();
  if (!database.isOpen()) await database.open();
  return database;
}

// ---------------------------------------------------------------------------
// Undo

export type UndoResult =
  | { kind: 'undone'; card: CardRecord; siblings: CardRecord[] }
  /** The log no longer exists (already undone). */
  | { kind: 'gone' }
  /** The card was answered again since (here or in another tab): nothing was changed. */
  | { kind: 'conflict'; stored: CardRecord | undefined };

/**
 * Undoes one answer, only if its card is still as that answer left it (its
 * last review is this log's): the card gets back the scheduling state it had
 * before (its queue too: a leech is unsuspended), the siblings it buried come
 * back, the `leech` tag it added to the note goes, and the log is removed,
 * in one transaction.
 */
export function undoAnswer(logId: string, writer = ''): Promise<UndoResult> {
  return guarded(async () => {
    const database = getDatabase();
    const result = await database.transaction('rw', [database.cards, database.reviews, database.meta, database.notes], async (): Promise<UndoResult> => {
      const log = await database.reviews.get(logId);
      if (!log) return { kind: 'gone' };
      const card = await database.cards.get(log.cardId);
      if (!card || card.lastReview !== log.reviewTime || card.reps !== log.before.reps + 1) return { kind: 'conflict', stored: card };
      await database.reviews.delete(logId);
      await database.meta.delete(claimKeyOf(card.id, log.before)); // the state may be answered again
      const restored: CardRecord = { ...card, ...log.before };
      if (log.addedLeechTag) {
        // The answer made the card a leech and tagged its note: the tag goes too.
        restored.tags = withoutLeechTag(card.tags);
        const note = await database.notes.get(log.noteId);
        if (note?.tags.includes(LEECH_TAG)) await database.notes.put({ ...note, tags: withoutLeechTag(note.tags) });
      }
      await database.cards.put(restored);
      const siblings = (await database.cards.bulkGet(log.buriedSiblings ?? [])).filter(
        (sibling): sibling is CardRecord => sibling !== undefined && sibling.queue === CardQueue.Buried,
      );
      const back = siblings.map(unburied);
      await database.cards.bulkPut(back);
      return { kind: 'undone', card: restored, siblings: back };
    });
    if (result.kind === 'undone') broadcast({ kind: 'undone', from: writer, card: result.card, siblings: result.siblings.map((sibling) => sibling.id) });
    return result;
  });
}

// ---------------------------------------------------------------------------
// Buried siblings

function unburied(card: CardRecord): CardRecord {
  return inQueue(card, queueForState(card.state));
}

/** Whether a meta row says cards buried before `day` are still buried (read by the screens' queries). */
export function hasBuriedBefore(row: MetaRow | undefined, day: number): boolean {
  return typeof row?.value === 'number' && row.value < day;
}

/**
 * Puts back every card buried on a study day before `day` (by its FSRS
 * state), in one transaction. Cheap when nothing is buried (one meta read).
 */
export function unburyEarlierDays(day: number): Promise<number> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', [database.cards, database.meta, database.decks], async () => {
      const marker = await database.meta.get(BURIED_SINCE_KEY);
      if (!hasBuriedBefore(marker, day)) return 0;
      const deckIds: string[] = await database.decks.toCollection().primaryKeys();
      const buried = (
        await Promise.all(
          deckIds.map((deckId) =>
            database.cards.where(INDEX.cardsByDue).between([deckId, CardQueue.Buried, Dexie.minKey], [deckId, CardQueue.Buried, Dexie.maxKey]).toArray(),
          ),
        )
      ).flat();
      const earlier = buried.filter((card) => (card.buriedDay ?? -Infinity) < day);
      await database.cards.bulkPut(earlier.map(unburied));
      const stillBuried = buried.filter((card) => (card.buriedDay ?? -Infinity) >= day);
      if (stillBuried.length === 0) await database.meta.delete(BURIED_SINCE_KEY);
      else await database.meta.put({ key: BURIED_SINCE_KEY, value: Math.min(...stillBuried.map((card) => card.buriedDay ?? day)) });
      return earlier.length;
    });
  });
}
