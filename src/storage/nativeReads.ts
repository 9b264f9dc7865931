/**
 * Read-only look-ups on the native IndexedDB connection Dexie opened, many
 * of them issued together in one transaction.
 *
 * The screens' read models (home counts, a study session) need dozens of
 * small index look-ups (three per deck). Through Dexie each one pays for its
 * own transaction, promise zone and middleware stack; here they share one
 * read-only transaction and cost one native request each. Every write still
 * goes through Dexie, and the schema (store and index names) is db.ts's.
 * Dexie's live queries do not see these reads: the screens' hooks over them
 * (`useHomeOverview` in `ui/data.ts`) run them again after a write, on
 * Dexie's `storagemutated` event (`onTablesChanged` in db.ts).
 */
import type { FlashcardsDatabase, StoreName } from './db';

/** Below every key (Dexie.minKey). */
export const MIN_KEY = -Infinity;
/** Above every key (Dexie.maxKey: an array sorts after numbers, dates and strings). */
export const MAX_KEY: unknown[] = [[]];

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('An IndexedDB request failed.'));
  });
}

/** The reads one transaction offers; every call is one native request. */
export interface NativeReader {
  get<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined>;
  getAll<T>(store: StoreName, range?: IDBKeyRange): Promise<T[]>;
  /** Records of an index range, in index order; `limit` 0 means none. */
  indexGetAll<T>(store: StoreName, index: string, range: IDBKeyRange, limit: number): Promise<T[]>;
  /** Primary keys of an index range, in index order; `limit` 0 means none. */
  indexGetAllKeys(store: StoreName, index: string, range: IDBKeyRange, limit: number): Promise<IDBValidKey[]>;
  indexCount(store: StoreName, index: string, range: IDBKeyRange): Promise<number>;
  /** The first index key of a range (not the record), or undefined when the range is empty. */
  indexFirstKey(store: StoreName, index: string, range: IDBKeyRange): Promise<IDBValidKey | undefined>;
}

/** An inclusive-exclusive (by default) key range, as Dexie's `between`. */
export function keyRange(lower: unknown, upper: unknown, includeLower = true, includeUpper = false): IDBKeyRange {
  return IDBKeyRange.bound(lower, upper, !includeLower, !includeUpper);
}

/**
 * Runs `body` with one read-only transaction over `stores`. `body` must only
 * await the reader's requests (anything else lets the transaction finish).
 */
export async function readTogether<T>(
  database: FlashcardsDatabase,
  stores: readonly StoreName[],
  body: (reader: NativeReader) => Promise<T>,
): Promise<T> {
  if (!database.isOpen()) await database.open();
  const transaction = database.backendDB().transaction([...stores], 'readonly');
  const store = (name: StoreName) => transaction.objectStore(name);
  const reader: NativeReader = {
    get: <T>(name: StoreName, key: IDBValidKey) => settle(store(name).get(key) as IDBRequest<T | undefined>),
    getAll: <T>(name: StoreName, range?: IDBKeyRange) => settle(store(name).getAll(range) as IDBRequest<T[]>),
    indexGetAll: <T>(name: StoreName, index: string, range: IDBKeyRange, limit: number) =>
      settle(store(name).index(index).getAll(range, limit || undefined) as IDBRequest<T[]>),
    indexGetAllKeys: (name, index, range, limit) => settle(store(name).index(index).getAllKeys(range, limit || undefined)),
    indexCount: (name, index, range) => settle(store(name).index(index).count(range)),
    indexFirstKey: (name, index, range) =>
      settle(store(name).index(index).openKeyCursor(range)).then((cursor) => cursor?.key),
  };
  return body(reader);
}
