/**
 * The backup file's envelope and records, without the checks: what storage
 * needs to write a backup and restore a checked one. Kept apart from
 * `backupFormat.ts` (whose step checks use ts-fsrs) so storage, and with it
 * the first screen, never loads ts-fsrs, as `cardState.ts` does for cards.
 *
 * Version 4 adds the media files cards show (images, sounds), each with its
 * bytes as base64 text (a backup may be written without them). Version 3
 * added the story bank: stories, and practice recordings with their audio as
 * base64 text (a backup may be written without them). Version 2 holds notes,
 * and review logs with globally unique ids; a version-1 file (cards only,
 * numbered logs), a version-2 file (no stories, no recordings) and a
 * version-3 file (no media) are read into version 4 by `validateBackup`.
 */
import type { RecordingInfo, StoryRecord } from './stories';
import type { AppSettings, CardRecord, DeckOptions, DeckRecord, NoteRecord, ReviewLogRecord } from './types';

export const BACKUP_FORMAT = 'interview-flashcards/backup';
export const BACKUP_FORMAT_VERSION = 4;

/** A recording as a backup holds it: its fields, and its audio as base64 text (`domain/base64.ts`) instead of a blob. */
export interface BackupRecording extends RecordingInfo {
  audio: string;
}

/** A stored media file's fields, without its bytes (storage keeps them in a blob, a backup as base64). */
export interface MediaInfo {
  /** The plain file name card text refers to it by (`<img src="cat.png">`, `[sound:hello.mp3]`): its key. */
  name: string;
  /** e.g. 'image/png', 'audio/mpeg'. */
  mime: string;
  /** Bytes of the file. */
  size: number;
  /** Hex SHA-256 of the bytes, lower case. */
  hash: string;
  /** Epoch ms when it was stored. */
  addedAt: number;
}

/** A media file as a backup holds it: its fields, and its bytes as base64 text (`domain/base64.ts`). */
export interface BackupMedia extends MediaInfo {
  data: string;
}

export interface BackupFileV4 {
  format: typeof BACKUP_FORMAT;
  version: 4;
  /** Epoch ms when the backup was written. */
  exportedAt: number;
  /** The app version that wrote it, e.g. '0.1.0'. */
  appVersion: string;
  decks: DeckRecord[];
  notes: NoteRecord[];
  cards: CardRecord[];
  reviewLogs: (ReviewLogRecord & { id: string })[];
  deckOptions: DeckOptions[];
  settings: AppSettings;
  stories: StoryRecord[];
  /** Empty in a backup written without recordings. */
  recordings: BackupRecording[];
  /** Empty in a backup written without media files. */
  media: BackupMedia[];
}
