/**
 * What a button says is what happens, in a real Chromium: the interval on a
 * rating button is the interval the stored card gets (fuzz included), a
 * double tap on a rating never reveals the next card, a first visit straight
 * to a study link shows the deck's cards, and the end screen tells cards from
 * answers.
 */
import { expect, test } from '@playwright/test';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { ReviewPage } from './pages/ReviewPage';

const RED_FLAGS = 'Failure & Learning: Red Flags';
const QUESTIONS = 'Failure & Learning: Questions';

/** The app's own interval label for a span (the same rules as `formatInterval`). */
function intervalLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const days = Math.round(ms / 86_400_000);
  if (Math.round(ms / 3_600_000) < 24) return `${Math.round((ms / 3_600_000) * 10) / 10}h`;
  if (days < 30) return `${days}d`;
  return `${Math.round((ms / (30 * 86_400_000)) * 10) / 10}mo`;
}

test('every rating button’s interval is the interval the card is given, fuzz included', async ({ page }) => {
  const home = new HomePage(page);
  const app = new AppBrowser(page);
  await home.open();
  const review = await home.openDeck(QUESTIONS);
  const ratings = ['Easy', 'Good', 'Easy', 'Hard', 'Easy', 'Easy', 'Again', 'Easy'] as const;
  for (const rating of ratings) {
    await review.reveal();
    const name = await review.ratingButton(rating).getAttribute('aria-label');
    const label = /· (.+)$/.exec(name ?? '')?.[1];
    expect(label, `the ${rating} button shows an interval`).toBeTruthy();
    // A person takes a moment before tapping: the clock moves on between preview and answer.
    await page.waitForTimeout(120);
    const before = (await app.storedReviews()).logs.length;
    await review.answer(rating);
    await expect.poll(async () => (await app.storedReviews()).logs.length).toBe(before + 1);
    const { cards, logs } = await app.storedReviews();
    const log = logs.reduce((latest, entry) => (entry.id > latest.id ? entry : latest));
    const card = cards.find((candidate) => candidate.id === log.cardId);
    expect(card?.lastReview).toBe(log.reviewTime);
    expect(intervalLabel((card?.due ?? 0) - log.reviewTime), `${rating} said ${label}`).toBe(label);
  }
});

test('a quick double tap on a rating answers once and does not reveal the next card', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const review = await home.openDeck(RED_FLAGS);
  await review.reveal();
  await review.ratingButton('Good').dblclick();
  await expect(review.showAnswerButton).toBeVisible();
  await expect(review.answerRegion).toHaveCount(0);
  await expect.poll(async () => (await new AppBrowser(page).storedReviews()).logs.length).toBe(1);
  // A separate tap on "Show answer" still works.
  await review.reveal();
});

test('a first visit straight to a study link shows the deck’s cards, not “All done”', async ({ page }) => {
  const review = new ReviewPage(page);
  await review.open('/study/failure-learning-red-flags');
  await expect(review.showAnswerButton).toBeVisible();
  expect((await review.questionText()).length).toBeGreaterThan(0);
  await expect(review.doneHeading).toHaveCount(0);
});

test('the end screen counts cards and answers apart, after learning cards came back early', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const review = await home.openDeck(RED_FLAGS);
  // Good on a new card: due again in 10 minutes, within the 20-minute learn-ahead limit.
  let answers = 0;
  const cards = new Set<string>();
  while (answers < 200) {
    await expect(review.cardOrDone).toBeVisible();
    if (await review.doneHeading.isVisible()) break;
    cards.add(await review.questionText());
    await review.studyCard(answers % 2 === 0 ? 'Good' : 'Easy');
    answers += 1;
  }
  await expect(review.doneHeading).toBeVisible();
  expect(answers).toBeGreaterThan(cards.size);
  await expect(page.getByText(`You reviewed ${cards.size} cards. ${answers} answers in all.`)).toBeVisible();
});
