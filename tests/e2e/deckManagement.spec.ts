import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/HomePage';

const CAPITALS_CSV = fileURLToPath(new URL('../fixtures/e2e/world-capitals.csv', import.meta.url));
const QUESTIONS = 'Failure & Learning: Questions';

/** The numbers of "56 cards today: 56 new, 0 due". */
async function totals(home: HomePage): Promise<{ all: number; new: number; due: number }> {
  const [all, fresh, due] = ((await home.totalDue.innerText()).match(/\d+/g) ?? []).map(Number);
  return { all: all ?? NaN, new: fresh ?? NaN, due: due ?? NaN };
}

test('rename a deck and delete another (its cards gone from every count)', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const before = await totals(home);

  const importer = await home.openImport();
  await importer.choose(CAPITALS_CSV);
  await importer.confirm();
  await expect(importer.status).toContainText('Imported 3 cards');
  await importer.goHome();
  await expect.poll(() => home.countsOf('world-capitals')).toBe('3 new, 0 learning, 0 due');
  await expect.poll(() => totals(home)).toEqual({ all: before.all + 3, new: before.new + 3, due: before.due });

  // Rename a built-in deck: home shows it under its group by the new name.
  const questions = await home.openDeckOptions(QUESTIONS);
  await questions.rename('Failure & Learning: Stories');
  await questions.goHome();
  await expect(home.deckHeading('Failure & Learning: Stories')).toHaveText('Stories');
  await expect(home.studyButton(QUESTIONS)).toHaveCount(0);

  // Delete the imported deck: the confirmation names what goes, then it is gone from every count.
  const capitals = await home.openDeckOptions('world-capitals');
  await capitals.askToDelete();
  await expect(capitals.deleteConfirmation).toContainText('Delete “world-capitals” with its 3 notes, 3 cards and 0 answers? This cannot be undone.');
  await capitals.confirmDelete();
  await expect(home.deckHeading('world-capitals')).toHaveCount(0);
  await expect.poll(() => totals(home)).toEqual(before);

  // After a reload too (nothing of it stored), and "study all" never shows its cards.
  await page.reload();
  await home.waitForDecks();
  await expect(home.deckHeading('world-capitals')).toHaveCount(0);
  expect(await totals(home)).toEqual(before);
  const review = await home.studyAll();
  expect(await review.questionText()).not.toMatch(/^Capital of/);
});
