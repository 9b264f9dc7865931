/**
 * Two tabs of the app studying the same cards: they answer in turn, and
 * IndexedDB must never hold a card answered twice from the same state, nor a
 * log its card does not reflect. Then an undo in one tab of an answer the
 * other tab has built on since must change nothing and say so.
 *
 *   npx vite build --outDir dist-e2e-dur
 *   BUILD_OUT_DIR=dist-e2e-dur E2E_PORT=4393 npx playwright test tests/e2e/twoTabs.spec.ts
 */
import { expect, test, type Page } from '@playwright/test';
import { Rating } from '../../src/domain/types';
import { AppBrowser, type StoredReviews } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { ReviewPage, type RatingName } from './pages/ReviewPage';
import { cardLogProblems, doubleAnswerProblems, logsByCard } from './pages/reviewInvariants';

/** Turns per tab in the first part. */
const TURNS_PER_TAB = 10;

/** The review screen shows a card to study (or the end of the session). */
async function settledScreen(page: Page): Promise<void> {
  await expect(new ReviewPage(page).cardOrDone).toBeVisible({ timeout: 10_000 });
}

/**
 * Answers whatever card `page` shows: Show answer, then `rating`. A tab may
 * switch cards meanwhile (the other tab answered its card), so a turn that
 * loses its buttons starts again on the card now shown. Returns the question.
 */
async function answerShownCard(page: Page, rating: RatingName): Promise<string> {
  const review = new ReviewPage(page);
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    try {
      await expect(review.showAnswerButton).toBeVisible({ timeout: 10_000 });
      const question = await review.questionText();
      // A tap on "Show answer" right after a rating tap at the same spot counts as a double tap: tap again if it was ignored.
      await expect(async () => {
        if (await review.showAnswerButton.isVisible()) await review.showAnswerButton.click({ timeout: 2_000 });
        await expect(review.ratingButton(rating)).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 8_000 });
      await review.ratingButton(rating).click({ timeout: 2_000 });
      await settledScreen(page);
      return question;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** Waits until no write is landing any more: the same number of logs twice, 300 ms apart. */
async function writesSettled(page: Page): Promise<void> {
  let previous = -1;
  await expect
    .poll(
      async () => {
        const count = await new AppBrowser(page).storedLogCount();
        const isStill = count === previous;
        previous = count;
        return isStill;
      },
      { intervals: [300], timeout: 10_000 },
    )
    .toBe(true);
}

/** Texts of the page's alerts and status messages (loading placeholders left out). */
async function messages(page: Page): Promise<string[]> {
  const texts = await page.getByRole('alert').or(page.getByRole('status')).allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text.length > 3 && !/^Loading/.test(text));
}

function expectNoDoubleOrLostAnswers(stored: StoredReviews, when: string): void {
  expect.soft(doubleAnswerProblems(stored), `${when}: (a) a card answered twice from the same state`).toEqual([]);
  expect.soft(cardLogProblems(stored), `${when}: (b) a log its card does not reflect`).toEqual([]);
}

test('two tabs answering in turn never answer a card twice from the same state, and an undo never rolls back the other tab', async ({
  context,
}) => {
  test.setTimeout(90_000);
  // A fake clock for the whole context (time still flows), so the undo part can jump both tabs ahead.
  await context.clock.install();
  const pageA = await context.newPage();
  const pageB = await context.newPage();
  const a = new ReviewPage(pageA);
  const b = new ReviewPage(pageB);
  const storedA = new AppBrowser(pageA);

  await new HomePage(pageA).open();
  await b.open('/study/all');
  await a.open('/study/all');
  await settledScreen(pageA);
  await settledScreen(pageB);

  // Part 1: A, B, A, B, ... each answers Good on whatever card it shows.
  const turns: string[] = [];
  for (let turn = 0; turn < TURNS_PER_TAB; turn += 1) {
    turns.push(`A: ${await answerShownCard(pageA, 'Good')}`);
    turns.push(`B: ${await answerShownCard(pageB, 'Good')}`);
  }
  await writesSettled(pageA);
  const afterTurns = await storedA.storedReviews();
  console.log(
    `Two tabs, ${turns.length} turns: ${afterTurns.logs.length} logs for ${logsByCard(afterTurns.logs).size} cards; ` +
      `${doubleAnswerProblems(afterTurns).length} double-answer problems, ${cardLogProblems(afterTurns).length} card/log problems`,
  );
  expect(afterTurns.logs.length, 'some answers were stored').toBeGreaterThan(0);
  expectNoDoubleOrLostAnswers(afterTurns, 'after the tabs answered in turn');

  // Part 2: A answers X with Again (learning, due in 1 minute), from a fresh load so X is a card nobody answered.
  await pageA.reload();
  await settledScreen(pageA);
  const logsBefore = afterTurns.logs.length;
  const questionX = await answerShownCard(pageA, 'Again');
  await expect.poll(() => storedA.storedLogCount(), { message: "A's Again on X is stored" }).toBe(logsBefore + 1);
  const afterA = await storedA.storedReviews();
  const logA = afterA.logs.reduce((newest, log) => (log.id > newest.id ? log : newest));
  expect(logA.rating, 'the newest log is A’s Again').toBe(Rating.Again);
  expect(logA.before.reps, 'X had never been answered').toBe(0);
  const idX = logA.cardId;

  // Two minutes later (both tabs' clocks), B loads the stored state: X is due, so B shows it first and answers Good.
  await context.clock.fastForward('02:00');
  await pageB.reload();
  await settledScreen(pageB);
  expect(await b.questionText(), 'B shows X (the only learning card due)').toBe(questionX);
  await answerShownCard(pageB, 'Good');
  await expect.poll(async () => logsByCard((await storedA.storedReviews()).logs).get(idX)?.length, { message: "B's Good on X is stored" }).toBe(2);
  await writesSettled(pageA);
  const beforeUndo = await storedA.storedReviews();
  const logB = logsByCard(beforeUndo.logs).get(idX)!.at(-1)!;
  expect(logB.before.reps, 'B answered X from the state A left').toBe(1);

  // A's last answer is X's, which B has built on since: Undo in A must change nothing, and say so.
  const messagesBefore = new Set(await messages(pageA));
  await a.undo();
  let newMessages: string[] = [];
  await expect
    .configure({ soft: true })
    .poll(
      async () => {
        newMessages = (await messages(pageA)).filter((text) => !messagesBefore.has(text));
        return newMessages.length;
      },
      { message: 'A explains why it did not undo (a new role=alert or role=status message)', timeout: 5_000 },
    )
    .toBeGreaterThan(0);
  await writesSettled(pageA);
  const afterUndo = await storedA.storedReviews();
  const cardX = afterUndo.cards.find((card) => card.id === idX);
  const logsX = logsByCard(afterUndo.logs).get(idX) ?? [];
  console.log(
    `Undo in A after B answered X: X.reps ${cardX?.reps} (expected 2), X.lastReview ${cardX?.lastReview} (B's answer: ${logB.reviewTime}), ` +
      `X has ${logsX.length} logs (expected 2), message: ${JSON.stringify(newMessages)}`,
  );
  expect.soft(cardX?.reps, 'X still reflects both answers').toBe(2);
  expect.soft(cardX?.lastReview, "X's last review is still B's answer").toBe(logB.reviewTime);
  expect.soft(logsX.map((log) => log.id), 'both logs of X are still there').toEqual([logA.id, logB.id]);
  expect.soft(afterUndo, 'the refused undo changed nothing in storage').toEqual(beforeUndo);
  expectNoDoubleOrLostAnswers(afterUndo, 'after the undo');
});
