// The home screen's deck list and counts, and the settings screen: every
// change is saved (text fields on Enter or blur), survives a remount and
// shows in the app.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBuiltInDecks } from '../../src/domain/builtInDecks';
import { expandDeckFile, type DeckFileV1 } from '../../src/domain/deckFormat';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID } from '../../src/domain/types';
import { getDeckOptions, getSettings, mergeDeckFiles, updateDeckOptions } from '../../src/storage';
import { renderAppAt } from '../helpers/renderApp';
import { startedReadsOrTimeout, startRouteData } from '../../src/app/launch';
import { freezeClock, freshAppWithBuiltInDecks, tearDownApp } from '../helpers/componentApp';
import { DAY, FIXED_NOW, MINUTE, appDatabase } from '../helpers/componentDb';

let builtIn: DeckFileV1[];

beforeEach(async () => {
  freezeClock(FIXED_NOW);
  await freshAppWithBuiltInDecks(FIXED_NOW - MINUTE);
  builtIn = await loadBuiltInDecks();
});

afterEach(async () => {
  cleanup();
  await tearDownApp();
});

const renderAt = renderAppAt;

/** Unmounts the app and renders it again at `path` (as after closing and reopening the app). */
function remountAt(path: string) {
  cleanup();
  return renderAt(path);
}

async function deckRow(name: string): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { name, level: 3 });
  const row = heading.closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

function newCardsOf(file: DeckFileV1): number {
  return expandDeckFile(file).length;
}

describe('home screen', () => {
  it('lists every built-in deck with its New / Learning / Due counts and a study button', async () => {
    renderAt('/');

    expect(await screen.findByRole('heading', { name: 'Today', level: 1 })).toBeInTheDocument();
    for (const file of builtIn) {
      const row = await deckRow(file.deck.name);
      const expectedNew = Math.min(newCardsOf(file), DEFAULT_DECK_OPTIONS.newPerDay);
      expect(row).toHaveTextContent(`${expectedNew} new, 0 learning, 0 due`);
      expect(within(row).getByRole('button', { name: `Study ${file.deck.name}` })).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: 'Study all decks' })).toBeInTheDocument();
  });

  it('counts learning cards and reviews due today', async () => {
    const [file] = builtIn;
    if (!file) throw new Error('no built-in deck');
    const [first, second, third] = expandDeckFile(file);
    if (!first || !second || !third) throw new Error('deck too small');
    const cards = appDatabase().cards;
    const [learning, due, notDue] = await cards.bulkGet([first.id, second.id, third.id]);
    if (!learning || !due || !notDue) throw new Error('built-in cards not installed');
    const seen = { stability: 3, difficulty: 5, reps: 2, lastReview: FIXED_NOW - 3 * DAY };
    await cards.bulkPut([
      { ...learning, ...seen, state: CardState.Learning, queue: CardQueue.Learning, due: FIXED_NOW + 10 * MINUTE },
      { ...due, ...seen, state: CardState.Review, queue: CardQueue.Review, due: FIXED_NOW - DAY },
      { ...notDue, ...seen, state: CardState.Review, queue: CardQueue.Review, due: FIXED_NOW + 30 * DAY },
    ]);

    renderAt('/');

    const row = await deckRow(file.deck.name);
    const expectedNew = Math.min(newCardsOf(file) - 3, DEFAULT_DECK_OPTIONS.newPerDay);
    expect(row).toHaveTextContent(`${expectedNew} new, 1 learning, 1 due`);
  });

  it('paints the counts in its first frame when the app started reading them at launch', async () => {
    const [file] = builtIn;
    if (!file) throw new Error('no built-in deck');
    await startRouteData('/', FIXED_NOW); // resolves at once here: no #root to paint into
    await startedReadsOrTimeout();

    renderAt('/');

    // No waiting: the first render already has every deck and its counts.
    expect(screen.queryByText('Loading decks…')).toBeNull();
    const heading = screen.getByRole('heading', { name: file.deck.name, level: 3 });
    const expectedNew = Math.min(newCardsOf(file), DEFAULT_DECK_OPTIONS.newPerDay);
    expect(heading.closest('li')).toHaveTextContent(`${expectedNew} new, 0 learning, 0 due`);
  });

  it('follows writes made while it is open (counts and new decks)', async () => {
    const [file] = builtIn;
    if (!file) throw new Error('no built-in deck');
    renderAt('/');
    const row = await deckRow(file.deck.name);
    const expectedNew = Math.min(newCardsOf(file), DEFAULT_DECK_OPTIONS.newPerDay);
    expect(row).toHaveTextContent(`${expectedNew} new, 0 learning, 0 due`);

    const [first] = expandDeckFile(file);
    if (!first) throw new Error('deck too small');
    const card = await appDatabase().cards.get(first.id);
    if (!card) throw new Error('built-in card not installed');
    await appDatabase().cards.put({ ...card, state: CardState.Learning, queue: CardQueue.Learning, due: FIXED_NOW + MINUTE });
    await waitFor(() => expect(row).toHaveTextContent(/, 1 learning, 0 due/));

    const later = { ...file, deck: { ...file.deck, id: 'written-later', name: 'Written later' } };
    later.cards = file.cards.map((note) => ({ ...note, id: `later-${note.id}` }));
    await mergeDeckFiles([later], { nowMs: FIXED_NOW, isBuiltIn: false, retireMissing: false });
    expect(await deckRow('Written later')).toHaveTextContent(`${expectedNew} new, 0 learning, 0 due`);
  });

  it('"Study <deck>" opens a session on that deck', async () => {
    const user = renderAt('/');
    const [file] = builtIn;
    if (!file) throw new Error('no built-in deck');

    await user.click(await screen.findByRole('button', { name: `Study ${file.deck.name}` }));

    expect(window.location.pathname).toBe(`/study/${file.deck.id}`);
    expect(await screen.findByRole('button', { name: 'Show answer' })).toBeInTheDocument();
  });
});

describe('settings', () => {
  it('saves new cards per day on Enter, shows it on home and keeps it after a remount', async () => {
    const user = renderAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'New cards per day' });

    await user.clear(field);
    await user.type(field, '2{Enter}');

    await waitFor(async () => expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).newPerDay).toBe(2));
    await user.click(screen.getByRole('link', { name: 'Home' }));
    const [file] = builtIn;
    if (!file) throw new Error('no built-in deck');
    expect(await deckRow(file.deck.name)).toHaveTextContent('2 new, 0 learning, 0 due');

    remountAt('/settings');
    expect(await screen.findByRole('textbox', { name: 'New cards per day' })).toHaveValue('2');
  });

  it('saves desired retention and keeps it after a remount', async () => {
    renderAt('/settings');
    const slider = await screen.findByRole('slider', { name: /^Desired retention/ });

    fireEvent.change(slider, { target: { value: '85' } });
    fireEvent.pointerUp(slider);

    expect(slider).toHaveAttribute('aria-valuetext', '85%');
    expect(screen.getByText('85%')).toBeInTheDocument();
    await waitFor(async () => expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).desiredRetention).toBe(0.85));
    remountAt('/settings');
    expect(await screen.findByRole('slider', { name: /^Desired retention/ })).toHaveValue('85');
  });

  it('saves learning steps and keeps them after a remount', async () => {
    const user = renderAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'Learning steps' });

    await user.tripleClick(field);
    await user.keyboard('2m 15m 1h{Enter}');

    await waitFor(async () => expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).learningSteps).toEqual(['2m', '15m', '1h']));
    expect(field).toHaveAttribute('aria-invalid', 'false');
    remountAt('/settings');
    expect(await screen.findByRole('textbox', { name: 'Learning steps' })).toHaveValue('2m 15m 1h');
  });

  it('shows an error for invalid learning steps and does not save them', async () => {
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { learningSteps: ['1m', '10m'] });
    const user = renderAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'Learning steps' });

    await user.tripleClick(field);
    await user.keyboard('10 min');
    await user.tab();

    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      '“10” is not a step: write a whole number followed by m (minutes), h (hours) or d (days), e.g. 10m or 1d. Space-separated, e.g. 1m 10m (m = minutes, h = hours, d = days).',
    );
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).learningSteps).toEqual(['1m', '10m']);
    remountAt('/settings');
    expect(await screen.findByRole('textbox', { name: 'Learning steps' })).toHaveValue('1m 10m');
  });

  it('refuses steps the scheduler cannot use, such as 30s', async () => {
    const user = renderAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'Learning steps' });

    await user.tripleClick(field);
    await user.keyboard('30s');

    expect(field).toHaveAttribute('aria-invalid', 'true');
  });

  it('saves the day start hour and keeps it after a remount', async () => {
    const user = renderAt('/settings');

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Next day starts at' }), '06:00');

    await waitFor(async () => expect((await getSettings()).dayStartHour).toBe(6));
    remountAt('/settings');
    expect(await screen.findByRole('combobox', { name: 'Next day starts at' })).toHaveValue('6');
  });

  it('applies the theme to the document at once and after a remount', async () => {
    const user = renderAt('/settings');
    expect(document.documentElement.dataset.theme).toBeUndefined();

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Theme' }), 'Dark');

    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect((await getSettings()).theme).toBe('dark');
    remountAt('/');
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));

    remountAt('/settings');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Theme' }), 'System');
    await waitFor(() => expect(document.documentElement.dataset.theme).toBeUndefined());
  });

  it('switches the UI to Russian at once and after a remount', async () => {
    const user = renderAt('/settings');

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'Русский');

    expect(await screen.findByRole('heading', { name: 'Настройки', level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.lang).toBe('ru')); // set in an effect after the render
    remountAt('/');
    expect(await screen.findByRole('heading', { name: 'Сегодня', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Учить все колоды' })).toBeInTheDocument();
  });
});
