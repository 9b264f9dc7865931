/**
 * The import job, screen-independent: read the file, parse it in a worker,
 * turn parsed decks into deck files and preview what a merge would change;
 * then, on confirmation, write every deck in one transaction.
 */
import { DECK_FORMAT, expandDeckFile, validateDeckFile, type DeckFileV1 } from '../../domain/deckFormat';
import { MAX_IMPORT_BYTES, type ImportMessage, type ImportOptions, type ImportParseResult } from '../../domain/importers';
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

export class FileTooLargeError extends Error {
  constructor(readonly sizeMb: string) {
    super(`The file is too large (${sizeMb} MB).`);
  }
}

export function checkFileSize(file: Pick<File, 'size'>): void {
  if (file.size > MAX_IMPORT_BYTES) throw new FileTooLargeError((file.size / (1024 * 1024)).toFixed(1));
}

export async function readAndParse(file: File, options: Omit<ImportOptions, 'fileName'> = {}): Promise<ImportParseResult> {
  checkFileSize(file);
  const bytes = await file.arrayBuffer();
  return parseInWorker(bytes, { ...options, fileName: file.name });
}

/** Builds the preview: deck files (validated again), card counts by type and what a merge would change. */
export async function buildPreview(parse: ImportParseResult): Promise<ImportPreview> {
  const messages = [...parse.messages];
  const decks: DeckPreview[] = [];
  for (const parsed of parse.decks) {
    const validation = validateDeckFile({ format: DECK_FORMAT, version: 1, deck: parsed.deck, cards: parsed.notes });
    if (!validation.ok) {
      messages.push(...validation.errors.map((issue) => ({ severity: 'error' as const, message: issue.message })));
      continue;
    }
    const cards = expandDeckFile(validation.file);
    decks.push({
      file: validation.file,
      cardsByType: {
        basic: cards.filter((card) => card.template === 'basic').length,
        reversible: cards.filter((card) => card.template === 'forward' || card.template === 'reverse').length,
        cloze: cards.filter((card) => card.template === 'cloze').length,
      },
      merge: await previewDeckMerge(validation.file),
    });
  }
  return {
    parse,
    decks,
    errors: messages.filter((message) => message.severity === 'error'),
    warnings: messages.filter((message) => message.severity === 'warning'),
  };
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
