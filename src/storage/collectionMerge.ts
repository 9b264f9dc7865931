/**
 * Merging a backup from another device into this one: reads this device's
 * collection, lets `domain/collectionMerge.ts` decide, and writes only what
 * changed (stories, the other side's recordings this device lacks, their
 * audio decoded from the file's base64, and its media files under names
 * this device lacks, their bytes decoded the same way; a name this device
 * holds with other bytes keeps this device's file and is counted) in one
 * transaction (with the counts versions of the decks whose
 * cards or answers changed, the buried-since marker, and no answer claims
 * left on the old states of rescheduled cards). The caller has checked the
 * file (`validateBackup`). The merge code, and ts-fsrs with it, is loaded on
 * first use, so the first screen never carries it.
 */
import type { BackupFileV4 } from '../domain/backupFile';
import type { CollectionMergeSummary } from '../domain/collectionMerge';
import { studyDayOf } from '../domain/studyDay';
import { CardQueue } from '../domain/types';
import { ANSWER_CLAIM_RANGE, BURIED_SINCE_KEY } from './answers';
import { collectionTables, mediaFromBackup, readCollection, recordingFromBackup } from './backup';
import { versionRowsFor } from './countsCache';
import { getDatabase } from './db';
import { guarded } from './errors';
import { notesReady } from './upgrade';

export type { CollectionMergeSummary } from '../domain/collectionMerge';

/** What a merge does (or would do): the counts the preview words, and whether anything is written at all. */
export interface BackupMergeResult {
  summary: CollectionMergeSummary;
  hasChanges: boolean;
}


const loadMerge = () => import('../domain/collectionMerge');

/** The card id an answer claim's key names (`answer-claim:<card id>|<reps>|<last review>|<due>`). */
function claimedCardId(key: string): string {
  return key.slice(ANSWER_CLAIM_RANGE[0].length).split('|').slice(0, -3).join('|');
}

/**
 * What merging `incoming` would change on this device, written nowhere.
 *
 * @example
 * const { summary, hasChanges } = await previewMergeBackup(backup, Date.now());
 * // hasChanges false: "nothing to merge"; else show summary.logsAdded, summary.cardsRescheduled, ...
 */
export function previewMergeBackup(incoming: BackupFileV4, nowMs: number): Promise<BackupMergeResult> {
  return guarded(async () => {
    const { mergeCollections } = await loadMerge();
    const database = getDatabase();
    await notesReady(database);
    const local = await database.transaction('r', collectionTables(database), () => readCollection(database));
    const { summary, hasChanges } = mergeCollections(local, incoming, { studyDay: studyDayOf(nowMs, local.settings.dayStartHour) });
    return { summary, hasChanges };
  });
}

/**
 * Merges `incoming` into this device's collection, all or nothing, and
 * returns what changed (the preview's counts, as of the write). Merging the
 * same backup again writes nothing.
 */
export function mergeBackup(incoming: BackupFileV4, nowMs: number): Promise<BackupMergeResult> {
  return guarded(async () => {
    const { mergeCollections } = await loadMerge();
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('rw', [...collectionTables(database), database.meta], async (): Promise<BackupMergeResult> => {
      const local = await readCollection(database);
      const { changes, summary, hasChanges } = mergeCollections(local, incoming, { studyDay: studyDayOf(nowMs, local.settings.dayStartHour) });
      if (!hasChanges) return { summary, hasChanges };

      await database.decks.bulkPut(changes.decks);
      await database.notes.bulkPut(changes.notes);
      await database.deckOptions.bulkPut(changes.deckOptions);
      if (changes.settings) await database.settings.put({ key: 'app', value: changes.settings });
      // Each write stamps its own deck's counts version; the decks cards left need theirs too.
      await database.cards.bulkPut(changes.cards);
      await database.reviews.bulkPut(changes.reviewLogs);
      await database.stories.bulkPut(changes.stories);
      if (changes.recordingIds.length > 0) {
        // Decoded here, synchronously (the transaction stays open), and only the ones this device lacks.
        const added = new Set(changes.recordingIds);
        await database.recordings.bulkAdd(incoming.recordings.filter((recording) => added.has(recording.id)).map(recordingFromBackup));
      }
      if (changes.mediaNames.length > 0) {
        // The same: decoded here, only the names this device lacks (never over a file it has).
        const added = new Set(changes.mediaNames);
        await database.media.bulkAdd(incoming.media.filter((media) => added.has(media.name)).map(mediaFromBackup));
      }
      if (changes.touchedDeckIds.length > 0) await database.meta.bulkPut(versionRowsFor(changes.touchedDeckIds));

      // Cards buried by the other side come back on the next study day, as this device's own.
      const buriedDays = changes.cards.flatMap((card) => (card.queue === CardQueue.Buried && card.buriedDay !== undefined ? [card.buriedDay] : []));
      if (buriedDays.length > 0) {
        const marker = await database.meta.get(BURIED_SINCE_KEY);
        const since = Math.min(...buriedDays, typeof marker?.value === 'number' ? marker.value : Infinity);
        await database.meta.put({ key: BURIED_SINCE_KEY, value: since });
      }
      // A claim on a rescheduled card's old state would refuse an answer from a state it may have again.
      if (changes.rescheduledCardIds.length > 0) {
        const rescheduled = new Set(changes.rescheduledCardIds);
        const claims = await database.meta.where('key').between(...ANSWER_CLAIM_RANGE).primaryKeys();
        const stale = claims.filter((key) => rescheduled.has(claimedCardId(key)));
        if (stale.length > 0) await database.meta.bulkDelete(stale);
      }
      return { summary, hasChanges };
    });
  });
}
