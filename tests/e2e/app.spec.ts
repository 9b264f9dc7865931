import { expect, test } from '@playwright/test';
import { HomePage } from './pages/HomePage';
import { screenshotPath } from './pages/screenshots';

const DECKS = ['Failure & Learning: Questions', 'Failure & Learning: Red Flags', 'Failure & Learning: Mindset & Postmortems'];

test('the built app opens at a phone viewport and shows the built-in decks', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  for (const deck of DECKS) {
    await expect(home.deckHeading(deck)).toBeVisible();
    expect(await home.countsOf(deck)).toMatch(/^\d+ new, 0 learning, 0 due$/);
  }
  await expect(home.studyAllButton).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  // Nothing scrolls sideways on a 390 px wide phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: screenshotPath('home') });
});
