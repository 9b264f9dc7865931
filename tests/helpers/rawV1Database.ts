// A schema-1 database written with raw IndexedDB, as the schema-1 app left
// it: for tests that open old collections with the current code.
import { DATABASE_NAME, type SCHEMA_V1 } from '../../src/storage/db';

type StoreName = keyof typeof SCHEMA_V1;

/** Schema 1 as shipped, spelled out for raw IndexedDB (Dexie stores version n as n * 10). */
export const RAW_SCHEMA_V1: Record<StoreName, RawStoreSpec> = {
  decks: { keyPath: 'id', autoIncrement: false, indexes: [] },
  cards: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: [
      ['[deckId+queue+due]', ['deckId', 'queue', 'due']],
      ['[deckId+queue+position]', ['deckId', 'queue', 'position']],
    ],
  },
  reviewLogs: {
    keyPath: 'id',
    autoIncrement: true,
    indexes: [
      ['cardId', 'cardId'],
      ['[deckId+day]', ['deckId', 'day']],
      ['reviewTime', 'reviewTime'],
    ],
  },
  deckOptions: { keyPath: 'id', autoIncrement: false, indexes: [] },
  settings: { keyPath: 'key', autoIncrement: false, indexes: [] },
  meta: { keyPath: 'key', autoIncrement: false, indexes: [] },
};

/** How a store is declared for raw IndexedDB: its key, and its indexes as [name, key path, options]. */
export interface RawStoreSpec {
  keyPath: string;
  autoIncrement: boolean;
  indexes: [string, string | string[], { multiEntry?: boolean }?][];
}

/** Writes `stores` into a database of `schema` at IndexedDB version `idbVersion` with raw IndexedDB, as an older app left it. */
export async function writeRawDatabase(schema: Record<string, RawStoreSpec>, stores: Record<string, readonly unknown[]>, idbVersion: number): Promise<void> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, idbVersion);
    request.onupgradeneeded = () => {
      for (const [name, store] of Object.entries(schema)) {
        const objectStore = request.result.createObjectStore(name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
        for (const [indexName, keyPath, options] of store.indexes) objectStore.createIndex(indexName, keyPath, options);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  await new Promise<void>((resolve, reject) => {
    const transaction = database.transaction(Object.keys(stores), 'readwrite');
    for (const [name, records] of Object.entries(stores)) {
      const objectStore = transaction.objectStore(name);
      for (const record of records) objectStore.add(record);
    }
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('write failed'));
  });
  database.close();
}

/** Writes the fixture with raw IndexedDB; `idbVersion` above 19 stands for a later schema version (a newer app). */
export function writeRawV1Database(stores: Record<string, readonly unknown[]>, idbVersion = 10): Promise<void> {
  return writeRawDatabase(RAW_SCHEMA_V1, stores, idbVersion);
}
