// Settings fields check what is typed as it is typed, but save only on Enter
// or blur, and only a valid value: a half-typed or invalid value never
// reaches the database, and the field says why it is invalid.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID, DEFAULT_SETTINGS } from '../../src/domain/types';
import { getDeckOptions, getSettings, updateDeckOptions, updateSettings } from '../../src/storage';
import { renderAppAt } from '../helpers/renderApp';
import { freshAppForEachTest } from '../helpers/componentApp';

const STEPS_HELP = 'Space-separated, e.g. 1m 10m (m = minutes, h = hours, d = days).';
const DAY_LONG_HINT = 'FSRS schedules intervals of a day or more better than learning steps do: keep steps under a day.';

freshAppForEachTest();

const storedOptions = () => getDeckOptions(DEFAULT_OPTIONS_ID);

/**
 * The stored preset once every write to it started so far has finished: an
 * empty update is queued behind them (writes to one store run in order), so
 * a save started by the last event cannot still be on its way.
 */
const storedOptionsAfterPendingWrites = () => updateDeckOptions(DEFAULT_OPTIONS_ID, {});

async function openField(name: string) {
  const user = renderAppAt('/settings');
  const field = await screen.findByRole('textbox', { name });
  return { user, field };
}

describe('number fields', () => {
  it('refuses 99999 new cards per day with the reason, and saves nothing, not even on blur', async () => {
    const { user, field } = await openField('New cards per day');

    await user.clear(field);
    await user.type(field, '99999');
    await user.tab();

    expect(field).not.toHaveFocus();
    expect((await storedOptions()).newPerDay).toBe(DEFAULT_DECK_OPTIONS.newPerDay);
    expect(field).toHaveValue('99999');
    expect(field).toHaveAccessibleDescription('99999 is out of range: enter a whole number from 0 to 9999.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('99999 is out of range: enter a whole number from 0 to 9999.')).toHaveClass('field-error');
  });

  it.each(['1.5', '1e3'])('refuses %s (not a whole number) on Enter and on blur', async (text) => {
    const { user, field } = await openField('New cards per day');

    await user.clear(field);
    await user.type(field, `${text}{Enter}`);
    await user.tab();

    expect((await storedOptions()).newPerDay).toBe(DEFAULT_DECK_OPTIONS.newPerDay);
    expect(field).toHaveValue(text);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(`“${text}” is not a whole number: use digits only, from 0 to 9999.`);
  });

  it('saves 30 on Enter, and nothing while it is being typed', async () => {
    const { user, field } = await openField('New cards per day');

    await user.clear(field);
    await user.type(field, '3');
    // "3" is valid, but the user has not finished typing: nothing is saved yet.
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect((await storedOptions()).newPerDay).toBe(DEFAULT_DECK_OPTIONS.newPerDay);

    await user.type(field, '0{Enter}');

    await waitFor(async () => expect((await storedOptions()).newPerDay).toBe(30));
    expect(field).toHaveValue('30');
  });

  it('saves a valid value when the field loses focus', async () => {
    const { user, field } = await openField('Maximum reviews per day');

    await user.clear(field);
    await user.type(field, '150');
    expect((await storedOptions()).reviewsPerDay).toBe(DEFAULT_DECK_OPTIONS.reviewsPerDay);
    await user.tab();

    await waitFor(async () => expect((await storedOptions()).reviewsPerDay).toBe(150));
  });

  it('saves the learn-ahead limit on Enter and refuses more than 120 minutes', async () => {
    const { user, field } = await openField('Learn ahead limit (minutes)');
    expect(field).toHaveValue(String(DEFAULT_SETTINGS.learnAheadMinutes));
    expect(field).toHaveAccessibleDescription('When nothing else is left, learning cards due within this time are shown at once.');

    await user.clear(field);
    await user.type(field, '121{Enter}');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('121 is out of range: enter a whole number from 0 to 120.')).toBeInTheDocument();
    expect((await getSettings()).learnAheadMinutes).toBe(DEFAULT_SETTINGS.learnAheadMinutes);

    await user.clear(field);
    await user.type(field, '45{Enter}');
    await waitFor(async () => expect((await getSettings()).learnAheadMinutes).toBe(45));
  });

  it('says why in Russian when the app is in Russian', async () => {
    await updateSettings({ language: 'ru' });
    const { user, field } = await openField('Новых карточек в день');

    await user.clear(field);
    await user.type(field, '99999');
    await user.tab();

    expect((await storedOptions()).newPerDay).toBe(DEFAULT_DECK_OPTIONS.newPerDay);
    expect(field).toHaveAccessibleDescription('99999 — вне допустимого диапазона: введите целое число от 0 до 9999.');
  });
});

describe('steps fields', () => {
  it('refuses 99999d: each step must be from 1 minute to 30 days', async () => {
    const { user, field } = await openField('Learning steps');

    await user.tripleClick(field);
    await user.keyboard('99999d{Enter}');
    await user.tab();

    expect((await storedOptions()).learningSteps).toEqual(DEFAULT_DECK_OPTIONS.learningSteps);
    expect(field).toHaveValue('99999d');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(`“99999d” is out of range: each step must be from 1 minute (1m) to 30 days (30d). ${STEPS_HELP}`);
  });

  it('refuses 1h 10m: steps must increase', async () => {
    const { user, field } = await openField('Relearning steps');

    await user.tripleClick(field);
    await user.keyboard('1h 10m{Enter}');
    await user.tab();

    expect((await storedOptions()).relearningSteps).toEqual(DEFAULT_DECK_OPTIONS.relearningSteps);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(`“10m” must be longer than the step before it (“1h”): steps go in increasing order. ${STEPS_HELP}`);
  });

  it('refuses 1.5h, which the scheduler would read as 1h', async () => {
    const { user, field } = await openField('Learning steps');

    await user.tripleClick(field);
    await user.keyboard('1m 1.5h');
    await user.tab();

    expect((await storedOptions()).learningSteps).toEqual(DEFAULT_DECK_OPTIONS.learningSteps);
    expect(field).toHaveAccessibleDescription(
      `“1.5h” is not a step: write a whole number followed by m (minutes), h (hours) or d (days), e.g. 10m or 1d. ${STEPS_HELP}`,
    );
  });

  it('saves 1m 1d on Enter and shows the advice about day-long steps as help, not as an error', async () => {
    const { user, field } = await openField('Learning steps');

    await user.tripleClick(field);
    await user.keyboard('1m 1d');
    expect((await storedOptions()).learningSteps).toEqual(DEFAULT_DECK_OPTIONS.learningSteps);
    await user.keyboard('{Enter}');

    await waitFor(async () => expect((await storedOptions()).learningSteps).toEqual(['1m', '1d']));
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect(field).toHaveAccessibleDescription(`${STEPS_HELP} ${DAY_LONG_HINT}`);
    expect(screen.getByText(DAY_LONG_HINT)).toHaveClass('help');
  });

  it('saves an empty list of relearning steps', async () => {
    const { user, field } = await openField('Relearning steps');

    await user.clear(field);
    await user.tab();

    await waitFor(async () => expect((await storedOptions()).relearningSteps).toEqual([]));
  });
});

describe('other study settings', () => {
  it('saves "Bury siblings until the next day" as soon as it changes', async () => {
    const user = renderAppAt('/settings');
    const checkbox = await screen.findByRole('checkbox', { name: 'Bury siblings until the next day' });
    expect(checkbox).toBeChecked();
    expect(checkbox).toHaveAccessibleDescription('Other cards of the same note wait until tomorrow after you answer one.');

    await user.click(checkbox);

    await waitFor(async () => expect((await storedOptions()).burySiblings).toBe(false), { timeout: 3000 });
    expect(checkbox).not.toBeChecked();
  });

  it('keeps the slider where the user holds it when a stored value arrives mid-drag, and saves that', async () => {
    renderAppAt('/settings');
    const slider = await screen.findByRole('slider', { name: /^Desired retention/ });
    fireEvent.change(slider, { target: { value: '86' } });
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { desiredRetention: 0.8 }); // another tab, while the slider is held
    await screen.findByText('86%');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the live query has delivered 0.8 by now
    expect(screen.getByText('86%')).toBeInTheDocument();
    fireEvent.pointerUp(slider);
    await waitFor(async () => expect((await storedOptions()).desiredRetention).toBe(0.86));
  });

  it('moves the retention label with the slider but saves only when the slider is let go', async () => {
    renderAppAt('/settings');
    const slider = await screen.findByRole('slider', { name: /^Desired retention/ });

    fireEvent.change(slider, { target: { value: '80' } });
    fireEvent.change(slider, { target: { value: '85' } });

    expect(screen.getByText('85%')).toBeInTheDocument();
    expect((await storedOptionsAfterPendingWrites()).desiredRetention).toBe(DEFAULT_DECK_OPTIONS.desiredRetention);
    fireEvent.pointerUp(slider);
    await waitFor(async () => expect((await storedOptions()).desiredRetention).toBe(0.85));

    // With the keyboard: saved when the key is released.
    fireEvent.change(slider, { target: { value: '86' } });
    expect((await storedOptionsAfterPendingWrites()).desiredRetention).toBe(0.85);
    fireEvent.keyUp(slider, { key: 'ArrowRight' });
    await waitFor(async () => expect((await storedOptions()).desiredRetention).toBe(0.86));
  });
});
