// The Stats screen on the real app (Dexie over fake IndexedDB, no Web
// Worker here, so the figures are counted on the page by the same code the
// worker runs): today's answers appear as they are written, the forecast,
// a deck with nothing to count, an unknown deck, Russian, and the kept
// columns that spare a second read until a deck is written.
import { screen, waitFor, within } from '@testing-library/react';
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, Rating, type CardRecord, type RatingValue } from '../../src/domain/types';
import { mergeDeckFiles, recordReview, updateSettings } from '../../src/storage';
import { loadStats } from '../../src/storage/stats';
import { freshAppForEachTest } from '../helpers/componentApp';
import { appDatabase, cardRecord, DAY, FIXED_NOW, MINUTE, smallDeckFile } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';

freshAppForEachTest();

const DECK = 'kitchen';

async function seedDeck(count: number, deckId = DECK): Promise<void> {
  await mergeDeckFiles([smallDeckFile(deckId, count, `Deck ${deckId}`)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY });
}

/** Answers a stored card at `nowMs` as the review screen would (its log counts toward today). */
async function answer(cardId: string, rating: RatingValue, nowMs: number, durationMs: number): Promise<void> {
  const card = await appDatabase().cards.get(cardId);
  if (!card) throw new Error(`no card ${cardId}`);
  const { card: next, log } = answerCard(card, rating, DEFAULT_DECK_OPTIONS, { nowMs, durationMs, day: studyDayOf(nowMs, 4) });
  await recordReview(next, log);
}

/** A section of the screen by its heading (the sections appear a group a frame). */
function findSection(name: string | RegExp): Promise<HTMLElement> {
  return screen.findByRole('region', { name });
}

describe('the Stats screen', () => {
  it("shows today's answers, time and again-rate once they are written, and the cards they moved", async () => {
    await seedDeck(3);
    renderAppAt(`/stats/${DECK}`);
    expect(await screen.findByText('No cards studied today yet.')).toBeInTheDocument();
    expect(await within(await findSection('Cards by state')).findByRole('row', { name: /^New 3/ })).toBeInTheDocument();

    await answer(`${DECK}-1`, Rating.Good, FIXED_NOW - 10 * MINUTE, 4000);
    await answer(`${DECK}-2`, Rating.Good, FIXED_NOW - 5 * MINUTE, 6000);
    await answer(`${DECK}-3`, Rating.Again, FIXED_NOW - MINUTE, 50_000);

    // Each section takes the new figures on a frame of its own: wait for each.
    const today = await findSection('Today');
    expect(await within(today).findByText('3 answers in 1 min')).toBeInTheDocument();
    expect(within(today).getByText('Again: 1 (33.3%)')).toBeInTheDocument();
    // All three are in learning now, due again within minutes: today.
    const forecast = await findSection('Forecast');
    expect(await within(forecast).findByText('Due today: 3, of them overdue: 0')).toBeInTheDocument();
    expect(within(forecast).getByText('Due tomorrow: 0')).toBeInTheDocument();
    expect(await within(await findSection('Cards by state')).findByRole('row', { name: /^Learning 3/ })).toBeInTheDocument();
    expect(await within(await findSection('Calendar')).findByText('Current streak: 1 day')).toBeInTheDocument();
    // Learning answers are not retention reviews.
    const lastDay = await within(await findSection('True retention')).findByRole('row', { name: /^Last day/ });
    expect(lastDay).toHaveTextContent('Last day———');
    expect(within(lastDay).getAllByRole('img', { name: 'no reviews' })).toHaveLength(3);
  });

  it('forecasts reviews by the day they are due, with the numbers as a table', async () => {
    const dayEnd = (offset: number) => FIXED_NOW + offset * DAY;
    const review = (id: string, due: number, overrides: Partial<CardRecord> = {}) =>
      cardRecord('plan', id, 0, { state: CardState.Review, queue: CardQueue.Review, due, stability: 12, difficulty: 4, lastReview: FIXED_NOW - 5 * DAY, scheduledDays: 10, ...overrides });
    await appDatabase().decks.put({ id: 'plan', name: 'Plan', description: '', isBuiltIn: false, optionsId: 'default', createdAt: FIXED_NOW, updatedAt: FIXED_NOW });
    await appDatabase().cards.bulkPut([
      review('late', FIXED_NOW - 3 * DAY),
      review('t1', dayEnd(1)),
      review('t2', dayEnd(1) + MINUTE),
      review('w', dayEnd(5)),
      review('gone', dayEnd(2), { queue: CardQueue.Suspended }),
    ]);
    const user = renderAppAt('/stats/plan');
    const forecast = await screen.findByRole('region', { name: 'Forecast' });
    expect(await within(forecast).findByText('Due today: 1, of them overdue: 1')).toBeInTheDocument();
    expect(within(forecast).getByText('Due tomorrow: 2')).toBeInTheDocument();
    expect(within(forecast).getByText('Next 7 days: 4')).toBeInTheDocument();
    expect(within(forecast).getByRole('img', { name: 'Reviews due per day, the next 30 days' })).toBeInTheDocument();
    await user.click(within(forecast).getByText('Show as table'));
    const table = within(forecast).getByRole('table');
    expect(within(table).getByRole('row', { name: 'Today 1' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: 'Tomorrow 2' })).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(31);
    // The studied cards' stability (12 days) and difficulty (4), suspended one included.
    expect(await within(await findSection('Stability')).findByText('Average: 12 days')).toBeInTheDocument();
    expect(await within(await findSection('Difficulty')).findByText('Average: 4')).toBeInTheDocument();
  });

  it('says when a deck has nothing to count yet', async () => {
    await seedDeck(0, 'empty');
    renderAppAt('/stats/empty');
    expect(await screen.findByRole('heading', { name: 'Nothing to count yet', level: 2 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Import a deck' })).toHaveAttribute('href', '/import');
    expect(screen.queryByRole('region', { name: 'Forecast' })).not.toBeInTheDocument();
  });

  it('counts every deck the home shows, and switches decks with the picker', async () => {
    await seedDeck(2);
    const builtIn = await appDatabase().cards.filter((card) => card.queue !== CardQueue.Retired && !card.deckId.startsWith(DECK)).count();
    const user = renderAppAt('/stats');
    const counts = await screen.findByRole('region', { name: 'Cards by state' });
    expect(await within(counts).findByRole('row', { name: new RegExp(`^Total ${builtIn + 2}$`) })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Deck' }), `Deck ${DECK}`);
    expect(window.location.pathname).toBe(`/stats/${DECK}`);
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Cards by state' })).getByRole('row', { name: /^Total 2$/ })).toBeInTheDocument());
  });

  it('says in plain words when the figures cannot be read', async () => {
    await seedDeck(2);
    const prototype = IDBIndex.prototype;
    const original = Object.getOwnPropertyDescriptor(prototype, 'getAll');
    // Reading a deck's cards by their due index fails in IndexedDB itself.
    Object.defineProperty(prototype, 'getAll', {
      configurable: true,
      writable: true,
      value() {
        throw new DOMException('Injected: the read failed.', 'UnknownError');
      },
    });
    try {
      renderAppAt(`/stats/${DECK}`);
      expect(await screen.findByRole('alert')).toHaveTextContent('The statistics could not be read. The browser could not read or write the app’s data.');
      expect(screen.queryByRole('status')).not.toBeInTheDocument();
    } finally {
      if (original) Object.defineProperty(prototype, 'getAll', original);
    }
  });

  it('shows "not found" for a deck that does not exist', async () => {
    renderAppAt('/stats/no-such-deck');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('This deck does not exist. It may have been deleted or renamed.')).toBeInTheDocument();
  });

  it('is in Russian when the app is', async () => {
    await seedDeck(1);
    await answer(`${DECK}-1`, Rating.Good, FIXED_NOW - MINUTE, 3000);
    await updateSettings({ language: 'ru' });
    renderAppAt(`/stats/${DECK}`);
    expect(await screen.findByRole('heading', { name: 'Статистика', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('1 ответ за 3 с')).toBeInTheDocument();
    expect(await findSection('Прогноз')).toBeInTheDocument();
    expect(await findSection('Истинное удержание')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Колода' })).toHaveDisplayValue(`Deck ${DECK}`);
  });
});

describe('the figures kept per deck', () => {
  it('are used again until the deck is written, and then read afresh', async () => {
    await seedDeck(2);
    const first = await loadStats(null, FIXED_NOW);
    if (first.kind !== 'stats') throw new Error('no stats');
    expect(first.source.fromCache).toBe(0);
    const again = await loadStats(null, FIXED_NOW);
    if (again.kind !== 'stats') throw new Error('no stats');
    expect(again.source).toEqual({ decks: first.source.decks, fromCache: first.source.decks });
    expect(again.stats).toEqual(first.stats);

    await answer(`${DECK}-1`, Rating.Good, FIXED_NOW - MINUTE, 2000);
    const after = await loadStats(null, FIXED_NOW);
    if (after.kind !== 'stats') throw new Error('no stats');
    // Only the answered deck is read again, and the answer is counted.
    expect(after.source.fromCache).toBe(first.source.decks - 1);
    expect(after.stats.todayAnswers.count).toBe(1);
    expect(after.stats.cardCounts.learning).toBe(first.stats.cardCounts.learning + 1);
  });

  it("take each deck's forgetting curve from its preset at every count (the optimizer's decay, w[20])", async () => {
    await seedDeck(1);
    await answer(`${DECK}-1`, Rating.Easy, FIXED_NOW - 10 * DAY, 2000);
    const before = await loadStats(DECK, FIXED_NOW);
    await appDatabase().deckOptions.put({ ...DEFAULT_DECK_OPTIONS, fsrsWeights: [...default_w.slice(0, 20), 0.5] });
    const after = await loadStats(DECK, FIXED_NOW);
    if (before.kind !== 'stats' || after.kind !== 'stats') throw new Error('no stats');
    expect(after.source.fromCache).toBe(1);
    const card = await appDatabase().cards.get(`${DECK}-1`);
    const elapsedDays = 10;
    const expected = (decay: number) => (1 + ((0.9 ** (-1 / decay) - 1) * elapsedDays) / (card?.stability ?? NaN)) ** -decay;
    expect(before.stats.retrievability.mean).toBeCloseTo(expected(default_w[20] ?? NaN), 6);
    expect(after.stats.retrievability.mean).toBeCloseTo(expected(0.5), 6);
    expect(after.stats.retrievability.mean).not.toBeCloseTo(before.stats.retrievability.mean ?? NaN, 3);
  });

  it('follow a later day without a write: the window and the forecast move with the clock', async () => {
    await seedDeck(1);
    await answer(`${DECK}-1`, Rating.Easy, FIXED_NOW, 2000);
    const now = await loadStats(DECK, FIXED_NOW);
    const later = await loadStats(DECK, FIXED_NOW + 400 * DAY);
    if (now.kind !== 'stats' || later.kind !== 'stats') throw new Error('no stats');
    expect(later.source.fromCache).toBe(1);
    expect(now.stats.todayAnswers.count).toBe(1);
    expect(later.stats.todayAnswers.count).toBe(0);
    expect(later.stats.calendar.answers.every((count) => count === 0)).toBe(true);
    expect(later.stats.forecast.overdue).toBe(1);
  });
});
