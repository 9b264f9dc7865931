// Merging a backup from another device through the settings screen: the
// file is checked as a restore checks it, the preview says in plain words
// what will change, "Merge" writes it and "Cancel" writes nothing, and a
// second merge of the same file has nothing to do.
import { screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BackupFileV4 } from '../../src/domain/backupFormat';
import { seededUlid } from '../../src/domain/ids';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { DEFAULT_DECK_OPTIONS, Rating, type CardRecord, type RatingValue } from '../../src/domain/types';
import { recordReview } from '../../src/storage';
import { createBackup } from '../../src/storage/backup';
import { renderAppAt } from '../helpers/renderApp';
import { freshAppForEachTest } from '../helpers/componentApp';
import { FIXED_NOW, MINUTE, appDatabase } from '../helpers/componentDb';

const MERGE_LABEL = 'Merge a backup from another device';

type User = ReturnType<typeof userEvent.setup>;

/** Every store but meta (which holds the home counts cache), each in primary-key order. */
async function collectionDump(): Promise<Record<string, unknown[]>> {
  const database = appDatabase();
  const dump: Record<string, unknown[]> = {};
  for (const table of [...database.tables].sort((a, b) => a.name.localeCompare(b.name))) {
    if (table.name !== 'meta') dump[table.name] = await table.toArray();
  }
  return dump;
}

function answered(card: CardRecord, rating: RatingValue, nowMs: number) {
  return answerCard(card, rating, DEFAULT_DECK_OPTIONS, { nowMs, durationMs: 3000, day: studyDayOf(nowMs, 4) });
}

/** The other device: the same collection as this one now, with its own answers to the last two cards. */
async function otherDeviceBackup(): Promise<BackupFileV4> {
  const backup = JSON.parse(JSON.stringify(await createBackup(FIXED_NOW, '0.1.0'))) as BackupFileV4;
  const ids = backup.cards.map((card) => card.id).sort().slice(-2);
  for (const [index, id] of ids.entries()) {
    const card = backup.cards.find((candidate) => candidate.id === id);
    if (!card) throw new Error(`no card ${id}`);
    const nowMs = FIXED_NOW + (index + 1) * MINUTE;
    const { card: next, log } = answered(card, index === 0 ? Rating.Good : Rating.Again, nowMs);
    backup.cards = backup.cards.map((candidate) => (candidate.id === id ? next : candidate));
    backup.reviewLogs.push({ ...log, id: seededUlid(nowMs, `other-device:${index}`) });
  }
  backup.exportedAt = FIXED_NOW + 3 * MINUTE;
  return backup;
}

/** This device's own answers to its first two cards. */
async function answerHere(): Promise<void> {
  const cards = await appDatabase().cards.orderBy('id').limit(2).toArray();
  for (const [index, card] of cards.entries()) {
    const { card: next, log } = answered(card, Rating.Easy, FIXED_NOW + (index + 1) * MINUTE + 30_000);
    await recordReview(next, log);
  }
}

function backupFile(content: unknown): File {
  return new File([typeof content === 'string' ? content : JSON.stringify(content)], 'other-device.json', { type: 'application/json' });
}

async function chooseMergeFile(user: User, file: File): Promise<void> {
  await user.upload(await screen.findByLabelText(MERGE_LABEL, { selector: 'input' }), file);
}

async function openSettings(): Promise<User> {
  const user = renderAppAt('/settings');
  await screen.findByRole('heading', { name: 'Backup' });
  return user;
}

freshAppForEachTest();

describe('merging a backup from another device', () => {
  it('previews the changes in words, merges on "Merge", and has nothing left to merge the second time', async () => {
    const other = await otherDeviceBackup();
    await answerHere();
    const user = await openSettings();

    await chooseMergeFile(user, backupFile(other));
    const preview = await screen.findByRole('alertdialog');
    expect(within(preview).getByText(/^Merge the backup from .+ into this device\? Nothing here is deleted\. What changes:$/)).toBeTruthy();
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['2 cards rescheduled from the answers of both devices.', '2 answers added to the history.']);

    await user.click(within(preview).getByRole('button', { name: 'Merge' }));
    const done = await screen.findByText(/^Backup merged\./);
    expect(done.getAttribute('role')).toBe('status');
    expect(done.textContent).toBe('Backup merged. 2 cards rescheduled from the answers of both devices. 2 answers added to the history.');
    expect(screen.queryByRole('alertdialog')).toBeNull();

    const database = appDatabase();
    expect(await database.reviews.count()).toBe(4);
    for (const card of other.cards.filter((candidate) => other.reviewLogs.some((log) => log.cardId === candidate.id))) {
      expect(await database.cards.get(card.id)).toEqual(card);
    }

    const merged = await collectionDump();
    await chooseMergeFile(user, backupFile(other));
    expect((await screen.findByText('Nothing to merge: this device already has everything in that backup.')).getAttribute('role')).toBe('status');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await collectionDump()).toEqual(merged);
  });

  it('writes nothing on "Cancel"', async () => {
    const other = await otherDeviceBackup();
    const user = await openSettings();
    const before = await collectionDump();

    await chooseMergeFile(user, backupFile(other));
    const preview = await screen.findByRole('alertdialog');
    await user.click(within(preview).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await collectionDump()).toEqual(before);
  });

  it('refuses a file that is not a backup, in the words a restore uses, and writes nothing', async () => {
    const user = await openSettings();
    const before = await collectionDump();

    await chooseMergeFile(user, backupFile('{ not json'));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['The backup was not merged. Nothing changed.', 'This file is not a backup: it is not valid JSON.']);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await collectionDump()).toEqual(before);
  });
});
