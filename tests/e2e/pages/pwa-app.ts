/**
 * Page object for the PWA end-to-end tests: opening the app, waiting for the
 * service worker, studying cards through the UI contract (role-based
 * locators), and reading how many answers IndexedDB holds.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type Rating = 'Again' | 'Hard' | 'Good' | 'Easy';

export class PwaApp {
  /** @param origin e.g. "http://localhost:4401"; empty to use the config's baseURL. */
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  get todayHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Today' });
  }

  get updateBanner(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'New version available' });
  }

  async open(path = '/') {
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

  async startStudy(): Promise<void> {
    await this.page.getByRole('button', { name: /^Study / }).first().click();
  }

  async showAnswer(): Promise<void> {
    await this.page.getByRole('button', { name: 'Show answer' }).click();
  }

  async answer(rating: Rating): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${rating}`) }).click();
  }

  /** Show answer, then rate: one card studied. */
  async review(rating: Rating): Promise<void> {
    await this.showAnswer();
    await this.answer(rating);
  }

  /** Answers stored in IndexedDB (the app's `reviewLogs` store), 0 before the first. */
  async storedReviewCount(): Promise<number> {
    return this.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('interview-flashcards');
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
    );
  }

  async expectStoredReviewCount(expected: number): Promise<void> {
    await expect.poll(() => this.storedReviewCount()).toBe(expected);
  }

  /** The page's visible text with the update banner left out, whitespace collapsed. */
  async textWithoutBanner(): Promise<string> {
    return this.page.evaluate(() => {
      const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
      let text = squash(document.body.innerText);
      for (const banner of document.querySelectorAll<HTMLElement>('[data-pwa="update-banner"]')) {
        text = text.replace(squash(banner.innerText), '');
      }
      return squash(text);
    });
  }
}
