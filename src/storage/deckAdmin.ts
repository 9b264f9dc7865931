/**
 * Deck management: making an empty deck, renaming, hiding and deleting a
 * deck with everything in it (the recordings of its questions too; stories
 * drop their links to its notes). Each function is one Dexie transaction (cards
 * and logs go through Dexie, so the counts version is stamped); a request
 * the rules refuse resolves to a problem code the UI words, a storage
 * failure rejects with a `StorageError`. Imported by path (the deck options
 * and settings screens), so the first load never carries it.
 */
import Dexie from 'dexie';
import { STORIES_DECK_ID } from '../domain/stories';
import { hasVisibleText } from '../domain/visibleText';
import { DEFAULT_OPTIONS_ID, type DeckRecord } from '../domain/types';
import { detachDeletedNotes } from './cardActions';
import { getDatabase, INDEX, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { newId } from './ids';
import { notesReady } from './upgrade';

/**
 * Why a deck change was refused: an empty name, a name another deck has, a
 * built-in deck (hide it instead), no such deck, the stories deck (its notes
 * belong to stories: they are deleted with their story on the Stories screen).
 */
export type DeckProblem = 'empty-name' | 'name-taken' | 'built-in' | 'not-found' | 'holds-stories';

export type DeckChangeResult = { ok: true; deck: DeckRecord } | { ok: false; problem: DeckProblem };

/** What deleting a deck removes: its notes, its cards (retired ones included), their answers and the recordings of its questions. */
export interface DeckContentCounts {
  notes: number;
  cards: number;
  reviewLogs: number;
  recordings: number;
}

/** A deck's entries in an index that starts with `deckId`. */
function deckRange(deckId: string): [unknown[], unknown[]] {
  return [
    [deckId, Dexie.minKey],
    [deckId, Dexie.maxKey],
  ];
}

/** The name to store, or why it cannot be: empty or invisible, or another deck's name (ignoring case). */
function checkName(decks: readonly DeckRecord[], name: string, deckId: string | null): { name: string } | { problem: DeckProblem } {
  const trimmed = name.trim();
  if (!hasVisibleText(trimmed)) return { problem: 'empty-name' };
  const lower = trimmed.toLowerCase();
  if (decks.some((deck) => deck.id !== deckId && deck.name.trim().toLowerCase() === lower)) return { problem: 'name-taken' };
  return { name: trimmed };
}

/**
 * Makes an empty deck named `name` (the shared options preset).
 *
 * @example
 * await createDeck('System design', Date.now()); // { ok: true, deck: { id: '01J…', name: 'System design', … } }
 * await createDeck('  ', Date.now()); // { ok: false, problem: 'empty-name' }
 */
export function createDeck(name: string, nowMs: number): Promise<DeckChangeResult> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', [database.decks], async (): Promise<DeckChangeResult> => {
      const checked = checkName(await database.decks.toArray(), name, null);
      if ('problem' in checked) return { ok: false, problem: checked.problem };
      const deck: DeckRecord = {
        id: newId(nowMs),
        name: checked.name,
        description: '',
        isBuiltIn: false,
        optionsId: DEFAULT_OPTIONS_ID,
        createdAt: nowMs,
        updatedAt: nowMs,
      };
      await database.decks.add(deck);
      return { ok: true, deck };
    });
  });
}

/**
 * Gives a deck a new name (trimmed). A built-in or imported deck remembers
 * the name its file gave it, so an update of that file keeps the user's name.
 *
 * @example
 * await renameDeck(deckId, 'Stories', Date.now()); // { ok: true, deck: { …, name: 'Stories' } }
 * await renameDeck(deckId, 'failure & learning: questions', Date.now()); // { ok: false, problem: 'name-taken' }
 */
export function renameDeck(deckId: string, name: string, nowMs: number): Promise<DeckChangeResult> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', [database.decks], async (): Promise<DeckChangeResult> => {
      const decks = await database.decks.toArray();
      const deck = decks.find((candidate) => candidate.id === deckId);
      if (!deck) return { ok: false, problem: 'not-found' };
      const checked = checkName(decks, name, deckId);
      if ('problem' in checked) return { ok: false, problem: checked.problem };
      const renamed: DeckRecord = { ...deck, name: checked.name, updatedAt: nowMs };
      if (deck.isBuiltIn && renamed.sourceName === undefined) renamed.sourceName = deck.name;
      await database.decks.put(renamed);
      return { ok: true, deck: renamed };
    });
  });
}

/**
 * Hides a deck from the home screen, its total and "study all" (`hidden`),
 * or shows it again. Built-in decks, which cannot be deleted, are hidden
 * instead; any deck may be.
 */
export function setDeckHidden(deckId: string, hidden: boolean, nowMs: number): Promise<DeckChangeResult> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', [database.decks], async (): Promise<DeckChangeResult> => {
      const deck = await database.decks.get(deckId);
      if (!deck) return { ok: false, problem: 'not-found' };
      const changed: DeckRecord = { ...deck, updatedAt: nowMs };
      if (hidden) changed.isHidden = true;
      else delete changed.isHidden;
      await database.decks.put(changed);
      return { ok: true, deck: changed };
    });
  });
}

/** The ids of every card of the deck, retired and buried ones included. */
async function cardIdsOf(database: FlashcardsDatabase, deckId: string): Promise<string[]> {
  return await database.cards.where(INDEX.cardsByDue).between(...deckRange(deckId), true, true).primaryKeys();
}

/** What deleting the deck would remove (the delete confirmation names these counts). */
export function deckContentCounts(deckId: string): Promise<DeckContentCounts> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('r', [database.notes, database.cards, database.reviews, database.reviewLogs, database.recordings], async () => {
      const cardIds = await cardIdsOf(database, deckId);
      const [noteIds, logs, v1Logs] = await Promise.all([
        database.notes.where(INDEX.notesBySource).between(...deckRange(deckId), true, true).primaryKeys(),
        cardIds.length > 0 ? database.reviews.where(INDEX.reviewsOfCard).anyOf(cardIds).count() : 0,
        cardIds.length > 0 ? database.reviewLogs.where(INDEX.reviewsOfCard).anyOf(cardIds).count() : 0,
      ]);
      const recordings = noteIds.length > 0 ? await database.recordings.where(INDEX.recordingsByOwner).anyOf(noteIds).filter((recording) => recording.ownerKind === 'note').count() : 0;
      return { notes: noteIds.length, cards: cardIds.length, reviewLogs: logs + v1Logs, recordings };
    });
  });
}

/**
 * Deletes a deck with its notes, its cards and their answers (in `reviews`,
 * and in schema 1's store if any are left there), the recordings of its
 * questions, and its own options preset, in one transaction; stories drop
 * their links to its notes. Built-in decks are refused ('built-in'): they
 * can only be hidden (`setDeckHidden`); so is the stories deck
 * ('holds-stories': stories are deleted on the Stories screen).
 */
export function deleteDeck(deckId: string): Promise<{ ok: true; deleted: DeckContentCounts } | { ok: false; problem: DeckProblem }> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    const tables = [
      database.decks,
      database.notes,
      database.cards,
      database.reviews,
      database.reviewLogs,
      database.deckOptions,
      database.meta,
      database.stories,
      database.recordings,
    ];
    return await database.transaction('rw', tables, async () => {
      const deck = await database.decks.get(deckId);
      if (!deck) return { ok: false as const, problem: 'not-found' as const };
      if (deck.isBuiltIn) return { ok: false as const, problem: 'built-in' as const };
      if (deck.id === STORIES_DECK_ID) return { ok: false as const, problem: 'holds-stories' as const };
      const cardIds = await cardIdsOf(database, deckId);
      const [logIds, v1LogIds] =
        cardIds.length > 0
          ? await Promise.all([
              database.reviews.where(INDEX.reviewsOfCard).anyOf(cardIds).primaryKeys(),
              database.reviewLogs.where(INDEX.reviewsOfCard).anyOf(cardIds).primaryKeys(),
            ])
          : [[], []];
      const noteIds = await database.notes.where(INDEX.notesBySource).between(...deckRange(deckId), true, true).primaryKeys();
      await database.notes.bulkDelete(noteIds);
      const { recordings } = await detachDeletedNotes(database, noteIds);
      await database.reviews.bulkDelete(logIds);
      await database.reviewLogs.bulkDelete(v1LogIds);
      await database.cards.bulkDelete(cardIds);
      if (deck.optionsId !== DEFAULT_OPTIONS_ID && !(await database.decks.filter((other) => other.id !== deckId && other.optionsId === deck.optionsId).count())) {
        await database.deckOptions.delete(deck.optionsId);
      }
      await database.decks.delete(deckId);
      return { ok: true as const, deleted: { notes: noteIds.length, cards: cardIds.length, reviewLogs: logIds.length + v1LogIds.length, recordings: recordings.length } };
    });
  });
}
