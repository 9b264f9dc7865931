/**
 * The upgrade from schema version 1 (cards only, logs keyed by a per-device
 * counter) to version 2 (notes, cards pointing at them, logs keyed by ULIDs
 * in `reviews`), in two parts, so a large collection opens at once:
 *
 * 1. `upgradeToVersion2`, Dexie's upgrade transaction: the schema change
 *    adds two empty stores, imported decks learn their file id, and a mark
 *    in `meta` says the notes are still to be made.
 * 2. `notesReady`, after the app has opened: while that mark is there, the
 *    notes migration (`notesMigration.ts`, a lazy chunk) fills `notes` and
 *    moves the logs, in small transactions that a closed tab or a second
 *    tab resume where they stopped, in a Web Worker so the page stays
 *    free. Until it has finished the review path
 *    reads logs from both stores; everything that needs notes (imports,
 *    exports, backups, merges, note edits, the built-in deck update) awaits
 *    `notesReady` first. Progress goes to `onNotesMigrationProgress`.
 */
import type { Transaction } from 'dexie';
import type { DeckRecord } from '../domain/types';
import { STORE } from './schema';
import type { FlashcardsDatabase } from './db';
import type { MigrationWorkerReply, MigrationWorkerRequest } from './notesMigration.worker';

/** The `meta` key whose presence says the notes migration has not finished. */
export const NOTES_MIGRATION_KEY = 'notes-migration';

/** Dexie's `.upgrade()` for version 2: cheap whatever the collection's size. */
export async function upgradeToVersion2(transaction: Transaction): Promise<void> {
  // An imported deck's own id was the id its file gave it: a re-import of that file finds it by `sourceId`.
  const decks: DeckRecord[] = await transaction.table<DeckRecord>(STORE.decks).toArray();
  const imported = decks.filter((deck) => !deck.isBuiltIn && deck.sourceId === undefined).map((deck) => ({ ...deck, sourceId: deck.id }));
  if (imported.length > 0) await transaction.table(STORE.decks).bulkPut(imported);
  await transaction.table(STORE.meta).put({ key: NOTES_MIGRATION_KEY, value: 'pending' });
}

/** Where the notes migration is: running with a fraction done, or not running. */
export type NotesMigrationProgress = { running: true; fraction: number } | { running: false };

type ProgressListener = (progress: NotesMigrationProgress) => void;
const listeners = new Set<ProgressListener>();
let latest: NotesMigrationProgress = { running: false };

/** Calls `listener` with the migration's progress now and at every change; returns the unsubscribe. */
export function onNotesMigrationProgress(listener: ProgressListener): () => void {
  listeners.add(listener);
  listener(latest);
  return () => listeners.delete(listener);
}

function report(progress: NotesMigrationProgress): void {
  latest = progress;
  listeners.forEach((listener) => listener(progress));
}

/** The migration in a Web Worker (the page stays free), or on this thread where there are none (tests). */
async function migrateSomewhere(database: FlashcardsDatabase, progress: (fraction: number) => void): Promise<void> {
  if (typeof Worker === 'undefined') {
    const { migrateNotes } = await import('./notesMigration');
    return migrateNotes(database, progress);
  }
  const worker = new Worker(new URL('./notesMigration.worker.ts', import.meta.url), { type: 'module' });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<MigrationWorkerReply>) => {
        const reply = event.data;
        if (reply.kind === 'progress') progress(reply.fraction);
        else if (reply.kind === 'done') resolve();
        else reject(new DOMException(reply.message, reply.name));
      });
      worker.addEventListener('error', (event) => reject(new Error(event.message || 'The upgrade worker failed.')));
      const request: MigrationWorkerRequest = { databaseName: database.name };
      worker.postMessage(request);
    });
  } finally {
    worker.terminate();
  }
}

const ready = new WeakMap<FlashcardsDatabase, Promise<void>>();

/**
 * Resolves once every note exists and every log has its ULID: at once when
 * the migration has finished (or was never needed), otherwise after running
 * it (one tab at a time). A failure (storage full) rejects, and the next call
 * tries again from where it stopped.
 */
export function notesReady(database: FlashcardsDatabase): Promise<void> {
  let promise = ready.get(database);
  if (!promise) {
    promise = (async () => {
      if (!(await database.meta.get(NOTES_MIGRATION_KEY))) return;
      report({ running: true, fraction: 0 });
      try {
        await migrateSomewhere(database, (fraction) => report({ running: true, fraction }));
      } finally {
        report({ running: false });
      }
    })();
    ready.set(database, promise);
    promise.catch(() => ready.delete(database));
  }
  return promise;
}
