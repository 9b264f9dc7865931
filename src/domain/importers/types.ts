/**
 * The one interface every import format implements (`Importer`), and what
 * its parser returns. Parsers are pure and DOM-free (they run in a Web
 * Worker): text or bytes in, notes in the app's own deck format out, plus
 * problems as codes with parameters, never sentences (the UI words them in
 * the user's language, `features/import/importMessages.ts`). Everything here
 * is plain data, so it crosses the worker boundary as it is. Any message
 * with severity 'error' means nothing from the file may be imported; a
 * 'skip' message is one row (or card) left out while the rest is imported.
 */
import type { DeckIssue, DeckMeta, NoteInput } from '../deckFormat';
import type { CardTemplate, RatingValue } from '../types';

/** One problem found while reading a file: a code, its parameters and, where it has one, the 1-based `line` of the file. */
export type ImportProblem =
  // Any file.
  | { code: 'fileTooLarge'; sizeMb: string; limitMb: number }
  | { code: 'fileEmpty' }
  | { code: 'utf16' }
  | { code: 'notUtf8' }
  /** A deck that breaks the deck format's rules (`validateDeckFile`). */
  | { code: 'deckFile'; issue: DeckIssue }
  /** Problems past `MAX_IMPORT_MESSAGES`, counted. */
  | { code: 'moreProblems'; count: number }
  // Deck JSON.
  | { code: 'invalidJson'; detail: string; line?: number; column?: number }
  // Anki text and CSV/TSV: header lines.
  | { code: 'headerMalformed'; line: number; text: string }
  | { code: 'unknownSeparator'; line: number; value: string }
  | { code: 'htmlNotBoolean'; line: number; value: string }
  | { code: 'columnHeaderNotNumber'; line: number; header: string; value: string }
  | { code: 'unknownHeader'; line: number; header: string }
  /** `#tags:` gave more tags than every note may carry; the first `limit` are kept. */
  | { code: 'tooManyTags'; line: number; count: number; limit: number }
  | { code: 'headersButNoCards' }
  /** Every row was skipped (each has its own 'skip' message): nothing is left to import. */
  | { code: 'noImportableRows'; skipped: number }
  // Anki text and CSV/TSV: columns.
  | { code: 'columnNamesRow'; line: number; names: string[] }
  /** `column` counts from 1. */
  | { code: 'mappedColumnMissing'; role: 'front' | 'back' | 'tags'; column: number; columnCount: number }
  | { code: 'frontBackSameColumn' }
  /** Columns count from 1. */
  | { code: 'extraColumnsIgnored'; frontColumn: number; backColumn: number }
  // Anki text and CSV/TSV: rows (`line` is the row's first line in the file).
  | { code: 'unclosedQuote'; line: number }
  | { code: 'malformedQuote'; line: number }
  /** Any other CSV reader complaint; `detail` is the reader's own words. */
  | { code: 'rowUnreadable'; line: number; detail: string }
  | { code: 'tooFewColumns'; line: number; expected: number; found: number; isCloze: boolean }
  | { code: 'emptyClozeText'; line: number }
  | { code: 'malformedCloze'; line: number }
  | { code: 'noClozeDeletion'; line: number }
  | { code: 'emptyFrontAndBack'; line: number }
  | { code: 'emptyFront'; line: number }
  | { code: 'emptyBack'; line: number }
  | { code: 'duplicateGuid'; line: number; firstLine: number; guid: string }
  | { code: 'duplicateFront'; line: number; firstLine: number }
  // Chapter Markdown.
  | { code: 'unclosedFence'; line: number; marker: string }
  | { code: 'emptySubsection'; line: number; heading: string }
  | { code: 'questionWithoutAnswer'; line: number; question: string }
  | { code: 'duplicateFollowUp'; line: number; question: string }
  | { code: 'noTitle'; title: string }
  | { code: 'noCards' }
  // Anki packages (.apkg, .colpkg).
  /** The file is not a zip archive (or its directory is unreadable). */
  | { code: 'packageNotZip' }
  /** A zip without collection.anki21b, .anki21 or .anki2. */
  | { code: 'packageNoCollection' }
  /** Only the placeholder collection newer Anki versions add for old ones ("please update Anki"), no real one. */
  | { code: 'packageOnlyPlaceholder' }
  /** The collection is not a readable SQLite database (corrupt or truncated); `detail` is SQLite's own words. */
  | { code: 'packageCorruptDatabase'; detail: string }
  /** A zstd frame (the collection, the media list or a media file) did not decode; `entry` is the zip entry's name. */
  | { code: 'packageCorruptZstd'; entry: string }
  /** A zip entry did not inflate (corrupt or truncated archive). */
  | { code: 'packageCorruptZip'; entry: string }
  /** The collection's schema version is one this app does not read. */
  | { code: 'packageUnknownSchema'; version: number }
  /** The package's contents, unpacked, would pass the limit. */
  | { code: 'packageTooLarge'; sizeMb: string; limitMb: number }
  /** A note type this app cannot turn into cards (no templates, unreadable JSON): its notes are left out. */
  | { code: 'noteTypeUnreadable'; noteType: string; notes: number }
  /** A note whose templates render no card with a visible front: left out. */
  | { code: 'noteRendersNoCard'; noteType: string; guid: string }
  /** Cards refer to media files the package does not carry. */
  | { code: 'mediaMissing'; count: number; example: string }
  /** A media file over the per-file limit: left out. */
  | { code: 'mediaFileTooLarge'; name: string; sizeMb: string; limitMb: number };

export type ImportProblemCode = ImportProblem['code'];

/**
 * A problem and how bad it is, e.g. `{ severity: 'skip', code: 'emptyBack', line: 12 }`:
 * 'error' refuses the whole file, 'skip' leaves out the one row (or card) it
 * names while the rest is imported, 'warning' imports it as said.
 */
export type ImportMessage = ImportProblem & {
  severity: 'error' | 'skip' | 'warning';
  /** 1-based line in the file, when the problem has one. */
  line?: number;
};

/** One deck read from a file, its notes already in the app's deck format. */
export interface ParsedDeck {
  deck: DeckMeta;
  notes: NoteInput[];
  /** The deck's name as the file spelled it (Anki deck column or `#deck:` header), if it named one. */
  deckName?: string;
  /** The 1-based line each note starts on (same order as `notes`), where the format has rows. */
  lines?: number[];
}

/**
 * A section of a chapter the parser did not understand, shown in the
 * preview: its heading and sub-heading (none: the text before the first
 * section) and the line it starts on.
 */
export interface UnknownSection {
  headings: string[];
  line: number;
}

/** What a format's parser returns; `parseImportFile` adds which format it was. */
export interface ParsedFile {
  /** Usually one; Anki text with a deck column may give several. */
  decks: ParsedDeck[];
  /** Any 'error' => nothing may be imported; each 'skip' is a row (or card) left out. */
  messages: ImportMessage[];
  /** How many rows (or cards) were left out, each with a 'skip' message (past `MAX_IMPORT_MESSAGES` only counted); absent means none. */
  skipped?: number;
  /** Chapter Markdown: sections it did not understand, e.g. `{ headings: ['См. также'], line: 358 }`. */
  unknownSections: UnknownSection[];
  /** Headerless CSV/TSV with more than 2 columns: the UI asks which column is what, then parses again. */
  needsColumnMapping?: { columnCount: number; sampleRows: string[][] };
  /** Media files the notes refer to by name (Anki packages). */
  media?: ImportMedia[];
  /** Each card's answers from the file's review log (Anki packages); written only when the user asks for history. */
  history?: ImportedCardHistory[];
  /** What an Anki package holds, for the preview. */
  package?: PackageSummary;
}

/**
 * A media file a package carries. The notes' text refers to it by `name`
 * (`<img src="name">`, `[sound:name]`), already normalized as Anki
 * normalizes media names.
 */
export interface ImportMedia {
  name: string;
  bytes: Uint8Array;
  /** e.g. 'image/png', 'audio/mpeg'; from the name's extension or the bytes. */
  mime: string;
  kind: 'image' | 'audio' | 'other';
  /** Hex SHA-256 of the bytes: the same name with other bytes is another file. */
  hash: string;
}

/** One answer of a package's review log (Anki's revlog), in this app's terms. */
export interface ImportedReview {
  /** The answer's id in the file (Anki: the revlog id, its epoch ms); unique within the file. */
  sourceId: string;
  /** Epoch ms of the answer. */
  reviewTime: number;
  rating: RatingValue;
  durationMs: number;
}

/** One card's answers from the file, in time order (manual and rescheduling entries left out). */
export interface ImportedCardHistory {
  /** Index into `ParsedFile.decks`. */
  deckIndex: number;
  /** The note's `NoteInput.id` in that deck. */
  noteId: string;
  /** Which of the note's cards (`expandNote`): basic 0, forward 0, reverse 1, cloze N. */
  template: CardTemplate;
  ordinal: number;
  reviews: ImportedReview[];
}

/** What an Anki package holds, for the preview. */
export interface PackageSummary {
  /** Which collection file was read. */
  collection: 'collection.anki21b' | 'collection.anki21' | 'collection.anki2';
  schemaVersion: number;
  /** Note types by name, with how this app reads them and how many notes each has. */
  noteTypes: { name: string; kind: 'basic' | 'reversed' | 'optionalReversed' | 'cloze' | 'custom'; notes: number }[];
  /** Media files carried (kept), their total bytes, and how many are sounds. */
  mediaCount: number;
  mediaBytes: number;
  audioCount: number;
  /** Answers in the review log that can be imported (`history`). */
  reviewCount: number;
}

export interface ImportOptions {
  fileName: string;
  /** 0-based column indexes for a headerless CSV/TSV. */
  columnMapping?: { front: number; back: number; tags?: number };
  /** Overrides the deck name when the file gives one deck. */
  deckName?: string;
  /**
   * The app's language: the words an importer puts on cards itself (a
   * chapter's "What interviewers check", "Follow-up") are in it; the file's
   * own content stays as written. English when absent.
   */
  language?: CardLabelLanguage;
  /**
   * Where sql.js's WebAssembly file is (Anki packages), e.g. Vite's
   * `sql.js/dist/sql-wasm.wasm?url` in the import worker; absent in Node,
   * where sql.js finds the file beside its own script.
   */
  sqliteWasmUrl?: string;
}

/** The languages an importer can word its own labels in (the app's languages). */
export type CardLabelLanguage = 'en' | 'ru';

/**
 * How sure a format is that a file is its own, from the content alone; the
 * highest wins. `fallback`: any text would do (rows of plain text).
 */
export const SNIFF = { no: 0, fallback: 1, maybe: 2, likely: 3, certain: 4 } as const;
export type SniffScore = (typeof SNIFF)[keyof typeof SNIFF];

/** What a sniff sees: the file's bytes and, when they are UTF-8, its text ('' otherwise). */
export interface SniffInput {
  bytes: Uint8Array;
  text: string;
}

type Parsed = ParsedFile | Promise<ParsedFile>;

interface ImporterBase<F extends string> {
  format: F;
  /**
   * How a deck of this format finds the deck it updates on a re-import: by
   * the id the file gives it (deck JSON), or by the name it gives it (formats
   * whose deck ids are made from names, which never identify a deck alone).
   */
  decksBy: 'id' | 'name';
  /** MIME type -> extensions (with the dot), the shape of the manifest's `file_handlers.accept`. */
  accept: Readonly<Record<string, readonly string[]>>;
  sniff: (input: SniffInput) => SniffScore;
  /** The parser runs the deck validator itself (deck JSON), so its decks are not checked again. */
  validatesDecks?: boolean;
  /** Largest file of this format read, in bytes; `MAX_IMPORT_BYTES` when absent. */
  maxBytes?: number;
}

/**
 * One import format. A file whose extension only this format lists is
 * parsed by it; any other file goes to the format whose `sniff` is surest.
 * A text format gets the file as strict UTF-8 text (refused before `parse`
 * if it is not), a binary one (e.g. a zip) gets the bytes. `parse` may be
 * async, e.g. to load a large parser only when it is needed.
 */
export type Importer<F extends string = string> =
  | (ImporterBase<F> & { reads: 'text'; parse: (text: string, options: ImportOptions) => Parsed })
  | (ImporterBase<F> & { reads: 'bytes'; parse: (bytes: Uint8Array, options: ImportOptions) => Parsed });

/** Files over this are refused with a clear message. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The problem for a file of `byteLength` bytes, or null when it is within `limitBytes` (`MAX_IMPORT_BYTES` unless a format says otherwise). */
export function fileSizeProblem(byteLength: number, limitBytes = MAX_IMPORT_BYTES): Extract<ImportProblem, { code: 'fileTooLarge' }> | null {
  if (byteLength <= limitBytes) return null;
  return { code: 'fileTooLarge', sizeMb: (byteLength / (1024 * 1024)).toFixed(1), limitMb: limitBytes / (1024 * 1024) };
}

/** Most messages one parse reports; the rest are summed up in one last message. */
export const MAX_IMPORT_MESSAGES = 200;
