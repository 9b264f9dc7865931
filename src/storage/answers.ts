/**
 * Durable answers. An answer is written in the tap's own task: a native
 * IndexedDB transaction (on Dexie's connection) is created, its requests
 * issued and `commit()` called as soon as the card's stored state has been
 * checked, so a reload, a closed tab or a killed renderer right after the tap
 * cannot leave it unsent (a write only *started* in `pagehide` never commits,
 * w3c/IndexedDB#482). Until it commits, the answer also sits in a small
 * synchronous journal (localStorage) that the next start replays.
 *
 * One writer per card: the answer applies only if the stored card is still
 * in the state the answer was computed from (`log.before`); otherwise
 * nothing is written and the caller learns the stored card ("answered
 * elsewhere"). Undo applies only if the card is still in the state the
 * answer left. Other tabs learn of each answer on a BroadcastChannel, and
 * Dexie's `storagemutated` is fired so their screens re-read.
 *
 * Siblings: an answer can bury other cards of the same note until the next
 * study day (`queue` Buried, `buriedDay`); `unburyEarlierDays` puts them back.
 */
import Dexie, { RangeSet } from 'dexie';
import { queueForState, toSnapshot } from '../domain/cardState';
import { CardQueue, type CardRecord, type CardSnapshot, type ReviewLogRecord } from '../domain/types';
import { versionRowsFor } from './countsCache';
import { DATABASE_NAME, getDatabase, type FlashcardsDatabase, type MetaRow } from './db';
import { StorageError, toStorageError } from './errors';

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
  | { kind: 'saved'; logId: number; buried: string[] }
  /** The stored card was not in the state the answer was computed from: nothing was written. */
  | { kind: 'conflict'; stored: CardRecord | undefined };

/** meta key: the earliest study day on which a still-buried card was buried. */
const BURIED_SINCE_KEY = 'buried-since';

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

/** Tells this tab's other readers (Dexie's `storagemutated`, which Dexie also sends to other tabs) and other tabs' sessions. */
function announce(notice: AnswerNotice): void {
  if (typeof window === 'undefined') return; // outside a page (bench seeding in Node): nobody to tell
  const everything = new RangeSet(-Infinity, [[]]);
  const parts = Object.fromEntries(
    ['cards', 'reviewLogs', 'meta'].map((table) => [`idb://${DATABASE_NAME}/${table}/`, everything]),
  );
  Dexie.on.storagemutated.fire(parts);
  try {
    answersChannel()?.postMessage(notice);
  } catch {
    // A closing page: the other tabs re-read on storagemutated anyway.
  }
}

// ---------------------------------------------------------------------------
// The write

function settle<T>(request: IDBRequest<T>, onValue: (value: T) => void): void {
  request.onsuccess = () => onValue(request.result);
}

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
export function writeAnswer(answer: AnswerToWrite): Promise<AnswerWriteResult> {
  const journalKey = addToJournal(answer);
  let database: FlashcardsDatabase;
  try {
    database = getDatabase();
  } catch (error) {
    return Promise.reject(toStorageError(error));
  }
  if (!database.isOpen()) {
    // Not open yet (or closed by a version change): open first, the journal holds the answer meanwhile.
    return database.open().then(
      () => issueAnswer(database, answer, journalKey),
      (error: unknown) => Promise.reject(toStorageError(error)),
    );
  }
  return issueAnswer(database, answer, journalKey);
}

function issueAnswer(database: FlashcardsDatabase, answer: AnswerToWrite, journalKey: string): Promise<AnswerWriteResult> {
  return new Promise((resolve, reject) => {
    let transaction: IDBTransaction;
    try {
      transaction = database.backendDB().transaction(['cards', 'reviewLogs', 'meta'], 'readwrite');
    } catch (error) {
      reject(toStorageError(error));
      return;
    }
    const cards = transaction.objectStore('cards');
    const { card, log } = answer;
    let result: AnswerWriteResult | null = null;

    // Every read is issued now; the writes follow in their callbacks, then commit().
    let stored: CardRecord | undefined;
    let siblings: (CardRecord | undefined)[] = [];
    let buriedSince: MetaRow | undefined;
    let pending = answer.burySiblings ? 4 : 1;
    let failure: unknown = null;
    const whenRead = () => {
      pending -= 1;
      if (pending > 0) return;
      try {
        if (!sameSnapshot(stored ? toSnapshot(stored) : ({} as CardSnapshot), log.before)) {
          result = isAlreadyApplied(stored, answer) ? { kind: 'saved', logId: -1, buried: [] } : { kind: 'conflict', stored };
          transaction.abort();
          return;
        }
        const buried = answer.burySiblings ? siblingsToBury(card, siblings, answer.dayEndMs) : [];
        const logToAdd: ReviewLogRecord = buried.length > 0 ? { ...log, buriedSiblings: buried.map((sibling) => sibling.id) } : log;
        cards.put(card);
        const added = transaction.objectStore('reviewLogs').add(logToAdd);
        const meta = transaction.objectStore('meta');
        for (const sibling of buried) cards.put({ ...sibling, queue: CardQueue.Buried, buriedDay: log.day });
        if (buried.length > 0 && !(typeof buriedSince?.value === 'number' && buriedSince.value <= log.day)) {
          meta.put({ key: BURIED_SINCE_KEY, value: log.day } satisfies MetaRow);
        }
        for (const row of versionRowsFor([card.deckId])) meta.put(row);
        settle(added, (id) => {
          result = { kind: 'saved', logId: Number(id), buried: buried.map((sibling) => sibling.id) };
        });
        transaction.commit();
      } catch (error) {
        failure = error;
        result = null;
        transaction.abort();
      }
    };
    settle(cards.get(card.id) as IDBRequest<CardRecord | undefined>, (value) => {
      stored = value;
      whenRead();
    });
    if (answer.burySiblings) {
      // Card ids are `${noteId}` or `${noteId}::...` (note ids never contain "::").
      settle(cards.get(card.noteId) as IDBRequest<CardRecord | undefined>, (value) => {
        siblings = [...siblings, value];
        whenRead();
      });
      settle(cards.getAll(IDBKeyRange.bound(`${card.noteId}::`, `${card.noteId}::\uffff`)) as IDBRequest<CardRecord[]>, (values) => {
        siblings = [...siblings, ...values];
        whenRead();
      });
      settle(transaction.objectStore('meta').get(BURIED_SINCE_KEY) as IDBRequest<MetaRow | undefined>, (value) => {
        buriedSince = value;
        whenRead();
      });
    }
    performance.mark('answer:write-issued');

    transaction.oncomplete = () => {
      performance.mark('answer:committed');
      removeFromJournal(journalKey);
      if (result?.kind === 'saved') {
        if (result.logId !== -1) announce({ kind: 'answered', from: answer.writer ?? '', card, siblings: result.buried });
        resolve(result);
      } else reject(new StorageError('unknown', 'The answer was not saved.'));
    };
    transaction.onabort = () => {
      if (result) {
        removeFromJournal(journalKey);
        resolve(result);
        return;
      }
      // A real failure (quota, closed connection): the answer was not saved, and is not replayed later.
      removeFromJournal(journalKey);
      reject(toStorageError(failure ?? transaction.error ?? new Error('The answer could not be saved.')));
    };
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
      const result = await issueAnswer(await openDatabase(), entry.answer, entry.key);
      if (result.kind === 'saved' && result.logId !== -1) written += 1;
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
 * before, the siblings it buried come back, and the log is removed, in one
 * transaction.
 */
export async function undoAnswer(logId: number, writer = ''): Promise<UndoResult> {
  const database = getDatabase();
  try {
    const result = await database.transaction('rw', database.cards, database.reviewLogs, async (): Promise<UndoResult> => {
      const log = await database.reviewLogs.get(logId);
      if (!log) return { kind: 'gone' };
      const card = await database.cards.get(log.cardId);
      if (!card || card.lastReview !== log.reviewTime || card.reps !== log.before.reps + 1) return { kind: 'conflict', stored: card };
      await database.reviewLogs.delete(logId);
      const restored: CardRecord = { ...card, ...log.before };
      await database.cards.put(restored);
      const siblings = (await database.cards.bulkGet(log.buriedSiblings ?? [])).filter(
        (sibling): sibling is CardRecord => sibling !== undefined && sibling.queue === CardQueue.Buried,
      );
      const back = siblings.map(unburied);
      await database.cards.bulkPut(back);
      return { kind: 'undone', card: restored, siblings: back };
    });
    if (result.kind === 'undone') announce({ kind: 'undone', from: writer, card: result.card, siblings: result.siblings.map((sibling) => sibling.id) });
    return result;
  } catch (error) {
    throw toStorageError(error);
  }
}

/** The log id of an answer written by another page (a replayed journal entry), found by card and time. */
export async function logIdOf(cardId: string, reviewTime: number): Promise<number | null> {
  try {
    const logs = await getDatabase().reviewLogs.where('cardId').equals(cardId).toArray();
    return logs.find((log) => log.reviewTime === reviewTime)?.id ?? null;
  } catch (error) {
    throw toStorageError(error);
  }
}

// ---------------------------------------------------------------------------
// Buried siblings

function unburied(card: CardRecord): CardRecord {
  const back: CardRecord = { ...card, queue: queueForState(card.state) };
  delete back.buriedDay;
  return back;
}

/** Whether a meta row says cards buried before `day` are still buried (read by the screens' queries). */
export function hasBuriedBefore(row: MetaRow | undefined, day: number): boolean {
  return typeof row?.value === 'number' && row.value < day;
}

export { BURIED_SINCE_KEY };

/**
 * Puts back every card buried on a study day before `day` (by its FSRS
 * state), in one transaction. Cheap when nothing is buried (one meta read).
 */
export async function unburyEarlierDays(day: number): Promise<number> {
  const database = getDatabase();
  try {
    return await database.transaction('rw', [database.cards, database.meta, database.decks], async () => {
      const marker = await database.meta.get(BURIED_SINCE_KEY);
      if (!hasBuriedBefore(marker, day)) return 0;
      const deckIds: string[] = await database.decks.toCollection().primaryKeys();
      const buried = (
        await Promise.all(
          deckIds.map((deckId) =>
            database.cards.where('[deckId+queue+due]').between([deckId, CardQueue.Buried, Dexie.minKey], [deckId, CardQueue.Buried, Dexie.maxKey]).toArray(),
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
  } catch (error) {
    throw toStorageError(error);
  }
}
