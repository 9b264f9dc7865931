/**
 * Editing content: a note is changed, and its cards follow. Adding a cloze
 * number adds its card, removing one retires its card with its history
 * (queue -1; it comes back if the number returns), and every card that stays
 * keeps its FSRS state; the text of each card is rendered again from the
 * note. The editor screens (browse, add) call these.
 */
import { createNewCardState, inQueue, queueForState } from '../domain/cardState';
import { expandNote, sameCardText } from '../domain/notes';
import { CardQueue, type CardRecord, type NoteContent, type NoteOrigin, type NoteRecord } from '../domain/types';
import { getDatabase, INDEX, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { newId } from './ids';
import { cardsOfNotes } from './noteCards';
import { notesReady } from './upgrade';

/** What an edit did to the note's cards. */
export interface NoteEditSummary {
  noteId: string;
  added: string[];
  updated: string[];
  retired: string[];
  /** Cards that come back because the note yields them again (e.g. a cloze number put back). */
  restored: string[];
}

/** A note's content, tags and section, as the editor gives them. */
export type NoteChange = NoteContent & { tags: string[]; source?: string };

/**
 * Changes a note and its cards in one transaction. Cards keep their place
 * in the deck; a new card goes right after the note's last one. Resolves to
 * what happened to the cards; throws `StorageError` 'unknown' when the note
 * does not exist.
 *
 * @example
 * await updateNote('capital', { type: 'cloze', text: '{{c1::Paris}} is in {{c2::France}}, on the {{c3::Seine}}', tags: [] }, Date.now());
 * // { noteId: 'capital', added: ['capital::c3'], updated: [], retired: [], restored: [] }
 */
export function updateNote(noteId: string, change: NoteChange, nowMs: number): Promise<NoteEditSummary> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('rw', [database.notes, database.cards, database.meta], () => updateNoteIn(database, noteId, change, nowMs));
  });
}

/**
 * `updateNote`'s work inside a transaction the caller holds over notes,
 * cards and meta (a story saves its study note with itself this way).
 */
export async function updateNoteIn(database: FlashcardsDatabase, noteId: string, change: NoteChange, nowMs: number): Promise<NoteEditSummary> {
  const stored = await database.notes.get(noteId);
  if (!stored) throw new Error(`There is no note "${noteId}".`);
  const { tags, source, ...content } = change;
  const next: NoteRecord = { ...stripContent(stored), ...content, tags: [...tags], modifiedAt: nowMs };
  if (source !== undefined) next.source = source;
  else delete next.source;
  const cards = (await cardsOfNotes(database, [stored])).get(noteId) ?? [];
  const byId = new Map(cards.map((card) => [card.id, card]));
  let nextPosition = Math.max(stored.position, ...cards.map((card) => card.position)) + 1;
  const summary: NoteEditSummary = { noteId, added: [], updated: [], retired: [], restored: [] };
  const toPut: CardRecord[] = [];
  for (const content of expandNote(next, 0)) {
    const previous = byId.get(content.id);
    byId.delete(content.id);
    if (!previous) {
      toPut.push({ ...content, position: nextPosition, ...createNewCardState(nowMs) });
      nextPosition += 1;
      summary.added.push(content.id);
      continue;
    }
    const isRetired = previous.queue === CardQueue.Retired;
    if (!isRetired && sameCardText(previous, content)) continue;
    toPut.push({ ...previous, ...content, position: previous.position, queue: isRetired ? queueForState(previous.state) : previous.queue });
    (isRetired ? summary.restored : summary.updated).push(content.id);
  }
  for (const left of byId.values()) {
    if (left.queue === CardQueue.Retired) continue;
    toPut.push(inQueue(left, CardQueue.Retired));
    summary.retired.push(left.id);
  }
  await database.notes.put(next);
  await database.cards.bulkPut(toPut);
  return summary;
}

/** A stored note without its type-specific fields (so a basic note can become a cloze one). */
function stripContent(note: NoteRecord): Omit<NoteRecord, 'front' | 'back' | 'text' | 'extra' | 'type'> {
  const copy: Partial<NoteRecord> & Record<string, unknown> = { ...note };
  for (const field of ['type', 'front', 'back', 'text', 'extra']) delete copy[field];
  return copy as Omit<NoteRecord, 'front' | 'back' | 'text' | 'extra' | 'type'>;
}

/**
 * Adds a note made in the app to a deck, with its cards (new), after the
 * deck's last card. Resolves to the new note.
 */
export function addNote(deckId: string, change: NoteChange, nowMs: number): Promise<NoteRecord> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('rw', [database.decks, database.notes, database.cards, database.meta], () => addNoteIn(database, deckId, change, nowMs));
  });
}

/**
 * `addNote`'s work inside a transaction the caller holds over decks, notes,
 * cards and meta; `origin` says where the note comes from (made in the app
 * unless told).
 */
export async function addNoteIn(database: FlashcardsDatabase, deckId: string, change: NoteChange, nowMs: number, origin: NoteOrigin = { kind: 'app' }): Promise<NoteRecord> {
  if (!(await database.decks.get(deckId))) throw new Error(`There is no deck "${deckId}".`);
  const last = await database.cards.where(INDEX.cardsByPosition).between([deckId, -Infinity, -Infinity], [deckId, Infinity, Infinity]).toArray();
  const position = last.reduce((max, card) => Math.max(max, card.position + 1), 0);
  const id = newId(nowMs);
  const { tags, source, ...content } = change;
  const note: NoteRecord = {
    ...content,
    id,
    deckId,
    sourceId: id,
    tags: [...tags],
    origin,
    position,
    createdAt: nowMs,
    modifiedAt: nowMs,
    ...(source !== undefined ? { source } : {}),
  };
  await database.notes.add(note);
  await database.cards.bulkAdd(expandNote(note, position).map((card) => ({ ...card, ...createNewCardState(nowMs) })));
  return note;
}
