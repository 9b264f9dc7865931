/**
 * What the card browser does to cards, each in one transaction, each
 * undoable: suspend and unsuspend, bury until the next study day, reset to
 * new (history kept), set a due date, move notes to another deck (a note's
 * cards go together), delete notes with their cards and history (and the
 * recordings of those questions; stories drop their links to them). Every
 * action returns what it changed and an `ActionUndo` holding the records as
 * they were; `undoCardAction` puts them back, but only while the cards are
 * still as the action left them (never over an answer given since), the
 * deleted recordings and the stories' links included. Cards
 * are written through Dexie, so the counts versions are stamped (the old
 * deck too when cards move). Imported by path (`storage/cardActions`).
 */
import { createNewCardState, inQueue, queueForState } from '../domain/cardState';
import type { RecordingRecord, StoryRecord } from '../domain/stories';
import { CardQueue, CardState, type CardRecord, type NoteRecord, type ReviewLogRecord } from '../domain/types';
import { BURIED_SINCE_KEY } from './answers';
import { versionRowsFor } from './countsCache';
import { getDatabase, INDEX, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { cardsOfNotes } from './noteCards';
import { notesReady } from './upgrade';

export type CardAction =
  | { kind: 'suspend' }
  | { kind: 'unsuspend' }
  /** Until the study day after `day`. */
  | { kind: 'bury'; day: number }
  | { kind: 'reset' }
  /** Only cards already studied (learning or review) get the date; new cards are left as they are. */
  | { kind: 'set-due'; dueMs: number }
  | { kind: 'move'; deckId: string }
  | { kind: 'delete' };

export type CardActionKind = CardAction['kind'];

/** Everything an action replaced or removed, to put back. */
export interface ActionUndo {
  kind: CardActionKind;
  /** Cards as they were before, and as the action wrote them (absent: deleted). */
  cards: { before: CardRecord; after: CardRecord | null }[];
  notes: { before: NoteRecord; after: NoteRecord | null }[];
  /** Review logs the action deleted. */
  logs: ReviewLogRecord[];
  /** Stories whose links to deleted notes were dropped, as they were and as the action left them (delete only). */
  stories?: { before: StoryRecord; after: StoryRecord }[];
  /** Recordings of deleted notes, with their audio (delete only). */
  recordings?: RecordingRecord[];
}

/** What deleting notes did to the story bank: the stories' dropped links and the deleted notes' recordings. */
export interface DetachedNotes {
  stories: { before: StoryRecord; after: StoryRecord }[];
  recordings: RecordingRecord[];
}

/**
 * For notes being deleted, inside the caller's transaction (over `stories`
 * and `recordings`): deletes the recordings of those questions and drops
 * the stories' links to them (a story whose study note goes keeps no link
 * to it: `studyNoteId` '', its next save makes a new one). Stories keep
 * their change time. Resolves to what changed, for an undo.
 */
export async function detachDeletedNotes(database: FlashcardsDatabase, noteIds: readonly string[]): Promise<DetachedNotes> {
  if (noteIds.length === 0) return { stories: [], recordings: [] };
  const deleted = new Set(noteIds);
  const owned = await database.recordings.where(INDEX.recordingsByOwner).anyOf([...deleted]).toArray();
  const recordings = owned.filter((recording) => recording.ownerKind === 'note');
  if (recordings.length > 0) await database.recordings.bulkDelete(recordings.map((recording) => recording.id));
  // Stories are the user's own writing: few enough to read them all (a study note has no index).
  const linking = await database.stories.filter((story) => deleted.has(story.studyNoteId) || story.noteIds.some((noteId) => deleted.has(noteId))).toArray();
  const stories = linking.map((before) => ({
    before,
    after: { ...before, noteIds: before.noteIds.filter((noteId) => !deleted.has(noteId)), studyNoteId: deleted.has(before.studyNoteId) ? '' : before.studyNoteId },
  }));
  if (stories.length > 0) await database.stories.bulkPut(stories.map((change) => change.after));
  return { stories, recordings };
}

export interface CardActionResult {
  kind: CardActionKind;
  /** How many cards changed (deleted included). */
  changed: number;
  /** Cards the action did not apply to (e.g. new cards for a due date, cards already suspended). */
  skipped: number;
  /** Notes deleted or moved. */
  notes: number;
  undo: ActionUndo;
}

export type UndoActionResult = { kind: 'undone'; cards: number } | { kind: 'changed-since'; cardId: string };

/** The live (not retired) cards with these ids. */
async function liveCards(database: FlashcardsDatabase, cardIds: readonly string[]): Promise<CardRecord[]> {
  const cards = await database.cards.bulkGet([...new Set(cardIds)]);
  return cards.filter((card): card is CardRecord => card !== undefined && card.queue !== CardQueue.Retired);
}

/** A card after a per-card action, or null when the action does not apply to it. */
function changedCard(card: CardRecord, action: CardAction, nowMs: number): CardRecord | null {
  switch (action.kind) {
    case 'suspend':
      if (card.queue === CardQueue.Suspended) return null;
      return inQueue(card, CardQueue.Suspended);
    case 'unsuspend':
      if (card.queue !== CardQueue.Suspended) return null;
      return inQueue(card, queueForState(card.state));
    case 'bury':
      if (card.queue === CardQueue.Suspended || (card.queue === CardQueue.Buried && (card.buriedDay ?? -1) >= action.day)) return null;
      return inQueue(card, CardQueue.Buried, action.day);
    case 'reset':
      if (card.state === CardState.New && card.queue === CardQueue.New) return null;
      return inQueue({ ...card, ...createNewCardState(nowMs) }, CardQueue.New);
    case 'set-due':
      if (card.state === CardState.New) return null;
      return { ...card, due: action.dueMs };
    case 'move':
    case 'delete':
      return null;
  }
}

/**
 * Applies `action` to these cards (move and delete: to their notes, with
 * every card of those notes) in one transaction.
 *
 * @example
 * const { changed, undo } = await applyCardAction(['fl-q-1'], { kind: 'suspend' }, Date.now());
 * await undoCardAction(undo); // { kind: 'undone', cards: 1 }
 */
export function applyCardAction(cardIds: readonly string[], action: CardAction, nowMs: number): Promise<CardActionResult> {
  return guarded(async () => {
    const database = getDatabase();
    if (action.kind === 'move' || action.kind === 'delete') {
      await notesReady(database);
      return action.kind === 'move' ? moveNotes(database, cardIds, action.deckId, nowMs) : deleteNotes(database, cardIds);
    }
    return database.transaction('rw', [database.cards, database.meta], async () => {
      const cards = await liveCards(database, cardIds);
      const changes = cards.flatMap((before) => {
        const after = changedCard(before, action, nowMs);
        return after ? [{ before, after }] : [];
      });
      await database.cards.bulkPut(changes.map((change) => change.after));
      if (action.kind === 'bury' && changes.length > 0) {
        const since = await database.meta.get(BURIED_SINCE_KEY);
        if (!(typeof since?.value === 'number' && since.value <= action.day)) await database.meta.put({ key: BURIED_SINCE_KEY, value: action.day });
      }
      return {
        kind: action.kind,
        changed: changes.length,
        skipped: cardIds.length - changes.length,
        notes: 0,
        undo: { kind: action.kind, cards: changes, notes: [], logs: [] },
      };
    });
  });
}

/** The notes of these cards, and every card of those notes. */
async function notesWithCards(database: FlashcardsDatabase, cardIds: readonly string[]): Promise<{ notes: NoteRecord[]; cards: CardRecord[] }> {
  const picked = (await database.cards.bulkGet([...new Set(cardIds)])).filter((card): card is CardRecord => card !== undefined);
  const notes = (await database.notes.bulkGet([...new Set(picked.map((card) => card.noteId))])).filter((note): note is NoteRecord => note !== undefined);
  const byNote = await cardsOfNotes(database, notes);
  // A card whose note is missing (should not happen) still goes with the selection.
  const cards = new Map<string, CardRecord>();
  for (const list of byNote.values()) for (const card of list) cards.set(card.id, card);
  for (const card of picked) cards.set(card.id, card);
  return { notes, cards: [...cards.values()] };
}

async function moveNotes(database: FlashcardsDatabase, cardIds: readonly string[], deckId: string, nowMs: number): Promise<CardActionResult> {
  return database.transaction('rw', [database.decks, database.notes, database.cards, database.meta], async () => {
    if (!(await database.decks.get(deckId))) throw new Error(`There is no deck "${deckId}".`);
    const { notes, cards } = await notesWithCards(database, cardIds);
    const movedNotes = notes.filter((note) => note.deckId !== deckId);
    const movedCards = cards.filter((card) => card.deckId !== deckId);
    // After the target deck's last card, in their own order.
    const inTarget = await database.cards.where(INDEX.cardsByPosition).between([deckId, -Infinity, -Infinity], [deckId, Infinity, Infinity]).toArray();
    let position = inTarget.reduce((max, card) => Math.max(max, card.position + 1), 0);
    const cardChanges = [...movedCards]
      .sort((a, b) => a.position - b.position)
      .map((before) => ({ before, after: { ...before, deckId, position: position++ } }));
    const noteChanges = movedNotes.map((before) => ({ before, after: { ...before, deckId, modifiedAt: nowMs } }));
    await database.notes.bulkPut(noteChanges.map((change) => change.after));
    await database.cards.bulkPut(cardChanges.map((change) => change.after));
    // The decks the cards left are counted again too.
    const oldDecks = new Set(cardChanges.map((change) => change.before.deckId));
    if (oldDecks.size > 0) await database.meta.bulkPut(versionRowsFor(oldDecks));
    return {
      kind: 'move',
      changed: cardChanges.length,
      skipped: cards.length - cardChanges.length,
      notes: noteChanges.length,
      undo: { kind: 'move', cards: cardChanges, notes: noteChanges, logs: [] },
    };
  });
}

async function deleteNotes(database: FlashcardsDatabase, cardIds: readonly string[]): Promise<CardActionResult> {
  return database.transaction('rw', [database.notes, database.cards, database.reviews, database.meta, database.stories, database.recordings], async () => {
    const { notes, cards } = await notesWithCards(database, cardIds);
    const logs = await database.reviews.where(INDEX.reviewsOfCard).anyOf(cards.map((card) => card.id)).toArray();
    await database.reviews.bulkDelete(logs.flatMap((log) => (log.id === undefined ? [] : [log.id])));
    await database.cards.bulkDelete(cards.map((card) => card.id));
    await database.notes.bulkDelete(notes.map((note) => note.id));
    const { stories, recordings } = await detachDeletedNotes(database, notes.map((note) => note.id));
    return {
      kind: 'delete',
      changed: cards.filter((card) => card.queue !== CardQueue.Retired).length,
      skipped: 0,
      notes: notes.length,
      undo: {
        kind: 'delete',
        cards: cards.map((before) => ({ before, after: null })),
        notes: notes.map((before) => ({ before, after: null })),
        logs,
        stories,
        recordings,
      },
    };
  });
}

/** A story with the links an action dropped given back: exactly as it was if nothing changed it since, else its links since with the dropped ones added. */
function storyWithLinksBack(current: StoryRecord, change: { before: StoryRecord; after: StoryRecord }): StoryRecord {
  if (JSON.stringify(current) === JSON.stringify(change.after)) return change.before;
  const dropped = change.before.noteIds.filter((noteId) => !change.after.noteIds.includes(noteId) && !current.noteIds.includes(noteId));
  const studyNoteId = current.studyNoteId === '' && change.after.studyNoteId === '' ? change.before.studyNoteId : current.studyNoteId;
  return { ...current, noteIds: [...current.noteIds, ...dropped], studyNoteId };
}

/** Whether a stored card is still as an action left it (no answer, edit or other action since). */
function isAsLeft(stored: CardRecord | undefined, after: CardRecord | null): boolean {
  if (after === null) return stored === undefined;
  return (
    stored !== undefined &&
    stored.reps === after.reps &&
    stored.lastReview === after.lastReview &&
    stored.queue === after.queue &&
    stored.due === after.due &&
    stored.deckId === after.deckId
  );
}

/**
 * Puts back what an action changed, in one transaction, unless a card has
 * changed since (then nothing is written and the card is named).
 *
 * @example
 * await undoCardAction(result.undo); // { kind: 'undone', cards: 3 }
 */
export function undoCardAction(undo: ActionUndo): Promise<UndoActionResult> {
  return guarded(async () => {
    const database = getDatabase();
    const tables = [database.notes, database.cards, database.reviews, database.meta, database.stories, database.recordings];
    return database.transaction('rw', tables, async (): Promise<UndoActionResult> => {
      const stored = await database.cards.bulkGet(undo.cards.map((change) => change.before.id));
      for (const [index, change] of undo.cards.entries()) {
        if (!isAsLeft(stored[index], change.after)) return { kind: 'changed-since', cardId: change.before.id };
      }
      await database.notes.bulkPut(undo.notes.map((change) => change.before));
      await database.cards.bulkPut(undo.cards.map((change) => change.before));
      if (undo.logs.length > 0) await database.reviews.bulkPut(undo.logs);
      // The stories' links come back (a story deleted since stays deleted), and the questions' recordings.
      const storyChanges = undo.stories ?? [];
      if (storyChanges.length > 0) {
        const current = await database.stories.bulkGet(storyChanges.map((change) => change.before.id));
        const restored = storyChanges.flatMap((change, index) => {
          const story = current[index];
          return story ? [storyWithLinksBack(story, change)] : [];
        });
        await database.stories.bulkPut(restored);
      }
      if (undo.recordings && undo.recordings.length > 0) await database.recordings.bulkPut(undo.recordings);
      const touched = new Set(undo.cards.flatMap((change) => (change.after ? [change.after.deckId] : [])));
      if (touched.size > 0) await database.meta.bulkPut(versionRowsFor(touched));
      return { kind: 'undone', cards: undo.cards.length };
    });
  });
}
