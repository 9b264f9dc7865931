/**
 * The card browser's reads: the first rows at once from index look-ups, then
 * every card (retired ones left out) as a compact row (`domain/browse.ts`)
 * with its note's creation time, in chunks from a worker. Imported by path
 * (`storage/browse`), so the first load never carries it.
 */
import { browseRowOf, type BrowseRow } from '../domain/browse';
import { CardQueue, type CardRecord, type NoteRecord } from '../domain/types';
import { getDatabase, INDEX } from './db';
import { guarded } from './errors';
import { readBrowseRowChunks, type BrowseRowsReply } from './browseRows';
import type { BrowseRowsRequest } from './browseRows.worker';

/**
 * Every card the browser lists, as rows, handed over in chunks as they are
 * read (in a Web Worker where there is one, so 100,000 cards never block the
 * page); resolves when all are read. Rows come in card-id order; Browse
 * sorts them (`sortRows`, deck order for ties).
 *
 * @example
 * await streamBrowseRows((rows) => all.push(...rows));
 */
export function streamBrowseRows(onRows: (rows: BrowseRow[]) => void): Promise<void> {
  return guarded(async () => {
    const database = getDatabase();
    if (typeof Worker === 'undefined') return readBrowseRowChunks(database, onRows);
    const worker = new Worker(new URL('./browseRows.worker.ts', import.meta.url), { type: 'module' });
    try {
      await new Promise<void>((resolve, reject) => {
        worker.addEventListener('message', (event: MessageEvent<BrowseRowsReply>) => {
          const reply = event.data;
          if (reply.kind === 'rows') onRows(reply.rows);
          else if (reply.kind === 'done') resolve();
          else reject(new DOMException(reply.message, reply.name));
        });
        worker.addEventListener('error', (event) => reject(new Error(event.message || 'The Browse worker failed.')));
        const request: BrowseRowsRequest = { databaseName: database.name };
        worker.postMessage(request);
      });
    } finally {
      worker.terminate();
    }
  });
}

/** Every card the browser lists, as rows (all at once: tests and small collections). */
export async function loadBrowseRows(): Promise<BrowseRow[]> {
  const rows: BrowseRow[] = [];
  await streamBrowseRows((chunk) => rows.push(...chunk));
  return rows;
}

/**
 * The first `limit` rows of Browse in its default order (studied cards by
 * due time, then new cards in deck order), from index look-ups capped at
 * `limit` per deck and queue: on screen long before every card has been
 * read. Optionally one deck's.
 *
 * @example
 * await loadFirstBrowseRows(40, null); // the 40 cards due soonest (then new ones)
 */
export function loadFirstBrowseRows(limit: number, deckId: string | null): Promise<BrowseRow[]> {
  return guarded(async () => {
    const database = getDatabase();
    return database.transaction('r', [database.decks, database.cards], async () => {
      const deckIds = deckId === null ? (await database.decks.toCollection().primaryKeys()).map(String).sort() : [deckId];
      const byQueue = (id: string, queue: number, index: string) =>
        database.cards.where(index).between([id, queue, -Infinity], [id, queue, Infinity]).limit(limit).toArray();
      const scheduled = (
        await Promise.all(deckIds.flatMap((id) => [byQueue(id, CardQueue.Learning, INDEX.cardsByDue), byQueue(id, CardQueue.Review, INDEX.cardsByDue)]))
      )
        .flat()
        .sort((a, b) => a.due - b.due)
        .slice(0, limit);
      const fresh: CardRecord[] = [];
      for (const id of deckIds) {
        if (scheduled.length + fresh.length >= limit) break;
        fresh.push(...(await byQueue(id, CardQueue.New, INDEX.cardsByPosition)).slice(0, limit - scheduled.length - fresh.length));
      }
      return [...scheduled, ...fresh].map((card) => browseRowOf(card, undefined));
    });
  });
}

/** One stored note, for the editor; null when the note does not exist. */
export function loadNoteForEdit(noteId: string): Promise<NoteRecord | null> {
  return guarded(async () => (await getDatabase().notes.get(noteId)) ?? null);
}

