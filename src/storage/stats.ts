/**
 * The Stats screen's read: a deck's or every shown deck's figures
 * (`domain/stats.ts`), read and counted in a Web Worker on a connection of
 * its own (`stats.worker.ts`), so 100,000 cards and a year of answers never
 * hold up the page; the page gets one small object. The worker can be
 * started ahead of time (`prepareStatsWorker`, when the screen's code is
 * prefetched), so opening Stats does not wait for a thread to start; it is
 * kept for the next read. Imported by path (`storage/stats`), so the first
 * load never carries it.
 */
import { getDatabase } from './db';
import { guarded, StorageError } from './errors';
import { notesReady } from './upgrade';
import type { StatsReply, StatsRequest, StatsResult, WarmRequest } from './stats.worker';

export type { StatsResult, StatsSource } from './stats.worker';

/** A started worker waiting for its next read (none until one is prepared or a read has finished). */
let spareWorker: Worker | null = null;

function startWorker(): Worker {
  return new Worker(new URL('./stats.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Starts the Stats worker now, idle (it holds no database connection until
 * a read), and has it make the Intl formats of `formatsLocale`: ICU's data
 * is shared by the renderer process, so the screen's own formats then cost
 * nothing. No-op where there are no workers, or when one is waiting already.
 *
 * @example
 * prepareStatsWorker(document.documentElement.lang); // while the app is idle
 */
export function prepareStatsWorker(formatsLocale?: string): void {
  if (typeof Worker === 'undefined' || spareWorker !== null) return;
  spareWorker = startWorker();
  if (formatsLocale) spareWorker.postMessage({ kind: 'warm', locale: formatsLocale } satisfies WarmRequest);
}

/** One read on `worker`: its reply, or its failure as a StorageError. */
function readIn(worker: Worker, request: StatsRequest): Promise<StatsResult> {
  return new Promise<StatsResult>((resolve, reject) => {
    const onMessage = (event: MessageEvent<StatsReply>) => {
      stop();
      const reply = event.data;
      if (reply.kind === 'failed') reject(new StorageError(reply.errorKind, reply.message));
      else resolve(reply);
    };
    const onError = (event: ErrorEvent) => {
      stop();
      reject(new Error(event.message || 'The Stats worker failed.'));
    };
    const stop = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.postMessage(request);
  });
}

/**
 * The Stats figures of deck `deckId` (or of every deck the home shows, for
 * null) at `nowMs`, or `{ kind: 'no-deck' }` when the deck does not exist.
 * Counted in a Web Worker (the one waiting, or a new one), which also makes
 * the Intl formats of `formatsLocale` meanwhile (the page's then cost
 * nothing); where there are no workers (tests), on the page, on Dexie's
 * connection.
 *
 * @example
 * const result = await loadStats(null, Date.now(), 'en');
 * if (result.kind === 'stats') result.stats.todayAnswers.count;
 */
export function loadStats(deckId: string | null, nowMs: number, formatsLocale?: string): Promise<StatsResult> {
  return guarded(async () => {
    const database = getDatabase();
    if (typeof Worker === 'undefined') {
      await notesReady(database);
      if (!database.isOpen()) await database.open();
      const { readStats } = await import('./stats.worker');
      return readStats(database.backendDB(), { deckId, nowMs });
    }
    // The worker starts (if none is waiting) while the notes migration is checked.
    const worker = spareWorker ?? startWorker();
    spareWorker = null;
    let result: StatsResult;
    try {
      // Until the notes migration has moved every log into `reviews`, the year's answers are not all there.
      await notesReady(database);
      result = await readIn(worker, { kind: 'read', databaseName: database.name, deckId, nowMs, formatsLocale });
    } catch (error) {
      worker.terminate();
      throw error;
    }
    // Kept for the next read (a write while the screen is open, another deck).
    if (spareWorker === null) spareWorker = worker;
    else worker.terminate();
    return result;
  });
}
