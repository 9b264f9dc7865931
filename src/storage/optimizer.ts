/**
 * The FSRS optimizer's reads and writes: how many reviews a preset's decks
 * hold, every answer of the preset's cards (read in chunks, in the
 * optimizer's worker on a connection of its own), and a preset's optimized
 * parameters saved with the previous ones kept, and put back. Imported by
 * path (`storage/optimizer`), so the first load never carries it.
 */
import type { OptimizerLog } from '../domain/optimizerInput';
import { CardQueue, type DeckOptions, type ReviewLogRecord } from '../domain/types';

type StoredLog = ReviewLogRecord & { id: string };
import { getDatabase, INDEX, STORE, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { keyRange, MAX_KEY, MIN_KEY, readTogether } from './nativeReads';
import { decksUsingPreset, getDeckOptions } from './settings';

/** Logs read per transaction: big enough to read 266,000 answers in a few dozen steps, small enough to report progress. */
export const LOG_CHUNK = 20_000;

async function deckIdsOf(database: FlashcardsDatabase, presetId: string): Promise<string[]> {
  return (await decksUsingPreset(database, presetId)).map((deck) => deck.id);
}

/**
 * How many answers were given in the decks that use the preset (both stores
 * of answers while the schema-2 migration is moving them): one index count
 * per deck, cheap enough for every visit to the deck options.
 *
 * @example
 * await presetReviewCount('default'); // 1234
 */
export function presetReviewCount(presetId: string): Promise<number> {
  return guarded(async () => {
    const database = getDatabase();
    return database.transaction('r', [database.decks, database.reviews, database.reviewLogs], async () => {
      const deckIds = await deckIdsOf(database, presetId);
      const counts = await Promise.all(
        deckIds.flatMap((deckId) =>
          [database.reviews, database.reviewLogs].map((store) => store.where(INDEX.reviewsOfDeckDay).between([deckId, -Infinity], [deckId, Infinity]).count()),
        ),
      );
      return counts.reduce((sum, count) => sum + count, 0);
    });
  });
}

/** One native request's result. */
function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('An IndexedDB request failed.'));
  });
}

/**
 * Every answer to the cards now in the preset's decks (suspended cards left
 * out, as Anki's default optimizer search does), from `reviews`, read
 * `LOG_CHUNK` at a time by primary key; `onProgress(read, total)` after each
 * chunk. The caller awaits `finishUpgrade()` first, so no answer is still in
 * schema 1's store. Native reads (`nativeReads.ts`, and `getAll` with a
 * count): at 266,000 logs Dexie's `toArray` took about 40 % longer.
 *
 * @example
 * const logs = await readPresetLogs(createDatabase(name), 'default', (read, total) => post({ read, total }));
 */
export function readPresetLogs(
  database: FlashcardsDatabase,
  presetId: string,
  onProgress: (read: number, total: number) => void = () => undefined,
): Promise<OptimizerLog[]> {
  return guarded(async () => {
    const deckIds = await database.transaction('r', database.decks, () => deckIdsOf(database, presetId));
    const { cardIds, total } = await readTogether(database, [STORE.cards, STORE.reviews], async (reader) => {
      const [keys, count] = await Promise.all([
        Promise.all(deckIds.map((deckId) => reader.indexGetAllKeys(STORE.cards, INDEX.cardsByDue, keyRange([deckId, CardQueue.Suspended + 1, MIN_KEY], [deckId, MAX_KEY]), 0))),
        reader.indexCount(STORE.reviews, INDEX.reviewsByTime, keyRange(MIN_KEY, MAX_KEY)),
      ]);
      return { cardIds: new Set(keys.flat().map(String)), total: count };
    });
    const logs: OptimizerLog[] = [];
    let read = 0;
    let after: string | null = null;
    onProgress(0, total);
    for (;;) {
      const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
      const chunk: StoredLog[] = await settle(database.backendDB().transaction(STORE.reviews, 'readonly').objectStore(STORE.reviews).getAll(range, LOG_CHUNK) as IDBRequest<StoredLog[]>);
      for (const log of chunk) {
        if (cardIds.has(log.cardId)) logs.push({ cardId: log.cardId, rating: log.rating, state: log.state, reviewTime: log.reviewTime });
      }
      read += chunk.length;
      onProgress(Math.min(read, total), total);
      if (chunk.length < LOG_CHUNK) return logs;
      after = chunk[chunk.length - 1]?.id ?? null;
    }
  });
}

/** When the optimizer ran, and how many reviews the preset had then (`presetReviewCount`). */
export interface OptimizerRun {
  nowMs: number;
  reviewCount: number;
}

async function updatePreset(presetId: string, change: (stored: DeckOptions) => DeckOptions): Promise<DeckOptions> {
  const database = getDatabase();
  return database.transaction('rw', database.deckOptions, async () => {
    const value = change(await getDeckOptions(presetId));
    await database.deckOptions.put(value);
    return value;
  });
}

/** Notes that the optimizer finished on the preset (its result applied or not): it is offered again after ~1,000 reviews or 30 days. */
export function saveOptimizerRun(presetId: string, run: OptimizerRun): Promise<DeckOptions> {
  return guarded(() => updatePreset(presetId, (stored) => ({ ...stored, optimizedAt: run.nowMs, reviewsAtOptimize: run.reviewCount })));
}

/**
 * Puts the optimizer's parameters into the preset, keeping the ones in use
 * (null for the defaults) for "go back"; notes the run.
 *
 * @example
 * await applyFsrsWeights('default', trained, { nowMs, reviewCount });
 * // { ...preset, fsrsWeights: trained, previousFsrsWeights: null, optimizedAt: nowMs, reviewsAtOptimize: reviewCount }
 */
export function applyFsrsWeights(presetId: string, weights: readonly number[], run: OptimizerRun): Promise<DeckOptions> {
  return guarded(() =>
    updatePreset(presetId, (stored) => ({
      ...stored,
      fsrsWeights: [...weights],
      previousFsrsWeights: stored.fsrsWeights ?? null,
      optimizedAt: run.nowMs,
      reviewsAtOptimize: run.reviewCount,
    })),
  );
}

/**
 * Puts back the parameters the preset had before the optimizer's were
 * applied (the defaults when it had none); afterwards there is nothing more
 * to go back to. A preset with nothing to go back to is left as it is.
 */
export function restorePreviousFsrsWeights(presetId: string): Promise<DeckOptions> {
  return guarded(() =>
    updatePreset(presetId, (stored) => {
      if (stored.previousFsrsWeights === undefined) return stored;
      const { previousFsrsWeights: previous, ...rest } = stored;
      delete rest.fsrsWeights;
      return previous === null ? rest : { ...rest, fsrsWeights: previous };
    }),
  );
}
