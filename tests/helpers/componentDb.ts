// Helpers for component tests: a fresh database per test and ready-made
// records, all against the real Dexie on fake IndexedDB.
import Dexie from 'dexie';
import { DATABASE_NAME, resetDatabaseConnection, STORE } from '../../src/storage';
import { getDatabase, type FlashcardsDatabase } from '../../src/storage/db';
import { DECK_FORMAT, type DeckFileV1 } from '../../src/domain/deckFormat';
import { createNewCardState } from '../../src/domain/scheduler';
import type { CardRecord } from '../../src/domain/types';

/** A fixed instant: Tuesday 2026-03-10 12:00 UTC (mid-day in most zones, no DST change near). */
export const FIXED_NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** Closes the app's connection and deletes the database, so the next test starts empty. */
export async function deleteAppDatabase(): Promise<void> {
  resetDatabaseConnection();
  await Dexie.delete(DATABASE_NAME);
}

/** The app's database instance (opened lazily), for hooks and direct reads in tests. */
export function appDatabase(): FlashcardsDatabase {
  return getDatabase();
}

/** A small deck file with `count` basic notes `${deckId}-1` ... */
export function smallDeckFile(deckId: string, count: number, name = `Deck ${deckId}`): DeckFileV1 {
  return {
    format: DECK_FORMAT,
    version: 1,
    deck: { id: deckId, name, description: `Test deck ${deckId}` },
    cards: Array.from({ length: count }, (_, index) => ({
      id: `${deckId}-${index + 1}`,
      type: 'basic' as const,
      front: `Question ${index + 1} of ${deckId}`,
      back: `Answer ${index + 1} of ${deckId}`,
    })),
  };
}

/** A stored card record in any queue, for seeding the database directly. */
export function cardRecord(deckId: string, id: string, position: number, overrides: Partial<CardRecord> = {}): CardRecord {
  return {
    id,
    noteId: id,
    deckId,
    template: 'basic',
    ordinal: 0,
    front: `Front ${id}`,
    back: `Back ${id}`,
    tags: [],
    position,
    ...createNewCardState(FIXED_NOW - DAY),
    ...overrides,
  };
}

/**
 * Runs `body` with every review-log add failing in IndexedDB itself (so both
 * Dexie's writes and the answer path's native transaction see it); restores
 * `IDBObjectStore.prototype.add` afterwards.
 */
export async function withFailingLogWrites<T>(body: () => Promise<T>): Promise<T> {
  const prototype = IDBObjectStore.prototype;
  const original = Object.getOwnPropertyDescriptor(prototype, 'add');
  const add = original?.value as (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) => IDBRequest<IDBValidKey>;
  Object.defineProperty(prototype, 'add', {
    configurable: true,
    writable: true,
    value(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === STORE.reviews) throw new DOMException('Injected failure while writing the review log', 'UnknownError');
      return add.apply(this, args);
    },
  });
  try {
    return await body();
  } finally {
    if (original) Object.defineProperty(prototype, 'add', original);
  }
}

/**
 * Runs `body` with every write (put, add) to the object store `storeName`
 * failing in IndexedDB itself as on a full disk (QuotaExceededError), so a
 * screen's save fails the way it would on a device; restores the prototype
 * afterwards.
 */
export async function withFullStorageFor<T>(storeName: string, body: () => Promise<T>): Promise<T> {
  const prototype = IDBObjectStore.prototype;
  const originals = (['put', 'add'] as const).map((method) => [method, Object.getOwnPropertyDescriptor(prototype, method)] as const);
  for (const [method, original] of originals) {
    const write = original?.value as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest<IDBValidKey>;
    Object.defineProperty(prototype, method, {
      configurable: true,
      writable: true,
      value(this: IDBObjectStore, ...args: unknown[]) {
        if (this.name === storeName) throw new DOMException('Injected: the quota has been exceeded.', 'QuotaExceededError');
        return write.apply(this, args);
      },
    });
  }
  try {
    return await body();
  } finally {
    for (const [method, original] of originals) if (original) Object.defineProperty(prototype, method, original);
  }
}
