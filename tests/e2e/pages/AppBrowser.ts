/**
 * The app's side of the browser, below the screens: opening a URL (on the
 * config's origin or another server's), the service worker and its "new
 * version" prompt, and what IndexedDB holds, read with the native API inside
 * the page. The database is opened without a version, so a test never
 * upgrades it, under the app's own name (DATABASE_NAME). `storedReviews`
 * needs the app to have created its database first. `storedCollection`
 * reads any schema version (for the upgrade test), so it names records by
 * content, never by a log's id.
 */
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { CardQueue, DEFAULT_OPTIONS_ID, type CardQueueValue, type CardStateValue, type RatingValue } from '../../../src/domain/types';
import { DATABASE_NAME } from '../../../src/storage/db';

/** The card's scheduling state before an answer, as the log stores it. */
export type StoredSnapshot = Record<string, unknown> & { reps: number; state: CardStateValue; queue: CardQueueValue };

export interface StoredCard {
  id: string;
  deckId: string;
  queue: CardQueueValue;
  state: CardStateValue;
  reps: number;
  lapses: number;
  due: number;
  lastReview: number | null;
}

export interface StoredLog {
  id: string;
  cardId: string;
  deckId: string;
  rating: RatingValue;
  reviewTime: number;
  before: StoredSnapshot;
}

export interface StoredReviews {
  cards: StoredCard[];
  logs: StoredLog[];
}

/**
 * The names the store of answers has had, newest first: schema 2 keeps them
 * in `reviews` (string ids), schema 1 in `reviewLogs` (numeric ids).
 */
export const REVIEW_STORE_NAMES = ['reviews', 'reviewLogs'] as const;

/** What an upgrade must keep of a card: where it is, and its scheduling. */
export interface KeptCard {
  id: string;
  deckId: string;
  state: CardStateValue;
  reps: number;
  lapses: number;
  due: number;
  stability: number;
}

/** What names an answer in every schema version: its card, time and rating (its id changes with the schema). */
export interface KeptLog {
  cardId: string;
  reviewTime: number;
  rating: RatingValue;
}

export interface KeptCollection {
  /** How many answers each store of answers there holds (REVIEW_STORE_NAMES: schema 2 keeps schema 1's until its logs have moved). */
  logsByStore: Record<string, number>;
  decks: { id: string; name: string }[];
  cards: KeptCard[];
  logs: KeptLog[];
}

export class AppBrowser {
  /** @param origin e.g. "http://localhost:4401"; empty for the config's baseURL. */
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  /** Loads `path` on this origin; the response says whether the service worker served it. */
  async goto(path = '/'): Promise<Response | null> {
    return this.page.goto(this.origin + path);
  }

  /** Waits until the service worker is active, then reloads until it controls the page. */
  async waitForServiceWorkerControl(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await this.page.reload();
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }

  /** The "New version available" prompt. */
  get updateBanner(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'New version available' });
  }

  /** The page's visible text with the update prompt left out, whitespace collapsed. */
  async textWithoutBanner(): Promise<string> {
    const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
    let text = squash(await this.page.evaluate(() => document.body.innerText));
    for (const banner of await this.updateBanner.allInnerTexts()) text = text.replace(squash(banner), '');
    return squash(text);
  }

  /**
   * Every record of `stores`, read in one read-only transaction inside the
   * page; null while the app has not created those stores yet.
   */
  async storedRecords(stores: readonly string[]): Promise<Record<string, unknown[]> | null> {
    return this.page.evaluate(
      ({ name, names }) =>
        new Promise<Record<string, unknown[]> | null>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            const db = open.result;
            if (!names.every((store) => db.objectStoreNames.contains(store))) {
              db.close();
              resolve(null);
              return;
            }
            const transaction = db.transaction(names, 'readonly');
            const requests = names.map((store) => transaction.objectStore(store).getAll());
            transaction.oncomplete = () => {
              db.close();
              resolve(Object.fromEntries(names.map((store, index) => [store, requests[index]?.result as unknown[]])));
            };
            transaction.onerror = () => {
              db.close();
              reject(transaction.error ?? new Error(`reading ${names.join(', ')} failed`));
            };
          };
        }),
      { name: DATABASE_NAME, names: [...stores] },
    );
  }

  /** Every card and every review log, in one read-only transaction. */
  async storedReviews(): Promise<StoredReviews> {
    const names = await this.storeNames();
    const reviewStore = REVIEW_STORE_NAMES.find((store) => names.includes(store)) ?? 'reviews';
    const records = await this.storedRecords(['cards', reviewStore]);
    if (!records) throw new Error('The app has not created its database yet.');
    return {
      cards: (records.cards as StoredCard[]).map(({ id, deckId, queue, state, reps, lapses, due, lastReview }) => ({
        id,
        deckId,
        queue,
        state,
        reps,
        lapses,
        due,
        lastReview: lastReview ?? null,
      })),
      logs: (records[reviewStore] as StoredLog[]).map(({ id, cardId, deckId, rating, reviewTime, before }) => ({ id, cardId, deckId, rating, reviewTime, before })),
    };
  }

  /** The object stores of the app's database (empty before the app has created any). */
  async storeNames(): Promise<string[]> {
    return this.page.evaluate(
      (name) =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            const names = Array.from(open.result.objectStoreNames);
            open.result.close();
            resolve(names);
          };
        }),
      DATABASE_NAME,
    );
  }

  /**
   * Decks, cards and answers in any schema version: the answers from the
   * first store of REVIEW_STORE_NAMES the database has, in one read-only
   * transaction with the decks and cards.
   */
  async storedCollection(): Promise<KeptCollection> {
    const names = await this.storeNames();
    const reviewStores = REVIEW_STORE_NAMES.filter((store) => names.includes(store));
    if (reviewStores.length === 0) throw new Error(`No store of answers (${REVIEW_STORE_NAMES.join(' or ')}) among: ${names.join(', ') || 'none'}.`);
    const records = await this.storedRecords(['decks', 'cards', ...reviewStores]);
    if (!records) throw new Error('The app has not created its database yet.');
    const logs = reviewStores.flatMap((store) => records[store] as KeptLog[]);
    return {
      logsByStore: Object.fromEntries(reviewStores.map((store) => [store, records[store]?.length ?? 0])),
      decks: (records.decks as KeptCollection['decks']).map(({ id, name }) => ({ id, name })),
      cards: (records.cards as KeptCard[]).map(({ id, deckId, state, reps, lapses, due, stability }) => ({ id, deckId, state, reps, lapses, due, stability })),
      logs: logs.map(({ cardId, reviewTime, rating }) => ({ cardId, reviewTime, rating })),
    };
  }

  /** How many review logs (answers) IndexedDB holds, in any schema version; 0 before the app has created its stores. */
  async storedLogCount(): Promise<number> {
    const names = await this.storeNames();
    const reviewStore = REVIEW_STORE_NAMES.find((store) => names.includes(store));
    if (!reviewStore) return 0;
    return (await this.storedRecords([reviewStore]))?.[reviewStore]?.length ?? 0;
  }

  async expectStoredLogCount(expected: number): Promise<void> {
    await expect.poll(() => this.storedLogCount()).toBe(expected);
  }

  /** Cards buried until the next study day (siblings of answered cards). */
  async buriedCardCount(): Promise<number> {
    return (await this.storedReviews()).cards.filter((card) => card.queue === CardQueue.Buried).length;
  }

  /** The stored "new cards per day" of an options preset (undefined while nothing is stored). */
  async storedNewPerDay(optionsId = DEFAULT_OPTIONS_ID): Promise<number | undefined> {
    const presets = (await this.storedRecords(['deckOptions']))?.deckOptions as { id: string; newPerDay?: number }[] | undefined;
    return presets?.find((preset) => preset.id === optionsId)?.newPerDay;
  }

  /**
   * Changes one stored card (e.g. to seed a state a test needs), with the
   * native API inside the page; the home's counts cache does not see it
   * until the deck is written again.
   */
  async updateStoredCard(cardId: string, changes: Record<string, unknown>): Promise<void> {
    await this.page.evaluate(
      ({ name, id, patch }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            const db = open.result;
            const transaction = db.transaction('cards', 'readwrite');
            const cards = transaction.objectStore('cards');
            const read = cards.get(id);
            read.onsuccess = () => {
              if (read.result === undefined) transaction.abort();
              else cards.put({ ...(read.result as Record<string, unknown>), ...patch });
            };
            transaction.oncomplete = () => {
              db.close();
              resolve();
            };
            transaction.onabort = () => {
              db.close();
              reject(transaction.error ?? new Error(`no card ${id}`));
            };
          };
        }),
      { name: DATABASE_NAME, id: cardId, patch: changes },
    );
  }

  /**
   * Opens a connection of the test's own and leaves it on `window[key]`, so
   * code run later in the page (an animation frame) can begin a transaction at once.
   */
  async openConnection(key: string): Promise<void> {
    await this.page.evaluate(
      ({ name, key: property }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            Reflect.set(window, property, open.result);
            resolve();
          };
        }),
      { name: DATABASE_NAME, key },
    );
  }
}
