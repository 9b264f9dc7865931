/**
 * The IndexedDB database (Dexie). The only module that declares the schema.
 *
 * Schema versions are append-only: never edit a `db.version(n)` that has
 * shipped; add `db.version(n + 1)` with an `.upgrade()` for data changes.
 * Indexes: `[deckId+queue+due]` answers "due in deck X before time T" and
 * per-deck counts; `[deckId+queue+position]` gives new cards in deck order;
 * `[deckId+day]` gives one deck's answers of one study day.
 * Every write to cards or logs also stamps a counts version in `meta`
 * (`countsCache.ts`), which tells the home screen's cached counts apart.
 */
import type { ReviewLogV1 } from '../domain/ids';
import { reachedMilestone } from '../domain/milestones';
import { withOrdinal } from '../domain/notes';
import Dexie, { type EntityTable, type ObservabilitySet } from 'dexie';
import type { RecordingRecord, StoryRecord } from '../domain/stories';
import type { AppSettings, CardRecord, DeckOptions, DeckRecord, NoteRecord, ReviewLogRecord } from '../domain/types';
import { countsVersionMiddleware, type HomeCountsCache } from './countsCache';
import { guarded, StorageError, tooNewError } from './errors';
import { notesReady, upgradeToVersion2 } from './upgrade';
import type { MediaRecord } from './media';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } from './schema';

export const DATABASE_NAME = 'interview-flashcards';

export interface SettingsRow {
  key: 'app';
  value: AppSettings;
}

export interface MetaRow {
  key: string;
  value: string | number | boolean | null | HomeCountsCache;
}

export type FlashcardsDatabase = Dexie & {
  decks: EntityTable<DeckRecord, 'id'>;
  notes: EntityTable<NoteRecord, 'id'>;
  cards: EntityTable<CardRecord, 'id'>;
  reviews: EntityTable<ReviewLogRecord & { id: string }, 'id'>;
  /** Schema 1's logs, until the notes migration has moved them into `reviews` (`upgrade.ts`). */
  reviewLogs: EntityTable<ReviewLogV1, 'id'>;
  deckOptions: EntityTable<DeckOptions, 'id'>;
  settings: EntityTable<SettingsRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
  stories: EntityTable<StoryRecord, 'id'>;
  recordings: EntityTable<RecordingRecord, 'id'>;
  media: EntityTable<MediaRecord, 'name'>;
};

export { INDEX, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_VERSION, STORE, V1_REVIEW_STORE, type StoreName } from './schema';

type StorageEventListener = (kind: 'version-change' | 'blocked') => void;
const listeners = new Set<StorageEventListener>();

/** Lets the UI explain a database closed by a newer tab or an upgrade that is blocked. */
export function onStorageEvent(listener: StorageEventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Whether a database's native version comes from a schema version above
 * `declared`. Dexie stores version n as n * 10, and may add 1 to 9 to patch
 * an index without a new version, so 10 to 19 are all version 1.
 *
 * @example
 * isNewerThanSchema(20, 1); // true: written by schema version 2
 * isNewerThanSchema(11, 1); // false: version 1, patched by Dexie
 */
export function isNewerThanSchema(nativeVersion: number, declared: number): boolean {
  return Math.floor(nativeVersion / 10) > declared;
}

export function createDatabase(name: string = DATABASE_NAME): FlashcardsDatabase {
  const database = new Dexie(name) as FlashcardsDatabase;
  database.version(1).stores(SCHEMA_V1);
  database.version(2).stores(SCHEMA_V2).upgrade(upgradeToVersion2);
  // Schema 3 only adds the story bank's stores, empty: no data step.
  database.version(3).stores(SCHEMA_V3);
  // Schema 4 only adds the media store, empty: no data step.
  database.version(4).stores(SCHEMA_V4);
  database.use(countsVersionMiddleware);
  // A card the schema-2 upgrade left as version 1 wrote it has no ordinal: it follows from its id and template.
  database.cards.hook('reading', (card: CardRecord | undefined) => (card ? withOrdinal(card) : card));
  database.on('versionchange', () => {
    // A newer version of the app wants to upgrade: step aside so it can.
    database.close();
    listeners.forEach((listener) => listener('version-change'));
    return false;
  });
  database.on('ready', () => {
    reachedMilestone('db:ready');
  });
  database.on('blocked', () => {
    listeners.forEach((listener) => listener('blocked'));
  });
  // Dexie opens a database of a higher version than it declares without a
  // word; data a newer app wrote may not mean what this one thinks. Refuse
  // it, on every open (sticky), as Anki refuses a collection that is too new.
  database.on(
    'ready',
    (opened) => {
      if (isNewerThanSchema(opened.backendDB().version, opened.verno)) throw tooNewError();
    },
    true,
  );
  return database;
}

let current: FlashcardsDatabase | null = null;

/** The app's database, opened lazily on first use. */
export function getDatabase(): FlashcardsDatabase {
  if (typeof indexedDB === 'undefined') {
    throw new StorageError('unavailable', 'This browser does not allow the app to store data.');
  }
  current ??= createDatabase();
  return current;
}

/**
 * Resolves once the schema-2 upgrade's part after opening has finished
 * (`upgrade.ts`), starting it if it has not: the shell calls it once the
 * first screen is up; storage that needs notes awaits it by itself.
 */
export function finishUpgrade(): Promise<void> {
  return guarded(() => notesReady(getDatabase()));
}

/** Closes and forgets the current connection (tests, restore, version change). */
export function resetDatabaseConnection(): void {
  current?.close();
  current = null;
}

/**
 * Calls `listener` after any committed write to one of `tables` (in this tab
 * or another: Dexie's `storagemutated`). For reads Dexie's live queries cannot
 * follow (native reads). Returns the unsubscribe function.
 */
export function onTablesChanged(tables: readonly string[], listener: () => void): () => void {
  const prefixes = tables.map((table) => `idb://${DATABASE_NAME}/${table}/`);
  const onMutated = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) listener();
  };
  Dexie.on('storagemutated', onMutated);
  return () => Dexie.on.storagemutated.unsubscribe(onMutated);
}
