// Per-deck study settings: a deck can switch from the shared preset to one
// of its own, and a change there applies to that deck only.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadBuiltInDecks } from '../../src/domain/builtInDecks';
import type { DeckFileV1 } from '../../src/domain/deckFormat';
import { DEFAULT_OPTIONS_ID } from '../../src/domain/types';
import { getDeck, getDeckOptions, ownOptionsIdOf } from '../../src/storage';
import { renderAppAt } from '../helpers/renderApp';
import { freezeClock, freshAppWithBuiltInDecks, tearDownApp } from '../helpers/componentApp';
import { FIXED_NOW, MINUTE } from '../helpers/componentDb';

let decks: DeckFileV1[];

beforeEach(async () => {
  freezeClock(FIXED_NOW);
  await freshAppWithBuiltInDecks(FIXED_NOW - MINUTE);
  decks = await loadBuiltInDecks();
});

afterEach(async () => {
  cleanup();
  await tearDownApp();
});

async function rowOf(name: string): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { name, level: 3 });
  const row = heading.closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

it('gives one deck its own new-card limit without changing the others', async () => {
  const [first, second] = decks;
  if (!first || !second) throw new Error('expected two built-in decks');
  const user = renderAppAt('/');

  await user.click(within(await rowOf(first.deck.name)).getByRole('link', { name: `Options for ${first.deck.name}` }));
  const own = await screen.findByRole('radio', { name: 'Use separate settings for this deck' });
  await user.click(own);
  await waitFor(async () => expect((await getDeck(first.deck.id))?.optionsId).toBe(ownOptionsIdOf(first.deck.id)));
  await waitFor(() => expect(own).toBeChecked());

  const field = await screen.findByRole('textbox', { name: 'New cards per day' });
  await user.clear(field);
  await user.type(field, '3{Enter}');
  await waitFor(async () => expect((await getDeckOptions(ownOptionsIdOf(first.deck.id))).newPerDay).toBe(3));
  expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).newPerDay).toBe(20);

  await user.click(screen.getByRole('link', { name: 'Home' }));
  expect(await rowOf(first.deck.name)).toHaveTextContent('3 new, 0 learning, 0 due');
  expect(await rowOf(second.deck.name)).not.toHaveTextContent('3 new,');

  // Back to the shared preset: the deck follows the shared limit again.
  await user.click(within(await rowOf(first.deck.name)).getByRole('link', { name: `Options for ${first.deck.name}` }));
  await user.click(await screen.findByRole('radio', { name: 'Use the shared study settings' }));
  await waitFor(async () => expect((await getDeck(first.deck.id))?.optionsId).toBe(DEFAULT_OPTIONS_ID));
});
