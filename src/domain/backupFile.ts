/**
 * The backup file's envelope and records, without the checks: what storage
 * needs to write a backup and restore a checked one. Kept apart from
 * `backupFormat.ts` (whose step checks use ts-fsrs) so storage, and with it
 * the first screen, never loads ts-fsrs, as `cardState.ts` does for cards.
 *
 * Version 2 holds notes, and review logs with globally unique ids; a
 * version-1 file (cards only, numbered logs) is read into version 2 by
 * `validateBackup`.
 */
import type { AppSettings, CardRecord, DeckOptions, DeckRecord, NoteRecord, ReviewLogRecord } from './types';

export const BACKUP_FORMAT = 'interview-flashcards/backup';
export const BACKUP_FORMAT_VERSION = 2;

export interface BackupFileV2 {
  format: typeof BACKUP_FORMAT;
  version: 2;
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
}
