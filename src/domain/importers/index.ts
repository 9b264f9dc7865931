/**
 * Entry point of the import parsers (run in a Web Worker): refuses files
 * that are too large, decodes UTF-8 strictly, strips a BOM, picks the
 * format by extension and content, and dispatches to one parser. Every deck
 * a parser returns is checked once more by `validateDeckFile`, so whatever
 * reaches storage is a valid deck. Nothing here touches the DOM or storage.
 */
import { DECK_FORMAT, validateDeckFile } from '../deckFormat';
import { parseAnkiText } from './ankiText';
import { parseChapterMarkdown } from './chapterMarkdown';
import { parseDeckJson } from './deckJson';
import type { ImportFormat, ImportMessage, ImportOptions, ImportParseResult, ParsedDeck } from './types';
import { MAX_IMPORT_BYTES } from './types';
import { extensionOf } from './text';

export type { ImportFormat, ImportMessage, ImportOptions, ImportParseResult, ParsedDeck } from './types';
export { MAX_IMPORT_BYTES } from './types';
export { parseAnkiText } from './ankiText';
export { parseChapterMarkdown } from './chapterMarkdown';
export { parseDeckJson } from './deckJson';

/**
 * Decodes file bytes as UTF-8, refusing anything else (TextDecoder with
 * `fatal: true`); a UTF-8 BOM is removed.
 *
 * @example
 * decodeImportBytes(new TextEncoder().encode('\uFEFFhello')); // { ok: true, text: 'hello' }
 * decodeImportBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // { ok: false, message: 'The file is not UTF-8 text. …' }
 */
export function decodeImportBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, message: 'The file is UTF-16 text. Save it as UTF-8 (e.g. "CSV UTF-8" in Excel, or "Encoding: UTF-8" in a text editor) and try again.' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/, '') };
  } catch {
    return {
      ok: false,
      message:
        'The file is not UTF-8 text (it may be Latin-1 or Windows-1252, or not a text file at all). Save it as UTF-8 (e.g. "CSV UTF-8" in Excel, or "Encoding: UTF-8" in a text editor) and try again.',
    };
  }
}

/**
 * Picks the parser: `.json` -> deck JSON; `.md`/`.markdown` -> chapter
 * Markdown; `.csv`/`.tsv` -> Anki text; anything else (`.txt`, no
 * extension) by content: a JSON object, a `# Title` Markdown heading, else
 * Anki text.
 *
 * @example
 * detectImportFormat('notes.txt', '#separator:tab\na\tb'); // 'anki-text'
 * detectImportFormat('chapter.txt', '# 03. Failure\n\n## "Q"'); // 'chapter-markdown'
 */
export function detectImportFormat(fileName: string, text: string): ImportFormat {
  const ext = extensionOf(fileName);
  if (ext === 'json') return 'deck-json';
  if (ext === 'md' || ext === 'markdown') return 'chapter-markdown';
  if (ext === 'csv' || ext === 'tsv') return 'anki-text';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') && start.includes(DECK_FORMAT)) return 'deck-json';
  if (/^#\s+\S/.test(start) || /^##\s+\S/m.test(text)) return 'chapter-markdown';
  if (start.startsWith('{')) return 'deck-json';
  return 'anki-text';
}

/** Runs a parsed deck through the deck validator; its errors become messages, its cleaned notes replace the notes. */
function recheck(deck: ParsedDeck, messages: ImportMessage[]): ParsedDeck {
  const validation = validateDeckFile({ format: DECK_FORMAT, version: 1, deck: deck.deck, cards: deck.notes });
  if (!validation.ok) {
    for (const issue of validation.errors) messages.push({ severity: 'error', message: issue.message });
    return deck;
  }
  return { ...deck, deck: validation.file.deck, notes: validation.file.cards };
}

/**
 * Reads an import file: at most `MAX_IMPORT_BYTES`, strict UTF-8, format by
 * extension/content, then the format's parser. Any 'error' message means
 * nothing may be imported; `needsColumnMapping` means ask the user which
 * column is which and call again with `options.columnMapping`.
 * `options.deckName` renames the deck when the file gives exactly one.
 *
 * @example
 * const bytes = new TextEncoder().encode('Front;Back\nWhat is STAR?;Situation, Task, Action, Result\n');
 * const result = parseImportFile(bytes, { fileName: 'star.csv' });
 * result.format; // 'anki-text'
 * result.decks[0]?.notes.length; // 1 (the first row is taken as column names)
 */
export function parseImportFile(bytes: Uint8Array, options: ImportOptions): ImportParseResult {
  const guess = detectImportFormat(options.fileName, '');
  const fail = (message: string): ImportParseResult => ({
    format: guess,
    decks: [],
    messages: [{ severity: 'error', message }],
    unknownSections: [],
  });
  if (bytes.length > MAX_IMPORT_BYTES) {
    const mb = (bytes.length / (1024 * 1024)).toFixed(1);
    return fail(`The file is too large (${mb} MB). The limit is ${MAX_IMPORT_BYTES / (1024 * 1024)} MB; split it into smaller files.`);
  }
  if (bytes.length === 0) return fail('The file is empty.');
  const decoded = decodeImportBytes(bytes);
  if (!decoded.ok) return fail(decoded.message);
  const text = decoded.text;
  if (text.trim() === '') return fail('The file is empty.');

  const format = detectImportFormat(options.fileName, text);
  const result =
    format === 'deck-json'
      ? parseDeckJson(text)
      : format === 'chapter-markdown'
        ? parseChapterMarkdown(text, options)
        : parseAnkiText(text, options);

  const messages = [...result.messages];
  let decks = format === 'deck-json' ? result.decks : result.decks.map((deck) => recheck(deck, messages));
  const rename = options.deckName?.trim();
  if (rename && decks.length === 1) decks = decks.map((deck) => ({ ...deck, deck: { ...deck.deck, name: rename } }));
  return { ...result, decks, messages };
}
