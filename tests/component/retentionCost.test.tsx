// The retention slider's cost (features/settings/RetentionCost.tsx) on the
// real Dexie over fake IndexedDB: the figure comes from the preset's own
// cards, follows the slider before anything is saved, compares with the
// saved value, and is said in Russian too.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CardQueue, CardState, DEFAULT_OPTIONS_ID } from '../../src/domain/types';
import { getDeckOptions, updateSettings } from '../../src/storage';
import { appDatabase, DAY, FIXED_NOW } from '../helpers/componentDb';
import { freshAppForEachTest } from '../helpers/componentApp';
import { renderAppAt } from '../helpers/renderApp';

freshAppForEachTest();

/** Makes `count` built-in cards studied review cards, due over the next days. */
async function studySome(count: number): Promise<void> {
  const cards = await appDatabase().cards.limit(count).toArray();
  await appDatabase().cards.bulkPut(
    cards.map((card, index) => ({
      ...card,
      state: CardState.Review,
      queue: CardQueue.Review,
      stability: 2 + (index % 20),
      difficulty: 5,
      reps: 3,
      lastReview: FIXED_NOW - 2 * DAY,
      due: FIXED_NOW + (index % 10) * DAY,
    })),
  );
}

const costText = (percent: number) => new RegExp(`^At ${percent}%: about (\\d+) answers? a day over the next 30 days`);

async function shownCost(percent: number): Promise<number> {
  const line = await screen.findByText(costText(percent), {}, { timeout: 5000 });
  return Number(costText(percent).exec(line.textContent ?? '')?.[1]);
}

describe('the cost of the desired retention', () => {
  it('follows the slider before it is saved, and costs more at a higher retention', async () => {
    await studySome(60);
    renderAppAt('/settings');
    const atSaved = await shownCost(90);
    expect(atSaved).toBeGreaterThan(0);

    const slider = await screen.findByRole('slider', { name: /^Desired retention/ });
    fireEvent.change(slider, { target: { value: '97' } });
    const atHigh = await shownCost(97);
    expect(atHigh).toBeGreaterThan(atSaved);
    expect(screen.getByText(costText(97)).textContent).toContain(`Now, at 90%: about ${atSaved} a day.`);
    fireEvent.change(slider, { target: { value: '75' } });
    expect(await shownCost(75)).toBeLessThan(atSaved);
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).desiredRetention).toBe(0.9); // not let go yet: nothing saved
  });

  it('says when no card uses the options', async () => {
    await appDatabase().decks.toCollection().modify({ optionsId: 'deck:elsewhere' });
    renderAppAt('/settings');
    expect(await screen.findByText('No cards use these options yet: nothing to estimate.')).toBeInTheDocument();
  });

  it('is said in Russian', async () => {
    await updateSettings({ language: 'ru' });
    renderAppAt('/settings');
    await waitFor(() => expect(screen.getByText(/^При 90%: около \d+ ответ(а|ов) в день в ближайшие 30 дней/)).toBeInTheDocument(), {
      timeout: 5000,
    });
  });
});
