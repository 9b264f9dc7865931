// Export -> wipe -> restore gives back the same database, record by record.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { validateBackup } from '../../src/domain/backupFormat';
import { answerCard } from '../../src/domain/scheduler';
import { Rating } from '../../src/domain/types';
import { getDeckOptions, loadStudySession, recordReview, setOwnDeckOptions, updateDeckOptions, updateSettings } from '../../src/storage';
import { createBackup, restoreBackup, wipeAllData } from '../../src/storage/backup';
import { freshAppWithBuiltInDecks } from '../helpers/componentApp';
import { FIXED_NOW, MINUTE, appDatabase, deleteAppDatabase } from '../helpers/componentDb';
import v1Collection from '../fixtures/db/v1-collection.json';

async function everyRecord() {
  const database = appDatabase();
  return {
    decks: await database.decks.orderBy('id').toArray(),
    notes: await database.notes.orderBy('id').toArray(),
    cards: await database.cards.orderBy('id').toArray(),
    reviewLogs: await database.reviews.orderBy('id').toArray(),
    deckOptions: await database.deckOptions.orderBy('id').toArray(),
    settings: await database.settings.toArray(),
  };
}

beforeEach(async () => {
  await freshAppWithBuiltInDecks(FIXED_NOW - MINUTE);
});

afterEach(async () => {
  await deleteAppDatabase();
});

it('restores every deck, card, FSRS state, review log, option preset and setting exactly', async () => {
  // History worth keeping: answers in two decks, a deck with its own preset, changed settings.
  const session = await loadStudySession(await appDatabase().decks.toCollection().primaryKeys(), FIXED_NOW, { dayStartHour: 4 });
  const cards = [...session.queue.fresh].slice(0, 5);
  let now = FIXED_NOW;
  for (const [index, card] of cards.entries()) {
    const options = session.optionsByDeck.get(card.deckId) ?? (await getDeckOptions());
    const { card: answered, log } = answerCard(card, index % 2 ? Rating.Good : Rating.Again, options, { nowMs: now, durationMs: 4000 + index, day: 20522 });
    await recordReview(answered, log);
    now += MINUTE;
  }
  const deckId = cards[0]?.deckId ?? '';
  await setOwnDeckOptions(deckId, true);
  await updateDeckOptions(`deck:${deckId}`, { newPerDay: 7, desiredRetention: 0.85 });
  await updateSettings({ dayStartHour: 5, theme: 'dark', language: 'ru' });
  const before = await everyRecord();
  expect(before.reviewLogs).toHaveLength(5);

  // The file a user would download, read back as text.
  const file = JSON.stringify(await createBackup(now, '0.1.0'));
  await wipeAllData();
  expect((await everyRecord()).cards).toHaveLength(0);

  const validation = validateBackup(JSON.parse(file));
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  await restoreBackup(validation.backup);

  const after = await everyRecord();
  expect(after).toEqual(before);
  expect(JSON.stringify(after)).toBe(JSON.stringify(before));
});

it('a restore that fails part-way leaves the existing data untouched', async () => {
  const before = await everyRecord();
  const backup = await createBackup(FIXED_NOW, '0.1.0');
  // A card without its primary key cannot be stored: the transaction must roll back as a whole.
  const broken = { ...backup, cards: [...backup.cards, { ...backup.cards[0], id: undefined } as unknown as (typeof backup.cards)[number]] };
  await expect(restoreBackup(broken)).rejects.toThrow();
  expect(await everyRecord()).toEqual(before);
});

it('restores a version-1 backup (cards only, numbered logs): every card and answer, with its notes rebuilt', async () => {
  const { stores } = v1Collection;
  const v1Backup = {
    format: 'interview-flashcards/backup',
    version: 1,
    exportedAt: Date.parse(v1Collection.generatedAt),
    appVersion: '0.1.0',
    decks: stores.decks,
    cards: stores.cards,
    reviewLogs: stores.reviewLogs,
    deckOptions: stores.deckOptions,
    settings: stores.settings[0]?.value,
  };
  const validation = validateBackup(JSON.parse(JSON.stringify(v1Backup)));
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  await restoreBackup(validation.backup);

  const restored = await everyRecord();
  expect(restored.cards.map((card) => [card.id, card.due, card.reps, card.stability, card.queue])).toEqual(
    [...stores.cards].sort((a, b) => (a.id < b.id ? -1 : 1)).map((card) => [card.id, card.due, card.reps, card.stability, card.queue]),
  );
  expect(restored.reviewLogs.map((log) => `${log.cardId}@${log.reviewTime}`).sort()).toEqual(stores.reviewLogs.map((log) => `${log.cardId}@${log.reviewTime}`).sort());
  expect(restored.notes.filter((note) => note.type === 'cloze').length).toBeGreaterThan(0);
  // Written back as version 4, it restores to the same records.
  const again = validateBackup(JSON.parse(JSON.stringify(await createBackup(FIXED_NOW, '0.2.0'))));
  if (!again.ok) throw new Error('the re-exported backup was refused');
  expect(again.backup.version).toBe(4);
  await wipeAllData();
  await restoreBackup(again.backup);
  expect(await everyRecord()).toEqual(restored);
});
