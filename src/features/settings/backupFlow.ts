/**
 * Backup, restore and exports as user actions: build the file, hand it to
 * the browser as a download, and validate a chosen backup before restoring
 * or merging it.
 */
import { APP_VERSION } from '../../ui/version';
import { validateBackup, type BackupFileV4 } from '../../domain/backupFormat';
import { deckToAnkiTsv, deckToJson, reviewLogToCsv } from '../../domain/exporters';
import { loadMarkdownParser, loadSanitizer, renderMarkdown } from '../../ui/markdown';
import type { DeckRecord } from '../../domain/types';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../../domain/builtInDecks';
import type { BackupFileProblem } from './backupMessages';
import { allReviewLogs, liveNotesOfDeck, ensureBuiltInDecks, updateSettings } from '../../storage';
import { createBackup, wipeAllData, type BackupOptions } from '../../storage/backup';
import { previewMergeBackup, type BackupMergeResult } from '../../storage/collectionMerge';

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

/** Downloads a full backup (with or without the recordings' audio and the media files) and remembers when. */
export async function downloadBackup(nowMs: number, options: BackupOptions = {}): Promise<void> {
  const backup = await createBackup(nowMs, APP_VERSION, options);
  download(`interview-flashcards-backup-${dateStamp(nowMs)}.json`, JSON.stringify(backup), 'application/json');
  await updateSettings({ lastBackupAt: nowMs });
}

/** Reads and checks a backup file; returns the backup or the problems as codes (`backupProblemMessage` words them). */
export async function readBackupFile(file: File): Promise<{ ok: true; backup: BackupFileV4 } | { ok: false; problems: BackupFileProblem[] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    return { ok: false, problems: [{ code: 'not-json' }] };
  }
  return validateBackup(parsed);
}

/** Reads and checks a backup file as a restore does (`readBackupFile`), then what merging it into this device would change. */
export async function readMergePreview(
  file: File,
  nowMs: number,
): Promise<{ ok: true; backup: BackupFileV4; preview: BackupMergeResult } | { ok: false; problems: BackupFileProblem[] }> {
  const result = await readBackupFile(file);
  if (!result.ok) return result;
  return { ok: true, backup: result.backup, preview: await previewMergeBackup(result.backup, nowMs) };
}

export async function downloadDeck(deck: DeckRecord, format: 'json' | 'tsv'): Promise<void> {
  const notes = await liveNotesOfDeck(deck.id);
  if (format === 'json') {
    download(`${safeFileName(deck.name)}.json`, deckToJson(deck, notes), 'application/json');
    return;
  }
  // Anki reads the fields as HTML: the Markdown rendered and sanitized as the review screen does.
  await Promise.all([loadMarkdownParser(), loadSanitizer()]);
  const toHtml = (markdown: string) => renderMarkdown(markdown) ?? '';
  download(`${safeFileName(deck.name)}.txt`, deckToAnkiTsv(deck, notes, toHtml), 'text/tab-separated-values');
}

export async function downloadReviewLog(nowMs: number): Promise<void> {
  download(`review-log-${dateStamp(nowMs)}.csv`, reviewLogToCsv(await allReviewLogs()), 'text/csv');
}

/** Deletes every deck, card and review, then puts the built-in decks back as new. */
export async function deleteAllData(nowMs: number): Promise<void> {
  await wipeAllData();
  await ensureBuiltInDecks(BUILT_IN_DECKS_VERSION, loadBuiltInDecks, nowMs);
}
