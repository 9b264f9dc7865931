/**
 * The second part of the schema-2 upgrade (see `upgrade.ts`), run after the
 * app has opened: notes rebuilt from the version-1 cards (`notesFromCards`),
 * then every version-1 log moved from `reviewLogs` into `reviews` under a
 * ULID seeded by the old log (the same log gets the same id on every
 * device). Each step is a small native transaction of its own, so answers
 * given meanwhile are never held up for long, and a step either happens
 * whole or not at all: a closed tab resumes at the next start, a second tab
 * waits for the first (a Web Lock). Cards keep their ids and states; only a
 * card whose note had to take another id or type is rewritten (cards
 * without an ordinal get it when read, `db.ts`). Native requests, not
 * Dexie's: nothing a screen shows changes, so no change notice is due, and
 * Dexie's bulk calls would read every record first to make them.
 */
import { logsFromVersion1, type ReviewLogV1 } from '../domain/ids';
import { notesFromCards, type CardRecordV1 } from '../domain/notes';
import type { CardRecord, DeckRecord, NoteOrigin, NoteRecord } from '../domain/types';
import type { FlashcardsDatabase } from './db';
import { STORE, V1_REVIEW_STORE } from './schema';
import { NOTES_MIGRATION_KEY } from './upgrade';

/** How much one step reads or writes: small enough not to hold an answer up, large enough to finish soon. */
export interface MigrationSizes {
  cardsPerRead: number;
  notesPerWrite: number;
  logsPerMove: number;
  /** Tests: stop after this many write steps, as a closed tab would. */
  stopAfterSteps?: number;
}

const DEFAULT_SIZES: MigrationSizes = { cardsPerRead: 5_000, notesPerWrite: 2_000, logsPerMove: 2_000 };

/** Thrown when `stopAfterSteps` ran out (tests). */
export class MigrationStopped extends Error {}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('A request of the notes migration failed.'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('A step of the notes migration was aborted.'));
    transaction.onerror = () => undefined; // onabort follows
  });
}

/** Every record of a store, in key order, a read-only transaction per `size` records. */
async function readInSteps<T>(database: FlashcardsDatabase, storeName: string, size: number): Promise<T[]> {
  const all: T[] = [];
  let after: IDBValidKey | undefined;
  for (;;) {
    const store = database.backendDB().transaction(storeName, 'readonly').objectStore(storeName);
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const [values, keys] = await Promise.all([requestDone(store.getAll(range, size)), requestDone(store.getAllKeys(range, size))]);
    all.push(...(values as T[]));
    if (keys.length < size) return all;
    after = keys[keys.length - 1];
  }
}

/** Runs `run` under a lock all tabs of this database share (where the browser has Web Locks). */
async function oneTabAtATime(database: FlashcardsDatabase, run: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) await locks.request(`${database.name}:${NOTES_MIGRATION_KEY}`, run);
  else await run();
}

/**
 * Finishes the schema-2 upgrade of `database` (see the module header),
 * reporting 0..1 to `progress`. Idempotent: run again after a stop, it makes
 * only what is missing, and once finished it does nothing.
 */
export function migrateNotes(database: FlashcardsDatabase, progress: (fraction: number) => void = () => undefined, sizes: MigrationSizes = DEFAULT_SIZES): Promise<void> {
  return oneTabAtATime(database, async () => {
    if (!(await database.meta.get(NOTES_MIGRATION_KEY))) return; // another tab finished it
    let steps = 0;
    const step = async (transaction: IDBTransaction): Promise<void> => {
      if (sizes.stopAfterSteps !== undefined && steps >= sizes.stopAfterSteps) {
        transaction.abort();
        throw new MigrationStopped('stopped');
      }
      steps += 1;
      await transactionDone(transaction);
    };

    // 1. Notes for the cards that have none yet (all of them, unless an earlier run stopped midway).
    const decks = await database.decks.toArray();
    const builtIn = new Set(decks.filter((deck: DeckRecord) => deck.isBuiltIn).map((deck) => deck.id));
    const originOf = (deckId: string): NoteOrigin => (builtIn.has(deckId) ? { kind: 'built-in' } : { kind: 'upgrade' });
    const stored = await readInSteps<NoteRecord>(database, STORE.notes, sizes.cardsPerRead);
    const deckOfNote = new Map(stored.map((note) => [note.id, note.deckId]));
    const cards = await readInSteps<CardRecordV1>(database, STORE.cards, sizes.cardsPerRead);
    progress(0.1);
    const pending = cards.filter((card) => deckOfNote.get(card.noteId) !== card.deckId);
    const { notes, changed } = notesFromCards(pending, originOf, new Set(deckOfNote.keys()));
    const changedByNote = new Map<string, CardRecord[]>();
    for (const card of changed) changedByNote.set(card.noteId, [...(changedByNote.get(card.noteId) ?? []), card]);
    for (let start = 0; start < notes.length; start += sizes.notesPerWrite) {
      const transaction = database.backendDB().transaction([STORE.notes, STORE.cards], 'readwrite');
      const noteStore = transaction.objectStore(STORE.notes);
      const cardStore = transaction.objectStore(STORE.cards);
      for (const note of notes.slice(start, start + sizes.notesPerWrite)) {
        noteStore.put(note);
        for (const card of changedByNote.get(note.id) ?? []) {
          // Read again in this transaction: an answer since keeps its schedule; only the note link changes.
          const read = cardStore.get(card.id);
          read.onsuccess = () => {
            const now = read.result as CardRecord | undefined;
            if (now) cardStore.put({ ...now, noteId: card.noteId, template: card.template, ordinal: card.ordinal });
          };
        }
      }
      await step(transaction);
      progress(0.1 + (0.4 * Math.min(notes.length, start + sizes.notesPerWrite)) / notes.length);
    }
    progress(0.5);

    // 2. The version-1 logs, newest first (today's answers move in the first step), into `reviews`.
    const total = await requestDone(database.backendDB().transaction(V1_REVIEW_STORE, 'readonly').objectStore(V1_REVIEW_STORE).count());
    let moved = 0;
    for (;;) {
      const transaction = database.backendDB().transaction([V1_REVIEW_STORE, STORE.reviews, STORE.cards], 'readwrite');
      const v1Store = transaction.objectStore(V1_REVIEW_STORE);
      const newest = await requestDone(v1Store.openKeyCursor(null, 'prev'));
      if (!newest) {
        transaction.abort();
        await transactionDone(transaction).catch(() => undefined);
        break;
      }
      const top = Number(newest.primaryKey);
      const range = IDBKeyRange.bound(top - sizes.logsPerMove + 1, top);
      const v1Logs = (await requestDone(v1Store.getAll(range))) as ReviewLogV1[];
      const cardStore = transaction.objectStore(STORE.cards);
      const cardIds = [...new Set(v1Logs.map((log) => log.cardId))];
      const ofCards = await Promise.all(cardIds.map((id) => requestDone(cardStore.get(id)) as Promise<CardRecord | undefined>));
      const noteOfCard = new Map(ofCards.flatMap((card) => (card ? [[card.id, card.noteId] as const] : [])));
      const reviewStore = transaction.objectStore(STORE.reviews);
      for (const log of logsFromVersion1(v1Logs, noteOfCard)) reviewStore.put(log);
      v1Store.delete(range);
      await step(transaction);
      moved += v1Logs.length;
      progress(0.5 + (0.5 * Math.min(moved, total)) / Math.max(total, 1));
    }

    const done = database.backendDB().transaction(STORE.meta, 'readwrite');
    done.objectStore(STORE.meta).delete(NOTES_MIGRATION_KEY);
    await transactionDone(done);
    progress(1);
  });
}
