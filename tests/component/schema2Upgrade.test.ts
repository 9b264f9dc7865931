// A schema-2 database, written with raw IndexedDB as the schema-2 app left it
// (notes, cards, answers, a deck's own preset, settings), opened by the
// current code: schema 3 adds the story bank's two stores and schema 4 the
// media store, all empty, and leaves every record as it was; a story can
// then be saved.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createNewCardState } from '../../src/domain/cardState';
import { seededUlid } from '../../src/domain/ids';
import { expandNote } from '../../src/domain/notes';
import { answerCard } from '../../src/domain/scheduler';
import { emptyStory, STORIES_DECK_ID } from '../../src/domain/stories';
import { studyDayOf } from '../../src/domain/studyDay';
import { DEFAULT_DECK_OPTIONS, DEFAULT_SETTINGS, Rating, type CardRecord, type DeckOptions, type DeckRecord, type NoteRecord } from '../../src/domain/types';
import { listDecks } from '../../src/storage';
import type { SCHEMA_V2 } from '../../src/storage/db';
import { saveStory } from '../../src/storage/stories';
import { FIXED_NOW, MINUTE, DAY, appDatabase, deleteAppDatabase } from '../helpers/componentDb';
import { writeRawDatabase, type RawStoreSpec } from '../helpers/rawV1Database';

/** Schema 2 as shipped, spelled out for raw IndexedDB (Dexie stores version n as n * 10). */
const RAW_SCHEMA_V2: Record<keyof typeof SCHEMA_V2, RawStoreSpec> = {
  decks: { keyPath: 'id', autoIncrement: false, indexes: [] },
  notes: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: [
      ['[deckId+sourceId]', ['deckId', 'sourceId']],
      ['sourceId', 'sourceId'],
    ],
  },
  cards: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: [
      ['[deckId+queue+due]', ['deckId', 'queue', 'due']],
      ['[deckId+queue+position]', ['deckId', 'queue', 'position']],
    ],
  },
  reviews: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: [
      ['cardId', 'cardId'],
      ['[deckId+day]', ['deckId', 'day']],
      ['reviewTime', 'reviewTime'],
    ],
  },
  reviewLogs: {
    keyPath: 'id',
    autoIncrement: true,
    indexes: [
      ['cardId', 'cardId'],
      ['[deckId+day]', ['deckId', 'day']],
      ['reviewTime', 'reviewTime'],
    ],
  },
  deckOptions: { keyPath: 'id', autoIncrement: false, indexes: [] },
  settings: { keyPath: 'key', autoIncrement: false, indexes: [] },
  meta: { keyPath: 'key', autoIncrement: false, indexes: [] },
};

function writeRawV2Database(stores: Record<string, readonly unknown[]>): Promise<void> {
  return writeRawDatabase(RAW_SCHEMA_V2, stores, 20);
}

/** A small schema-2 collection with history: a deck with its own preset, three notes (one reversible), four cards, three answers. */
function v2Collection() {
  const options: DeckOptions = { ...DEFAULT_DECK_OPTIONS, id: 'deck:sys', name: 'System design', newPerDay: 7 };
  const deck: DeckRecord = { id: 'sys', name: 'System design', description: 'Mine', isBuiltIn: false, optionsId: options.id, sourceId: 'sys', createdAt: FIXED_NOW - 9 * DAY, updatedAt: FIXED_NOW - 9 * DAY };
  const note = (id: string, position: number, type: 'basic' | 'reversible'): NoteRecord => ({
    id,
    deckId: deck.id,
    sourceId: id,
    type,
    front: `Front ${id}`,
    back: `Back ${id}`,
    tags: ['t'],
    origin: { kind: 'import', format: 'deck-json', fileName: 'sys.json' },
    position,
    createdAt: FIXED_NOW - 9 * DAY,
    modifiedAt: FIXED_NOW - 8 * DAY,
  });
  const notes = [note('sys-1', 0, 'basic'), note('sys-2', 1, 'reversible'), note('sys-3', 3, 'basic')];
  let cards: CardRecord[] = notes.flatMap((n) => expandNote(n, n.position).map((content): CardRecord => ({ ...content, ...createNewCardState(FIXED_NOW - 9 * DAY) })));
  const reviews = [Rating.Good, Rating.Again, Rating.Easy].map((rating, index) => {
    const nowMs = FIXED_NOW - (3 - index) * DAY;
    const card = cards[index];
    if (!card) throw new Error('card');
    const answered = answerCard(card, rating, options, { nowMs, durationMs: 4000, day: studyDayOf(nowMs, 4) });
    cards = cards.map((candidate) => (candidate.id === card.id ? answered.card : candidate));
    return { ...answered.log, id: seededUlid(nowMs, `v2:${index}`) };
  });
  return {
    decks: [deck],
    notes,
    cards,
    reviews,
    deckOptions: [options],
    settings: [{ key: 'app', value: { ...DEFAULT_SETTINGS, dayStartHour: 5, language: 'ru' } }],
    meta: [{ key: 'built-in-decks-version', value: 'test' }],
  };
}

beforeEach(deleteAppDatabase);
afterEach(deleteAppDatabase);

it('opens a schema-2 collection with every record unchanged and the story bank’s stores empty; a story can then be saved', async () => {
  const fixture = v2Collection();
  await writeRawV2Database(fixture);

  await listDecks(); // the app opens (and upgrades) the database
  const database = appDatabase();
  expect(database.verno).toBe(4);
  expect(database.backendDB().version).toBe(40);
  expect([...database.backendDB().objectStoreNames]).toEqual(expect.arrayContaining(['stories', 'recordings', 'media']));
  expect(await database.media.count()).toBe(0);
  expect(await database.stories.count()).toBe(0);
  expect(await database.recordings.count()).toBe(0);

  const byId = <T extends { id: string }>(records: readonly T[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(await database.decks.orderBy('id').toArray()).toEqual(byId(fixture.decks));
  expect(await database.notes.orderBy('id').toArray()).toEqual(byId(fixture.notes));
  expect(await database.cards.orderBy('id').toArray()).toEqual(byId(fixture.cards));
  expect(await database.reviews.orderBy('id').toArray()).toEqual(byId(fixture.reviews));
  expect(await database.deckOptions.toArray()).toEqual(fixture.deckOptions);
  expect(await database.settings.toArray()).toEqual(fixture.settings);
  expect(await database.meta.get('built-in-decks-version')).toEqual(fixture.meta[0]);

  const story = await saveStory(null, { ...emptyStory(), title: 'First story', noteIds: ['sys-2'] }, {
    labels: { tellFor: 'Tell it for:', tellAlone: 'Tell it.', parts: { situation: 'S', task: 'T', action: 'A', result: 'R' }, resultNumbers: 'N', learned: 'L' },
    deckName: 'My stories',
  }, FIXED_NOW + MINUTE);
  expect(await database.stories.get(story.id)).toEqual(story);
  expect(story.noteIds).toEqual(['sys-2']);
  expect(await database.notes.get(story.studyNoteId)).toMatchObject({ deckId: STORIES_DECK_ID });
  // The collection's own records are still as they were.
  expect(await database.notes.get('sys-2')).toEqual(fixture.notes[1]);
});
