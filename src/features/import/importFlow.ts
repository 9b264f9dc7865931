/**
 * The import job, screen-independent: read the file, parse it in a worker,
 * turn parsed decks into deck files and preview what a merge would change;
 * then, on confirmation, write every deck in one transaction.
 */
import { expandDeckFile, type DeckFileV1 } from '../../domain/deckFormat';
import { fileSizeProblem, toDeckFile, type ImportMessage, type ImportOptions, type ImportParseResult } from '../../domain/importers';
import { mergeDeckFiles, previewDeckMerge, type MergeSummary } from '../../storage';
import { parseInWorker } from './parseInWorker';

export interface DeckPreview {
  file: DeckFileV1;
  cardsByType: { basic: number; reversible: number; cloze: number };
  merge: { added: number; updated: number; unchanged: number; deckExists: boolean };
}

export interface ImportPreview {
  parse: ImportParseResult;
  decks: DeckPreview[];
  errors: ImportMessage[];
  warnings: ImportMessage[];
}

/** A file refused before it is read (over `MAX_IMPORT_BYTES`); `problem` is worded like any import problem. */
export class FileTooLargeError extends Error {
  constructor(readonly problem: ImportMessage) {
    super('The file is over the import size limit.');
  }
}

/** The file's bytes, after refusing one over the size limit (without reading it). */
export async function readFileBytes(file: File): Promise<ArrayBuffer> {
  const tooLarge = fileSizeProblem(file.size);
  if (tooLarge) throw new FileTooLargeError({ severity: 'error', ...tooLarge });
  return file.arrayBuffer();
}

/** Parses a file's bytes in the import worker (the buffer is transferred, so read it again to re-parse). */
export function parseFileBytes(bytes: ArrayBuffer, fileName: string, options: Omit<ImportOptions, 'fileName'> = {}): Promise<ImportParseResult> {
  return parseInWorker(bytes, { ...options, fileName });
}

/**
 * Builds the preview: card counts by type and what a merge would change.
 * The worker's `parseImportFile` has already validated every deck; a file
 * with any error gets no deck preview, only its problems (nothing can be
 * imported from it).
 */
export async function buildPreview(parse: ImportParseResult): Promise<ImportPreview> {
  const errors = parse.messages.filter((message) => message.severity === 'error');
  const warnings = parse.messages.filter((message) => message.severity === 'warning');
  if (errors.length > 0) return { parse, decks: [], errors, warnings };
  const decks: DeckPreview[] = [];
  for (const parsed of parse.decks) {
    const file = toDeckFile(parsed);
    const cards = expandDeckFile(file);
    decks.push({
      file,
      cardsByType: {
        basic: cards.filter((card) => card.template === 'basic').length,
        reversible: cards.filter((card) => card.template === 'forward' || card.template === 'reverse').length,
        cloze: cards.filter((card) => card.template === 'cloze').length,
      },
      merge: await previewDeckMerge(file, cards),
    });
  }
  return { parse, decks, errors, warnings };
}

/** Writes the previewed decks (with the names the user chose) in one transaction. */
export async function confirmImport(preview: ImportPreview, names: readonly string[], nowMs: number): Promise<MergeSummary[]> {
  if (preview.errors.length > 0) throw new Error('The file has errors; nothing was imported.');
  const files = preview.decks.map((deck, index) => {
    const name = names[index]?.trim();
    return name ? { ...deck.file, deck: { ...deck.file.deck, name } } : deck.file;
  });
  return mergeDeckFiles(files, { isBuiltIn: false, retireMissing: false, nowMs });
}
