// A schema-3 database, written with raw IndexedDB as the schema-3 app left it
// (a deck, notes, cards, an answer, a story with its recording), opened by
// the current code: schema 4 adds the media store, empty, and leaves every
// record as it was; a media file can then be stored and read.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createNewCardState } from '../../src/domain/cardState';
import { seededUlid } from '../../src/domain/ids';
import { expandNote } from '../../src/domain/notes';
import { emptyStory, STORIES_DECK_ID, type RecordingRecord, type StoryRecord } from '../../src/domain/stories';
import { DEFAULT_SETTINGS, type CardRecord, type DeckRecord, type NoteRecord } from '../../src/domain/types';
import { listDecks } from '../../src/storage';
import { isNewerThanSchema, SCHEMA_VERSION, type SCHEMA_V3 } from '../../src/storage/db';
import { addMedia, getMediaBlob, mediaUsage } from '../../src/storage/media';
import { FIXED_NOW, DAY, appDatabase, deleteAppDatabase } from '../helpers/componentDb';
import { writeRawDatabase, type RawStoreSpec } from '../helpers/rawV1Database';

const LOG_INDEXES: RawStoreSpec['indexes'] = [
  ['cardId', 'cardId'],
  ['[deckId+day]', ['deckId', 'day']],
  ['reviewTime', 'reviewTime'],
];

/** Schema 3 as shipped, spelled out for raw IndexedDB (Dexie stores version n as n * 10). */
const RAW_SCHEMA_V3: Record<keyof typeof SCHEMA_V3, RawStoreSpec> = {
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
  reviews: { keyPath: 'id', autoIncrement: false, indexes: LOG_INDEXES },
  reviewLogs: { keyPath: 'id', autoIncrement: true, indexes: LOG_INDEXES },
  deckOptions: { keyPath: 'id', autoIncrement: false, indexes: [] },
  settings: { keyPath: 'key', autoIncrement: false, indexes: [] },
  meta: { keyPath: 'key', autoIncrement: false, indexes: [] },
  stories: { keyPath: 'id', autoIncrement: false, indexes: [['noteIds', 'noteIds', { multiEntry: true }]] },
  recordings: { keyPath: 'id', autoIncrement: false, indexes: [['ownerId', 'ownerId']] },
};

function writeRawV3Database(stores: Record<string, readonly unknown[]>): Promise<void> {
  return writeRawDatabase(RAW_SCHEMA_V3, stores, 30);
}

/** A small schema-3 collection: a deck with two notes and their cards, a story (with its study note) and a recording. */
function v3Collection() {
  const deck: DeckRecord = { id: 'sys', name: 'System design', description: 'Mine', isBuiltIn: false, optionsId: 'default', sourceId: 'sys', createdAt: FIXED_NOW - 9 * DAY, updatedAt: FIXED_NOW - 9 * DAY };
  const note = (id: string, position: number): NoteRecord => ({
    id,
    deckId: deck.id,
    sourceId: id,
    type: 'basic',
    front: `Front ${id} <img src="diagram.png">`,
    back: `Back ${id}`,
    tags: [],
    origin: { kind: 'import', format: 'deck-json', fileName: 'sys.json' },
    position,
    createdAt: FIXED_NOW - 9 * DAY,
    modifiedAt: FIXED_NOW - 8 * DAY,
  });
  const notes = [note('sys-1', 0), note('sys-2', 1)];
  const cards: CardRecord[] = notes.flatMap((n) => expandNote(n, n.position).map((content): CardRecord => ({ ...content, ...createNewCardState(FIXED_NOW - 9 * DAY) })));
  const story: StoryRecord = { ...emptyStory(), title: 'Outage', noteIds: ['sys-2'], id: seededUlid(FIXED_NOW - DAY, 'story'), studyNoteId: 'story-note', createdAt: FIXED_NOW - DAY, modifiedAt: FIXED_NOW - DAY };
  const recording: RecordingRecord = {
    id: seededUlid(FIXED_NOW - DAY, 'recording'),
    ownerKind: 'story',
    ownerId: story.id,
    createdAt: FIXED_NOW - DAY,
    durationMs: 2_000,
    mimeType: 'audio/webm',
    size: 3,
    blob: new Blob([new Uint8Array([7, 8, 9])], { type: 'audio/webm' }),
  };
  return {
    decks: [deck],
    notes,
    cards,
    settings: [{ key: 'app', value: { ...DEFAULT_SETTINGS, language: 'ru' } }],
    meta: [{ key: 'built-in-decks-version', value: 'test' }],
    stories: [story],
    recordings: [recording],
  };
}

beforeEach(deleteAppDatabase);
afterEach(deleteAppDatabase);

it('opens a schema-3 collection with every record unchanged and the media store empty; a media file can then be stored', async () => {
  const fixture = v3Collection();
  await writeRawV3Database(fixture);

  await listDecks(); // the app opens (and upgrades) the database
  const database = appDatabase();
  expect(SCHEMA_VERSION).toBe(4);
  expect(database.verno).toBe(4);
  expect(database.backendDB().version).toBe(40);
  expect([...database.backendDB().objectStoreNames]).toContain('media');
  expect(await database.media.count()).toBe(0);

  expect(await database.decks.toArray()).toEqual(fixture.decks);
  expect(await database.notes.orderBy('id').toArray()).toEqual(fixture.notes);
  expect(await database.cards.orderBy('id').toArray()).toEqual([...fixture.cards].sort((a, b) => (a.id < b.id ? -1 : 1)));
  expect(await database.settings.toArray()).toEqual(fixture.settings);
  expect(await database.meta.get('built-in-decks-version')).toEqual(fixture.meta[0]);
  expect(await database.stories.toArray()).toEqual(fixture.stories);
  expect(await database.stories.where('noteIds').equals('sys-2').count()).toBe(1);
  const [recording] = await database.recordings.toArray();
  expect({ ...recording, blob: undefined }).toEqual({ ...fixture.recordings[0], blob: undefined });
  expect([...new Uint8Array(await recording!.blob.arrayBuffer())]).toEqual([7, 8, 9]);
  expect(STORIES_DECK_ID).not.toBe(fixture.decks[0]!.id);

  const bytes = new Uint8Array([137, 80, 78, 71]);
  await addMedia([{ name: 'diagram.png', bytes, mime: 'image/png', kind: 'image', hash: 'a'.repeat(64) }], FIXED_NOW);
  const blob = await getMediaBlob('diagram.png');
  expect(blob?.type).toBe('image/png');
  expect([...new Uint8Array(await blob!.arrayBuffer())]).toEqual([...bytes]);
  expect(await mediaUsage()).toEqual({ count: 1, bytes: 4 });
});

it('is a database the schema-3 app refuses as too new, and this one opens', () => {
  expect(isNewerThanSchema(40, 3)).toBe(true);
  expect(isNewerThanSchema(40, SCHEMA_VERSION)).toBe(false);
  expect(isNewerThanSchema(50, SCHEMA_VERSION)).toBe(true);
});
