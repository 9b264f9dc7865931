/**
 * The app's side of the browser, below the screens: opening a URL (on the
 * config's origin or another server's), the service worker and its "new
 * version" prompt, and what IndexedDB holds, read with the native API inside
 * the page. The database is opened without a version, so a test never
 * upgrades it, under the app's own name (DATABASE_NAME). `storedReviews`
 * needs the app to have created its database first.
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
    const records = await this.storedRecords(['cards', 'reviewLogs']);
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
      logs: (records.reviewLogs as StoredLog[]).map(({ id, cardId, deckId, rating, reviewTime, before }) => ({ id, cardId, deckId, rating, reviewTime, before })),
    };
  }

  /** How many review logs (answers) IndexedDB holds; 0 before the app has created its stores. */
  async storedLogCount(): Promise<number> {
    return (await this.storedRecords(['reviewLogs']))?.reviewLogs?.length ?? 0;
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
