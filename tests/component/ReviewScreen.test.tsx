// The review screen inside the real app shell, on the real Dexie (fake
// IndexedDB), driven with user-event: reveal, rate, undo, keys, session end.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { DEFAULT_OPTIONS_ID } from '../../src/domain/types';
import { mergeDeckFiles, updateDeckOptions } from '../../src/storage';
import { freezeClock, freshAppWithBuiltInDecks, tearDownApp } from '../helpers/componentApp';
import { FIXED_NOW, MINUTE, appDatabase, smallDeckFile } from '../helpers/componentDb';

const DECK_ID = 'alpha';

beforeEach(async () => {
  freezeClock(FIXED_NOW);
  await freshAppWithBuiltInDecks(FIXED_NOW - MINUTE);
  await mergeDeckFiles([smallDeckFile(DECK_ID, 3)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - MINUTE });
  window.history.pushState(null, '', `/study/${DECK_ID}`);
});

afterEach(async () => {
  cleanup();
  await tearDownApp();
});

async function renderStudy() {
  const user = userEvent.setup();
  render(<App />);
  await screen.findByText('Question 1 of alpha');
  return user;
}

function showAnswerButton(): HTMLElement {
  return screen.getByRole('button', { name: 'Show answer' });
}

async function logCount(): Promise<number> {
  return appDatabase().reviews.count();
}

describe('review screen', () => {
  it('shows the question first and the answer after "Show answer"', async () => {
    const user = await renderStudy();
    expect(screen.queryByText('Answer 1 of alpha')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Good/ })).not.toBeInTheDocument();

    await user.click(showAnswerButton());

    expect(screen.getByRole('region', { name: 'Answer' })).toHaveTextContent('Answer 1 of alpha');
    expect(screen.queryByRole('button', { name: 'Show answer' })).not.toBeInTheDocument();
  });

  it('shows a cloze card\'s sentence once on the answer side: filled in and highlighted, in place of the question', async () => {
    await mergeDeckFiles(
      [{ ...smallDeckFile('cloze-deck', 0), cards: [{ id: 'capital', type: 'cloze', text: '{{c1::Paris}} is the capital of France' }] }],
      { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - MINUTE },
    );
    window.history.pushState(null, '', '/study/cloze-deck');
    const user = userEvent.setup();
    render(<App />);
    await waitFor(() => expect(screen.getByRole('region', { name: 'Question' })).toHaveTextContent('[...] is the capital of France'));

    await user.click(showAnswerButton());

    const answer = screen.getByRole('region', { name: 'Answer' });
    expect(answer).toHaveTextContent(/^Paris is the capital of France$/);
    expect(answer.querySelector('strong')).toHaveTextContent('Paris');
    expect(screen.queryByRole('region', { name: 'Question' })).not.toBeInTheDocument();
    expect(screen.getAllByText(/is the capital of France/)).toHaveLength(1);
  });

  it('offers Again, Hard, Good and Easy with the next interval of each', async () => {
    const user = await renderStudy();
    await user.click(showAnswerButton());

    expect(screen.getByRole('button', { name: /^Again · 1m$/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Hard · \d+m$/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Good · 10m$/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Easy · \d+(\.\d)?(d|mo)$/ })).toBeInTheDocument();
  });

  it('Good saves the answer and shows the next card', async () => {
    const user = await renderStudy();
    await user.click(showAnswerButton());

    await user.click(screen.getByRole('button', { name: /^Good/ }));

    expect(await screen.findByText('Question 2 of alpha')).toBeInTheDocument();
    await waitFor(async () => expect(await logCount()).toBe(1));
    expect(await appDatabase().reviews.toArray()).toMatchObject([{ cardId: `${DECK_ID}-1`, rating: 3 }]);
  });

  it('Undo brings the previous card back and removes its log', async () => {
    const user = await renderStudy();
    const before = await appDatabase().cards.get(`${DECK_ID}-1`);
    await user.click(showAnswerButton());
    await user.click(screen.getByRole('button', { name: /^Good/ }));
    await screen.findByText('Question 2 of alpha');

    await user.click(screen.getByRole('button', { name: 'Undo' }));

    expect(await screen.findByText('Question 1 of alpha')).toBeInTheDocument();
    await waitFor(async () => expect(await logCount()).toBe(0));
    expect(await appDatabase().cards.get(`${DECK_ID}-1`)).toStrictEqual(before);
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
  });

  it('works from the keyboard: Space reveals, 3 rates Good, U undoes', async () => {
    const user = await renderStudy();

    await user.keyboard(' ');
    expect(screen.getByRole('region', { name: 'Answer' })).toHaveTextContent('Answer 1 of alpha');

    await user.keyboard('3');
    expect(await screen.findByText('Question 2 of alpha')).toBeInTheDocument();
    await waitFor(async () => expect(await logCount()).toBe(1));

    await user.keyboard('u');
    expect(await screen.findByText('Question 1 of alpha')).toBeInTheDocument();
    await waitFor(async () => expect(await logCount()).toBe(0));
  });

  it('Space reveals even when focus is not on a button', async () => {
    const user = await renderStudy();
    showAnswerButton().blur();
    expect(document.body).toHaveFocus();

    await user.keyboard(' ');

    expect(screen.getByRole('region', { name: 'Answer' })).toBeInTheDocument();
  });

  it('puts focus back on "Show answer" after a rating', async () => {
    const user = await renderStudy();
    await user.click(showAnswerButton());

    await user.click(screen.getByRole('button', { name: /^Good/ }));

    await screen.findByText('Question 2 of alpha');
    expect(showAnswerButton()).toHaveFocus();
  });

  it('ends with "All done for today" and a way back home', async () => {
    const user = await renderStudy();
    for (let index = 0; index < 3; index += 1) {
      await user.keyboard(' ');
      await user.keyboard('4');
    }

    expect(await screen.findByRole('heading', { name: 'All done for today' })).toBeInTheDocument();
    expect(screen.getByText('You reviewed 3 cards.')).toBeInTheDocument();
    await waitFor(async () => expect(await logCount()).toBe(3));

    await user.click(screen.getByRole('link', { name: 'Back to home' }));
    expect(await screen.findByRole('heading', { name: 'Today' })).toBeInTheDocument();
  });

  it('shows nothing to study when the new-card limit is 0', async () => {
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 0 });
    render(<App />);

    expect(await screen.findByRole('heading', { name: 'All done for today' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to home' })).toBeInTheDocument();
  });
});
