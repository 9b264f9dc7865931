/**
 * The backup file's envelope and records, without the checks: what storage
 * needs to write a backup and restore a checked one. Kept apart from
 * `backupFormat.ts` (whose step checks use ts-fsrs) so storage, and with it
 * the first screen, never loads ts-fsrs, as `cardState.ts` does for cards.
 */
import type { AppSettings, CardRecord, DeckOptions, DeckRecord, ReviewLogRecord } from './types';

export const BACKUP_FORMAT = 'interview-flashcards/backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupFileV1 {
  format: typeof BACKUP_FORMAT;
  version: 1;
  /** Epoch ms when the backup was written. */
  exportedAt: number;
  /** The app version that wrote it, e.g. '0.1.0'. */
  appVersion: string;
  decks: DeckRecord[];
  cards: CardRecord[];
  reviewLogs: ReviewLogRecord[];
  deckOptions: DeckOptions[];
  settings: AppSettings;
}
