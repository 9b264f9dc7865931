// Identity: an import never moves or changes another deck's cards silently
// (issue 13's three cases, each of which version 1 got wrong), and exports
// come back as the same notes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppBrowser, type StoredCard } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';
import { SettingsPage } from './pages/SettingsPage';

const CHAPTER_MD = new URL('../fixtures/seeds/03-failure-learning.md', import.meta.url);
const BUILT_IN_DECKS = ['Failure & Learning: Questions', 'Failure & Learning: Mindset & Postmortems', 'Failure & Learning: Red Flags'];

function deckJson(deckId: string, name: string, backs: readonly [string, string]): string {
  return JSON.stringify({
    format: 'interview-flashcards/deck',
    version: 1,
    deck: { id: deckId, name, description: '' },
    cards: [
      { id: 'q1', type: 'basic', front: 'What does STAR stand for?', back: backs[0] },
      { id: 'q2', type: 'basic', front: 'Name one red flag', back: backs[1] },
    ],
  });
}

/** Imports a file through the Import screen, checks the preview says `expected` (each a text on screen), and confirms. */
async function importText(page: Page, name: string, mimeType: string, text: string, expected: readonly (string | RegExp)[], deckName?: string): Promise<void> {
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseText(name, mimeType, text);
  for (const line of expected) await expect(page.getByText(line)).toBeVisible();
  if (deckName !== undefined) await expect(importer.deckNameField).toHaveValue(deckName);
  await importer.confirm();
}

/** Studies the first card of a deck with `rating`; returns that card as stored after the answer. */
async function studyOne(page: Page, deckName: string, rating: 'Good' | 'Easy'): Promise<StoredCard> {
  const home = new HomePage(page);
  await home.open();
  const review = await home.openDeck(deckName);
  const before = await new AppBrowser(page).storedReviews();
  await review.reveal();
  await review.answer(rating);
  await expect.poll(async () => (await new AppBrowser(page).storedReviews()).logs.length).toBe(before.logs.length + 1);
  const after = await new AppBrowser(page).storedReviews();
  const studied = after.cards.find((card) => card.reps > (before.cards.find((old) => old.id === card.id)?.reps ?? 0));
  if (!studied) throw new Error('no card was answered');
  return studied;
}

async function cardsAndLogs(page: Page) {
  return new AppBrowser(page).storedReviews();
}

test('two deck files with the same card ids stay two decks: the first keeps its cards and history', async ({ page }) => {
  await importText(page, 'my-deck.json', 'application/json', deckJson('my-deck', 'My deck', ['Situation, Task, Action, Result', 'Blaming others']), ['2 new, 0 updated, 0 unchanged']);
  const studied = await studyOne(page, 'My deck', 'Easy');
  const home = new HomePage(page);
  await home.open();
  const countsBefore = await home.allCounts();
  const storedBefore = await cardsAndLogs(page);

  await importText(page, 'other-deck.json', 'application/json', deckJson('other-deck', 'Other deck', ['(other file)', '(other file)']), [
    '2 new, 0 updated, 0 unchanged',
    '2 notes have the same ids as notes in “My deck”. Those stay where they are; this file adds its own.',
  ]);

  await home.open();
  const countsAfter = await home.allCounts();
  expect(countsAfter).toEqual({ ...countsBefore, 'Other deck': '2 new, 0 learning, 0 due' });
  const storedAfter = await cardsAndLogs(page);
  for (const card of storedBefore.cards) expect(storedAfter.cards.find((stored) => stored.id === card.id)).toEqual(card);
  expect(storedAfter.cards.find((card) => card.id === studied.id)).toEqual(studied);
  expect(storedAfter.logs).toEqual(storedBefore.logs);
});

test('two CSV files with the same front: the studied card keeps its deck, back and schedule', async ({ page }) => {
  await importText(page, 'star-a.csv', 'text/csv', 'Front,Back\nWhat does STAR stand for?,"Situation, Task, Action, Result"\n', ['1 new, 0 updated, 0 unchanged']);
  const studied = await studyOne(page, 'star-a', 'Easy');
  expect(studied.state).toBe(2); // Easy on a new card: a review in days
  const home = new HomePage(page);
  await home.open();
  const countsBefore = await home.allCounts();

  await importText(page, 'star-b.csv', 'text/csv', 'Front,Back\nWhat does STAR stand for?,A different back\n', [
    '1 new, 0 updated, 0 unchanged',
    '1 note has the same id as a note in “star-a”. That one stays where it is; this file adds its own.',
  ]);

  await home.open();
  expect(await home.allCounts()).toEqual({ ...countsBefore, 'star-b': '1 new, 0 learning, 0 due' });
  const after = await cardsAndLogs(page);
  expect(after.cards.find((card) => card.id === studied.id)).toEqual(studied);
});

test('a chapter titled like a built-in deck becomes its own deck: the built-in deck keeps its cards, text and history', async ({ page }) => {
  const studied = await studyOne(page, 'Failure & Learning: Questions', 'Good');
  const home = new HomePage(page);
  await home.open();
  const countsBefore = await home.allCounts();
  const storedBefore = await cardsAndLogs(page);

  // The series' chapter with the title of a built-in deck (version 1 merged it into that deck, and retired it at the next update).
  const chapter = readFileSync(CHAPTER_MD, 'utf8').replace(/^# .*$/m, '# Failure & Learning: Questions');
  await importText(page, 'questions.md', 'text/markdown', chapter, [
    /^\d+ new, 0 updated, 0 unchanged$/,
    'A built-in deck is also called “Failure & Learning: Questions”. This file becomes a deck of its own.',
  ], 'Failure & Learning: Questions (2)');

  await home.open();
  // The new deck is proposed a name of its own, so home never shows two decks of one name.
  const counts = await home.allCounts();
  expect(counts['Failure & Learning: Questions']).toBe(countsBefore['Failure & Learning: Questions']);
  expect(counts['Failure & Learning: Questions (2)']).toMatch(/^[1-9]\d* new, 0 learning, 0 due$/);
  const storedAfter = await cardsAndLogs(page);
  for (const card of storedBefore.cards) expect(storedAfter.cards.find((stored) => stored.id === card.id)).toEqual(card);
  expect(storedAfter.cards.find((card) => card.id === studied.id)).toEqual(studied);
  expect(storedAfter.logs).toEqual(storedBefore.logs);
});

test('exporting each built-in deck and importing the file changes nothing: 0 new, 0 updated', async ({ page }) => {
  const directory = mkdtempSync(join(tmpdir(), 'deck-export-'));
  await studyOne(page, 'Failure & Learning: Red Flags', 'Good');
  const storedBefore = await cardsAndLogs(page);
  for (const [index, deckName] of BUILT_IN_DECKS.entries()) {
    const settings = new SettingsPage(page);
    await settings.open();
    const path = join(directory, `deck-${index}.json`);
    await settings.exportDeck(deckName, 'JSON', path);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { cards: { type: string; text?: string }[] };
    // Cloze notes keep their {{cN::...}} text.
    for (const note of exported.cards.filter((card) => card.type === 'cloze')) expect(note.text).toMatch(/\{\{c1::/);

    const importer = new ImportPage(page);
    await importer.open();
    await importer.choose(path);
    await expect(page.getByText(/^0 new, 0 updated, \d+ unchanged$/)).toBeVisible();
    await expect(page.getByText(/would (move|change)/)).toHaveCount(0);
    await importer.confirm();
  }
  const storedAfter = await cardsAndLogs(page);
  expect(storedAfter.cards).toEqual(storedBefore.cards);
  expect(storedAfter.logs).toEqual(storedBefore.logs);
});

test('exporting a deck as Anki text and importing it gives the same notes, found by guid, without duplicates', async ({ page }) => {
  const directory = mkdtempSync(join(tmpdir(), 'anki-export-'));
  await importText(page, 'my-deck.json', 'application/json', deckJson('my-deck', 'My deck', ['**Situation**, Task, Action, Result', 'Blaming others']), ['2 new, 0 updated, 0 unchanged']);
  const studied = await studyOne(page, 'My deck', 'Good');
  const settings = new SettingsPage(page);
  await settings.open();
  const path = join(directory, 'my-deck.txt');
  await settings.exportDeck('My deck', 'Anki text', path);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain('#html:true');
  expect(text).toContain('<strong>Situation</strong>');
  expect(text).not.toContain('**');

  const storedBefore = await cardsAndLogs(page);
  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose(path);
  // The same two notes (their fields are HTML now): updated in place, none new.
  await expect(page.getByText(/^0 new, \d updated, \d unchanged$/)).toBeVisible();
  await importer.confirm();
  const storedAfter = await cardsAndLogs(page);
  expect(storedAfter.cards.map((card) => card.id).sort()).toEqual(storedBefore.cards.map((card) => card.id).sort());
  const again = storedAfter.cards.find((card) => card.id === studied.id);
  expect(again && { due: again.due, reps: again.reps, state: again.state }).toEqual({ due: studied.due, reps: studied.reps, state: studied.state });
});

test('a file that would change a built-in deck says so; a separate deck is the default, and "Update" changes the card in place', async ({ page }) => {
  const directory = mkdtempSync(join(tmpdir(), 'deck-edit-'));
  const settings = new SettingsPage(page);
  await settings.open();
  const path = join(directory, 'red-flags.json');
  await settings.exportDeck('Failure & Learning: Red Flags', 'JSON', path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { cards: { type: string; back?: string }[] };
  const edited = file.cards.find((note) => note.type === 'basic');
  if (!edited) throw new Error('no basic note to edit');
  edited.back = 'My own wording of this red flag.';
  const storedBefore = await cardsAndLogs(page);

  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseText('red-flags.json', 'application/json', JSON.stringify(file));
  await expect(page.getByText('This file would change 1 card of the built-in deck “Failure & Learning: Red Flags”.')).toBeVisible();
  const separate = page.getByRole('radio', { name: 'Import as a separate deck (your decks stay as they are)' });
  await expect(separate).toBeChecked();
  // As a separate deck every note is new, under a name of its own.
  await expect(page.getByText(/^\d+ new, 0 updated, 0 unchanged$/)).toBeVisible();
  await expect(importer.deckNameField).toHaveValue('Failure & Learning: Red Flags (2)');

  await page.getByRole('radio', { name: 'Update the built-in deck' }).check();
  await expect(page.getByText(/^0 new, 1 updated, \d+ unchanged$/)).toBeVisible();
  await expect(importer.deckNameField).toHaveValue('Failure & Learning: Red Flags');
  await importer.confirm();

  const storedAfter = await cardsAndLogs(page);
  expect(storedAfter.cards).toHaveLength(storedBefore.cards.length);
  const home = new HomePage(page);
  await home.open();
  await expect(page.getByRole('heading', { name: 'Failure & Learning: Red Flags', level: 3, exact: true })).toHaveCount(1);
});
