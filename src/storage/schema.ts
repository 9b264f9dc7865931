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

/** Schema 1's store of review logs (numbered ids), which schema 2 copies into `reviews` and drops. */
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
} as const;
export type StoreName = (typeof STORE)[keyof typeof STORE];

/** The indexes of the current schema (native reads name them; Dexie queries use the same strings). */
export const INDEX = {
  /** cards: one deck's cards of one queue by due time (counts, due cards). */
  cardsByDue: '[deckId+queue+due]',
  /** cards: one deck's new cards in deck order. */
  cardsByPosition: '[deckId+queue+position]',
  /** cards: the cards of one note (siblings, note edits). */
  cardsOfNote: 'noteId',
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
} as const;

/**
 * Schema version 2: notes hold the content and cards point at them; review
 * logs move to `reviews`, keyed by globally unique ids (a primary key cannot
 * change in place), and `reviewLogs` is dropped after the upgrade copied it.
 */
export const SCHEMA_V2 = {
  [STORE.decks]: 'id',
  [STORE.notes]: `id, ${INDEX.notesBySource}, ${INDEX.notesBySourceId}`,
  [STORE.cards]: `id, ${INDEX.cardsByDue}, ${INDEX.cardsByPosition}, ${INDEX.cardsOfNote}`,
  [STORE.reviews]: `id, ${INDEX.reviewsOfCard}, ${INDEX.reviewsOfDeckDay}, ${INDEX.reviewsByTime}`,
  [V1_REVIEW_STORE]: null,
  [STORE.deckOptions]: 'id',
  [STORE.settings]: 'key',
  [STORE.meta]: 'key',
} as const;

/** The schema version this code declares (IndexedDB's own number is ten times it). */
export const SCHEMA_VERSION = 2;
