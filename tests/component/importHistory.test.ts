// An imported package's review history written as review logs
// (storage/importHistory.ts) against the real Dexie on fake IndexedDB: cards
// rebuilt by their answers, logs stored with their study days, the home counts
// following, and a second import of the same history writing nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importedLogId } from '../../src/domain/importHistory';
import type { ImportedReview } from '../../src/domain/importers/types';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, Rating, type CardRecord, type DeckCounts, type RatingValue } from '../../src/domain/types';
import { homeOverview, mergeDeckFiles, recordReview } from '../../src/storage';
import { COUNTS_VERSION_RANGE, HOME_COUNTS_CACHE_KEY } from '../../src/storage/countsCache';
import { IMPORT_HISTORY_TABLES, writeImportedHistory, type ImportedHistoryEntry } from '../../src/storage/importHistory';
import { DAY, FIXED_NOW, MINUTE, appDatabase, deleteAppDatabase, smallDeckFile } from '../helpers/componentDb';

const DAY_START_HOUR = 4;
const HOUR = 60 * MINUTE;

function review(reviewTime: number, rating: RatingValue, durationMs = 5000): ImportedReview {
  return { sourceId: String(reviewTime), reviewTime, rating, durationMs };
}

/** A review card answered long ago, one learned an hour ago (due again within the hour), one overdue review. */
const HISTORIES: ImportedHistoryEntry[] = [
  {
    cardId: 'alpha-1',
    reviews: [review(FIXED_NOW - 30 * DAY, Rating.Good), review(FIXED_NOW - 30 * DAY + 10 * MINUTE, Rating.Good), review(FIXED_NOW - 27 * DAY, Rating.Good), review(FIXED_NOW - 12 * DAY, Rating.Easy)],
  },
  { cardId: 'alpha-2', reviews: [review(FIXED_NOW - HOUR, Rating.Good)] },
  { cardId: 'alpha-3', reviews: [review(FIXED_NOW - 6 * DAY, Rating.Again), review(FIXED_NOW - 6 * DAY + MINUTE, Rating.Good), review(FIXED_NOW - 6 * DAY + 11 * MINUTE, Rating.Good)] },
  { cardId: 'not-stored', reviews: [review(FIXED_NOW - DAY, Rating.Good)] },
];

/** The card answering `card` with `reviews` gives, each at its time and on its study day here. */
function answeredDirectly(card: CardRecord, reviews: readonly ImportedReview[]): CardRecord {
  let current = card;
  for (const answer of reviews) {
    const day = studyDayOf(answer.reviewTime, DAY_START_HOUR);
    current = answerCard(current, answer.rating, DEFAULT_DECK_OPTIONS, { nowMs: answer.reviewTime, durationMs: answer.durationMs, day }).card;
  }
  return current;
}

async function importHistory(entries: readonly ImportedHistoryEntry[], nowMs = FIXED_NOW) {
  const database = appDatabase();
  return database.transaction('rw', IMPORT_HISTORY_TABLES(database), () => writeImportedHistory(database, entries, nowMs));
}

async function storedCard(id: string): Promise<CardRecord> {
  const card = await appDatabase().cards.get(id);
  if (!card) throw new Error(`no card ${id}`);
  return card;
}

async function alphaCounts(): Promise<DeckCounts | undefined> {
  return (await homeOverview(FIXED_NOW, { dayStartHour: DAY_START_HOUR })).counts.find((counts) => counts.deckId === 'alpha');
}

/** Lets the home's fire-and-forget cache write land. */
async function countsCached(): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await appDatabase().meta.get(HOME_COUNTS_CACHE_KEY)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the home counts were never cached');
}

async function countsVersions() {
  return appDatabase().meta.where('key').between(...COUNTS_VERSION_RANGE).toArray();
}

beforeEach(async () => {
  await deleteAppDatabase();
  await mergeDeckFiles([smallDeckFile('alpha', 5), smallDeckFile('beta', 2)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - 40 * DAY });
});
afterEach(deleteAppDatabase);

describe('writing an imported review history', () => {
  it('rebuilds each card from its answers and stores them as logs of their study days', async () => {
    const before = new Map((await appDatabase().cards.toArray()).map((card) => [card.id, card]));
    const result = await importHistory(HISTORIES);
    expect(result).toEqual({ cards: 3, answers: 8, missingCards: 1, refusedCards: 0 });

    for (const { cardId, reviews } of HISTORIES.slice(0, 3)) {
      const original = before.get(cardId);
      if (!original) throw new Error(`no card ${cardId}`);
      expect(await storedCard(cardId)).toEqual(answeredDirectly(original, reviews));
      const logs = await appDatabase().reviews.where('cardId').equals(cardId).sortBy('reviewTime');
      expect(logs.map((log) => log.id)).toEqual(reviews.map((answer) => importedLogId(cardId, answer)));
      expect(logs.map((log) => log.rating)).toEqual(reviews.map((answer) => answer.rating));
      expect(logs.map((log) => log.day)).toEqual(reviews.map((answer) => studyDayOf(answer.reviewTime, DAY_START_HOUR)));
      expect(logs.every((log) => log.deckId === 'alpha' && log.noteId === cardId && log.durationMs === 5000)).toBe(true);
    }
    const [reviewCard, learningCard, overdueCard] = await Promise.all(['alpha-1', 'alpha-2', 'alpha-3'].map(storedCard));
    expect(reviewCard).toMatchObject({ state: CardState.Review, queue: CardQueue.Review, reps: 4 });
    expect(reviewCard?.due).toBeGreaterThan(FIXED_NOW + DAY);
    expect(learningCard).toMatchObject({ state: CardState.Learning, queue: CardQueue.Learning, due: FIXED_NOW - HOUR + 10 * MINUTE });
    expect(overdueCard).toMatchObject({ state: CardState.Review, queue: CardQueue.Review, lapses: 0 });
    expect(overdueCard?.due).toBeLessThan(FIXED_NOW);
    expect(await storedCard('alpha-4')).toEqual(before.get('alpha-4'));
    expect(await appDatabase().reviews.count()).toBe(8);
  });

  it('changes the home counts of the decks it touches', async () => {
    expect(await alphaCounts()).toMatchObject({ newCount: 5, learningCount: 0, reviewCount: 0 });
    await countsCached();
    const versionOf = async (deckId: string) => (await countsVersions()).find((row) => row.key.endsWith(`:${deckId}`))?.value;
    const [alpha, beta] = [await versionOf('alpha'), await versionOf('beta')];

    await importHistory(HISTORIES);
    // Three cards are no longer new; one is learning, due within the hour; one review is overdue.
    expect(await alphaCounts()).toMatchObject({ newCount: 2, learningCount: 1, reviewCount: 1 });
    expect(await versionOf('alpha')).not.toBe(alpha);
    expect(await versionOf('beta')).toBe(beta);
  });

  it('writes nothing when the same history is imported again, and only the new answers of a newer one', async () => {
    await importHistory(HISTORIES);
    const cards = await appDatabase().cards.toArray();
    const logs = await appDatabase().reviews.toArray();
    const versions = await countsVersions();

    expect(await importHistory(HISTORIES)).toEqual({ cards: 0, answers: 0, missingCards: 1, refusedCards: 0 });
    expect(await appDatabase().cards.toArray()).toEqual(cards);
    expect(await appDatabase().reviews.toArray()).toEqual(logs);
    expect(await countsVersions()).toEqual(versions);

    const later = review(FIXED_NOW + DAY, Rating.Good);
    const newer = HISTORIES.map((entry) => (entry.cardId === 'alpha-1' ? { ...entry, reviews: [...entry.reviews, later] } : entry));
    expect(await importHistory(newer, FIXED_NOW + 2 * DAY)).toEqual({ cards: 1, answers: 1, missingCards: 1, refusedCards: 0 });
    expect(await appDatabase().reviews.count()).toBe(logs.length + 1);
    const original = cards.find((card) => card.id === 'alpha-1');
    if (!original) throw new Error('no alpha-1');
    expect(await storedCard('alpha-1')).toEqual(answeredDirectly(original, [later]));
  });

  it('replays a card answered here with the older answers of the package', async () => {
    const fresh = await storedCard('alpha-4');
    const ownAt = FIXED_NOW - 2 * DAY;
    const own = answerCard(fresh, Rating.Good, DEFAULT_DECK_OPTIONS, { nowMs: ownAt, durationMs: 3000, day: studyDayOf(ownAt, DAY_START_HOUR) });
    const ownId = await recordReview(own.card, own.log);
    expect(own.log.state).toBe(CardState.New);

    const older = [review(FIXED_NOW - 9 * DAY, Rating.Good), review(FIXED_NOW - 9 * DAY + 10 * MINUTE, Rating.Easy)];
    expect(await importHistory([{ cardId: 'alpha-4', reviews: older }])).toEqual({ cards: 1, answers: 2, missingCards: 0, refusedCards: 0 });

    const combined = [...older, { ...review(ownAt, Rating.Good, 3000), sourceId: 'own' }];
    expect(await storedCard('alpha-4')).toEqual(answeredDirectly(fresh, combined));
    const logs = await appDatabase().reviews.where('cardId').equals('alpha-4').sortBy('reviewTime');
    expect(logs.map((log) => log.rating)).toEqual([Rating.Good, Rating.Easy, Rating.Good]);
    // The answer given here keeps its id and day, and no longer counts as a new card introduced.
    expect(logs[2]).toMatchObject({ id: ownId, day: own.log.day, state: CardState.Review, durationMs: 3000 });
  });
});
