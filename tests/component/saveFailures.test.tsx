// A change the screen cannot store is never left on screen as if it were:
// the field goes back to the stored value and an alert says, in the user's
// language, that it was not saved and why. The failures are the browser's
// own (IndexedDB refusing writes as on a full disk), under the real Dexie.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { answerCard } from '../../src/domain/scheduler';
import { DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID, DEFAULT_SETTINGS, Rating } from '../../src/domain/types';
import { getDeck, getDeckOptions, getSettings, recordReview, updateDeckOptions, updateSettings } from '../../src/storage';
import { deckOptionsPath } from '../../src/ui/paths';
import { renderAppAt } from '../helpers/renderApp';
import { freshAppForEachTest } from '../helpers/componentApp';
import { DAY, FIXED_NOW, appDatabase, withFullStorageFor } from '../helpers/componentDb';

const NOT_SAVED = 'Your change was not saved. This device is out of storage space for the app. The screen shows what is still stored.';
const NOT_SAVED_RU = 'Изменение не сохранено. На устройстве не хватает места для данных приложения. На экране — то, что сохранено сейчас.';

freshAppForEachTest();

/** Every write to the preset store started so far has finished (writes to one store run in order). */
const storedOptionsAfterPendingWrites = () => updateDeckOptions(DEFAULT_OPTIONS_ID, {});

async function notSavedAlert(text = NOT_SAVED): Promise<HTMLElement> {
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent(text);
  return alert;
}

describe('study settings', () => {
  it('puts a number that was not saved back to the stored value, says why, and saves it once storage works again', async () => {
    const user = renderAppAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'New cards per day' });

    await withFullStorageFor('deckOptions', async () => {
      await user.clear(field);
      await user.type(field, '30{Enter}');
      await notSavedAlert();
    });

    expect(field).toHaveValue(String(DEFAULT_DECK_OPTIONS.newPerDay));
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).newPerDay).toBe(DEFAULT_DECK_OPTIONS.newPerDay);

    await user.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.clear(field);
    await user.type(field, '30{Enter}');
    await waitFor(async () => expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).newPerDay).toBe(30));
    expect(field).toHaveValue('30');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('puts the learn-ahead limit back when it was not saved on blur', async () => {
    const user = renderAppAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'Learn ahead limit (minutes)' });

    await withFullStorageFor('settings', async () => {
      await user.clear(field);
      await user.type(field, '45');
      await user.tab();
      await notSavedAlert();
    });

    expect(field).toHaveValue(String(DEFAULT_SETTINGS.learnAheadMinutes));
    expect((await getSettings()).learnAheadMinutes).toBe(DEFAULT_SETTINGS.learnAheadMinutes);
  });

  it('puts learning steps back when they were not saved', async () => {
    const user = renderAppAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'Learning steps' });

    await withFullStorageFor('deckOptions', async () => {
      await user.tripleClick(field);
      await user.keyboard('2m 20m{Enter}');
      await notSavedAlert();
    });

    expect(field).toHaveValue(DEFAULT_DECK_OPTIONS.learningSteps.join(' '));
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).learningSteps).toEqual(DEFAULT_DECK_OPTIONS.learningSteps);
  });

  it('moves the retention slider and its label back when the retention was not saved', async () => {
    renderAppAt('/settings');
    const slider = await screen.findByRole('slider', { name: /^Desired retention/ });
    const storedPercent = String(Math.round(DEFAULT_DECK_OPTIONS.desiredRetention * 100));

    await withFullStorageFor('deckOptions', async () => {
      fireEvent.change(slider, { target: { value: '80' } });
      fireEvent.pointerUp(slider);
      await notSavedAlert();
    });

    expect(slider).toHaveValue(storedPercent);
    expect(screen.getByText(`${storedPercent}%`)).toBeInTheDocument();
    expect((await storedOptionsAfterPendingWrites()).desiredRetention).toBe(DEFAULT_DECK_OPTIONS.desiredRetention);
  });

  it('leaves "Bury siblings" as stored when the change was not saved', async () => {
    const user = renderAppAt('/settings');
    const checkbox = await screen.findByRole('checkbox', { name: 'Bury siblings until the next day' });

    await withFullStorageFor('deckOptions', async () => {
      await user.click(checkbox);
      await notSavedAlert();
    });

    expect(checkbox).toBeChecked();
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).burySiblings).not.toBe(false);
  });

  it('says it in Russian when the app is in Russian', async () => {
    await updateSettings({ language: 'ru' });
    const user = renderAppAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'Новых карточек в день' });

    await withFullStorageFor('deckOptions', async () => {
      await user.clear(field);
      await user.type(field, '30{Enter}');
      await notSavedAlert(NOT_SAVED_RU);
    });

    expect(field).toHaveValue(String(DEFAULT_DECK_OPTIONS.newPerDay));
    expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Закрыть' })).toBeInTheDocument();
  });
});

describe('appearance', () => {
  it('shows the stored theme again when the chosen one was not saved', async () => {
    const user = renderAppAt('/settings');
    const select = await screen.findByRole('combobox', { name: 'Theme' });

    await withFullStorageFor('settings', async () => {
      await user.selectOptions(select, 'Dark');
      await notSavedAlert();
    });

    expect(select).toHaveValue(DEFAULT_SETTINGS.theme);
    expect((await getSettings()).theme).toBe(DEFAULT_SETTINGS.theme);
  });
});

describe('deck options', () => {
  it('keeps the deck on the shared preset when switching to its own was not saved', async () => {
    const [deck] = await appDatabase().decks.toArray();
    if (!deck) throw new Error('no built-in deck');
    const user = renderAppAt(deckOptionsPath(deck.id));
    const shared = await screen.findByRole('radio', { name: 'Use the shared study settings' });

    await withFullStorageFor('deckOptions', async () => {
      await user.click(screen.getByRole('radio', { name: 'Use separate settings for this deck' }));
      await notSavedAlert();
    });

    expect(shared).toBeChecked();
    expect((await getDeck(deck.id))?.optionsId).toBe(DEFAULT_OPTIONS_ID);
  });
});

describe('backup reminder', () => {
  it('stays, and says why, when dismissing it was not saved', async () => {
    // A week-old answer and no backup: the home screen reminds.
    const card = await appDatabase().cards.toCollection().first();
    if (!card) throw new Error('no card');
    const answeredAt = FIXED_NOW - 8 * DAY;
    const { card: answered, log } = answerCard(card, Rating.Good, DEFAULT_DECK_OPTIONS, { nowMs: answeredAt, durationMs: 3000, day: 0 });
    await recordReview(answered, log);
    const user = renderAppAt('/');
    const reminder = await screen.findByRole('complementary', { name: 'Backup' });

    await withFullStorageFor('settings', async () => {
      await user.click(within(reminder).getByRole('button', { name: 'Dismiss' }));
      await notSavedAlert();
    });

    expect(reminder).toBeInTheDocument();
    expect(within(reminder).getByText(/^You have review history that is not backed up/)).toBeInTheDocument();
    expect((await getSettings()).backupReminderDismissedAt).toBeNull();
  });
});
