/**
 * The import job, screen-independent: read the file, parse it in a worker,
 * turn parsed decks into deck files and preview what a merge would change;
 * then, on confirmation, write every deck in one transaction.
 */
import { expandDeckFile, type DeckFileV1 } from '../../domain/deckFormat';
import type { CardContent } from '../../domain/types';
import { fileSizeProblem, IMPORTERS, maxImportBytesFor, toDeckFile, type ImportMessage, type ImportOptions, type ImportParseResult } from '../../domain/importers';
import { listDecks, mergeDeckFiles, previewDeckMerges, type MergeOptions, type MergePreview, type MergeSummary } from '../../storage';
import { parseInWorker, type ParseLimits } from './parseInWorker';

/** How many of the first cards of each kind (basic, reversible, cloze) the preview shows. */
export const SAMPLES_PER_KIND = 2;

export interface DeckPreview {
  file: DeckFileV1;
  /** The first cards of each kind, in file order: what the import will make, to read before importing. */
  samples: CardContent[];
  cardsByType: { basic: number; reversible: number; cloze: number };
  /** What the import does as previewed (`onConflict` of the preview's options). */
  merge: MergePreview;
}

/** What to do with notes the file would move or a built-in deck it would change (the user's choice; 'separate' unless they chose). */
export type ConflictChoice = NonNullable<MergeOptions['onConflict']>;

export interface ImportPreview {
  parse: ImportParseResult;
  fileName: string;
  onConflict: ConflictChoice;
  decks: DeckPreview[];
  /** Any error: nothing can be imported (no deck previews). */
  errors: ImportMessage[];
  /** Rows (or cards) the import leaves out, each with why; the rest is imported. */
  skipped: ImportMessage[];
  /** How many rows (or cards) are left out (`skipped` may stop at the message cap). */
  skippedCount: number;
  warnings: ImportMessage[];
}

/** A file refused before it is read (over `MAX_IMPORT_BYTES`); `problem` is worded like any import problem. */
export class FileTooLargeError extends Error {
  constructor(readonly problem: ImportMessage) {
    super('The file is over the import size limit.');
  }
}

/** The file's bytes, after refusing one over its format's size limit (without reading it). */
export async function readFileBytes(file: File): Promise<ArrayBuffer> {
  const tooLarge = fileSizeProblem(file.size, maxImportBytesFor(file.name));
  if (tooLarge) throw new FileTooLargeError({ severity: 'error', ...tooLarge });
  return file.arrayBuffer();
}

/** Parses a file's bytes in the import worker, within its time limit (the buffer is transferred, so read it again to re-parse). */
export function parseFileBytes(bytes: ArrayBuffer, fileName: string, options: Omit<ImportOptions, 'fileName'> = {}, limits?: ParseLimits): Promise<ImportParseResult> {
  return parseInWorker(bytes, { ...options, fileName }, limits);
}

/**
 * Builds the preview: card counts by type and what a merge would change.
 * The worker's `parseImportFile` has already validated every deck and left
 * out the rows it could not import ('skip' messages, listed with their
 * rows); a file with any error gets no deck preview, only its problems
 * (nothing can be imported from it).
 */
export async function buildPreview(parse: ImportParseResult, fileName: string, onConflict: ConflictChoice = 'separate', names?: readonly string[]): Promise<ImportPreview> {
  const errors = parse.messages.filter((message) => message.severity === 'error');
  const skipped = parse.messages.filter((message) => message.severity === 'skip');
  const warnings = parse.messages.filter((message) => message.severity === 'warning');
  const skippedCount = parse.skipped ?? 0;
  const base = { parse, fileName, onConflict, errors, skipped, skippedCount, warnings };
  if (errors.length > 0) return { ...base, decks: [] };
  const files = parse.decks.map(toDeckFile);
  const nowMs = Date.now();
  const merges = await previewDeckMerges(
    files,
    files.map((_, index) => mergeOptionsOf(parse, fileName, onConflict, nowMs, names?.[index])),
  );
  const decks = files.map((file, index): DeckPreview => {
    const cards = expandDeckFile(file);
    return {
      file,
      samples: firstCardsOfEachKind(cards),
      cardsByType: {
        basic: cards.filter((card) => card.template === 'basic').length,
        reversible: cards.filter((card) => card.template === 'forward' || card.template === 'reverse').length,
        cloze: cards.filter((card) => card.template === 'cloze').length,
      },
      merge: merges[index]!,
    };
  });
  return { ...base, decks };
}

/** The first `SAMPLES_PER_KIND` cards of each kind (a reversible note's forward and reverse count as one kind), in file order. */
export function firstCardsOfEachKind(cards: readonly CardContent[]): CardContent[] {
  const kindOf = (card: CardContent): string => (card.template === 'forward' || card.template === 'reverse' ? 'reversible' : card.template);
  const taken = new Map<string, number>();
  return cards.filter((card) => {
    const count = taken.get(kindOf(card)) ?? 0;
    if (count >= SAMPLES_PER_KIND) return false;
    taken.set(kindOf(card), count + 1);
    return true;
  });
}

/** How an import of this parse merges: the format's deck identity, the notes' origin, the user's choice. */
function mergeOptionsOf(parse: ImportParseResult, fileName: string, onConflict: ConflictChoice, nowMs: number, deckName?: string): Omit<MergeOptions, 'isBuiltIn' | 'retireMissing'> {
  const decksBy = IMPORTERS.find((importer) => importer.format === parse.format)?.decksBy ?? 'id';
  const name = deckName?.trim();
  return { nowMs, decksBy, origin: { kind: 'import', format: parse.format, fileName }, onConflict, ...(name ? { deckName: name } : {}) };
}

/**
 * The names the preview proposes: the file's, except for a new deck whose
 * name another deck already has (a built-in deck of the same title, or the
 * deck a separate import stays apart from), which gets " (2)", " (3)" …, so
 * home never shows two decks of one name.
 */
export async function proposedDeckNames(preview: ImportPreview, storedNames?: readonly string[]): Promise<string[]> {
  const taken = new Set((storedNames ?? (await listDecks()).map((deck) => deck.name)).map((name) => name.toLowerCase()));
  return preview.decks.map((deck) => {
    const name = deck.file.deck.name;
    if (deck.merge.deckExists) return name;
    let proposed = name;
    for (let n = 2; taken.has(proposed.toLowerCase()); n += 1) proposed = `${name} (${n})`;
    taken.add(proposed.toLowerCase());
    return proposed;
  });
}

/** What an import wrote: each deck's counts, and a package's media and history (none for other formats). */
export interface ImportOutcome {
  decks: MergeSummary[];
  media: { added: number; unchanged: number; renamed: number; bytes: number };
  history: { cards: number; answers: number };
}

/**
 * Writes the previewed decks (with the names the user chose) in one
 * transaction: all of what is imported, or nothing. A package's media go
 * in the same transaction, and its review history too when `withHistory`.
 */
export async function confirmImport(preview: ImportPreview, names: readonly string[], nowMs: number, withHistory = false): Promise<ImportOutcome> {
  if (preview.errors.length > 0) throw new Error('The file has errors; nothing was imported.');
  const files = preview.decks.map((deck) => deck.file);
  // One transaction per file would let half an import land: every deck goes in one call.
  const options = files.map((_, index) => mergeOptionsOf(preview.parse, preview.fileName, preview.onConflict, nowMs, names[index]));
  const base = { isBuiltIn: false, retireMissing: false, nowMs };
  const { media, history } = preview.parse;
  if (media === undefined && history === undefined) {
    return { decks: await mergeDeckFiles(files, base, options), media: { added: 0, unchanged: 0, renamed: 0, bytes: 0 }, history: { cards: 0, answers: 0 } };
  }
  // A package: its media and history are written by a module only imports load.
  const { importPackage } = await import('../../storage/packageImport');
  return importPackage(files, base, options, { media: media ?? [], ...(withHistory && history ? { history } : {}) });
}
