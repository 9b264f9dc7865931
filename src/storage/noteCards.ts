/**
 * The stored cards of notes, found by their ids: schema 2 has no note index
 * on cards (building one over an existing collection reads every card at
 * open), and needs none, since a note's card ids are its id (or its
 * `cardIdBase`) alone or followed by `::...` (`cardIdOf`). Many notes of
 * one deck are read as the deck's cards instead of one look-up each.
 */
import Dexie from 'dexie';
import { cardIdBaseOf } from '../domain/notes';
import type { CardRecord, NoteRecord } from '../domain/types';
import { INDEX, type FlashcardsDatabase } from './db';

/** Above this many notes of one deck, the deck's cards are read in one range instead. */
const LOOK_UPS_PER_DECK = 32;

/** The cards whose ids are `base` or `${base}::...`, of note `noteId` (other notes' cards may share the prefix). */
async function cardsWithBase(database: FlashcardsDatabase, base: string, noteId: string): Promise<CardRecord[]> {
  const [own, suffixed] = await Promise.all([database.cards.get(base), database.cards.where(':id').between(`${base}::`, `${base}::\uffff`, true, true).toArray()]);
  return [...(own ? [own] : []), ...suffixed].filter((card) => card.noteId === noteId);
}

/** Every card of a deck, all queues. */
function cardsOfDeckIn(database: FlashcardsDatabase, deckId: string): Promise<CardRecord[]> {
  return database.cards
    .where(INDEX.cardsByDue)
    .between([deckId, Dexie.minKey], [deckId, Dexie.maxKey], true, true)
    .toArray();
}

/** The stored cards of these notes (retired ones included), by note id; a note without cards is absent. */
export async function cardsOfNotes(database: FlashcardsDatabase, notes: readonly Pick<NoteRecord, 'id' | 'deckId' | 'cardIdBase'>[]): Promise<Map<string, CardRecord[]>> {
  const byNote = new Map<string, CardRecord[]>();
  const add = (card: CardRecord): void => {
    const list = byNote.get(card.noteId);
    if (list) list.push(card);
    else byNote.set(card.noteId, [card]);
  };
  const byDeck = new Map<string, Pick<NoteRecord, 'id' | 'deckId' | 'cardIdBase'>[]>();
  for (const note of notes) byDeck.set(note.deckId, [...(byDeck.get(note.deckId) ?? []), note]);
  await Promise.all(
    [...byDeck].map(async ([deckId, deckNotes]) => {
      if (deckNotes.length > LOOK_UPS_PER_DECK) {
        const wanted = new Set(deckNotes.map((note) => note.id));
        for (const card of await cardsOfDeckIn(database, deckId)) if (wanted.has(card.noteId)) add(card);
        return;
      }
      const found = await Promise.all(deckNotes.map((note) => cardsWithBase(database, note.cardIdBase ?? note.id, note.id)));
      found.flat().forEach(add);
    }),
  );
  return byNote;
}

/** The cards of `card`'s note, itself included (read off its id: siblings share its id's base). */
export function cardsOfSameNote(database: FlashcardsDatabase, card: Pick<CardRecord, 'id' | 'template' | 'noteId'>): Promise<CardRecord[]> {
  return cardsWithBase(database, cardIdBaseOf(card), card.noteId);
}
