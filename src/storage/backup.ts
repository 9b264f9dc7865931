/**
 * Full backup and restore. A backup holds every table the app owns; a
 * restore replaces everything in one transaction after the caller has
 * validated the file (`validateBackup`) and the user has confirmed.
 * Export -> wipe -> restore gives back the same records, ids included.
 */
import { BACKUP_FORMAT, type BackupFileV2 } from '../domain/backupFile';
import { CardQueue, DEFAULT_SETTINGS } from '../domain/types';
import { ANSWER_CLAIM_RANGE, BURIED_SINCE_KEY } from './answers';
import { getDatabase, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { notesReady } from './upgrade';

/** The stores a backup holds (every one the app owns but `meta`). */
export const collectionTables = (database: FlashcardsDatabase) => [database.decks, database.notes, database.cards, database.reviews, database.deckOptions, database.settings];

/** Every record of this device's collection, as a backup holds them; inside a transaction over `collectionTables`. */
export async function readCollection(database: FlashcardsDatabase): Promise<Omit<BackupFileV2, 'format' | 'version' | 'exportedAt' | 'appVersion'>> {
  const [decks, notes, cards, reviewLogs, deckOptions, settingsRow] = await Promise.all([
    database.decks.toArray(),
    database.notes.toArray(),
    database.cards.toArray(),
    database.reviews.toArray(),
    database.deckOptions.toArray(),
    database.settings.get('app'),
  ]);
  return { decks, notes, cards, reviewLogs, deckOptions, settings: { ...DEFAULT_SETTINGS, ...settingsRow?.value } };
}

/** Reads every record into one versioned backup object. */
export function createBackup(nowMs: number, appVersion: string): Promise<BackupFileV2> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    const records = await database.transaction('r', collectionTables(database), () => readCollection(database));
    return { format: BACKUP_FORMAT, version: 2, exportedAt: nowMs, appVersion, ...records } satisfies BackupFileV2;
  });
}

/** Replaces every deck, note, card, log, option preset and the settings with the backup's, all or nothing. */
export function restoreBackup(backup: BackupFileV2): Promise<void> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    await database.transaction(
      'rw',
      [database.decks, database.notes, database.cards, database.reviews, database.deckOptions, database.settings, database.meta],
      async () => {
        await Promise.all([
          database.decks.clear(),
          database.notes.clear(),
          database.cards.clear(),
          database.reviews.clear(),
          database.deckOptions.clear(),
          database.settings.clear(),
        ]);
        await database.decks.bulkPut(backup.decks);
        await database.notes.bulkPut(backup.notes);
        await database.cards.bulkPut(backup.cards);
        await database.reviews.bulkPut(backup.reviewLogs);
        await database.deckOptions.bulkPut(backup.deckOptions);
        await database.settings.put({ key: 'app', value: backup.settings });
        // Cards the backup holds buried come back on the next study day, as here.
        const buriedDays = backup.cards.flatMap((card) => (card.queue === CardQueue.Buried ? [card.buriedDay ?? 0] : []));
        if (buriedDays.length > 0) await database.meta.put({ key: BURIED_SINCE_KEY, value: Math.min(...buriedDays) });
        else await database.meta.delete(BURIED_SINCE_KEY);
        // Claims on card states of the replaced collection would refuse the restored cards' answers.
        await database.meta.where('key').between(...ANSWER_CLAIM_RANGE).delete();
      },
    );
  });
}

/** Deletes every deck, note, card, log, option preset and setting (the "clear data" action). */
export function wipeAllData(): Promise<void> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    await database.transaction(
      'rw',
      [database.decks, database.notes, database.cards, database.reviews, database.deckOptions, database.settings, database.meta],
      async () => {
        await Promise.all(
          [database.decks, database.notes, database.cards, database.reviews, database.deckOptions, database.settings, database.meta].map((table) =>
            table.clear(),
          ),
        );
      },
    );
  });
}
