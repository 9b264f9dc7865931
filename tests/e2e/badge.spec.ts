// The app icon's badge (Badging API) in Chromium, with `navigator.setAppBadge`
// spied on before the app's code runs: set to the home's total at start and
// after answers, cleared when nothing is left.
import { expect, test, type Page } from '@playwright/test';
import { HomePage } from './pages/HomePage';

declare global {
  interface Window {
    badgeCalls: (number | 'clear')[];
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.badgeCalls = [];
    const badging = navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
    badging.setAppBadge = (count?: number) => {
      window.badgeCalls.push(count ?? 0);
      return Promise.resolve();
    };
    badging.clearAppBadge = () => {
      window.badgeCalls.push('clear');
      return Promise.resolve();
    };
  });
});

const lastBadge = (page: Page) => page.evaluate(() => window.badgeCalls.at(-1) ?? null);

async function homeTotal(home: HomePage): Promise<number> {
  const text = (await home.totalDue.textContent()) ?? '';
  return Number(/^(\d+)/.exec(text)?.[1]);
}

test("the badge shows the home's total at start and follows the answers", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const before = await homeTotal(home);
  expect(before).toBeGreaterThan(5);
  await expect.poll(() => lastBadge(page), { timeout: 10_000 }).toBe(before);

  const review = await home.studyAll();
  for (let answered = 0; answered < 3; answered += 1) await review.studyCard('Easy');
  // Answered Easy, new cards leave today's total (and bury their siblings): the badge drops while the review is still open.
  await expect.poll(async () => Number(await lastBadge(page)), { timeout: 10_000 }).toBeLessThanOrEqual(before - 3);
  await home.open();
  const after = await homeTotal(home);
  await expect.poll(() => lastBadge(page), { timeout: 10_000 }).toBe(after);
});
