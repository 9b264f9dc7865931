/**
 * The Stats screen's reads and counting, run in a Web Worker on a native
 * IndexedDB connection of its own (no Dexie: a small script, quick to start;
 * `storage/stats.ts` starts it, and where there are no workers the page runs
 * `readStats` on Dexie's connection): a deck's or every shown deck's cards
 * and their last year of answers, folded into a summary per deck
 * (`domain/stats.ts`, `summarizeDeck`) and counted at the time asked for
 * into one small result the page draws.
 *
 * Each deck's summary is kept in `meta` and used again while the deck's
 * counts version (`countsCache.ts`: stamped by every write to its cards or
 * answers), the day-start hour and the time zone are the ones it was made
 * with, so opening Stats again reads about 20 bytes per studied card instead
 * of every card and answer; only a deck written since is read afresh.
 */
import { FSRS6_DEFAULT_DECAY, statsOf, summarizeDeck, YEAR_DAYS, type CollectionStats, type DeckSummary, type SummarizedDeck } from '../domain/stats';
import { runtimeTimeZone, studyDayOf } from '../domain/studyDay';
import { DEFAULT_SETTINGS, type AppSettings, type CardRecord, type DeckOptions, type DeckRecord, type ReviewLogRecord } from '../domain/types';
import { COUNTS_VERSION_RANGE, countsVersionsFrom } from './countsCache';
import { toStorageError, type StorageErrorKind } from './errors';
import { INDEX, STORE } from './schema';

export interface StatsRequest {
  kind: 'read';
  databaseName: string;
  /** One deck, or null: every deck the home shows (hidden ones left out). */
  deckId: string | null;
  nowMs: number;
  /** The locale the page will format the figures in (see `warmFormats`). */
  formatsLocale?: string;
}

/** How the figures were made: decks counted, and how many of them from their kept summaries. */
export interface StatsSource {
  decks: number;
  fromCache: number;
}

/** Makes the Intl formats of `locale` (see `warmFormats`), ahead of any read. */
export interface WarmRequest {
  kind: 'warm';
  locale: string;
}

export type StatsResult = { kind: 'stats'; stats: CollectionStats; source: StatsSource } | { kind: 'no-deck' };
export type StatsReply = StatsResult | { kind: 'failed'; errorKind: StorageErrorKind; message: string };

/** meta keys of the kept summaries: `${SUMMARY_KEY_PREFIX}${deckId}`. */
const SUMMARY_KEY_PREFIX = 'stats-summary:';
const SUMMARY_RANGE: readonly [string, string] = [SUMMARY_KEY_PREFIX, `${SUMMARY_KEY_PREFIX}\uffff`];
/** Bumped when the summary's shape changes: older entries are read afresh. */
const SUMMARY_FORMAT = 1;
/** Answers are read from this many study days before the year (their stored day may follow an older day-start hour or zone). */
const DAY_MARGIN = 2;

/** A deck's summary as kept in `meta`, with what it was made under. */
interface KeptSummary {
  format: number;
  /** The deck's counts version and every deck's, when read (null: none stamped yet). */
  version: string | null;
  allVersion: string | null;
  /** The first study day (as stored in the logs) the answers were read from. */
  fromDay: number;
  /** The zone its days were counted in (the day-start hour is the summary's own). */
  timeZone: string;
  summary: DeckSummary;
}

interface MetaEntry {
  key: string;
  value: unknown;
}

const summaryKey = (deckId: string): string => `${SUMMARY_KEY_PREFIX}${deckId}`;

/** `[lower, upper)`, as Dexie's `between`. */
const range = ([lower, upper]: readonly [unknown, unknown]): IDBKeyRange => IDBKeyRange.bound(lower, upper, false, true);

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('An IndexedDB request failed.'));
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('An IndexedDB transaction failed.'));
    transaction.onabort = () => reject(transaction.error ?? new Error('An IndexedDB transaction was aborted.'));
  });
}

/** The decay of a preset's forgetting curve: w[20] of its own FSRS weights (fitted by the optimizer), else FSRS-6's default. */
function decayOf(options: DeckOptions | undefined): number {
  const decay = options?.fsrsWeights?.[20];
  return decay !== undefined && decay > 0 ? decay : FSRS6_DEFAULT_DECAY;
}

function isKeptSummary(value: unknown): value is KeptSummary {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === SUMMARY_FORMAT;
}

/** Reads one deck's cards and its answers since `fromDay` and folds them, with the versions they are true for (one transaction). */
async function readDeckSummary(database: IDBDatabase, deckId: string, fromDay: number, dayStartHour: number, timeZone: string): Promise<KeptSummary> {
  const transaction = database.transaction([STORE.cards, STORE.reviews, STORE.meta], 'readonly');
  const [versionRows, cards, logs] = await Promise.all([
    settle(transaction.objectStore(STORE.meta).getAll(range(COUNTS_VERSION_RANGE)) as IDBRequest<MetaEntry[]>),
    settle(transaction.objectStore(STORE.cards).index(INDEX.cardsByDue).getAll(IDBKeyRange.bound([deckId, -Infinity, -Infinity], [deckId, Infinity, Infinity])) as IDBRequest<CardRecord[]>),
    settle(transaction.objectStore(STORE.reviews).index(INDEX.reviewsOfDeckDay).getAll(IDBKeyRange.bound([deckId, fromDay], [deckId, Infinity])) as IDBRequest<ReviewLogRecord[]>),
  ]);
  const versions = countsVersionsFrom(versionRows);
  return {
    format: SUMMARY_FORMAT,
    version: versions.byDeck.get(deckId) ?? null,
    allVersion: versions.all,
    fromDay,
    timeZone,
    summary: summarizeDeck(cards, logs, { dayStartHour }),
  };
}

/**
 * The Stats figures of one deck, or of every deck the home shows
 * (`deckId` null), at `nowMs`; `no-deck` when the deck does not exist.
 * Decks whose kept summaries are still true are not read again; the others
 * are read (one transaction each) and their summaries kept for next time (a
 * failure to keep them costs only a read next time). Days are counted in
 * the runtime's time zone. Its first requests are issued before it returns.
 *
 * @example
 * const result = await readStats(nativeConnection, { deckId: null, nowMs: Date.now() });
 */
export async function readStats(database: IDBDatabase, request: Pick<StatsRequest, 'deckId' | 'nowMs'>): Promise<StatsResult> {
  const { deckId, nowMs } = request;
  const transaction = database.transaction([STORE.settings, STORE.decks, STORE.deckOptions, STORE.meta], 'readonly');
  const meta = transaction.objectStore(STORE.meta);
  const decksStore = transaction.objectStore(STORE.decks);
  const [settingsRow, allDecks, options, versionRows, keptRows] = await Promise.all([
    settle(transaction.objectStore(STORE.settings).get('app') as IDBRequest<{ value: AppSettings } | undefined>),
    deckId === null ? settle(decksStore.getAll() as IDBRequest<DeckRecord[]>) : settle(decksStore.get(deckId) as IDBRequest<DeckRecord | undefined>).then((deck) => (deck ? [deck] : [])),
    settle(transaction.objectStore(STORE.deckOptions).getAll() as IDBRequest<DeckOptions[]>),
    settle(meta.getAll(range(COUNTS_VERSION_RANGE)) as IDBRequest<MetaEntry[]>),
    deckId === null
      ? settle(meta.getAll(range(SUMMARY_RANGE)) as IDBRequest<MetaEntry[]>)
      : settle(meta.get(summaryKey(deckId)) as IDBRequest<MetaEntry | undefined>).then((row) => (row ? [row] : [])),
  ]);
  if (deckId !== null && allDecks.length === 0) return { kind: 'no-deck' };
  const shown = deckId === null ? allDecks.filter((deck) => !deck.isHidden) : allDecks;

  const dayStartHour = { ...DEFAULT_SETTINGS, ...settingsRow?.value }.dayStartHour;
  const timeZone = runtimeTimeZone();
  const fromDay = studyDayOf(nowMs, dayStartHour) - YEAR_DAYS - DAY_MARGIN;
  const versions = countsVersionsFrom(versionRows);
  const optionsById = new Map(options.map((preset) => [preset.id, preset]));
  const keptByKey = new Map(keptRows.map((row) => [row.key, row.value]));

  const decks: SummarizedDeck[] = [];
  const fresh: MetaEntry[] = [];
  let fromCache = 0;
  for (const deck of shown) {
    const kept = keptByKey.get(summaryKey(deck.id));
    let entry: KeptSummary;
    if (
      isKeptSummary(kept) &&
      kept.version === (versions.byDeck.get(deck.id) ?? null) &&
      kept.allVersion === versions.all &&
      kept.fromDay <= fromDay &&
      kept.summary.dayStartHour === dayStartHour &&
      kept.timeZone === timeZone
    ) {
      entry = kept;
      fromCache += 1;
    } else {
      entry = await readDeckSummary(database, deck.id, fromDay, dayStartHour, timeZone);
      fresh.push({ key: summaryKey(deck.id), value: entry });
    }
    decks.push({ summary: entry.summary, decay: decayOf(optionsById.get(deck.optionsId)) });
  }
  const deckKeys = new Set(allDecks.map((deck) => summaryKey(deck.id)));
  const stale = deckId === null ? keptRows.map((row) => row.key).filter((key) => !deckKeys.has(key)) : [];
  await keepSummaries(database, fresh, stale);
  return { kind: 'stats', stats: statsOf(decks, { nowMs, dayStartHour }), source: { decks: decks.length, fromCache } };
}

/** Keeps fresh summaries (and drops those of deleted decks); a failure (storage full) is ignored. */
async function keepSummaries(database: IDBDatabase, entries: readonly MetaEntry[], staleKeys: readonly string[]): Promise<void> {
  if (entries.length === 0 && staleKeys.length === 0) return;
  try {
    const transaction = database.transaction(STORE.meta, 'readwrite');
    const meta = transaction.objectStore(STORE.meta);
    for (const key of staleKeys) meta.delete(key);
    for (const entry of entries) meta.put(entry);
    await done(transaction);
  } catch {
    // Only a read next time.
  }
}

/**
 * Makes a number and a date format of `locale` while the reads are under
 * way. ICU's locale data is shared by the whole renderer process, and its
 * first load costs about 250 ms of a slow phone's main thread; made here
 * first, the page's own formats then cost nothing.
 */
function warmFormats(locale: string): void {
  try {
    new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(1234.5);
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }).formatToParts(0);
  } catch {
    // An unknown locale: the page pays for its formats itself.
  }
}

/**
 * Opens the app's database as the page left it (no version: never an
 * upgrade; one that does not exist is not made). A newer version opened
 * elsewhere closes it at once, so it never holds an upgrade up.
 */
async function openDatabase(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name);
  request.onupgradeneeded = () => request.transaction?.abort();
  const database = await settle(request);
  database.onversionchange = () => database.close();
  return database;
}

/** Whether this module runs as the Stats worker (not imported on the page). */
const isWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

if (isWorker) {
  // A worker may wait (started ahead of time, warmed) and serve several reads, one at a time; it holds no connection between them.
  self.addEventListener('message', (event: MessageEvent<StatsRequest | WarmRequest>) => {
    if (event.data.kind === 'warm') {
      warmFormats(event.data.locale);
      return;
    }
    const { databaseName, deckId, nowMs, formatsLocale } = event.data;
    const post = (reply: StatsReply): void => self.postMessage(reply);
    openDatabase(databaseName)
      .then(async (database) => {
        try {
          const reading = readStats(database, { deckId, nowMs });
          if (formatsLocale) warmFormats(formatsLocale); // while IndexedDB answers the first reads
          return await reading;
        } finally {
          database.close();
        }
      })
      .then(post, (error: unknown) => {
        const failure = toStorageError(error);
        post({ kind: 'failed', errorKind: failure.kind, message: failure.message });
      });
  });
}
