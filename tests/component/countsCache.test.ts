// The home screen's cached counts (storage/countsCache.ts) against the real
// Dexie on fake IndexedDB: a deck's cached counts are used only while nothing
// that changes them was written, and every kind of write makes a miss.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID, Rating, type DeckCounts } from '../../src/domain/types';
import {
  deckCounts,
  homeOverview,
  mergeDeckFiles,
  recordReview,
  setOwnDeckOptions,
  undoReview,
  updateDeckOptions,
} from '../../src/storage';
import { HOME_COUNTS_CACHE_KEY, type HomeCountsCache } from '../../src/storage/countsCache';
import { DAY, FIXED_NOW, appDatabase, deleteAppDatabase, smallDeckFile } from '../helpers/componentDb';

const DAY_START_HOUR = 4;
const SETTINGS = { dayStartHour: DAY_START_HOUR };
/** Counts no real deck has: seeing them proves the cache was read. */
const MARKER = { newCount: 777, learningCount: 777, reviewCount: 777, nextDue: null };

beforeEach(async () => {
  await deleteAppDatabase();
  await mergeDeckFiles([smallDeckFile('alpha', 5), smallDeckFile('beta', 4)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW });
});
afterEach(deleteAppDatabase);

/** Lets the fire-and-forget cache write land. */
async function cacheSaved(): Promise<HomeCountsCache> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const row = await appDatabase().meta.get(HOME_COUNTS_CACHE_KEY);
    if (row) return row.value as HomeCountsCache;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the home counts were never cached');
}

/** Counts the home screen, then plants marker counts in the cache for every deck. */
async function cacheWithMarkers(nowMs = FIXED_NOW): Promise<void> {
  await homeOverview(nowMs, SETTINGS);
  const cache = await cacheSaved();
  for (const entry of Object.values(cache.decks)) entry.counts = { ...MARKER, deckId: entry.counts.deckId };
  // A meta write stamps no counts version, so the markers stay valid.
  await appDatabase().meta.put({ key: HOME_COUNTS_CACHE_KEY, value: cache });
}

function countsOf(counts: DeckCounts[], deckId: string): DeckCounts | undefined {
  return counts.find((entry) => entry.deckId === deckId);
}

async function isCached(deckId: string, nowMs = FIXED_NOW): Promise<boolean> {
  const { counts } = await homeOverview(nowMs, SETTINGS);
  return countsOf(counts, deckId)?.newCount === MARKER.newCount;
}

async function answerFirstCardOf(deckId: string): Promise<string> {
  const card = await appDatabase().cards.filter((stored) => stored.deckId === deckId).first();
  if (!card) throw new Error(`no card in ${deckId}`);
  const { card: answered, log } = answerCard(card, Rating.Good, DEFAULT_DECK_OPTIONS, { nowMs: FIXED_NOW, durationMs: 3000, day: studyDayOf(FIXED_NOW, DAY_START_HOUR) });
  return recordReview(answered, log);
}

describe('home counts cache', () => {
  it('serves the same counts as a fresh count, then reads them from the cache', async () => {
    const fresh = await deckCounts(FIXED_NOW, SETTINGS);
    expect((await homeOverview(FIXED_NOW, SETTINGS)).counts).toEqual(fresh);
    await cacheWithMarkers();
    expect(await isCached('alpha')).toBe(true);
    expect(await isCached('beta')).toBe(true);
    // The uncached query never reads it.
    expect(countsOf(await deckCounts(FIXED_NOW, SETTINGS), 'alpha')?.newCount).toBe(5);
  });

  it('counts again only the deck whose card was answered', async () => {
    await cacheWithMarkers();
    await answerFirstCardOf('alpha');
    const { counts } = await homeOverview(FIXED_NOW, SETTINGS);
    expect(countsOf(counts, 'alpha')).toEqual(countsOf(await deckCounts(FIXED_NOW, SETTINGS), 'alpha'));
    expect(countsOf(counts, 'alpha')?.newCount).toBe(4);
    expect(await isCached('beta')).toBe(true);
  });

  it('counts again only the deck of an undone answer', async () => {
    const logId = await answerFirstCardOf('alpha');
    await cacheWithMarkers();
    await undoReview(logId);
    expect(countsOf((await homeOverview(FIXED_NOW, SETTINGS)).counts, 'alpha')?.newCount).toBe(5);
    expect(await isCached('beta')).toBe(true);
  });

  it('counts again when the study day changes, or the day start hour does', async () => {
    await cacheWithMarkers();
    expect(await isCached('alpha', FIXED_NOW + DAY)).toBe(false);
    await cacheWithMarkers();
    const { counts } = await homeOverview(FIXED_NOW, { dayStartHour: DAY_START_HOUR + 1 });
    expect(countsOf(counts, 'alpha')?.newCount).toBe(5);
  });

  it('counts again the decks whose options changed', async () => {
    await setOwnDeckOptions('beta', true);
    await cacheWithMarkers();
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 2 });
    const { counts } = await homeOverview(FIXED_NOW, SETTINGS);
    expect(countsOf(counts, 'alpha')?.newCount).toBe(2);
    expect(countsOf(counts, 'beta')?.newCount).toBe(MARKER.newCount);
  });

  it('counts again a deck that an import added cards to', async () => {
    await cacheWithMarkers();
    await mergeDeckFiles([smallDeckFile('alpha', 8)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW });
    expect(countsOf((await homeOverview(FIXED_NOW, SETTINGS)).counts, 'alpha')?.newCount).toBe(8);
    expect(await isCached('beta')).toBe(true);
  });

  it('counts again the deck a card moved away from', async () => {
    await cacheWithMarkers();
    const moved = smallDeckFile('beta', 4);
    // The same notes (by their global ids), moved on purpose (the user chose to update them where the file puts them).
    const withGuids = { ...moved, deck: { ...moved.deck, id: 'gamma' }, cards: moved.cards.map((note) => ({ ...note, guid: note.id })) };
    await mergeDeckFiles([withGuids], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW, onConflict: 'update' });
    const { counts } = await homeOverview(FIXED_NOW, SETTINGS);
    expect(countsOf(counts, 'beta')?.newCount).toBe(0);
    expect(countsOf(counts, 'gamma')?.newCount).toBe(4);
    expect(await isCached('alpha')).toBe(true);
  });

  it('counts again the deck whose cards were deleted, and every deck after a range delete', async () => {
    await cacheWithMarkers();
    await appDatabase().cards.where('[deckId+queue+due]').between(['beta', -Infinity], ['beta', [[]]]).delete();
    expect(countsOf((await homeOverview(FIXED_NOW, SETTINGS)).counts, 'beta')?.newCount).toBe(0);
    expect(await isCached('alpha')).toBe(true);

    await cacheWithMarkers();
    await appDatabase().reviews.clear();
    expect(await isCached('alpha')).toBe(false);
    expect(await isCached('beta')).toBe(false);
  });
});
