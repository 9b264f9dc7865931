/**
 * Entry point of the import parsers (run in a Web Worker): refuses files
 * that are too large, decodes UTF-8 strictly, strips a BOM, picks the
 * format from the registry (`registry.ts`) by extension and content, and
 * runs its parser. Every deck a parser returns is checked once more by
 * `validateDeckFile` and for visible text (`invisibleTextIssues`), so
 * whatever reaches storage is a valid deck: a card that fails is left out
 * with a 'skip' message naming its row, and a file left with nothing to
 * import is refused. Nothing here touches the DOM or storage; every problem
 * is a code (`ImportProblem`).
 */
import { DECK_FORMAT, validateDeckFile, type DeckFileV1, type DeckIssue } from '../deckFormat';
import { IMPORTERS, type ImportFormat, type ImportParseResult } from './registry';
import type { ImportedCardHistory, ImportMessage, ImportOptions, ImportProblem, Importer, ParsedDeck, SniffInput } from './types';
import { fileSizeProblem, MAX_IMPORT_BYTES, MAX_IMPORT_MESSAGES } from './types';
import { extensionOf, invisibleTextIssues } from './text';

export type { ImportFormat, ImportParseResult } from './registry';
export { IMPORTERS, MAX_PACKAGE_FILE_BYTES, importAccept, importFileTypes } from './registry';
export type {
  ImportedCardHistory,
  ImportedReview,
  ImportMedia,
  ImportMessage,
  ImportOptions,
  ImportProblem,
  ImportProblemCode,
  Importer,
  ParsedDeck,
  PackageSummary,
  ParsedFile,
  UnknownSection,
} from './types';
export { fileSizeProblem, MAX_IMPORT_BYTES } from './types';
export { hasVisibleText } from './text';
export { parseAnkiText } from './ankiText';
export { parseChapterMarkdown } from './chapter';
export { parseDeckJson } from './deckJson';

/**
 * Decodes file bytes as UTF-8, refusing anything else (TextDecoder with
 * `fatal: true`); a UTF-8 BOM is removed.
 *
 * @example
 * decodeImportBytes(new TextEncoder().encode('\uFEFFhello')); // { ok: true, text: 'hello' }
 * decodeImportBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // { ok: false, problem: { code: 'notUtf8' } }
 */
export function decodeImportBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: ImportProblem } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, problem: { code: 'utf16' } };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, problem: { code: 'notUtf8' } };
  }
}

/** The only format that lists the file's extension, if exactly one does. */
function importerByExtension(fileName: string): Importer<ImportFormat> | undefined {
  const extension = `.${extensionOf(fileName)}`;
  const claiming = IMPORTERS.filter((importer) => Object.values<readonly string[]>(importer.accept).some((list) => list.includes(extension)));
  const [only] = claiming;
  return only && claiming.length === 1 ? only : undefined;
}

/**
 * The largest file read for a file of this name: its format's own limit
 * (Anki packages, by extension) or `MAX_IMPORT_BYTES`.
 *
 * @example
 * maxImportBytesFor('deck.apkg'); // 209715200 (200 MB)
 * maxImportBytesFor('notes.csv'); // 20971520 (20 MB)
 */
export function maxImportBytesFor(fileName: string): number {
  return importerByExtension(fileName)?.maxBytes ?? MAX_IMPORT_BYTES;
}

/** The format for a file: the only one that lists its extension, else the one whose sniff is surest. */
function pickImporter(fileName: string, input: SniffInput): Importer<ImportFormat> {
  const only = importerByExtension(fileName);
  if (only) return only;
  let best: Importer<ImportFormat> = IMPORTERS[0];
  let bestScore = -1;
  for (const importer of IMPORTERS) {
    const score = importer.sniff(input);
    if (score > bestScore) [best, bestScore] = [importer, score];
  }
  return best;
}

/**
 * Picks the format (see `registry.ts`): an extension only one format lists
 * decides (`.json` deck JSON, `.md` chapter Markdown, `.csv`/`.tsv` Anki
 * text); anything else (`.txt`, no extension) goes by content: a deck JSON
 * object, a `# Title` Markdown heading, any JSON object, else Anki text.
 *
 * @example
 * detectImportFormat('notes.txt', '#separator:tab\na\tb'); // 'anki-text'
 * detectImportFormat('chapter.txt', '# 03. Failure\n\n## "Q"'); // 'chapter-markdown'
 */
export function detectImportFormat(fileName: string, content: string | Uint8Array): ImportFormat {
  const input =
    typeof content === 'string'
      ? { text: content.replace(/^\uFEFF/, ''), bytes: new TextEncoder().encode(content) }
      : { text: new TextDecoder().decode(content).replace(/^\uFEFF/, ''), bytes: content };
  return pickImporter(fileName, input).format;
}

/**
 * A parsed deck as a deck file, the shape the validator and storage take.
 *
 * @example
 * toDeckFile({ deck: { id: 'd', name: 'D', description: '' }, notes: [] });
 * // { format: 'interview-flashcards/deck', version: 1, deck: { id: 'd', … }, cards: [] }
 */
export function toDeckFile(parsed: ParsedDeck): DeckFileV1 {
  return { format: DECK_FORMAT, version: 1, deck: parsed.deck, cards: parsed.notes };
}

/** The card an issue is about (its index in the deck's notes), or undefined for a deck or file issue. */
function cardIndexOf(issue: DeckIssue): number | undefined {
  if (issue.code === 'duplicateCardId') return issue.cardIndex;
  return issue.scope?.of === 'card' ? issue.scope.index : undefined;
}

/** What a deck's problems are: none, some cards (which can be left out), or the deck itself. */
function deckIssues(deck: ParsedDeck): { file: DeckFileV1; issues: DeckIssue[] } | { file?: undefined; issues: DeckIssue[] } {
  const validation = validateDeckFile(toDeckFile(deck));
  if (!validation.ok) return { issues: validation.errors };
  return { file: validation.file, issues: invisibleTextIssues(validation.file) };
}

/**
 * Runs a parsed deck through the deck validator and the visible-text check.
 * A problem of the deck itself is an error (nothing is imported); cards with
 * problems are left out, one 'skip' message per problem with the card's row
 * (`ParsedDeck.lines`), and the rest is checked again. Returns the cleaned
 * deck (possibly without notes) and how many cards it left out.
 */
function recheck(deck: ParsedDeck, messages: ImportMessage[]): { deck: ParsedDeck; skipped: number } {
  let current = deck;
  let skipped = 0;
  // The validator's cards first, then the visible-text check on what it passed, then a round that only confirms.
  const lastRound = 3;
  for (let round = 0; ; round++) {
    const { file, issues } = deckIssues(current);
    if (issues.length === 0 && file) return { deck: { ...current, deck: file.deck, notes: file.cards }, skipped };
    const bad = new Set<number>();
    for (const issue of issues) {
      const index = cardIndexOf(issue);
      if (index === undefined || round === lastRound) {
        for (const error of issues) messages.push({ severity: 'error', code: 'deckFile', issue: error });
        return { deck: current, skipped };
      }
      bad.add(index);
    }
    for (const issue of issues) {
      const line = current.lines?.[cardIndexOf(issue) ?? -1];
      messages.push({ severity: 'skip', code: 'deckFile', issue, ...(line !== undefined ? { line } : {}) });
    }
    skipped += bad.size;
    const keep = (_: unknown, index: number): boolean => !bad.has(index);
    current = { ...current, notes: current.notes.filter(keep), ...(current.lines ? { lines: current.lines.filter(keep) } : {}) };
    if (current.notes.length === 0) return { deck: current, skipped };
  }
}

/** At most `MAX_IMPORT_MESSAGES` messages (errors first kept in order), the rest summed up in one `moreProblems`. */
function capMessages(messages: ImportMessage[]): ImportMessage[] {
  const earlierMore = messages.filter((message) => message.code === 'moreProblems');
  const own = messages.filter((message) => message.code !== 'moreProblems');
  if (own.length <= MAX_IMPORT_MESSAGES && earlierMore.length <= 1) return [...own, ...earlierMore];
  const kept = own.slice(0, MAX_IMPORT_MESSAGES);
  const rest = [...own.slice(MAX_IMPORT_MESSAGES), ...earlierMore];
  let count = 0;
  for (const message of rest) count += message.code === 'moreProblems' ? message.count : 1;
  const severity = rest.some((m) => m.severity === 'error') ? 'error' : rest.some((m) => m.severity === 'skip') ? 'skip' : 'warning';
  return [...kept, { severity, code: 'moreProblems', count }];
}

/**
 * Reads an import file: at most `maxImportBytesFor(fileName)`, format by
 * extension/content, strict UTF-8 for a text format, then the format's
 * parser. A package's review history keeps only the notes the checks kept,
 * its deck indexes those of the decks returned. Any 'error' message means
 * nothing may be imported;
 * `needsColumnMapping` means ask the user which column is which and call
 * again with `options.columnMapping`. `options.deckName` renames the deck
 * when the file gives exactly one.
 *
 * @example
 * const bytes = new TextEncoder().encode('Front;Back\nWhat is STAR?;Situation, Task, Action, Result\n');
 * const result = await parseImportFile(bytes, { fileName: 'star.csv' });
 * result.format; // 'anki-text'
 * result.decks[0]?.notes.length; // 1 (the first row is taken as column names)
 */
export async function parseImportFile(bytes: Uint8Array, options: ImportOptions): Promise<ImportParseResult> {
  const fail = (format: ImportFormat, problem: ImportProblem): ImportParseResult => ({
    format,
    decks: [],
    messages: [{ severity: 'error', ...problem }],
    unknownSections: [],
  });
  const tooLarge = fileSizeProblem(bytes.length, maxImportBytesFor(options.fileName));
  if (tooLarge) return fail(detectImportFormat(options.fileName, ''), tooLarge);
  if (bytes.length === 0) return fail(detectImportFormat(options.fileName, ''), { code: 'fileEmpty' });
  // A binary format named by its extension needs no text; a large package is not decoded for nothing.
  const byExtension = importerByExtension(options.fileName);
  const decoded = byExtension?.reads === 'bytes' ? ({ ok: false, problem: { code: 'notUtf8' } } as const) : decodeImportBytes(bytes);
  const importer = byExtension ?? pickImporter(options.fileName, { bytes, text: decoded.ok ? decoded.text : '' });

  let parsed;
  if (importer.reads === 'text') {
    if (!decoded.ok) return fail(importer.format, decoded.problem);
    if (decoded.text.trim() === '') return fail(importer.format, { code: 'fileEmpty' });
    parsed = await importer.parse(decoded.text, options);
  } else {
    parsed = await importer.parse(bytes, options);
  }

  const messages = [...parsed.messages];
  let skipped = parsed.skipped ?? 0;
  let decks = parsed.decks;
  /** Where each parsed deck ended up (its index in `decks`), for the review history. */
  const deckIndexes = parsed.decks.map((_, index) => index as number | undefined);
  if (!importer.validatesDecks) {
    decks = [];
    parsed.decks.forEach((parsedDeck, index) => {
      const checked = recheck(parsedDeck, messages);
      skipped += checked.skipped;
      // A deck whose every card was left out is no deck; its cards' messages say why.
      deckIndexes[index] = checked.skipped === 0 || checked.deck.notes.length > 0 ? decks.push(checked.deck) - 1 : undefined;
    });
  }
  const hasErrors = messages.some((message) => message.severity === 'error');
  if (!hasErrors && skipped > 0 && decks.every((deck) => deck.notes.length === 0)) {
    messages.push({ severity: 'error', code: 'noImportableRows', skipped });
  }
  const rename = options.deckName?.trim();
  if (rename && decks.length === 1) decks = decks.map((deck) => ({ ...deck, deck: { ...deck.deck, name: rename } }));
  const result: ImportParseResult = { ...parsed, format: importer.format, decks, messages: capMessages(messages) };
  if (skipped > 0) result.skipped = skipped;
  else delete result.skipped;
  if (parsed.history) {
    result.history = historyOfKeptNotes(parsed.history, deckIndexes, decks);
    if (result.package) result.package = { ...result.package, reviewCount: result.history.reduce((sum, card) => sum + card.reviews.length, 0) };
  }
  return result;
}

/** The review history of the notes the checks kept, with deck indexes as they are after the checks. */
function historyOfKeptNotes(history: ImportedCardHistory[], deckIndexes: readonly (number | undefined)[], decks: readonly ParsedDeck[]): ImportedCardHistory[] {
  const kept = decks.map((deck) => new Set(deck.notes.map((note) => note.id)));
  const out: ImportedCardHistory[] = [];
  for (const card of history) {
    const deckIndex = deckIndexes[card.deckIndex];
    if (deckIndex !== undefined && kept[deckIndex]?.has(card.noteId)) out.push({ ...card, deckIndex });
  }
  return out;
}
