// The home explains its numbers (a legend, counts in words, "N cards today:
// X new, Y due"), shows names under their groups without repeating them and
// nested decks as a tree; a deck can be renamed, deleted with everything in
// it (its counts named first), hidden (built-in decks) and made empty.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DECK_FORMAT, type DeckFileV1 } from '../../src/domain/deckFormat';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { DEFAULT_OPTIONS_ID, Rating } from '../../src/domain/types';
import { getDeckOptions, homeOverview, listDecks, loadStudySession, mergeDeckFiles, recordReview, updateSettings } from '../../src/storage';
import { deckContentCounts, deleteDeck, renameDeck, setDeckHidden } from '../../src/storage/deckAdmin';
import { createTranslator } from '../../src/ui/i18n';
import { deckOptionsPath } from '../../src/ui/paths';
import { freshAppForEachTest } from '../helpers/componentApp';
import { FIXED_NOW, MINUTE, appDatabase, smallDeckFile, withFullStorageFor } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';

freshAppForEachTest();

const QUESTIONS = 'Failure & Learning: Questions';

async function deckIdNamed(name: string): Promise<string> {
  const deck = (await listDecks()).find((candidate) => candidate.name === name);
  if (!deck) throw new Error(`no deck ${name}`);
  return deck.id;
}

/** An imported deck of `count` notes (one card each), `answered` of them answered once. */
async function importDeck(id: string, count: number, answered: number, name = `Deck ${id}`): Promise<void> {
  await mergeDeckFiles([smallDeckFile(id, count, name)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - MINUTE });
  const deckId = await deckIdNamed(name);
  const cards = (await appDatabase().cards.toArray()).filter((card) => card.deckId === deckId).slice(0, answered);
  const options = await getDeckOptions();
  for (const card of cards) {
    const { card: after, log } = answerCard(card, Rating.Good, options, { nowMs: FIXED_NOW, durationMs: 1000, day: studyDayOf(FIXED_NOW, 4) });
    await recordReview(after, log);
  }
}

async function rowOf(fullName: string): Promise<HTMLElement> {
  const row = (await screen.findByRole('button', { name: `Study ${fullName}` })).closest('li');
  if (!row) throw new Error(`no row for ${fullName}`);
  return row;
}

describe('the home explains itself', () => {
  it('has a New / Learning / Due legend, each deck’s counts in words, and the total split into new and due', async () => {
    renderAppAt('/');
    const total = await screen.findByText(/cards today:/);
    const overview = await homeOverview(FIXED_NOW);
    const newTotal = overview.counts.reduce((sum, counts) => sum + counts.newCount, 0);
    expect(total).toHaveTextContent(`${newTotal} cards today: ${newTotal} new, 0 due`);
    const legend = document.querySelector('.counts-legend');
    expect(legend).toHaveTextContent('NewLearningDue');
    expect(legend).toBeVisible();
    for (const deck of overview.decks) {
      expect(within(await rowOf(deck.name)).getByText(/^\d+ new, \d+ learning, \d+ due$/)).toBeInTheDocument();
    }
    // The options link says what it is when focused (visible label), and is named for its deck.
    const options = screen.getByRole('link', { name: `Options for ${QUESTIONS}` });
    expect(within(options).getByText('Options')).toHaveClass('icon-label');
  });

  it('says the total with Russian plural forms', async () => {
    await updateSettings({ language: 'ru' });
    renderAppAt('/');
    const overview = await homeOverview(FIXED_NOW);
    const newTotal = overview.counts.reduce((sum, counts) => sum + counts.newCount, 0);
    const forms: Record<string, string> = { one: 'карточка', few: 'карточки', many: 'карточек', other: 'карточки' };
    const cards = forms[new Intl.PluralRules('ru').select(newTotal)];
    expect(await screen.findByText(`${newTotal} ${cards} на сегодня: новых — ${newTotal}, к повтору — 0`)).toBeInTheDocument();
    const { t } = createTranslator('ru');
    expect(t('totalToday', { count: 1, new: 0, due: 1 })).toBe('1 карточка на сегодня: новых — 0, к повтору — 1');
    expect(t('totalToday', { count: 3, new: 1, due: 2 })).toBe('3 карточки на сегодня: новых — 1, к повтору — 2');
    expect(t('totalToday', { count: 11, new: 11, due: 0 })).toBe('11 карточек на сегодня: новых — 11, к повтору — 0');
    expect(t('totalToday', { count: 21, new: 20, due: 1 })).toBe('21 карточка на сегодня: новых — 20, к повтору — 1');
    expect(createTranslator('en').t('totalToday', { count: 1, new: 1, due: 0 })).toBe('1 card today: 1 new, 0 due');
    expect(document.querySelector('.counts-legend')).toHaveTextContent('НовыеИзучаемыеК повтору');
  });

  it('shows a name without its group’s name under the group, and keeps the full name as the heading’s name', async () => {
    renderAppAt('/');
    const group = await screen.findByRole('region', { name: 'Failure & Learning' });
    const heading = within(group).getByRole('heading', { name: QUESTIONS, level: 3 });
    expect(heading).toHaveTextContent(/^Questions$/);
    expect(within(group).getByRole('heading', { name: 'Failure & Learning: Red Flags' })).toHaveTextContent(/^Red Flags$/);
  });

  it('shows nested decks ("Interview::Behavioral::STAR") as a tree of groups', async () => {
    const file = (id: string, name: string, group?: string): DeckFileV1 => ({
      format: DECK_FORMAT,
      version: 1,
      deck: { id, name, description: '', ...(group ? { group } : {}) },
      cards: [{ id: `${id}-1`, type: 'basic', front: 'Q', back: 'A' }],
    });
    await mergeDeckFiles([file('star', 'STAR', 'Interview / Behavioral'), file('conflict', 'Interview::Behavioral::Conflict'), file('sys', 'Interview::System design')], {
      isBuiltIn: false,
      retireMissing: false,
      nowMs: FIXED_NOW - MINUTE,
    });
    renderAppAt('/');
    const interview = await screen.findByRole('region', { name: 'Interview' });
    expect(within(interview).getByRole('heading', { name: 'Interview', level: 2 })).toBeInTheDocument();
    const behavioral = within(interview).getByRole('region', { name: 'Behavioral' });
    expect(within(behavioral).getByRole('heading', { name: 'Behavioral', level: 3 })).toBeInTheDocument();
    expect(within(behavioral).getByRole('heading', { name: 'STAR', level: 4 })).toBeInTheDocument();
    expect(within(behavioral).getByRole('heading', { name: 'Interview::Behavioral::Conflict', level: 4 })).toHaveTextContent(/^Conflict$/);
    // "System design" sits in Interview itself, not in Behavioral.
    const design = within(interview).getByRole('heading', { name: 'Interview::System design', level: 3 });
    expect(design).toHaveTextContent(/^System design$/);
    expect(behavioral).not.toContainElement(design);
  });
});

describe('rename', () => {
  it('renames a deck from its options screen; refuses an empty name and a name another deck has', async () => {
    const deckId = await deckIdNamed(QUESTIONS);
    const user = renderAppAt(deckOptionsPath(deckId));
    const field = await screen.findByRole('textbox', { name: 'Deck name' });
    expect(field).toHaveValue(QUESTIONS);

    await user.clear(field);
    await user.type(field, '  \u200B ');
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Type a name for the deck.');
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await user.clear(field);
    await user.type(field, 'failure & learning: red flags{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Another deck is already called “failure & learning: red flags”.');
    expect((await listDecks()).find((deck) => deck.id === deckId)?.name).toBe(QUESTIONS);

    await user.clear(field);
    await user.type(field, '  Stories  {Enter}');
    expect(await screen.findByText('Renamed to “Stories”.')).toHaveAttribute('role', 'status');
    expect((await listDecks()).find((deck) => deck.id === deckId)?.name).toBe('Stories');
    expect(field).toHaveValue('Stories');
  });

  it('says why when the rename cannot be stored, and changes nothing', async () => {
    const deckId = await deckIdNamed(QUESTIONS);
    const user = renderAppAt(deckOptionsPath(deckId));
    const field = await screen.findByRole('textbox', { name: 'Deck name' });
    await withFullStorageFor('decks', async () => {
      await user.clear(field);
      await user.type(field, 'Stories{Enter}');
      expect(await screen.findByRole('alert')).toHaveTextContent('Your change was not saved. This device is out of storage space for the app.');
    });
    expect(field).toHaveValue(QUESTIONS);
    expect((await listDecks()).find((deck) => deck.id === deckId)?.name).toBe(QUESTIONS);
  });

  it('keeps a renamed built-in deck’s name through a built-in update', async () => {
    const deckId = await deckIdNamed(QUESTIONS);
    expect(await renameDeck(deckId, 'My questions', FIXED_NOW)).toMatchObject({ ok: true });
    const { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } = await import('../../src/domain/builtInDecks');
    const { ensureBuiltInDecks } = await import('../../src/storage');
    await ensureBuiltInDecks(`${BUILT_IN_DECKS_VERSION}-next`, loadBuiltInDecks, FIXED_NOW);
    expect((await listDecks()).find((deck) => deck.id === deckId)?.name).toBe('My questions');
  });
});

describe('delete', () => {
  it('names what it deletes, then removes the deck with its notes, cards and answers and leaves the others', async () => {
    await importDeck('gone', 3, 2, 'Old deck');
    await importDeck('kept', 2, 1, 'Kept deck');
    const goneId = await deckIdNamed('Old deck');
    const keptId = await deckIdNamed('Kept deck');
    const before = await homeOverview(FIXED_NOW);
    const database = appDatabase();
    const recordsOf = async (deckId: string) => ({
      notes: (await database.notes.toArray()).filter((note) => note.deckId === deckId).length,
      cards: (await database.cards.toArray()).filter((card) => card.deckId === deckId).length,
      logs: (await database.reviews.toArray()).filter((log) => log.deckId === deckId).length,
    });
    const keptBefore = await recordsOf(keptId);
    expect(await deckContentCounts(goneId)).toEqual({ notes: 3, cards: 3, reviewLogs: 2, recordings: 0 });

    const user = renderAppAt(deckOptionsPath(goneId));
    await user.click(await screen.findByRole('button', { name: 'Delete deck…' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm).toHaveTextContent('Delete “Old deck” with its 3 notes, 3 cards and 2 answers? This cannot be undone.');
    await user.click(within(confirm).getByRole('button', { name: 'Delete for good' }));

    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(await screen.findByRole('heading', { name: 'Today', level: 1 })).toBeInTheDocument();
    expect(await recordsOf(goneId)).toEqual({ notes: 0, cards: 0, logs: 0 });
    expect((await listDecks()).map((deck) => deck.id)).not.toContain(goneId);
    expect(await recordsOf(keptId)).toEqual(keptBefore);
    const after = await homeOverview(FIXED_NOW);
    expect(after.counts).toEqual(before.counts.filter((counts) => counts.deckId !== goneId));
    expect(screen.queryByRole('button', { name: 'Study Old deck' })).not.toBeInTheDocument();
  });

  it('refuses a built-in deck, which can only be hidden', async () => {
    const deckId = await deckIdNamed(QUESTIONS);
    expect(await deleteDeck(deckId)).toEqual({ ok: false, problem: 'built-in' });
    renderAppAt(deckOptionsPath(deckId));
    expect(await screen.findByRole('button', { name: 'Hide from home' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete deck…' })).not.toBeInTheDocument();
  });
});

describe('hide', () => {
  it('hides a built-in deck from home, its total and "study all", and brings it back from settings', async () => {
    const deckId = await deckIdNamed(QUESTIONS);
    const user = renderAppAt(deckOptionsPath(deckId));
    await user.click(await screen.findByRole('button', { name: 'Hide from home' }));
    expect(await screen.findByRole('button', { name: 'Show on home' })).toBeInTheDocument();

    const overview = await homeOverview(FIXED_NOW);
    expect(overview.decks.map((deck) => deck.id)).not.toContain(deckId);
    expect(overview.counts.map((counts) => counts.deckId)).not.toContain(deckId);
    expect(overview.hiddenDecks).toBe(1);
    const session = await loadStudySession('all', FIXED_NOW);
    expect(session.decks.map((deck) => deck.id)).not.toContain(deckId);

    await user.click(screen.getByRole('link', { name: 'Home' }));
    const total = await screen.findByText(/cards today:/);
    const newTotal = overview.counts.reduce((sum, counts) => sum + counts.newCount, 0);
    expect(total).toHaveTextContent(`${newTotal} cards today: ${newTotal} new, 0 due`);
    expect(screen.queryByRole('button', { name: `Study ${QUESTIONS}` })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Hidden decks (1)' }));
    await user.click(await screen.findByRole('button', { name: `Show ${QUESTIONS} on home` }));
    await waitFor(async () => expect((await homeOverview(FIXED_NOW)).decks.map((deck) => deck.id)).toContain(deckId));
    expect((await loadStudySession('all', FIXED_NOW)).decks.map((deck) => deck.id)).toContain(deckId);
  });

  it('keeps a hidden built-in deck hidden through a built-in update', async () => {
    const deckId = await deckIdNamed(QUESTIONS);
    await setDeckHidden(deckId, true, FIXED_NOW);
    const { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } = await import('../../src/domain/builtInDecks');
    const { ensureBuiltInDecks } = await import('../../src/storage');
    await ensureBuiltInDecks(`${BUILT_IN_DECKS_VERSION}-next`, loadBuiltInDecks, FIXED_NOW);
    expect((await listDecks()).find((deck) => deck.id === deckId)?.isHidden).toBe(true);
  });
});

describe('new deck', () => {
  it('makes an empty deck from settings; refuses an empty name', async () => {
    const user = renderAppAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'New deck name' });
    await user.click(screen.getByRole('button', { name: 'Create deck' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Type a name for the deck.');

    await user.type(field, 'System design{Enter}');
    expect(await screen.findByText('Deck “System design” created.')).toBeInTheDocument();
    const deck = (await listDecks()).find((candidate) => candidate.name === 'System design');
    expect(deck).toMatchObject({ isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID, description: '' });
    expect(deck?.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await deckContentCounts(deck?.id ?? '')).toEqual({ notes: 0, cards: 0, reviewLogs: 0, recordings: 0 });
    expect(field).toHaveValue('');

    await user.click(screen.getByRole('link', { name: 'Home' }));
    expect(await rowOf('System design')).toHaveTextContent('0 new, 0 learning, 0 due');
  });
});
