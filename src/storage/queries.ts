/**
 * Read models for the screens: per-deck counts for the home screen and the
 * candidate cards of a study session. Every query is an index range look-up
 * bounded by the daily limits, never a scan of the whole card table.
 */
import Dexie from 'dexie';
import { buildStudyQueue, remainingToday, type StudyQueue } from '../domain/queue';
import { endOfStudyDay, startOfStudyDay, studyDayOf } from '../domain/studyDay';
import {
  CardQueue,
  type AppSettings,
  type CardRecord,
  type DeckCounts,
  type DeckOptions,
  type DeckRecord,
  type ReviewLogRecord,
} from '../domain/types';
import { getDatabase, type FlashcardsDatabase } from './db';
import { toStorageError } from './errors';
import { sortDecksForHome } from './decks';
import { logsOfDay, progressOf } from './reviews';
import { getDeckOptionsMap } from './settings';

function dueBefore(database: FlashcardsDatabase, deckId: string, queue: number, beforeMs: number) {
  return database.cards
    .where('[deckId+queue+due]')
    .between([deckId, queue, Dexie.minKey], [deckId, queue, beforeMs], true, false);
}

function newInOrder(database: FlashcardsDatabase, deckId: string) {
  return database.cards
    .where('[deckId+queue+position]')
    .between([deckId, CardQueue.New, Dexie.minKey], [deckId, CardQueue.New, Dexie.maxKey], true, true);
}

/**
 * How many entries a range has, but counting no further than `max`.
 * IndexedDB's count() walks the whole range; the home screen only needs the
 * count up to the daily allowance, so it reads at most `max` keys.
 */
async function countUpTo(collection: ReturnType<typeof newInOrder>, max: number): Promise<number> {
  if (max <= 0) return 0; // limit(0) would mean "no limit" to getAllKeys
  return (await collection.limit(max).primaryKeys()).length;
}

async function firstDueFrom(database: FlashcardsDatabase, deckId: string, queue: number, fromMs: number) {
  const card = await database.cards
    .where('[deckId+queue+due]')
    .between([deckId, queue, fromMs], [deckId, queue, Dexie.maxKey], true, true)
    .first();
  return card?.due ?? null;
}

/** When the deck's next card becomes due after today: a learning card's due time, or the start of a review card's day. */
async function nextDueOf(
  database: FlashcardsDatabase,
  deckId: string,
  dayEndMs: number,
  settings: Pick<AppSettings, 'dayStartHour'>,
): Promise<number | null> {
  const [nextLearning, nextReview] = await Promise.all([
    firstDueFrom(database, deckId, CardQueue.Learning, dayEndMs),
    firstDueFrom(database, deckId, CardQueue.Review, dayEndMs),
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

async function decksWithOptions(deckIds?: readonly string[]): Promise<{ decks: DeckRecord[]; options: Map<string, DeckOptions> }> {
  const database = getDatabase();
  const decks = deckIds
    ? (await database.decks.bulkGet([...deckIds])).filter((deck): deck is DeckRecord => Boolean(deck))
    : await database.decks.toArray();
  const options = await getDeckOptionsMap(decks.map((deck) => deck.optionsId));
  return { decks, options };
}

/**
 * Home-screen counts for every deck at `nowMs`: new cards still allowed
 * today, learning cards due today, reviews due today (after the limits), and
 * when the next card is due if nothing is.
 */
export async function deckCounts(nowMs: number, settings: Pick<AppSettings, 'dayStartHour'>): Promise<DeckCounts[]> {
  try {
    return await countsFor(await decksWithOptions(), nowMs, settings);
  } catch (error) {
    throw toStorageError(error);
  }
}

export interface HomeOverview {
  /** Every deck, in home-screen order. */
  decks: DeckRecord[];
  counts: DeckCounts[];
}

/**
 * Decks and their counts from one read (decks first, then counts for exactly
 * those decks), so the home screen never shows a deck with counts missing.
 */
export async function homeOverview(nowMs: number, settings: Pick<AppSettings, 'dayStartHour'>): Promise<HomeOverview> {
  try {
    const { decks, options } = await decksWithOptions();
    const counts = await countsFor({ decks, options }, nowMs, settings);
    return { decks: sortDecksForHome(decks), counts };
  } catch (error) {
    throw toStorageError(error);
  }
}

async function countsFor(
  { decks, options }: { decks: DeckRecord[]; options: Map<string, DeckOptions> },
  nowMs: number,
  settings: Pick<AppSettings, 'dayStartHour'>,
): Promise<DeckCounts[]> {
  const database = getDatabase();
  const { day, dayEndMs } = studyDayContext(nowMs, settings);
  const logsByDeck = await logsOfDay(
    decks.map((deck) => deck.id),
    day,
  );
  return await Promise.all(
    decks.map(async (deck): Promise<DeckCounts> => {
      const limits = options.get(deck.optionsId);
      const allowance = remainingToday(
        { newPerDay: limits?.newPerDay ?? 0, reviewsPerDay: limits?.reviewsPerDay ?? 0 },
        progressOf(logsByDeck.get(deck.id) ?? []),
      );
      const [newCount, learningCount, reviewCount] = await Promise.all([
        countUpTo(newInOrder(database, deck.id), allowance.newCards),
        dueBefore(database, deck.id, CardQueue.Learning, dayEndMs).count(),
        countUpTo(dueBefore(database, deck.id, CardQueue.Review, dayEndMs), allowance.reviews),
      ]);
      // "Next review in 3 h" is only needed when nothing is due today.
      const nextDue = newCount + learningCount + reviewCount === 0 ? await nextDueOf(database, deck.id, dayEndMs, settings) : null;
      return { deckId: deck.id, newCount, learningCount, reviewCount, nextDue };
    }),
  );
}

export interface StudySessionData extends StudyDayContext {
  decks: DeckRecord[];
  optionsByDeck: Map<string, DeckOptions>;
  queue: StudyQueue;
  /** Today's answers in these decks, newest first (the undo stack after a reload). */
  todaysLogs: ReviewLogRecord[];
}

/**
 * Loads what a study session needs for these decks: the cards it may show
 * today (limited per deck), each deck's options and the study day.
 */
export async function loadStudySession(
  deckIds: readonly string[],
  nowMs: number,
  settings: Pick<AppSettings, 'dayStartHour'>,
): Promise<StudySessionData> {
  const database = getDatabase();
  try {
    const context = studyDayContext(nowMs, settings);
    const { decks, options } = await decksWithOptions(deckIds);
    const logsByDeck = await logsOfDay(
      decks.map((deck) => deck.id),
      context.day,
    );
    const allowanceByDeck = new Map<string, { newCards: number; reviews: number }>();
    const optionsByDeck = new Map<string, DeckOptions>();
    const candidateLists = await Promise.all(
      decks.map(async (deck): Promise<CardRecord[]> => {
        const deckOptions = options.get(deck.optionsId);
        if (!deckOptions) return [];
        optionsByDeck.set(deck.id, deckOptions);
        const allowance = remainingToday(deckOptions, progressOf(logsByDeck.get(deck.id) ?? []));
        allowanceByDeck.set(deck.id, allowance);
        const [learning, reviews, fresh] = await Promise.all([
          dueBefore(database, deck.id, CardQueue.Learning, context.dayEndMs).toArray(),
          // limit(0) would mean "no limit" to IndexedDB's getAll: skip instead.
          allowance.reviews > 0
            ? dueBefore(database, deck.id, CardQueue.Review, context.dayEndMs).limit(allowance.reviews).toArray()
            : [],
          allowance.newCards > 0 ? newInOrder(database, deck.id).limit(allowance.newCards).toArray() : [],
        ]);
        return [...learning, ...reviews, ...fresh];
      }),
    );
    return {
      ...context,
      decks,
      optionsByDeck,
      queue: buildStudyQueue(candidateLists.flat(), allowanceByDeck, context.dayEndMs),
      todaysLogs: [...logsByDeck.values()].flat().sort((a, b) => b.reviewTime - a.reviewTime || (b.id ?? 0) - (a.id ?? 0)),
    };
  } catch (error) {
    throw toStorageError(error);
  }
}
