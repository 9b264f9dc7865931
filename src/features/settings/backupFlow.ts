/**
 * Backup, restore and exports as user actions: build the file, hand it to
 * the browser as a download, and validate a chosen backup before restoring.
 */
import { APP_VERSION } from '../../ui/version';
import { validateBackup, type BackupFileV1 } from '../../domain/backupFormat';
import { deckToAnkiTsv, deckToJson, reviewLogToCsv } from '../../domain/exporters';
import type { DeckRecord } from '../../domain/types';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../../domain/builtInDecks';
import type { BackupFileProblem } from './backupMessages';
import { allReviewLogs, cardsOfDeck, createBackup, ensureBuiltInDecks, updateSettings, wipeAllData } from '../../storage';

function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function dateStamp(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

function safeFileName(name: string): string {
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase() || 'deck';
}

export async function downloadBackup(nowMs: number): Promise<void> {
  const backup = await createBackup(nowMs, APP_VERSION);
  download(`interview-flashcards-backup-${dateStamp(nowMs)}.json`, JSON.stringify(backup), 'application/json');
  await updateSettings({ lastBackupAt: nowMs });
}

/** Reads and checks a backup file; returns the backup or the problems as codes (`backupProblemMessage` words them). */
export async function readBackupFile(file: File): Promise<{ ok: true; backup: BackupFileV1 } | { ok: false; problems: BackupFileProblem[] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    return { ok: false, problems: [{ code: 'not-json' }] };
  }
  return validateBackup(parsed);
}

export async function downloadDeck(deck: DeckRecord, format: 'json' | 'tsv'): Promise<void> {
  const cards = await cardsOfDeck(deck.id);
  if (format === 'json') download(`${safeFileName(deck.name)}.json`, deckToJson(deck, cards), 'application/json');
  else download(`${safeFileName(deck.name)}.txt`, deckToAnkiTsv(deck, cards), 'text/tab-separated-values');
}

export async function downloadReviewLog(nowMs: number): Promise<void> {
  download(`review-log-${dateStamp(nowMs)}.csv`, reviewLogToCsv(await allReviewLogs()), 'text/csv');
}

/** Deletes every deck, card and review, then puts the built-in decks back as new. */
export async function deleteAllData(nowMs: number): Promise<void> {
  await wipeAllData();
  await ensureBuiltInDecks(BUILT_IN_DECKS_VERSION, loadBuiltInDecks, nowMs);
}
