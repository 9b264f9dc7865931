/**
 * Writing an Anki package's import in one transaction: its media files
 * (`media.ts`: a name already stored with other bytes gets a new name, and
 * the notes' references follow it), its decks (`mergeDeckFilesInTransaction`,
 * as any import) and, when the user asked for it, its review history
 * (`importHistory.ts`: each card's answers added by id and its FSRS state
 * replayed). All of it lands, or nothing does. Imported by path (the import
 * screen only), so the first load never carries it.
 */
import type { DeckFileV1, NoteInput } from '../domain/deckFormat';
import type { ImportedCardHistory, ImportMedia } from '../domain/importers';
import { renameMediaReferences } from '../domain/media';
import { cardIdOf } from '../domain/notes';
import { MERGE_TABLES, mergeDeckFilesInTransaction, type MergeOptions, type MergeSummary } from './decks';
import { getDatabase } from './db';
import { guarded } from './errors';
import { IMPORT_HISTORY_TABLES, writeImportedHistory } from './importHistory';
import { MEDIA_TABLES, planMediaWrites, putMedia } from './media';
import { notesReady } from './upgrade';

/** What a package brings besides its decks. */
export interface PackageExtras {
  media: readonly ImportMedia[];
  /** Only when the user chose "Import review history". */
  history?: readonly ImportedCardHistory[];
}

export interface PackageImportSummary {
  decks: MergeSummary[];
  media: { added: number; unchanged: number; renamed: number; bytes: number };
  history: { cards: number; answers: number };
}

/** A note's text with media references renamed. */
function renamedNote(note: NoteInput, renames: ReadonlyMap<string, string>): NoteInput {
  const rename = (text: string) => renameMediaReferences(text, renames);
  if (note.type === 'cloze') return { ...note, text: rename(note.text), ...(note.extra !== undefined ? { extra: rename(note.extra) } : {}) };
  return { ...note, front: rename(note.front), back: rename(note.back) };
}

/**
 * Writes the deck files of a package with its media and (optionally) its
 * review history, all in one transaction. `perFile[i]` and
 * `extras.history[].deckIndex` follow the order of `files`.
 */
export function importPackage(
  files: readonly DeckFileV1[],
  options: MergeOptions,
  perFile: readonly Partial<MergeOptions>[],
  extras: PackageExtras,
): Promise<PackageImportSummary> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    const history = extras.history ?? [];
    const tables = new Set([...MERGE_TABLES(database), ...MEDIA_TABLES(database), ...(history.length > 0 ? IMPORT_HISTORY_TABLES(database) : [])]);
    return await database.transaction('rw', [...tables], async () => {
      const media = await planMediaWrites(database, extras.media, options.nowMs);
      await putMedia(database, media.toPut);
      const renamed = media.renames.size === 0 ? files : files.map((file) => ({ ...file, cards: file.cards.map((note) => renamedNote(note, media.renames)) }));
      const merged = await mergeDeckFilesInTransaction(database, renamed, options, perFile);
      const entries = history.flatMap((card) => {
        const note = merged[card.deckIndex]?.notes.get(card.noteId);
        return note ? [{ cardId: cardIdOf(note.cardIdBase ?? note.id, card.template, card.ordinal), reviews: card.reviews }] : [];
      });
      const written = entries.length > 0 ? await writeImportedHistory(database, entries, options.nowMs) : { cards: 0, answers: 0 };
      return {
        decks: merged.map((result) => result.summary),
        media: { added: media.added, unchanged: media.unchanged, renamed: media.renames.size, bytes: media.bytes },
        history: written,
      };
    });
  });
}
