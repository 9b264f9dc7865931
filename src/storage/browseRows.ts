/**
 * Every card as a Browse row, read in chunks of `CHUNK` cards (by card id,
 * each with its notes' creation times), so the page gets rows while the rest
 * is still being read. Runs in the Browse worker (`browseRows.worker.ts`),
 * or on the page where there are no workers (tests).
 */
import { browseRowOf, type BrowseRow } from '../domain/browse';
import { CardQueue, type CardRecord, type NoteRecord } from '../domain/types';
import type { FlashcardsDatabase } from './db';

/** Cards per chunk: small enough that receiving one is a short task on the page. */
export const CHUNK = 4000;

export type BrowseRowsReply = { kind: 'rows'; rows: BrowseRow[] } | { kind: 'done' } | { kind: 'failed'; name: string; message: string };

/** Reads every live card in chunks and hands each chunk's rows to `onRows`; resolves when all are read. */
export async function readBrowseRowChunks(database: FlashcardsDatabase, onRows: (rows: BrowseRow[]) => void): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const from: string | null = after;
    const { cards, notes } = await database.transaction('r', [database.cards, database.notes], async (): Promise<{ cards: CardRecord[]; notes: (NoteRecord | undefined)[] }> => {
      const cards: CardRecord[] = await (from === null ? database.cards.orderBy(':id') : database.cards.where(':id').above(from)).limit(CHUNK).toArray();
      const notes = await database.notes.bulkGet([...new Set(cards.map((card) => card.noteId))]);
      return { cards, notes };
    });
    if (cards.length === 0) return;
    const createdAt = new Map<string, Pick<NoteRecord, 'createdAt'>>();
    for (const note of notes) if (note) createdAt.set(note.id, note);
    onRows(cards.filter((card) => card.queue !== CardQueue.Retired).map((card) => browseRowOf(card, createdAt.get(card.noteId))));
    after = cards[cards.length - 1]?.id ?? null;
    if (cards.length < CHUNK) return;
  }
}
