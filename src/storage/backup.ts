/**
 * Full backup and restore. A backup holds every table the app owns (the
 * story bank's recordings with their audio as base64, and the media files
 * cards show with their bytes as base64, unless the user leaves either out);
 * a restore replaces everything, media included, in one transaction after
 * the caller has validated the file (`validateBackup`) and the user has
 * confirmed. Export -> wipe -> restore gives back the same records, ids
 * included, and each recording's and media file's bytes and type. "Delete
 * all data" (`wipeAllData`) empties every store, media included.
 *
 * Audio and media bytes are read from their blobs after the read
 * transaction and decoded into blobs before the write transaction: an
 * IndexedDB transaction commits as soon as it waits on anything but its own
 * requests.
 */
import { base64ToBytes, bytesToBase64 } from '../domain/base64';
import { BACKUP_FORMAT, type BackupFileV4, type BackupMedia, type BackupRecording, type MediaInfo } from '../domain/backupFile';
import type { RecordingInfo, RecordingRecord } from '../domain/stories';
import { CardQueue, DEFAULT_SETTINGS } from '../domain/types';
import { ANSWER_CLAIM_RANGE, BURIED_SINCE_KEY } from './answers';
import { getDatabase, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import type { MediaRecord } from './media';
import { notesReady } from './upgrade';

/** The stores a backup holds (every one the app owns but `meta`). */
export const collectionTables = (database: FlashcardsDatabase) => [
  database.decks,
  database.notes,
  database.cards,
  database.reviews,
  database.deckOptions,
  database.settings,
  database.stories,
  database.recordings,
  database.media,
];

/** A collection's records as a backup holds them, but recordings and media files as stored (their bytes stay in their blobs). */
export type CollectionRead = Omit<BackupFileV4, 'format' | 'version' | 'exportedAt' | 'appVersion' | 'recordings' | 'media'> & {
  recordings: RecordingRecord[];
  media: MediaRecord[];
};

/** What `createBackup` puts in the file (both by default). */
export interface BackupOptions {
  /** Whether the recordings (their audio, as base64) go in; without, the file has none. */
  withRecordings?: boolean;
  /** Whether the media files (their bytes, as base64) go in; without, the file has none. */
  withMedia?: boolean;
}

/** A recording's fields without its audio. */
export function recordingInfoOf(recording: RecordingInfo): RecordingInfo {
  const { id, ownerKind, ownerId, createdAt, durationMs, mimeType, size } = recording;
  return { id, ownerKind, ownerId, createdAt, durationMs, mimeType, size };
}

/** A media file's fields without its bytes. */
export function mediaInfoOf(media: MediaInfo): MediaInfo {
  const { name, mime, size, hash, addedAt } = media;
  return { name, mime, size, hash, addedAt };
}

/** Every record of this device's collection, recordings and media with their blobs; inside a transaction over `collectionTables`. */
export async function readCollection(database: FlashcardsDatabase, { withRecordings = true, withMedia = true }: BackupOptions = {}): Promise<CollectionRead> {
  const [decks, notes, cards, reviewLogs, deckOptions, settingsRow, stories, recordings, media] = await Promise.all([
    database.decks.toArray(),
    database.notes.toArray(),
    database.cards.toArray(),
    database.reviews.toArray(),
    database.deckOptions.toArray(),
    database.settings.get('app'),
    database.stories.toArray(),
    withRecordings ? database.recordings.toArray() : [],
    withMedia ? database.media.toArray() : [],
  ]);
  return { decks, notes, cards, reviewLogs, deckOptions, settings: { ...DEFAULT_SETTINGS, ...settingsRow?.value }, stories, recordings, media };
}

/** A stored recording as the backup file holds it: its fields and its audio as base64. */
async function backupRecordingOf(recording: RecordingRecord): Promise<BackupRecording> {
  const bytes = new Uint8Array(await recording.blob.arrayBuffer());
  return { ...recordingInfoOf(recording), size: bytes.length, audio: bytesToBase64(bytes) };
}

/** A stored media file as the backup file holds it: its fields and its bytes as base64. */
function backupMediaOf(media: MediaRecord): BackupMedia {
  const bytes = new Uint8Array(media.bytes);
  return { ...mediaInfoOf(media), size: bytes.length, data: bytesToBase64(bytes) };
}

/**
 * Reads every record into one versioned backup object; with
 * `withRecordings: false` the file holds no recordings (stories and
 * everything else still go in), with `withMedia: false` no media files (the
 * notes that show them still go in).
 *
 * @example
 * const file = JSON.stringify(await createBackup(Date.now(), APP_VERSION, { withRecordings: false }));
 */
export function createBackup(nowMs: number, appVersion: string, options: BackupOptions = {}): Promise<BackupFileV4> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    const { recordings, media, ...records } = await database.transaction('r', collectionTables(database), () => readCollection(database, options));
    const withAudio: BackupRecording[] = [];
    // One at a time: a few MB of audio each, never all of them as bytes and text at once.
    for (const recording of recordings) withAudio.push(await backupRecordingOf(recording));
    const withBytes: BackupMedia[] = [];
    for (const file of media) withBytes.push(backupMediaOf(file));
    return { format: BACKUP_FORMAT, version: 4, exportedAt: nowMs, appVersion, ...records, recordings: withAudio, media: withBytes } satisfies BackupFileV4;
  });
}

/** A backup's recording as stored: its audio decoded into a blob of its type. */
export function recordingFromBackup(recording: BackupRecording): RecordingRecord {
  const bytes = base64ToBytes(recording.audio);
  if (!bytes) throw new Error(`The audio of recording "${recording.id}" is not base64.`);
  return { ...recordingInfoOf(recording), blob: new Blob([bytes], { type: recording.mimeType }) };
}

/** A backup's media file as stored: its bytes decoded from base64. */
export function mediaFromBackup(media: BackupMedia): MediaRecord {
  const bytes = base64ToBytes(media.data);
  if (!bytes) throw new Error(`The data of media file "${media.name}" is not base64.`);
  return { ...mediaInfoOf(media), hash: media.hash.toLowerCase(), bytes: bytes.buffer };
}

/** Replaces every deck, note, card, log, option preset, story, recording, media file and the settings with the backup's, all or nothing. */
export function restoreBackup(backup: BackupFileV4): Promise<void> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    const recordings = backup.recordings.map(recordingFromBackup);
    const media = backup.media.map(mediaFromBackup);
    await database.transaction('rw', [...collectionTables(database), database.meta], async () => {
      await Promise.all(collectionTables(database).map((table) => table.clear()));
      await database.decks.bulkPut(backup.decks);
      await database.notes.bulkPut(backup.notes);
      await database.cards.bulkPut(backup.cards);
      await database.reviews.bulkPut(backup.reviewLogs);
      await database.deckOptions.bulkPut(backup.deckOptions);
      await database.settings.put({ key: 'app', value: backup.settings });
      await database.stories.bulkPut(backup.stories);
      await database.recordings.bulkPut(recordings);
      await database.media.bulkPut(media);
      // Cards the backup holds buried come back on the next study day, as here.
      const buriedDays = backup.cards.flatMap((card) => (card.queue === CardQueue.Buried ? [card.buriedDay ?? 0] : []));
      if (buriedDays.length > 0) await database.meta.put({ key: BURIED_SINCE_KEY, value: Math.min(...buriedDays) });
      else await database.meta.delete(BURIED_SINCE_KEY);
      // Claims on card states of the replaced collection would refuse the restored cards' answers.
      await database.meta.where('key').between(...ANSWER_CLAIM_RANGE).delete();
    });
  });
}

/** Deletes every deck, note, card, log, option preset, story, recording, media file and setting (the "clear data" action). */
export function wipeAllData(): Promise<void> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    const tables = [...collectionTables(database), database.meta];
    await database.transaction('rw', tables, async () => {
      await Promise.all(tables.map((table) => table.clear()));
    });
  });
}

/** How many recordings there are and their bytes. */
export interface RecordingsTotal {
  count: number;
  bytes: number;
}

async function countRecordings(database: FlashcardsDatabase): Promise<RecordingsTotal> {
  let count = 0;
  let bytes = 0;
  await database.recordings.each((recording) => {
    count += 1;
    bytes += recording.size;
  });
  return { count, bytes };
}

/** How many recordings a backup with them would hold, and their bytes (the backup section shows it before the user chooses). */
export function recordingsForBackup(): Promise<RecordingsTotal> {
  return guarded(() => countRecordings(getDatabase()));
}

/** Deletes every recording (stories and their study notes stay); resolves to how many and the bytes freed. */
export function deleteAllRecordings(): Promise<RecordingsTotal> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', database.recordings, async () => {
      const total = await countRecordings(database);
      await database.recordings.clear();
      return total;
    });
  });
}
