import { expect, test } from '@playwright/test';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { ReviewPage } from './pages/ReviewPage';
import { screenshotPath } from './pages/screenshots';

const RED_FLAGS = 'Failure & Learning: Red Flags';

test('study a deck on a phone: show answer, Good, next card, Undo, and progress survives a reload', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const newBefore = await home.newCountOf(RED_FLAGS);

  const review = await home.openDeck(RED_FLAGS);
  const first = await review.questionText();
  await page.screenshot({ path: screenshotPath('question') });
  await review.reveal();
  await expect(review.ratingButton('Good')).toHaveAccessibleName(/^Good · 10m$/);
  await expect(review.ratingButton('Again')).toHaveAccessibleName(/^Again · 1m$/);
  await page.screenshot({ path: screenshotPath('answer') });
  await review.answer('Good');

  await expect(review.showAnswerButton).toBeFocused();
  const second = await review.questionText();
  expect(second).not.toBe(first);
  expect(await review.remainingText()).toMatch(/1 learning/);

  await review.undo();
  await expect.poll(() => review.questionText()).toBe(first);
  expect(await review.remainingText()).toMatch(/0 learning/);

  await review.studyCard('Good');
  await expect.poll(() => review.questionText()).toBe(second);

  await page.reload();
  await expect(review.showAnswerButton).toBeVisible();
  expect(await review.remainingText()).toMatch(/1 learning/);
  await review.goHome();
  // The answered card's siblings (other clozes of its note) wait until tomorrow.
  const buried = await new AppBrowser(page).buriedCardCount();
  await expect.poll(() => home.countsOf(RED_FLAGS)).toBe(`${newBefore - 1 - buried} new, 1 learning, 0 due`);
});

test('the review screen fits a 360 px phone with thumb-sized targets', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const home = new HomePage(page);
  await home.open();
  const review = await home.openDeck(RED_FLAGS);
  await review.reveal();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const button of await page.getByRole('button').all()) {
    const box = await button.boundingBox();
    expect(box, await button.innerText()).not.toBeNull();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
  // The rating buttons sit at the bottom of the screen, within thumb reach.
  const good = await review.ratingButton('Good').boundingBox();
  expect(good!.y + good!.height).toBeGreaterThan(740 - 80);
});

test('finishing a deck ends the session with a way back home', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const count = await home.finishDeck(RED_FLAGS);
  const review = new ReviewPage(page);
  await expect(review.doneHeading).toBeVisible();
  await expect(page.getByText(`You reviewed ${count} cards.`)).toBeVisible();
  await review.backToHome();
  await expect.poll(() => home.countsOf(RED_FLAGS)).toBe('0 new, 0 learning, 0 due');
});

test.describe('desktop keyboard', () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

  test('keyboard-only: reach a deck, reveal with Space, rate with 1-4, undo with U and Ctrl+Z', async ({ page }) => {
    const home = new HomePage(page);
    await home.open();
    const studyButton = home.studyButton(RED_FLAGS);
    for (let presses = 0; presses < 20; presses += 1) {
      await page.keyboard.press('Tab');
      if (await studyButton.evaluate((element) => element === document.activeElement)) break;
    }
    await expect(studyButton).toBeFocused();
    await page.keyboard.press('Enter');

    const review = new ReviewPage(page);
    await expect(review.showAnswerButton).toBeFocused();
    const first = await review.questionText();
    await page.keyboard.press('Space');
    await expect(review.ratingButton('Good')).toBeVisible();
    await page.keyboard.press('3');
    await expect(review.showAnswerButton).toBeFocused();
    const second = await review.questionText();
    expect(second).not.toBe(first);

    await page.keyboard.press('u');
    await expect.poll(() => review.questionText()).toBe(first);
    await expect(review.showAnswerButton).toBeFocused();

    await page.keyboard.press('Enter');
    await page.keyboard.press('4');
    await expect.poll(() => review.questionText()).toBe(second);
    await page.keyboard.press('Control+z');
    await expect.poll(() => review.questionText()).toBe(first);
  });
});
