/**
 * Importer for the app's own deck JSON (`interview-flashcards/deck`). The
 * checking is `validateDeckFile`'s; this module only turns text into JSON,
 * with the line of a syntax error when the engine reports a position, and
 * adds the visible-text check (`invisibleTextIssues`). The app's own format
 * stays all-or-nothing: any card error refuses the file. Linear in the
 * input: `JSON.parse` and one pass over the cards.
 */
import { validateDeckFile } from '../deckFormat';
import type { ParsedFile } from './types';
import { MessageList, hasUnclosedCloze, invisibleTextIssues } from './text';

/** Any text malformed the same way: what the validator sees in place of a cloze text it would rescan for each unclosed `{{cN::`. */
const UNCLOSED_CLOZE = '{{c';

/**
 * `data` with each cloze text that has an unclosed `{{cN::` replaced by a
 * short text the validator calls malformed at once (the cloze pattern takes
 * time quadratic in such a text). The file is refused either way.
 */
function withoutUnclosedClozes(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('cards' in data) || !Array.isArray(data.cards)) return data;
  const cards: unknown[] = data.cards;
  if (!cards.some((card) => isUnclosedClozeCard(card))) return data;
  return { ...data, cards: cards.map((card) => (isUnclosedClozeCard(card) ? { ...card, text: UNCLOSED_CLOZE } : card)) };
}

function isUnclosedClozeCard(card: unknown): card is { text: string } {
  return typeof card === 'object' && card !== null && 'text' in card && typeof card.text === 'string' && hasUnclosedCloze(card.text);
}

/** 1-based line and column of character `offset` in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** Where a `JSON.parse` SyntaxError happened, from the engine's message (V8, Firefox); undefined if it does not say. */
export function jsonErrorLocation(text: string, error: unknown): { line: number; column: number } | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const lineCol = /line (\d+) column (\d+)/i.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const position = /position (\d+)/i.exec(message);
  if (position) return lineAndColumn(text, Number(position[1]));
  if (/end of (JSON )?input|unterminated|unexpected end/i.test(message)) return lineAndColumn(text, text.length);
  return undefined;
}

/**
 * Parses the app's deck JSON. Invalid JSON gives one `invalidJson` error
 * with the line (when known); otherwise the validator's errors and warnings
 * become `deckFile` messages, and a valid file gives one deck.
 *
 * @example
 * const result = parseDeckJson('{"format":"interview-flashcards/deck","version":1,"deck":{"id":"d","name":"D","description":""},"cards":[]}');
 * result.decks[0]?.deck.name; // 'D'
 * parseDeckJson('{"format": ').messages[0];
 * // { severity: 'error', code: 'invalidJson', line: 1, column: 12, detail: '…' }
 */
export function parseDeckJson(text: string): ParsedFile {
  const messages = new MessageList();
  const empty: ParsedFile = { decks: [], messages: [], unknownSections: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const where = jsonErrorLocation(text, error);
    const detail = error instanceof Error ? error.message : String(error);
    messages.error({ code: 'invalidJson', detail, ...where });
    return { ...empty, messages: messages.list() };
  }
  const validation = validateDeckFile(withoutUnclosedClozes(data));
  if (!validation.ok) {
    for (const issue of validation.errors) messages.error({ code: 'deckFile', issue });
    return { ...empty, messages: messages.list() };
  }
  const invisible = invisibleTextIssues(validation.file);
  if (invisible.length > 0) {
    for (const issue of invisible) messages.error({ code: 'deckFile', issue });
    return { ...empty, messages: messages.list() };
  }
  for (const issue of validation.warnings) messages.warning({ code: 'deckFile', issue });
  return { ...empty, decks: [{ deck: validation.file.deck, notes: validation.file.cards }], messages: messages.list() };
}
