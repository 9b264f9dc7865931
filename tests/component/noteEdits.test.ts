// Editing a note changes its cards by cloze number (or card template) and
// keeps the history of every card that stays, in real Dexie storage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECK_FORMAT } from '../../src/domain/deckFormat';
import { answerCard, toSnapshot } from '../../src/domain/scheduler';
import { CardQueue, DEFAULT_DECK_OPTIONS, Rating, type CardRecord } from '../../src/domain/types';
import { cardsOfDeck, mergeDeckFiles, recordReview } from '../../src/storage';
import { addNote, updateNote } from '../../src/storage/notes';
import { appDatabase, deleteAppDatabase, FIXED_NOW } from '../helpers/componentDb';

beforeEach(async () => {
  await deleteAppDatabase();
  await mergeDeckFiles(
    [
      {
        format: DECK_FORMAT,
        version: 1,
        deck: { id: 'paris', name: 'Paris', description: '' },
        cards: [
          { id: 'capital', type: 'cloze', text: '{{c1::Paris}} is in {{c2::France}}' },
          { id: 'star', type: 'basic', front: 'STAR?', back: 'Situation, Task, Action, Result' },
        ],
      },
    ],
    { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW },
  );
});
afterEach(deleteAppDatabase);

async function card(id: string): Promise<CardRecord> {
  const stored = await appDatabase().cards.get(id);
  if (!stored) throw new Error(`no card ${id}`);
  return stored;
}

async function study(id: string): Promise<CardRecord> {
  const { card: answered, log } = answerCard(await card(id), Rating.Good, DEFAULT_DECK_OPTIONS, { nowMs: FIXED_NOW, durationMs: 2000, day: 1 });
  await recordReview(answered, log);
  return answered;
}

describe('updateNote', () => {
  it('adds the card of a new cloze number, re-renders the others and keeps their history', async () => {
    const studied = await study('capital::c1');
    const summary = await updateNote('capital', { type: 'cloze', text: '{{c1::Paris}} is in {{c2::France}}, on the {{c3::Seine}}', tags: ['geo'] }, FIXED_NOW + 1000);
    expect(summary).toEqual({ noteId: 'capital', added: ['capital::c3'], updated: ['capital::c1', 'capital::c2'], retired: [], restored: [] });
    const c1 = await card('capital::c1');
    expect(toSnapshot(c1)).toStrictEqual(toSnapshot(studied));
    expect(c1).toMatchObject({ front: '[...] is in France, on the Seine', tags: ['geo'] });
    expect(await card('capital::c3')).toMatchObject({ queue: CardQueue.New, ordinal: 3, front: 'Paris is in France, on the [...]', reps: 0 });
    expect(await appDatabase().notes.get('capital')).toMatchObject({ text: '{{c1::Paris}} is in {{c2::France}}, on the {{c3::Seine}}', tags: ['geo'], modifiedAt: FIXED_NOW + 1000 });
  });

  it('retires the card of a removed cloze number with its history, and brings it back with it when the number returns', async () => {
    const studied = await study('capital::c2');
    const removed = await updateNote('capital', { type: 'cloze', text: '{{c1::Paris}} is in France', tags: [] }, FIXED_NOW + 1000);
    expect(removed.retired).toEqual(['capital::c2']);
    expect(await card('capital::c2')).toMatchObject({ queue: CardQueue.Retired, reps: 1 });
    expect(await appDatabase().reviews.where('cardId').equals('capital::c2').count()).toBe(1);
    expect((await cardsOfDeck('paris')).map((c) => c.id)).toEqual(['capital::c1', 'star']);

    const back = await updateNote('capital', { type: 'cloze', text: '{{c1::Paris}} is in {{c2::France}}', tags: [] }, FIXED_NOW + 2000);
    expect(back.restored).toEqual(['capital::c2']);
    expect(toSnapshot(await card('capital::c2'))).toStrictEqual(toSnapshot(studied));
  });

  it('turns a basic note into a reversible one: the forward card keeps its history, the reverse card is new', async () => {
    const studied = await study('star');
    const summary = await updateNote('star', { type: 'reversible', front: 'STAR?', back: 'Situation, Task, Action, Result', tags: [] }, FIXED_NOW + 1000);
    expect(summary).toEqual({ noteId: 'star', added: ['star::reverse'], updated: ['star'], retired: [], restored: [] });
    expect(toSnapshot(await card('star'))).toStrictEqual(toSnapshot(studied));
    expect(await card('star')).toMatchObject({ template: 'forward' });
    expect(await card('star::reverse')).toMatchObject({ template: 'reverse', front: 'Situation, Task, Action, Result', back: 'STAR?' });
  });

  it('changes nothing for the same content, and refuses a note that does not exist', async () => {
    const before = await appDatabase().cards.toArray();
    expect(await updateNote('star', { type: 'basic', front: 'STAR?', back: 'Situation, Task, Action, Result', tags: [] }, FIXED_NOW + 1000)).toEqual({
      noteId: 'star',
      added: [],
      updated: [],
      retired: [],
      restored: [],
    });
    expect(await appDatabase().cards.toArray()).toStrictEqual(before);
    await expect(updateNote('missing', { type: 'basic', front: 'a', back: 'b', tags: [] }, FIXED_NOW)).rejects.toMatchObject({ name: 'StorageError' });
  });
});

describe('addNote', () => {
  it('adds a note made in the app with its new cards after the deck’s last card', async () => {
    const note = await addNote('paris', { type: 'cloze', text: 'The {{c1::Louvre}} is a {{c2::museum}}', tags: ['art'] }, FIXED_NOW);
    expect(note).toMatchObject({ deckId: 'paris', origin: { kind: 'app' }, position: 3 });
    const cards = await cardsOfDeck('paris');
    expect(cards.slice(-2).map((c) => [c.id, c.position, c.queue])).toEqual([
      [`${note.id}::c1`, 3, CardQueue.New],
      [`${note.id}::c2`, 4, CardQueue.New],
    ]);
    await expect(addNote('nowhere', { type: 'basic', front: 'a', back: 'b', tags: [] }, FIXED_NOW)).rejects.toMatchObject({ name: 'StorageError' });
  });
});
