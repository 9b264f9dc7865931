/**
 * Browse and edit in a real Chromium at 390x844: find a card by a word of
 * its back, edit its front and see the new text in review, suspend a card
 * (gone from study and the home counts), bury one (back the next study day,
 * with the clock moved), and add a cloze note whose two cards are studied.
 */
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { BrowsePage } from './pages/BrowsePage';
import { HomePage } from './pages/HomePage';
import { ReviewPage } from './pages/ReviewPage';
import type { ImportPage } from './pages/ImportPage';

const CAPITALS_CSV = fileURLToPath(new URL('../fixtures/e2e/world-capitals.csv', import.meta.url));
const CAPITALS = 'world-capitals';
const START = new Date('2026-12-07T10:00:00Z');
const DAY_MS = 86_400_000;

async function importCapitals(page: Page): Promise<HomePage> {
  const home = new HomePage(page);
  await home.open();
  const importer: ImportPage = await home.openImport();
  await importer.choose(CAPITALS_CSV);
  await importer.confirm();
  await importer.goHome();
  return home;
}

test('find a card by its back, edit its front, suspend one and bury one until the next day', async ({ page }) => {
  await page.clock.install({ time: START });
  const home = await importCapitals(page);

  const browse = new BrowsePage(page);
  await browse.open();
  await browse.searchFor('nairobi');
  await expect(browse.rows()).toHaveCount(1);
  await expect(browse.rows().first()).toContainText('Capital of Kenya?');
  const editor = await browse.edit('Capital of Kenya?');
  await editor.field('Front').fill('Which city is the capital of Kenya?');
  await editor.save();
  await expect(browse.heading).toBeVisible();

  await browse.filterByDeck(CAPITALS);
  await expect(browse.count).toHaveText('3 cards');
  await expect(browse.list.getByRole('link', { name: 'Which city is the capital of Kenya?' })).toBeVisible();
  await browse.select('Capital of France?');
  await browse.act('Suspend');
  await browse.clearSelection();
  await browse.select('Capital of Japan?');
  await browse.act('Bury until tomorrow');

  await browse.goHome();
  await expect.poll(() => home.countsOf(CAPITALS)).toBe('1 new, 0 learning, 0 due');
  const review = await home.openDeck(CAPITALS);
  expect(await review.questionText()).toBe('Which city is the capital of Kenya?');
  await review.studyCard('Easy');
  await expect(review.doneHeading).toBeVisible();

  // The next study day: the buried card is back, the suspended one is not.
  await page.clock.setSystemTime(new Date(START.getTime() + DAY_MS));
  await home.open();
  await expect.poll(() => home.countsOf(CAPITALS)).toBe('1 new, 0 learning, 0 due');
  const nextDay = await home.openDeck(CAPITALS);
  expect(await nextDay.questionText()).toBe('Capital of Japan?');
});

test('add a cloze note with two deletions from Browse and study both of its cards', async ({ page }) => {
  await page.clock.install({ time: START });
  const home = await importCapitals(page);

  // Set the deck's own cards aside, so the session holds only the new note's cards.
  const browse = new BrowsePage(page);
  await browse.open();
  await browse.filterByDeck(CAPITALS);
  await page.getByRole('button', { name: 'Select all shown' }).click();
  await browse.act('Suspend');

  const editor = await browse.openAdd();
  await editor.chooseDeck(CAPITALS);
  await editor.chooseType('Cloze');
  await editor.field('Text, with each answer as {{c1::answer}}').fill('The capital of {{c1::Peru}} is {{c2::Lima}}');
  await expect(editor.preview).toHaveCount(2);
  await editor.add();

  await editor.goHome();
  await expect.poll(() => home.countsOf(CAPITALS)).toBe('2 new, 0 learning, 0 due');
  const review = await home.openDeck(CAPITALS);
  expect(await review.questionText()).toBe('The capital of [...] is Lima');
  await review.reveal();
  await expect(review.answerRegion).toContainText('The capital of Peru is Lima');
  await review.answer('Easy');
  // Its sibling waits for the next study day (bury siblings, on by default).
  await expect(review.doneHeading).toBeVisible();

  await page.clock.setSystemTime(new Date(START.getTime() + DAY_MS));
  await home.open();
  const nextDay = await home.openDeck(CAPITALS);
  expect(await nextDay.questionText()).toBe('The capital of Peru is [...]');
});

test('edit the card under review with "e": the same card shows the new text and its answer keeps it', async ({ page }) => {
  const review = new ReviewPage(page);
  await review.open('/study/failure-learning-red-flags');
  await review.questionText();
  await review.reveal();
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: 'Edit note' });
  await expect(dialog).toBeVisible();
  const front = dialog.getByRole('textbox', { name: 'Front', exact: true }).or(dialog.getByRole('textbox', { name: 'Text, with each answer as {{c1::answer}}', exact: true }));
  await front.fill(`${await front.inputValue()} (edited)`);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(review.card).toContainText('(edited)');
  await expect(review.answerRegion).toBeVisible();
  await review.answer('Good');
  await expect(review.cardOrDone).toBeVisible();
});
