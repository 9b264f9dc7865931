/**
 * The app's side of the browser, below the screens: opening a URL (on the
 * config's origin or another server's), the service worker and its "new
 * version" prompt, and what IndexedDB holds, read with the native API inside
 * the page. The database is opened without a version, so a test never
 * upgrades it, under the app's own name (DATABASE_NAME). Reads other than
 * `storedLogCount` need the app to have created its database first.
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
  id: number;
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

  /** Every card and every review log, in one read-only transaction. */
  async storedReviews(): Promise<StoredReviews> {
    return this.page.evaluate(
      (name) =>
        new Promise<StoredReviews>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('cards') || !db.objectStoreNames.contains('reviewLogs')) {
              db.close();
              reject(new Error('The app has not created its database yet.'));
              return;
            }
            const transaction = db.transaction(['cards', 'reviewLogs'], 'readonly');
            const cards = transaction.objectStore('cards').getAll();
            const logs = transaction.objectStore('reviewLogs').getAll();
            transaction.oncomplete = () => {
              db.close();
              const allCards = cards.result as StoredCard[];
              const allLogs = logs.result as StoredLog[];
              resolve({
                cards: allCards.map(({ id, deckId, queue, state, reps, lapses, due, lastReview }) => ({
                  id,
                  deckId,
                  queue,
                  state,
                  reps,
                  lapses,
                  due,
                  lastReview: lastReview ?? null,
                })),
                logs: allLogs.map(({ id, cardId, deckId, rating, reviewTime, before }) => ({ id, cardId, deckId, rating, reviewTime, before })),
              });
            };
            transaction.onerror = () => {
              db.close();
              reject(transaction.error ?? new Error('reading the review store failed'));
            };
          };
        }),
      DATABASE_NAME,
    );
  }

  /** How many review logs (answers) IndexedDB holds; 0 before the app has created its stores. */
  async storedLogCount(): Promise<number> {
    return this.page.evaluate(
      (name) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('reviewLogs')) {
              db.close();
              resolve(0);
              return;
            }
            const count = db.transaction('reviewLogs').objectStore('reviewLogs').count();
            count.onsuccess = () => {
              db.close();
              resolve(count.result);
            };
            count.onerror = () => reject(count.error ?? new Error('count failed'));
          };
        }),
      DATABASE_NAME,
    );
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
    return this.page.evaluate(
      ({ name, id }) =>
        new Promise<number | undefined>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            const db = open.result;
            const request = db.transaction('deckOptions').objectStore('deckOptions').get(id);
            request.onsuccess = () => {
              db.close();
              resolve((request.result as { newPerDay?: number } | undefined)?.newPerDay);
            };
          };
        }),
      { name: DATABASE_NAME, id: optionsId },
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
