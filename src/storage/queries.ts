/**
 * Read models for the screens: per-deck counts for the home screen and the
 * candidate cards of a study session. Every query is an index range look-up
 * bounded by the daily limits, never a scan of the whole card table, and all
 * of a screen's look-ups share one read-only transaction (`readTogether`):
 * two rounds of requests whatever the number of decks. Home counts that are
 * still true are taken from `countsCache.ts` instead of counted again.
 */
import { logsFromVersion1, type ReviewLogV1 } from '../domain/ids';
import { reachedMilestone } from '../domain/milestones';
import { buildStudyQueue, remainingToday, type StudyQueue } from '../domain/queue';
import { endOfStudyDay, startOfStudyDay, studyDayOf } from '../domain/studyDay';
import {
  CardQueue,
  DEFAULT_DECK_OPTIONS,
  DEFAULT_SETTINGS,
  type AppSettings,
  type CardRecord,
  type DeckCounts,
  type DeckOptions,
  type DeckRecord,
  type ReviewLogRecord,
} from '../domain/types';
import {
  cachedCountsOf,
  COUNTS_VERSION_RANGE,
  countsVersionsFrom,
  HOME_COUNTS_CACHE_KEY,
  optionsKeyOf,
  type HomeCountsCache,
} from './countsCache';
import { getDatabase, INDEX, STORE, V1_REVIEW_STORE, type FlashcardsDatabase, type StoreName, type MetaRow, type SettingsRow } from './db';
import { guarded } from './errors';
import { sortDecksForHome } from './decks';
import { keyRange, MAX_KEY, MIN_KEY, readTogether, type NativeReader } from './nativeReads';
import { progressOf } from './reviews';
import { BURIED_SINCE_KEY, hasBuriedBefore, unburyEarlierDays } from './answers';

const DUE_INDEX = INDEX.cardsByDue;
const POSITION_INDEX = INDEX.cardsByPosition;

/** Cards of one deck and queue due before `beforeMs`. */
function dueBefore(deckId: string, queue: number, beforeMs: number): IDBKeyRange {
  return keyRange([deckId, queue, MIN_KEY], [deckId, queue, beforeMs]);
}

/** New cards of one deck, in deck order. */
function newInOrder(deckId: string): IDBKeyRange {
  return keyRange([deckId, CardQueue.New, MIN_KEY], [deckId, CardQueue.New, MAX_KEY], true, true);
}

/**
 * How many entries a range has, but counting no further than `max`.
 * IndexedDB's count() walks the whole range; the home screen only needs the
 * count up to the daily allowance, so it reads at most `max` keys.
 */
async function countUpTo(reader: NativeReader, index: string, range: IDBKeyRange, max: number): Promise<number> {
  if (max <= 0) return 0; // a limit of 0 would mean "no limit" to getAllKeys
  return (await reader.indexGetAllKeys(STORE.cards, index, range, max)).length;
}

async function firstDueFrom(reader: NativeReader, deckId: string, queue: number, fromMs: number): Promise<number | null> {
  const key = await reader.indexFirstKey(STORE.cards, DUE_INDEX, keyRange([deckId, queue, fromMs], [deckId, queue, MAX_KEY], true, true));
  return Array.isArray(key) && typeof key[2] === 'number' ? key[2] : null;
}

/** When the deck's next card becomes due after today: a learning card's due time, or the start of a review card's day. */
async function nextDueOf(
  reader: NativeReader,
  deckId: string,
  dayEndMs: number,
  settings: Pick<AppSettings, 'dayStartHour'>,
): Promise<number | null> {
  const [nextLearning, nextReview] = await Promise.all([
    firstDueFrom(reader, deckId, CardQueue.Learning, dayEndMs),
    firstDueFrom(reader, deckId, CardQueue.Review, dayEndMs),
  ]);
  const nextReviewDayStart =
    nextReview === null ? null : startOfStudyDay(studyDayOf(nextReview, settings.dayStartHour), settings.dayStartHour);
  const candidates = [nextLearning, nextReviewDayStart].filter((value): value is number => value !== null);
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

export interface StudyDayContext {
  day: number;
  dayEndMs: number;
}

export function studyDayContext(nowMs: number, settings: Pick<AppSettings, 'dayStartHour'>): StudyDayContext {
  return {
    day: studyDayOf(nowMs, settings.dayStartHour),
    dayEndMs: endOfStudyDay(nowMs, settings.dayStartHour),
  };
}

/**
 * One deck's answers of study day `day`: from `reviews`, and from schema 1's
 * store while the notes migration has not moved them all (`upgrade.ts`;
 * both in the same transaction, so a log is never counted twice or missed).
 */
async function logsOfDayIn(reader: NativeReader, deckId: string, day: number): Promise<ReviewLogRecord[]> {
  const [logs, v1Logs] = await Promise.all([
    reader.indexGetAll<ReviewLogRecord>(STORE.reviews, INDEX.reviewsOfDeckDay, IDBKeyRange.only([deckId, day]), 0),
    reader.indexGetAll<ReviewLogV1>(V1_REVIEW_STORE, INDEX.reviewsOfDeckDay, IDBKeyRange.only([deckId, day]), 0),
  ]);
  return v1Logs.length === 0 ? logs : [...logs, ...logsFromVersion1(v1Logs, new Map())];
}

/** When the oldest stored answer was given (either store, as `logsOfDayIn`), or undefined. */
async function firstReviewTimeIn(reader: NativeReader): Promise<number | undefined> {
  const times = await Promise.all(([STORE.reviews, V1_REVIEW_STORE] as const).map((store) => reader.indexFirstKey(store, INDEX.reviewsByTime, keyRange(MIN_KEY, MAX_KEY))));
  const numbers = times.filter((time): time is number => typeof time === 'number');
  return numbers.length > 0 ? Math.min(...numbers) : undefined;
}

/** The stores the home and session reads read, schema 1's logs included (see `logsOfDayIn`). */
const READ_STORES: readonly StoreName[] = [STORE.settings, STORE.decks, STORE.deckOptions, STORE.reviews, V1_REVIEW_STORE, STORE.cards, STORE.meta];

/** Every preset by id, stored fields over the defaults. */
function optionsById(stored: readonly DeckOptions[]): Map<string, DeckOptions> {
  return new Map(stored.map((options) => [options.id, { ...DEFAULT_DECK_OPTIONS, ...options }]));
}

/** A deck's options: its preset, or the defaults when the preset is missing. */
function optionsOf(deck: DeckRecord, options: Map<string, DeckOptions>): DeckOptions {
  return options.get(deck.optionsId) ?? { ...DEFAULT_DECK_OPTIONS, id: deck.optionsId };
}

/** One deck's home counts: three look-ups capped at the daily limits, and the day's answers. */
async function countDeck(
  reader: NativeReader,
  deckId: string,
  limits: DeckOptions,
  { day, dayEndMs }: StudyDayContext,
  settings: Pick<AppSettings, 'dayStartHour'>,
): Promise<DeckCounts> {
  // The day's answers and the counts up to the full daily limits in the
  // same round; the answers then lower the limits to what is left.
  const [logs, newUpToLimit, learningCount, reviewsUpToLimit] = await Promise.all([
    logsOfDayIn(reader, deckId, day),
    countUpTo(reader, POSITION_INDEX, newInOrder(deckId), limits.newPerDay),
    reader.indexCount(STORE.cards, DUE_INDEX, dueBefore(deckId, CardQueue.Learning, dayEndMs)),
    countUpTo(reader, DUE_INDEX, dueBefore(deckId, CardQueue.Review, dayEndMs), limits.reviewsPerDay),
  ]);
  const allowance = remainingToday(limits, progressOf(logs));
  const newCount = Math.min(newUpToLimit, allowance.newCards);
  const reviewCount = Math.min(reviewsUpToLimit, allowance.reviews);
  // "Next review in 3 h" is only needed when nothing is due today.
  const nextDue = newCount + learningCount + reviewCount === 0 ? await nextDueOf(reader, deckId, dayEndMs, settings) : null;
  return { deckId, newCount, learningCount, reviewCount, nextDue };
}

/**
 * Home-screen counts for every deck at `nowMs`, counted afresh (no cache):
 * new cards still allowed today, learning cards due today, reviews due today
 * (after the limits), and when the next card is due if nothing is.
 */
export async function deckCounts(nowMs: number, settings: Pick<AppSettings, 'dayStartHour'>): Promise<DeckCounts[]> {
  return (await homeOverview(nowMs, settings, { useCache: false })).counts;
}

export interface HomeOverview {
  /** Every deck the user has not hidden, in home-screen order. */
  decks: DeckRecord[];
  /** How many decks are hidden (not listed, not counted). */
  hiddenDecks: number;
  counts: DeckCounts[];
  /** The day start hour the counts were made for. */
  dayStartHour: number;
  /**
   * The stored settings (null when the caller gave them): a cold start paints
   * the home with their language and theme, and the backup reminder from them.
   */
  settings: AppSettings | null;
  /** When the oldest stored answer was given (null: no history). */
  firstReviewTime: number | null;
}

/**
 * Decks and their counts from one read-only transaction, so the home screen
 * never shows a deck with counts missing. Round one: settings (unless given),
 * decks, presets and the cached counts with their versions; round two, only
 * for decks whose cached counts are out of date (`countsCache.ts`): the
 * day's answers and three look-ups capped at the daily limits (and a third
 * round for decks with nothing due, to say when their next card is).
 * Counts made afresh are cached after the transaction.
 */
export function homeOverview(
  nowMs: number,
  givenSettings?: Pick<AppSettings, 'dayStartHour'>,
  { useCache = true }: { useCache?: boolean } = {},
): Promise<HomeOverview> {
  reachedMilestone('home:query');
  return guarded(async () => {
    const database = getDatabase();
    const { overview, cacheUpdate, unburyDay } = await readTogether(database, READ_STORES, async (reader) => {
      const [settingsRow, allDecks, storedOptions, versionRows, cacheRow, buriedSince, firstReviewTime] = await Promise.all([
        givenSettings ? undefined : reader.get<SettingsRow>(STORE.settings, 'app'),
        reader.getAll<DeckRecord>(STORE.decks),
        reader.getAll<DeckOptions>(STORE.deckOptions),
        useCache ? reader.getAll<MetaRow>(STORE.meta, keyRange(...COUNTS_VERSION_RANGE)) : [],
        useCache ? reader.get<MetaRow>(STORE.meta, HOME_COUNTS_CACHE_KEY) : undefined,
        reader.get<MetaRow>(STORE.meta, BURIED_SINCE_KEY),
        firstReviewTimeIn(reader),
      ]);
      const stored: AppSettings | null = givenSettings ? null : { ...DEFAULT_SETTINGS, ...settingsRow?.value };
      const settings = givenSettings ?? stored ?? DEFAULT_SETTINGS;
      const context = studyDayContext(nowMs, settings);
      // Cards buried on an earlier day come back first (the first open of a new day only).
      if (hasBuriedBefore(buriedSince, context.day)) return { overview: null, cacheUpdate: null, unburyDay: context.day };
      // Hidden decks are neither listed nor counted.
      const decks = allDecks.filter((deck) => !deck.isHidden);
      const options = optionsById(storedOptions);
      const versions = countsVersionsFrom(versionRows);
      const cache = cacheRow?.value as HomeCountsCache | undefined;
      const fresh: HomeCountsCache = { ...context, allVersion: versions.all, decks: {} };
      let counted = 0;
      const counts = await Promise.all(
        decks.map(async (deck): Promise<DeckCounts> => {
          const limits = optionsOf(deck, options);
          const optionsKey = optionsKeyOf(limits);
          let deckCounts = cachedCountsOf(cache, deck.id, { ...context, versions, optionsKey });
          if (!deckCounts) {
            deckCounts = await countDeck(reader, deck.id, limits, context, settings);
            counted += 1;
          }
          fresh.decks[deck.id] = { version: versions.byDeck.get(deck.id) ?? null, optionsKey, counts: deckCounts };
          return deckCounts;
        }),
      );
      return {
        overview: {
          decks: sortDecksForHome(decks),
          hiddenDecks: allDecks.length - decks.length,
          counts,
          dayStartHour: settings.dayStartHour,
          settings: stored,
          firstReviewTime: typeof firstReviewTime === 'number' ? firstReviewTime : null,
        },
        cacheUpdate: useCache && counted > 0 ? fresh : null,
        unburyDay: null,
      };
    });
    if (!overview) {
      await unburyEarlierDays(unburyDay ?? -Infinity);
      return await homeOverview(nowMs, givenSettings, { useCache });
    }
    reachedMilestone('home:counts');
    if (cacheUpdate) saveHomeCountsCache(database, cacheUpdate);
    return overview;
  });
}

/**
 * Stores counts made afresh, without holding up the screen. Versions were
 * read with the counts, so a write that lands in between makes this entry a
 * miss, never a wrong hit. A failure (storage full) only costs a recount.
 */
function saveHomeCountsCache(database: FlashcardsDatabase, cache: HomeCountsCache): void {
  if (!database.isOpen()) return;
  database.meta.put({ key: HOME_COUNTS_CACHE_KEY, value: cache }).catch(() => undefined);
}

export interface StudySessionData extends StudyDayContext {
  /** The settings the session was loaded with (read in the same transaction when not given). */
  settings: AppSettings;
  decks: DeckRecord[];
  optionsByDeck: Map<string, DeckOptions>;
  queue: StudyQueue;
  /** Today's answers in these decks, newest first (the undo stack after a reload). */
  todaysLogs: ReviewLogRecord[];
}

/**
 * Loads what a study session needs for these decks ('all': every deck not hidden) in one
 * read-only transaction, in two rounds: the settings (unless given), the
 * decks and their options; then per deck today's answers and the cards it may
 * show today (limited per deck).
 */
export function loadStudySession(
  deckIds: readonly string[] | 'all',
  nowMs: number,
  givenSettings?: Pick<AppSettings, 'dayStartHour'>,
): Promise<StudySessionData> {
  return guarded(async () => {
    const session = await readTogether(getDatabase(), READ_STORES, async (reader) => {
      const [settingsRow, allDecks, storedOptions, buriedSince] = await Promise.all([
        reader.get<SettingsRow>(STORE.settings, 'app'),
        reader.getAll<DeckRecord>(STORE.decks),
        reader.getAll<DeckOptions>(STORE.deckOptions),
        reader.get<MetaRow>(STORE.meta, BURIED_SINCE_KEY),
      ]);
      const settings: AppSettings = { ...DEFAULT_SETTINGS, ...settingsRow?.value, ...givenSettings };
      const context = studyDayContext(nowMs, settings);
      if (hasBuriedBefore(buriedSince, context.day)) return context.day; // unbury first, then read again
      const byId = new Map(allDecks.map((deck) => [deck.id, deck]));
      const decks =
        deckIds === 'all'
          ? sortDecksForHome(allDecks.filter((deck) => !deck.isHidden))
          : deckIds.map((id) => byId.get(id)).filter((deck): deck is DeckRecord => deck !== undefined);
      const options = optionsById(storedOptions);
      const allowanceByDeck = new Map<string, { newCards: number; reviews: number }>();
      const optionsByDeck = new Map<string, DeckOptions>();
      const todaysLogs: ReviewLogRecord[] = [];
      const candidateLists = await Promise.all(
        decks.map(async (deck): Promise<CardRecord[]> => {
          const deckOptions = optionsOf(deck, options);
          optionsByDeck.set(deck.id, deckOptions);
          // The day's answers and the cards up to the full daily limits in the
          // same round; the answers then cut the lists to what is left today.
          const [logs, learning, reviews, fresh] = await Promise.all([
            logsOfDayIn(reader, deck.id, context.day),
            reader.indexGetAll<CardRecord>(STORE.cards, DUE_INDEX, dueBefore(deck.id, CardQueue.Learning, context.dayEndMs), 0),
            // A limit of 0 would mean "no limit" to IndexedDB's getAll: skip instead.
            deckOptions.reviewsPerDay > 0
              ? reader.indexGetAll<CardRecord>(STORE.cards, DUE_INDEX, dueBefore(deck.id, CardQueue.Review, context.dayEndMs), deckOptions.reviewsPerDay)
              : [],
            deckOptions.newPerDay > 0 ? reader.indexGetAll<CardRecord>(STORE.cards, POSITION_INDEX, newInOrder(deck.id), deckOptions.newPerDay) : [],
          ]);
          const allowance = remainingToday(deckOptions, progressOf(logs));
          allowanceByDeck.set(deck.id, allowance);
          todaysLogs.push(...logs);
          return [...learning, ...reviews.slice(0, allowance.reviews), ...fresh.slice(0, allowance.newCards)];
        }),
      );
      return {
        ...context,
        settings,
        decks,
        optionsByDeck,
        queue: buildStudyQueue(candidateLists.flat(), allowanceByDeck, context.dayEndMs),
        todaysLogs: todaysLogs.sort((a, b) => b.reviewTime - a.reviewTime || ((b.id ?? '') > (a.id ?? '') ? 1 : (b.id ?? '') < (a.id ?? '') ? -1 : 0)),
      };
    });
    if (typeof session !== 'number') return session;
    await unburyEarlierDays(session);
    return await loadStudySession(deckIds, nowMs, givenSettings);
  });
}
