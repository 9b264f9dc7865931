// The card browser's actions on real Dexie over fake IndexedDB: each changes
// exactly what it says in one transaction, shows in the home counts and the
// study session, and can be undone unless the card changed since; a failed
// write changes nothing.
import { describe, expect, it } from 'vitest';
import { CardQueue, CardState, Rating, type CardRecord } from '../../src/domain/types';
import { homeOverview, loadStudySession, mergeDeckFiles, recordReview, unburyEarlierDays, studyDayContext } from '../../src/storage';
import { applyCardAction, undoCardAction } from '../../src/storage/cardActions';
import { loadBrowseRows } from '../../src/storage/browse';
import { addNote } from '../../src/storage/notes';
import { freshAppForEachTest } from '../helpers/componentApp';
import { appDatabase, DAY, FIXED_NOW, smallDeckFile, withFullStorageFor } from '../helpers/componentDb';
import { STORE } from '../../src/storage/schema';

freshAppForEachTest();

const DECK = 'actions';

async function seedDeck(count = 3, deckId = DECK, name = 'Actions'): Promise<void> {
  await mergeDeckFiles([smallDeckFile(deckId, count, name)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY });
}

async function countsOf(deckId: string, nowMs = FIXED_NOW) {
  const overview = await homeOverview(nowMs);
  return overview.counts.find((counts) => counts.deckId === deckId);
}

/** The ids of the cards a study session of these decks would show today. */
async function sessionCardIds(deckIds: string[]): Promise<string[]> {
  const { queue } = await loadStudySession(deckIds, FIXED_NOW);
  return [...queue.learning, ...queue.reviews, ...queue.fresh].map((c) => c.id);
}

async function card(id: string): Promise<CardRecord> {
  const stored = await appDatabase().cards.get(id);
  if (!stored) throw new Error(`no card ${id}`);
  return stored;
}

/** Gives a card one Good answer a day ago, so it is a review card with history. */
async function answered(id: string): Promise<CardRecord> {
  const before = await card(id);
  const after: CardRecord = { ...before, state: CardState.Review, queue: CardQueue.Review, reps: 1, stability: 3, difficulty: 5, due: FIXED_NOW + 2 * DAY, lastReview: FIXED_NOW - DAY, scheduledDays: 3 };
  await recordReview(after, {
    cardId: id,
    noteId: before.noteId,
    deckId: before.deckId,
    rating: Rating.Good,
    state: before.state,
    due: before.due,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    lastElapsedDays: 0,
    scheduledDays: 3,
    learningSteps: 0,
    reviewTime: FIXED_NOW - DAY,
    durationMs: 1000,
    day: studyDayContext(FIXED_NOW - DAY, { dayStartHour: 4 }).day,
    before: { ...before },
  });
  return card(id);
}

describe('card actions', () => {
  it('suspend takes a card out of study and the home counts; undo puts it back', async () => {
    await seedDeck();
    expect((await countsOf(DECK))?.newCount).toBe(3);
    const result = await applyCardAction([`${DECK}-1`], { kind: 'suspend' }, FIXED_NOW);
    expect(result).toMatchObject({ kind: 'suspend', changed: 1, skipped: 0 });
    expect((await card(`${DECK}-1`)).queue).toBe(CardQueue.Suspended);
    expect((await countsOf(DECK))?.newCount).toBe(2);
    expect(await sessionCardIds([DECK])).not.toContain(`${DECK}-1`);
    expect(await sessionCardIds([DECK])).toHaveLength(2);

    expect(await undoCardAction(result.undo)).toEqual({ kind: 'undone', cards: 1 });
    expect((await card(`${DECK}-1`)).queue).toBe(CardQueue.New);
    expect((await countsOf(DECK))?.newCount).toBe(3);
  });

  it('unsuspend puts a suspended review card back in the queue of its state, its schedule kept', async () => {
    await seedDeck();
    const reviewed = await answered(`${DECK}-2`);
    await applyCardAction([`${DECK}-2`], { kind: 'suspend' }, FIXED_NOW);
    const result = await applyCardAction([`${DECK}-2`, `${DECK}-3`], { kind: 'unsuspend' }, FIXED_NOW);
    expect(result).toMatchObject({ changed: 1, skipped: 1 });
    expect(await card(`${DECK}-2`)).toEqual(reviewed);
  });

  it('bury keeps a card out until the next study day', async () => {
    await seedDeck();
    const { day } = studyDayContext(FIXED_NOW, { dayStartHour: 4 });
    await applyCardAction([`${DECK}-1`], { kind: 'bury', day }, FIXED_NOW);
    expect((await card(`${DECK}-1`)).queue).toBe(CardQueue.Buried);
    expect((await countsOf(DECK))?.newCount).toBe(2);
    // The next day the home read unburies it.
    expect(await unburyEarlierDays(day + 1)).toBe(1);
    expect((await card(`${DECK}-1`)).queue).toBe(CardQueue.New);
  });

  it('reset makes a studied card new and keeps its history', async () => {
    await seedDeck();
    await answered(`${DECK}-1`);
    const logs = await appDatabase().reviews.where('cardId').equals(`${DECK}-1`).count();
    await applyCardAction([`${DECK}-1`], { kind: 'reset' }, FIXED_NOW);
    const reset = await card(`${DECK}-1`);
    expect(reset).toMatchObject({ state: CardState.New, queue: CardQueue.New, reps: 0, lapses: 0, lastReview: null, position: 0 });
    expect(await appDatabase().reviews.where('cardId').equals(`${DECK}-1`).count()).toBe(logs);
    expect(logs).toBe(1);
  });

  it('set due date moves studied cards only, and undo refuses once the card was answered since', async () => {
    await seedDeck();
    await answered(`${DECK}-1`);
    const result = await applyCardAction([`${DECK}-1`, `${DECK}-2`], { kind: 'set-due', dueMs: FIXED_NOW + 10 * DAY }, FIXED_NOW);
    expect(result).toMatchObject({ changed: 1, skipped: 1 });
    expect((await card(`${DECK}-1`)).due).toBe(FIXED_NOW + 10 * DAY);
    // Answered again since: undo must not roll that answer back.
    await appDatabase().cards.update(`${DECK}-1`, { reps: 2, lastReview: FIXED_NOW });
    expect(await undoCardAction(result.undo)).toEqual({ kind: 'changed-since', cardId: `${DECK}-1` });
    expect((await card(`${DECK}-1`)).reps).toBe(2);
  });

  it('move takes whole notes (a reversible note’s both cards) to another deck, and both decks are counted again', async () => {
    await seedDeck();
    await seedDeck(1, 'target', 'Target');
    const note = await addNote(DECK, { type: 'reversible', front: 'Blameless', back: 'Systems, not people', tags: [] }, FIXED_NOW);
    expect((await countsOf(DECK))?.newCount).toBe(5);
    const result = await applyCardAction([note.id], { kind: 'move', deckId: 'target' }, FIXED_NOW);
    expect(result).toMatchObject({ kind: 'move', changed: 2, notes: 1 });
    expect((await appDatabase().notes.get(note.id))?.deckId).toBe('target');
    expect([(await card(note.id)).deckId, (await card(`${note.id}::reverse`)).deckId]).toEqual(['target', 'target']);
    expect((await countsOf(DECK))?.newCount).toBe(3);
    expect((await countsOf('target'))?.newCount).toBe(3);

    await undoCardAction(result.undo);
    expect((await appDatabase().notes.get(note.id))?.deckId).toBe(DECK);
    expect((await countsOf(DECK))?.newCount).toBe(5);
    expect((await countsOf('target'))?.newCount).toBe(1);
  });

  it('delete removes the notes, all their cards and their history; undo brings every record back', async () => {
    await seedDeck();
    await answered(`${DECK}-1`);
    const result = await applyCardAction([`${DECK}-1`], { kind: 'delete' }, FIXED_NOW);
    expect(result).toMatchObject({ kind: 'delete', changed: 1, notes: 1 });
    expect(await appDatabase().cards.get(`${DECK}-1`)).toBeUndefined();
    expect(await appDatabase().notes.get(`${DECK}-1`)).toBeUndefined();
    expect(await appDatabase().reviews.where('cardId').equals(`${DECK}-1`).count()).toBe(0);
    expect((await loadBrowseRows()).map((row) => row.cardId)).not.toContain(`${DECK}-1`);

    await undoCardAction(result.undo);
    expect(await appDatabase().cards.get(`${DECK}-1`)).toBeDefined();
    expect(await appDatabase().notes.get(`${DECK}-1`)).toBeDefined();
    expect(await appDatabase().reviews.where('cardId').equals(`${DECK}-1`).count()).toBe(1);
  });

  it('a failed write changes nothing and fails with a storage error of its kind', async () => {
    await seedDeck();
    const before = await card(`${DECK}-1`);
    await withFullStorageFor(STORE.cards, async () => {
      await expect(applyCardAction([`${DECK}-1`], { kind: 'suspend' }, FIXED_NOW)).rejects.toMatchObject({ kind: 'quota' });
    });
    expect(await card(`${DECK}-1`)).toEqual(before);
  });
});
