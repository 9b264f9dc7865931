/**
 * A cache of the home screen's per-deck counts, so opening the app with
 * 100,000 cards does not walk thousands of index entries again when nothing
 * has changed since the counts were last made.
 *
 * Within one study day a deck's counts change only when its cards or
 * answers are written (they count what is due before the day ends, not
 * before "now"). So every write to `cards` or `reviews` stamps a fresh
 * version on the decks it touches, in the same transaction (the
 * `countsVersionMiddleware` below; a small delete, such as an undo, reads
 * the records it deletes to learn their decks; range and large deletes stamp
 * a version on every deck). The cached counts of a deck are used only when its
 * version, the study day and the deck's options are the ones they were made
 * with; anything else is a miss and that deck is counted again.
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import type { DeckCounts, DeckOptions } from '../domain/types';
import { STORE } from './schema';

/** meta key of the version of every deck (bumped by deletes); a deck's own is `${ALL_DECKS_VERSION_KEY}:${deckId}`. */
const ALL_DECKS_VERSION_KEY = 'counts-version';
export const HOME_COUNTS_CACHE_KEY = 'home-counts';

/** The meta range holding every counts version (all decks' and each deck's). */
export const COUNTS_VERSION_RANGE: readonly [string, string] = [ALL_DECKS_VERSION_KEY, `${ALL_DECKS_VERSION_KEY}\uffff`];

function deckVersionKey(deckId: string): string {
  return `${ALL_DECKS_VERSION_KEY}:${deckId}`;
}

interface CachedDeckCounts {
  version: string | null;
  /** The deck's options the counts were made with (JSON). */
  optionsKey: string;
  counts: DeckCounts;
}

export interface HomeCountsCache {
  day: number;
  dayEndMs: number;
  allVersion: string | null;
  decks: Record<string, CachedDeckCounts>;
}

/** The counts versions as read from meta: every deck's, and each deck's own. */
interface CountsVersions {
  all: string | null;
  byDeck: Map<string, string>;
}

export function countsVersionsFrom(rows: readonly { key: string; value: unknown }[]): CountsVersions {
  const versions: CountsVersions = { all: null, byDeck: new Map() };
  const deckPrefix = `${ALL_DECKS_VERSION_KEY}:`;
  for (const row of rows) {
    if (typeof row.value !== 'string') continue;
    if (row.key === ALL_DECKS_VERSION_KEY) versions.all = row.value;
    else if (row.key.startsWith(deckPrefix)) versions.byDeck.set(row.key.slice(deckPrefix.length), row.value);
  }
  return versions;
}

export function optionsKeyOf(options: DeckOptions): string {
  return JSON.stringify(options);
}

/** The cached counts of a deck, when they are still true for this day, version and options. */
export function cachedCountsOf(
  cache: HomeCountsCache | undefined,
  deckId: string,
  context: { day: number; dayEndMs: number; versions: CountsVersions; optionsKey: string },
): DeckCounts | undefined {
  if (!cache || cache.day !== context.day || cache.dayEndMs !== context.dayEndMs || cache.allVersion !== context.versions.all) {
    return undefined;
  }
  const entry = cache.decks[deckId];
  if (!entry || entry.version !== (context.versions.byDeck.get(deckId) ?? null) || entry.optionsKey !== context.optionsKey) {
    return undefined;
  }
  return entry.counts;
}

let versionSequence = 0;

/** A value no earlier version had (in this or any other tab). */
function newVersion(): string {
  versionSequence += 1;
  return `${Date.now().toString(36)}.${versionSequence.toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

const COUNTED_TABLES = new Set<string>([STORE.cards, STORE.reviews]);

/** The decks these records belong to, or 'all' when one has no deck id. */
function decksOf(records: readonly unknown[]): Set<string> | 'all' {
  const deckIds = new Set<string>();
  for (const record of records) {
    const deckId = (record as { deckId?: unknown } | null)?.deckId;
    if (typeof deckId !== 'string') return 'all';
    deckIds.add(deckId);
  }
  return deckIds;
}

/** A delete of at most this many keys reads its records first to learn their decks (an undo deletes one log). */
const SMALL_DELETE = 50;

/** Version rows to write for a change to these decks. */
export function versionRowsFor(touched: Iterable<string> | 'all'): { key: string; value: string }[] {
  const version = newVersion();
  if (touched === 'all') return [{ key: ALL_DECKS_VERSION_KEY, value: version }];
  return [...touched].map((deckId) => ({ key: deckVersionKey(deckId), value: version }));
}

/**
 * Dexie middleware: every read-write transaction over `cards` or
 * `reviews` also covers `meta`, and each write to those tables stamps new
 * counts versions there, in the same transaction (so a version can never
 * say "unchanged" about a write that committed).
 */
export const countsVersionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'countsVersion',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.some((store) => COUNTED_TABLES.has(store)) && !stores.includes(STORE.meta);
        return down.transaction(widened ? [...stores, STORE.meta] : stores, mode, options);
      },
      table(tableName) {
        const table = down.table(tableName);
        if (!COUNTED_TABLES.has(tableName)) return table;
        const meta = down.table(STORE.meta);
        const counted: DBCoreTable = {
          ...table,
          mutate(request) {
            // The stamp is queued in the same transaction, right beside the write.
            const withStamp = (touched: Set<string> | 'all') => {
              const rows = versionRowsFor(touched);
              if (rows.length === 0) return table.mutate(request); // e.g. an empty bulkPut
              return Promise.all([table.mutate(request), meta.mutate({ type: 'put', trans: request.trans, values: rows })]).then(([result]) => result);
            };
            if (request.type === 'add' || request.type === 'put') return withStamp(decksOf(request.values));
            if (request.type === 'delete' && request.keys.length <= SMALL_DELETE) {
              // Read what is about to be deleted to learn its decks. Dexie's own
              // promise keeps the transaction's zone for the write that follows.
              return table
                .getMany({ trans: request.trans, keys: request.keys })
                .then((deleted) => withStamp(decksOf(deleted.filter((record) => record !== undefined))));
            }
            return withStamp('all'); // range deletes and large deletes
          },
        };
        return counted;
      },
    };
  },
};
