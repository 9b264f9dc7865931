/**
 * Decks and their cards: installing the built-in decks, merging an updated
 * deck file by stable card id, and listing decks.
 *
 * A merge never loses review history: changed text is updated in place, new
 * cards are added as new, and (for built-in decks) cards that disappeared
 * from the file are retired (queue -1), not deleted.
 */
import Dexie from 'dexie';
import { expandDeckFile, type DeckFileV1 } from '../domain/deckFormat';
import { createNewCardState, queueForState } from '../domain/cardState';
import {
  CardQueue,
  DEFAULT_OPTIONS_ID,
  type CardContent,
  type CardRecord,
  type DeckRecord,
} from '../domain/types';
import { versionRowsFor } from './countsCache';
import { getDatabase, type FlashcardsDatabase } from './db';
import { guarded } from './errors';

export interface MergeOptions {
  isBuiltIn: boolean;
  /** Retire cards of the deck that the file no longer has (built-in updates). */
  retireMissing: boolean;
  nowMs: number;
  /** Overrides the deck name from the file (import preview lets the user edit it). */
  deckName?: string;
}

export interface MergeSummary {
  deckId: string;
  added: number;
  updated: number;
  unchanged: number;
  retired: number;
}

/** A merge would leave this stored card as it is: same text, place and deck, and not retired. */
function isUnchanged(stored: CardRecord, incoming: CardContent): boolean {
  return (
    stored.deckId === incoming.deckId &&
    stored.queue !== CardQueue.Retired &&
    stored.front === incoming.front &&
    stored.back === incoming.back &&
    stored.template === incoming.template &&
    stored.noteId === incoming.noteId &&
    stored.position === incoming.position &&
    stored.source === incoming.source &&
    stored.tags.length === incoming.tags.length &&
    stored.tags.every((tag, index) => tag === incoming.tags[index])
  );
}

// Prefix bounds: a key may not hold the same array (Dexie.maxKey is `[[]]`) twice, or IndexedDB throws DataError.
function deckCardRange(deckId: string): [unknown[], unknown[]] {
  return [
    [deckId, Dexie.minKey],
    [deckId, Dexie.maxKey],
  ];
}

/** Ids of every card stored for a deck (any queue), via the compound index. */
async function storedCardIdsOfDeck(database: FlashcardsDatabase, deckId: string): Promise<string[]> {
  const [lower, upper] = deckCardRange(deckId);
  const keys = await database.cards.where('[deckId+queue+due]').between(lower, upper, true, true).primaryKeys();
  return keys;
}

/**
 * The stored cards for these ids (undefined where none). A large import
 * first learns which ids exist from the keys alone, so a new deck of 10,000
 * cards costs one key scan instead of 10,000 record reads; and the scan only
 * covers the keys between the smallest and the largest incoming id (strings
 * sort the same in JavaScript and IndexedDB), so importing a deck whose ids
 * sort apart from the stored ones reads almost nothing, however large the
 * collection is.
 */
async function storedCards(database: FlashcardsDatabase, ids: readonly string[]): Promise<(CardRecord | undefined)[]> {
  if (ids.length <= 500) return database.cards.bulkGet([...ids]);
  let lowest = ids[0] as string;
  let highest = lowest;
  for (const id of ids) {
    if (id < lowest) lowest = id;
    if (id > highest) highest = id;
  }
  const existing = new Set(await database.cards.where(':id').between(lowest, highest, true, true).primaryKeys());
  const present = existing.size > 0 ? ids.filter((id) => existing.has(id)) : [];
  const found = present.length > 0 ? await database.cards.bulkGet(present) : [];
  const byId = new Map(present.map((id, index) => [id, found[index]]));
  return ids.map((id) => byId.get(id));
}

/** Must run inside a rw transaction over decks, cards and meta. */
async function mergeInTransaction(
  database: FlashcardsDatabase,
  file: DeckFileV1,
  options: MergeOptions,
): Promise<MergeSummary> {
  const deckId = file.deck.id;
  const existingDeck = await database.decks.get(deckId);
  const deck: DeckRecord = {
    id: deckId,
    name: options.deckName?.trim() || file.deck.name,
    description: file.deck.description,
    isBuiltIn: options.isBuiltIn || (existingDeck?.isBuiltIn ?? false),
    optionsId: existingDeck?.optionsId ?? DEFAULT_OPTIONS_ID,
    createdAt: existingDeck?.createdAt ?? options.nowMs,
    updatedAt: options.nowMs,
    ...(file.deck.group !== undefined ? { group: file.deck.group } : {}),
    ...(file.deck.contentVersion !== undefined ? { contentVersion: file.deck.contentVersion } : {}),
  };
  await database.decks.put(deck);

  const contents = expandDeckFile(file);
  const stored = await storedCards(
    database,
    contents.map((card) => card.id),
  );
  // New cards are added, changed ones put: Dexie's put reads each old record
  // first (for live queries), which would double the cost of a large import.
  const toAdd: CardRecord[] = [];
  const toWrite: CardRecord[] = [];
  const summary: MergeSummary = { deckId, added: 0, updated: 0, unchanged: 0, retired: 0 };
  // A card that moves here from another deck changes that deck's counts too.
  const movedFrom = new Set<string>();
  contents.forEach((content, index) => {
    const previous = stored[index];
    if (!previous) {
      toAdd.push({ ...content, ...createNewCardState(options.nowMs) });
      summary.added += 1;
      return;
    }
    if (isUnchanged(previous, content)) {
      summary.unchanged += 1;
      return;
    }
    if (previous.deckId !== deckId) movedFrom.add(previous.deckId);
    toWrite.push({
      ...previous,
      ...content,
      queue: previous.queue === CardQueue.Retired ? queueForState(previous.state) : previous.queue,
    });
    summary.updated += 1;
  });

  if (options.retireMissing) {
    const incomingIds = new Set(contents.map((card) => card.id));
    const missingIds = (await storedCardIdsOfDeck(database, deckId)).filter((id) => !incomingIds.has(id));
    const missing = await database.cards.bulkGet(missingIds);
    for (const card of missing) {
      if (card && card.queue !== CardQueue.Retired) {
        const retired: CardRecord = { ...card, queue: CardQueue.Retired };
        delete retired.buriedDay;
        toWrite.push(retired);
        summary.retired += 1;
      }
    }
  }
  await database.cards.bulkAdd(toAdd);
  await database.cards.bulkPut(toWrite);
  if (movedFrom.size > 0) await database.meta.bulkPut(versionRowsFor(movedFrom));
  return summary;
}

/**
 * Writes deck files in one transaction: all of them or none.
 * Re-importing a deck with the same card ids keeps every card's review history.
 */
export function mergeDeckFiles(files: readonly DeckFileV1[], options: MergeOptions): Promise<MergeSummary[]> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', database.decks, database.cards, database.meta, async () => {
      const summaries: MergeSummary[] = [];
      for (const file of files) summaries.push(await mergeInTransaction(database, file, options));
      return summaries;
    });
  });
}

/**
 * What a merge would do, without writing: counts of new, updated and
 * unchanged cards. `contents` are the file's cards when the caller has
 * expanded them already.
 */
export function previewDeckMerge(
  file: DeckFileV1,
  contents: readonly CardContent[] = expandDeckFile(file),
): Promise<Omit<MergeSummary, 'retired'> & { deckExists: boolean }> {
  return guarded(async () => {
    const database = getDatabase();
    const [deck, stored] = await Promise.all([
      database.decks.get(file.deck.id),
      storedCards(
        database,
        contents.map((card) => card.id),
      ),
    ]);
    const summary = { deckId: file.deck.id, added: 0, updated: 0, unchanged: 0, deckExists: Boolean(deck) };
    contents.forEach((content, index) => {
      const previous = stored[index];
      if (!previous) summary.added += 1;
      else if (isUnchanged(previous, content)) summary.unchanged += 1;
      else summary.updated += 1;
    });
    return summary;
  });
}

const BUILT_IN_VERSION_KEY = 'builtInDecksVersion';

let installing: { version: string; done: Promise<boolean> } | null = null;

/**
 * Installs the built-in decks on first launch and merges them again when the
 * app ships a different version of them. Returns true when it wrote anything.
 * Calls made while one is under way share it (the shell and a study link
 * opened on the very first visit both wait for the same install).
 */
export function ensureBuiltInDecks(version: string, loadDecks: () => Promise<DeckFileV1[]>, nowMs: number): Promise<boolean> {
  if (installing?.version === version) return installing.done;
  const done = installBuiltInDecks(version, loadDecks, nowMs).finally(() => {
    if (installing?.done === done) installing = null;
  });
  installing = { version, done };
  return done;
}

function installBuiltInDecks(version: string, loadDecks: () => Promise<DeckFileV1[]>, nowMs: number): Promise<boolean> {
  return guarded(async () => {
    const database = getDatabase();
    const installed = await database.meta.get(BUILT_IN_VERSION_KEY);
    if (installed?.value === version) return false;
    const files = await loadDecks();
    await database.transaction('rw', database.decks, database.cards, database.meta, async () => {
      for (const file of files) {
        await mergeInTransaction(database, file, { isBuiltIn: true, retireMissing: true, nowMs });
      }
      await database.meta.put({ key: BUILT_IN_VERSION_KEY, value: version });
    });
    return true;
  });
}

/**
 * Case-insensitive code-point order. Not `localeCompare`: its first call
 * builds an ICU collator, about 60 ms on a slow phone, on the cold start's
 * path; for a handful of deck names this order is as good.
 */
function compareNames(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Home-screen order: built-in decks first, then by group, age and name. */
export function sortDecksForHome(decks: DeckRecord[]): DeckRecord[] {
  return [...decks].sort(
    (a, b) =>
      Number(b.isBuiltIn) - Number(a.isBuiltIn) ||
      compareNames(a.group ?? '', b.group ?? '') ||
      a.createdAt - b.createdAt ||
      compareNames(a.name, b.name),
  );
}

export function listDecks(): Promise<DeckRecord[]> {
  return guarded(async () => {
    return sortDecksForHome(await getDatabase().decks.toArray());
  });
}

/** Every card of a deck that is not retired, in deck order (exports). */
export function cardsOfDeck(deckId: string): Promise<CardRecord[]> {
  return guarded(async () => {
    const database = getDatabase();
    const [lower, upper] = deckCardRange(deckId);
    const cards = await database.cards.where('[deckId+queue+due]').between(lower, upper, true, true).toArray();
    return cards.filter((card) => card.queue !== CardQueue.Retired).sort((a, b) => a.position - b.position);
  });
}

/** Total number of stored cards (all decks, all queues). */
export function countAllCards(): Promise<number> {
  return guarded(() => getDatabase().cards.count());
}

export function getDeck(deckId: string): Promise<DeckRecord | undefined> {
  return guarded(() => getDatabase().decks.get(deckId));
}
