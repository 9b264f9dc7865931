/**
 * The database's shape, in one place: every schema version (append-only:
 * never edit one that has shipped), and the names of the current stores and
 * indexes. Every module names a store or an index through `STORE` and
 * `INDEX`, never a string of its own. Imports nothing, so any storage module
 * may import it.
 */

/** Schema version 1. Never edit a shipped version. */
export const SCHEMA_V1 = {
  decks: 'id',
  cards: 'id, [deckId+queue+due], [deckId+queue+position]',
  reviewLogs: '++id, cardId, [deckId+day], reviewTime',
  deckOptions: 'id',
  settings: 'key',
  meta: 'key',
} as const;

/**
 * Schema 1's store of review logs (numbered ids). Schema 2 keeps it, and the
 * notes migration (`notesMigration.ts`) moves its logs into `reviews` after
 * the app has opened; until then the reads of logs read both stores.
 */
export const V1_REVIEW_STORE = 'reviewLogs';

/** The stores of the current schema, by name: every module names a store through this, never a string of its own. */
export const STORE = {
  decks: 'decks',
  notes: 'notes',
  cards: 'cards',
  reviews: 'reviews',
  deckOptions: 'deckOptions',
  settings: 'settings',
  meta: 'meta',
  stories: 'stories',
  recordings: 'recordings',
  media: 'media',
} as const;
/** A store of the current schema, schema 1's logs included while schema 2 keeps them. */
export type StoreName = (typeof STORE)[keyof typeof STORE] | typeof V1_REVIEW_STORE;

/** The indexes of the current schema (native reads name them; Dexie queries use the same strings). */
export const INDEX = {
  /** cards: one deck's cards of one queue by due time (counts, due cards). */
  cardsByDue: '[deckId+queue+due]',
  /** cards: one deck's new cards in deck order. */
  cardsByPosition: '[deckId+queue+position]',
  /** notes: a deck's notes by the id they had in their file (re-imports), and the deck's notes. */
  notesBySource: '[deckId+sourceId]',
  /** notes: every note with a file id, in any deck (the import preview's "also in another deck"). */
  notesBySourceId: 'sourceId',
  /** reviews: one card's answers. */
  reviewsOfCard: 'cardId',
  /** reviews: one deck's answers of one study day. */
  reviewsOfDeckDay: '[deckId+day]',
  /** reviews: every answer in time order. */
  reviewsByTime: 'reviewTime',
  /** stories: the stories linked to a note (multi-entry over `noteIds`: declared `*noteIds` in the schema). */
  storiesByNote: 'noteIds',
  /** recordings: a story's or a question's recordings. */
  recordingsByOwner: 'ownerId',
} as const;

/**
 * Schema version 2: notes hold the content and cards point at them; review
 * logs move to `reviews`, keyed by globally unique ids (a primary key cannot
 * change in place). The change itself only adds the two stores, so it is
 * instant over any collection: the notes are filled and the logs moved after
 * the app has opened (`notesMigration.ts`). Cards keep schema 1's indexes (a
 * new index over existing cards would read every card at open): a note's
 * cards are found by their ids, which derive from the note's.
 * `reviewLogs` stays until a later schema drops it, empty.
 */
export const SCHEMA_V2 = {
  [STORE.decks]: 'id',
  [STORE.notes]: `id, ${INDEX.notesBySource}, ${INDEX.notesBySourceId}`,
  [STORE.cards]: `id, ${INDEX.cardsByDue}, ${INDEX.cardsByPosition}`,
  [STORE.reviews]: `id, ${INDEX.reviewsOfCard}, ${INDEX.reviewsOfDeckDay}, ${INDEX.reviewsByTime}`,
  [V1_REVIEW_STORE]: SCHEMA_V1.reviewLogs,
  [STORE.deckOptions]: 'id',
  [STORE.settings]: 'key',
  [STORE.meta]: 'key',
} as const;

/**
 * Schema version 3: the story bank (`domain/stories.ts`). Adds two stores,
 * empty, so the upgrade is instant over any collection and has no data step:
 * `stories` (the user's STAR stories, found by the notes they answer) and
 * `recordings` (practice recordings as blobs, found by their story or note).
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  [STORE.stories]: `id, *${INDEX.storiesByNote}`,
  [STORE.recordings]: `id, ${INDEX.recordingsByOwner}`,
} as const;

/**
 * Schema version 4: media files (images, sounds) that cards show, by the
 * file name their text uses (`<img src="cat.png">`, `[sound:hello.mp3]`;
 * `storage/media.ts`). Adds one store, empty, so the upgrade is instant
 * over any collection and has no data step.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  [STORE.media]: 'name',
} as const;

/** The schema version this code declares (IndexedDB's own number is ten times it). */
export const SCHEMA_VERSION = 4;
