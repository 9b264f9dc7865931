/**
 * The one interface every import parser implements. Parsers are pure and
 * DOM-free (they run in a Web Worker): bytes or text in, notes in the app's
 * own deck format out, plus plain-language messages. Any message with
 * severity 'error' means nothing from the file may be imported.
 */
import type { DeckMeta, NoteInput } from '../deckFormat';

/** A problem found while reading a file, in plain words: "Row 12: the back of the card is empty." */
export interface ImportMessage {
  severity: 'error' | 'warning';
  message: string;
  /** 1-based line in the file, when the problem has one. */
  line?: number;
}

/** One deck read from a file, its notes already in the app's deck format. */
export interface ParsedDeck {
  deck: DeckMeta;
  notes: NoteInput[];
  /** The deck's name as the file spelled it (Anki deck column or `#deck:` header), if it named one. */
  deckName?: string;
}

export type ImportFormat = 'deck-json' | 'anki-text' | 'chapter-markdown';

export interface ImportParseResult {
  format: ImportFormat;
  /** Usually one; Anki text with a deck column may give several. */
  decks: ParsedDeck[];
  /** Any 'error' => nothing may be imported. */
  messages: ImportMessage[];
  /** Chapter Markdown: sections it did not understand, e.g. `См. также (line 358)`, shown in the preview. */
  unknownSections: string[];
  /** Headerless CSV/TSV with more than 2 columns: the UI asks which column is what, then parses again. */
  needsColumnMapping?: { columnCount: number; sampleRows: string[][] };
}

export interface ImportOptions {
  fileName: string;
  /** 0-based column indexes for a headerless CSV/TSV. */
  columnMapping?: { front: number; back: number; tags?: number };
  /** Overrides the deck name when the file gives one deck. */
  deckName?: string;
}

/** Files over this are refused with a clear message. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Most messages one parse reports; the rest are summed up in one last message. */
export const MAX_IMPORT_MESSAGES = 200;
