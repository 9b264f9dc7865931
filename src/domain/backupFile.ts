/**
 * The backup file's envelope and records, without the checks: what storage
 * needs to write a backup and restore a checked one. Kept apart from
 * `backupFormat.ts` (whose step checks use ts-fsrs) so storage, and with it
 * the first screen, never loads ts-fsrs, as `cardState.ts` does for cards.
 *
 * Version 3 adds the story bank: stories, and practice recordings with their
 * audio as base64 text (a backup may be written without them). Version 2
 * holds notes, and review logs with globally unique ids; a version-1 file
 * (cards only, numbered logs) and a version-2 file (no stories, no
 * recordings) are read into version 3 by `validateBackup`.
 */
import type { RecordingInfo, StoryRecord } from './stories';
import type { AppSettings, CardRecord, DeckOptions, DeckRecord, NoteRecord, ReviewLogRecord } from './types';

export const BACKUP_FORMAT = 'interview-flashcards/backup';
export const BACKUP_FORMAT_VERSION = 3;

/** A recording as a backup holds it: its fields, and its audio as base64 text (`domain/base64.ts`) instead of a blob. */
export interface BackupRecording extends RecordingInfo {
  audio: string;
}

export interface BackupFileV3 {
  format: typeof BACKUP_FORMAT;
  version: 3;
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
}
