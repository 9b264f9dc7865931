/**
 * A cold start paints the home with its real counts before React's code has
 * arrived, and a tap on that first paint is not lost: React's chunk is held
 * back by the test, the home is read, "Study" is tapped, and when React
 * arrives it opens that deck.
 */
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/HomePage';
import { ReviewPage } from './pages/ReviewPage';

const QUESTIONS = 'Failure & Learning: Questions';

// Without a service worker, so the test's network hold-back sees the requests.
test.use({ serviceWorkers: 'block' });

test('the home is painted with its counts before React has loaded, and a tap there opens the deck', async ({ page }) => {
  const home = new HomePage(page);
  await home.open(); // the first visit installs the built-in decks

  // Hold back the React app's chunk (the one index.html preloads besides the entry).
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/app-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.reload({ waitUntil: 'commit' });

  await expect(home.heading).toBeVisible();
  await expect(home.totalDue).toBeVisible();
  await expect(home.deckRow(QUESTIONS).getByText(/^\d+ new, \d+ learning, \d+ due$/)).toBeAttached();
  expect(await page.evaluate(() => performance.getEntriesByName('app:mount').length)).toBe(0); // React is not there yet

  await home.studyButton(QUESTIONS).click();
  await expect(page).toHaveURL(/\/study\/failure-learning-questions$/);
  release();
  const review = new ReviewPage(page);
  await expect(review.showAnswerButton).toBeVisible();
  await expect(review.question).not.toBeEmpty();
});
