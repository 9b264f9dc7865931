import { expect, test } from '@playwright/test';
import { CardQueue, CardState } from '../../src/domain/types';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';

const DECK = 'leech-check';
const NOTICE =
  'This card has lapsed 8 times: it is a leech. It was suspended and tagged “leech”; find it in Browse to rewrite it or bring it back.';

interface SeenCard {
  id: string;
  noteId: string;
  front: string;
  queue: number;
  lapses: number;
  tags: string[];
}

test('a leech is suspended after its 8th lapse: the user is told, the note is tagged, the home stops counting it', async ({ page }) => {
  const home = new HomePage(page);
  const app = new AppBrowser(page);
  await home.open();
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseText(`${DECK}.csv`, 'text/csv', 'Front,Back\nThe forgotten question?,Its answer\nAnother question?,Another answer\n');
  await expect(importer.deckNameField).toHaveValue(DECK);
  await importer.confirm();

  // The first card becomes a review card due now that has lapsed 7 times.
  const cardsOf = async () => ((await app.storedRecords(['cards']))?.cards ?? []) as SeenCard[];
  const leech = (await cardsOf()).find((card) => card.front === 'The forgotten question?');
  if (!leech) throw new Error('the imported card is not stored');
  const now = await page.evaluate(() => Date.now());
  await app.updateStoredCard(leech.id, {
    state: CardState.Review,
    queue: CardQueue.Review,
    due: now - 60_000,
    stability: 6,
    difficulty: 7,
    elapsedDays: 6,
    scheduledDays: 6,
    learningSteps: 0,
    reps: 20,
    lapses: 7,
    lastReview: now - 6 * 86_400_000,
  });

  await importer.goHome();
  const review = await home.openDeck(DECK);
  expect(await review.questionText()).toBe('The forgotten question?');
  await review.reveal();
  await review.answer('Again');

  await expect(page.getByRole('status').filter({ hasText: NOTICE })).toBeVisible();
  expect(await review.questionText()).toBe('Another question?');
  expect(await review.remainingText()).toBe('Remaining cards: 1 new, 0 learning, 0 due');

  await expect.poll(async () => (await cardsOf()).find((card) => card.id === leech.id)).toMatchObject({ queue: CardQueue.Suspended, lapses: 8 });
  const notes = ((await app.storedRecords(['notes']))?.notes ?? []) as { id: string; tags: string[] }[];
  expect(notes.find((note) => note.id === leech.noteId)?.tags).toContain('leech');

  // A reload keeps it suspended and out of the counts.
  await page.reload();
  await expect(review.cardOrDone).toBeVisible();
  expect(await review.questionText()).toBe('Another question?');
  await review.goHome();
  await expect.poll(() => home.countsOf(DECK)).toBe('1 new, 0 learning, 0 due');
});
