// Restoring a backup through the settings screen: a file the app or the
// scheduler could not use is refused with the reason in plain words, and the
// database is left exactly as it was (every store, meta included); a backup
// the app wrote itself still restores.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupFileV4 } from '../../src/domain/backupFormat';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { CardState, DEFAULT_OPTIONS_ID, Rating, type RatingValue } from '../../src/domain/types';
import { getDeckOptions, recordReview, updateDeckOptions, updateSettings } from '../../src/storage';
import { createBackup } from '../../src/storage/backup';
import { renderAppAt } from '../helpers/renderApp';
import { freezeClock, freshAppWithBuiltInDecks, tearDownApp } from '../helpers/componentApp';
import { FIXED_NOW, MINUTE, appDatabase } from '../helpers/componentDb';

const REFUSED = 'The backup was not restored. Nothing changed.';

/** Every store of the database, each in primary-key order. */
async function fullDump(): Promise<Record<string, unknown[]>> {
  const database = appDatabase();
  const dump: Record<string, unknown[]> = {};
  for (const table of [...database.tables].sort((a, b) => a.name.localeCompare(b.name))) dump[table.name] = await table.toArray();
  return dump;
}

/** The dump without meta, which holds the home counts cache (a restore's writes stamp it anew). */
async function dumpWithoutMeta(): Promise<Record<string, unknown[]>> {
  const dump = await fullDump();
  delete dump.meta;
  return dump;
}

/** A few real answers (Again, Good, Easy, Hard) on built-in cards, a changed preset and changed settings. */
async function seedHistory(): Promise<void> {
  const cards = await appDatabase().cards.orderBy('id').limit(4).toArray();
  const ratings: RatingValue[] = [Rating.Again, Rating.Good, Rating.Easy, Rating.Hard];
  let now = FIXED_NOW;
  for (const [index, card] of cards.entries()) {
    const options = await getDeckOptions();
    const { card: answered, log } = answerCard(card, ratings[index] ?? Rating.Good, options, {
      nowMs: now,
      durationMs: 3000 + index,
      day: studyDayOf(now, 4),
    });
    await recordReview(answered, log);
    now += MINUTE;
  }
  await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 12 });
  await updateSettings({ theme: 'dark', lastBackupAt: FIXED_NOW - MINUTE });
}

/** The backup the app would write now, as plain JSON to tamper with. */
async function currentBackup(): Promise<BackupFileV4> {
  return JSON.parse(JSON.stringify(await createBackup(FIXED_NOW + MINUTE, '0.1.0'))) as BackupFileV4;
}

function backupFile(content: unknown, name = 'backup.json'): File {
  return new File([typeof content === 'string' ? content : JSON.stringify(content)], name, { type: 'application/json' });
}

async function chooseBackup(user: ReturnType<typeof userEvent.setup>, file: File, label = 'Restore from backup'): Promise<void> {
  const input = await screen.findByLabelText(label, { selector: 'input' });
  await user.upload(input, file);
}

/** Renders the settings screen, tries to restore `file`, and returns the alert's items; checks nothing was written. */
async function refusedRestore(file: File): Promise<string[]> {
  const user = renderAppAt('/settings');
  await screen.findByRole('heading', { name: 'Backup' });
  const before = await fullDump();

  await chooseBackup(user, file);

  const alert = await screen.findByRole('alert');
  const items = within(alert)
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '');
  expect(items[0]).toBe(REFUSED);
  expect(screen.queryByRole('button', { name: 'Replace everything' })).toBeNull();
  const after = await fullDump();
  expect(after).toEqual(before);
  expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  return items.slice(1);
}

beforeEach(async () => {
  freezeClock(FIXED_NOW);
  await freshAppWithBuiltInDecks(FIXED_NOW - MINUTE);
  await seedHistory();
});

afterEach(async () => {
  cleanup();
  await tearDownApp();
});

describe('a backup that would break the app is refused, and nothing is written', () => {
  it('refuses review logs that share an id (they would overwrite each other)', async () => {
    const backup = await currentBackup();
    expect(backup.reviewLogs).toHaveLength(4);
    const id = backup.reviewLogs[0]?.id;
    backup.reviewLogs = backup.reviewLogs.map((log) => ({ ...log, id: id ?? '' }));

    expect(await refusedRestore(backupFile(backup))).toEqual([
      `Review 2 (“${id}”): the id “${id}” is used more than once.`,
      `Review 3 (“${id}”): the id “${id}” is used more than once.`,
      `Review 4 (“${id}”): the id “${id}” is used more than once.`,
    ]);
  });

  it('refuses a review of a card that is not in the backup', async () => {
    const backup = await currentBackup();
    const [log] = backup.reviewLogs;
    if (!log) throw new Error('no review log');
    log.cardId = 'no-such-card';

    expect(await refusedRestore(backupFile(backup))).toEqual([
      `Review 1 (“${log.id}”): it is an answer to the card “no-such-card”, which is not in the backup.`,
    ]);
  });

  it('refuses a learning card with difficulty 0', async () => {
    const backup = await currentBackup();
    const index = backup.cards.findIndex((card) => card.state === CardState.Learning);
    const card = backup.cards[index];
    if (!card) throw new Error('no learning card');
    card.difficulty = 0;

    expect(await refusedRestore(backupFile(backup))).toEqual([
      `Card ${index + 1} (“${card.id}”): “difficulty” must be a number from 1 to 10 once a card has been studied (state 1, 2 or 3); found 0.`,
    ]);
  });

  it('refuses a preset with learning steps ["bogus"]', async () => {
    const backup = await currentBackup();
    const index = backup.deckOptions.findIndex((options) => options.id === DEFAULT_OPTIONS_ID);
    const options = backup.deckOptions[index];
    if (!options) throw new Error('no default preset');
    options.learningSteps = ['bogus'];

    expect(await refusedRestore(backupFile(backup))).toEqual([
      `Options preset ${index + 1} (“default”): “learningSteps”: “bogus” is not a step: write a whole number followed by m (minutes), h (hours) or d (days), e.g. 10m or 1d.`,
    ]);
  });

  it('refuses a negative stability', async () => {
    const backup = await currentBackup();
    const index = backup.cards.findIndex((card) => card.state === CardState.Review);
    const card = backup.cards[index];
    if (!card) throw new Error('no review card');
    card.stability = -3;

    expect(await refusedRestore(backupFile(backup))).toEqual([
      `Card ${index + 1} (“${card.id}”): “stability” must be a number above 0 once a card has been studied (state 1, 2 or 3); found -3.`,
    ]);
  });

  it('refuses fractional reps', async () => {
    const backup = await currentBackup();
    const index = backup.cards.findIndex((card) => card.reps > 0);
    const card = backup.cards[index];
    if (!card) throw new Error('no answered card');
    card.reps = 1.5;

    expect(await refusedRestore(backupFile(backup))).toEqual([
      `Card ${index + 1} (“${card.id}”): “reps” must be a whole number of 0 or more; found 1.5.`,
    ]);
  });

  it('refuses a date outside the years 1970 to 9999', async () => {
    const backup = await currentBackup();
    const [card] = backup.cards;
    if (!card) throw new Error('no card');
    const tooLate = Date.UTC(10000, 0, 1);
    card.due = tooLate;

    expect(await refusedRestore(backupFile(backup))).toEqual([
      `Card 1 (“${card.id}”): “due” must be a date: whole milliseconds since 1970, before the year 10000; found ${tooLate}.`,
    ]);
  });

  it('refuses a settings key the app does not have', async () => {
    const backup = await currentBackup();
    (backup.settings as unknown as Record<string, unknown>).fontSize = 14;

    expect(await refusedRestore(backupFile(backup))).toEqual([
      'Settings: “fontSize” is not something this app stores, so the backup cannot be restored as it is.',
    ]);
  });

  it('refuses a file that is not JSON', async () => {
    expect(await refusedRestore(backupFile('{"format": "interview-flashcards/backup", '))).toEqual([
      'This file is not a backup: it is not valid JSON.',
    ]);
  });

  it('gives the reason in Russian when the app is in Russian', async () => {
    await updateSettings({ language: 'ru' });
    const backup = await currentBackup();
    const index = backup.cards.findIndex((card) => card.state === CardState.Learning);
    const card = backup.cards[index];
    if (!card) throw new Error('no learning card');
    card.difficulty = 0;
    const user = renderAppAt('/settings');
    await screen.findByRole('heading', { name: 'Резервная копия' });
    const before = await fullDump();

    await chooseBackup(user, backupFile(backup), 'Восстановить из копии');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Копия не восстановлена. Ничего не изменилось.',
      `Карточка ${index + 1} («${card.id}»): «difficulty» — ожидается число от 1 до 10, если карточку уже изучали (состояние 1, 2 или 3); найдено 0.`,
    ]);
    expect(await fullDump()).toEqual(before);
  });
});

it('restores a backup the app made itself', async () => {
  const file = backupFile(await createBackup(FIXED_NOW + MINUTE, '0.1.0'));
  const saved = await dumpWithoutMeta();
  // Changes after the backup, which the restore must undo.
  await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 3, burySiblings: false });
  await updateSettings({ theme: 'light', learnAheadMinutes: 5 });
  await appDatabase().reviews.clear();
  const user = renderAppAt('/settings');

  await chooseBackup(user, file);
  await user.click(await screen.findByRole('button', { name: 'Replace everything' }));

  expect(await screen.findByText('Backup restored.')).toHaveAttribute('role', 'status');
  expect(await dumpWithoutMeta()).toEqual(saved);
  await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
});
