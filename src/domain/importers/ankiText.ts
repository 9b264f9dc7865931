/**
 * Importer for Anki's "Notes in Plain Text" export and for plain CSV/TSV:
 * `#key:value` header lines, then rows parsed by papaparse (quoted fields
 * with separators, doubled quotes and newlines inside). Each row becomes one
 * note in the app's deck format; every problem is a code with the row's
 * line number in the file. A bad row is skipped (a 'skip' message) and the
 * good rows are still imported; only a file with nothing importable is
 * refused. Linear in the input: papaparse reads the rows, and no pattern
 * here backtracks over user text. Pure and DOM-free (runs in a Web Worker).
 */
import Papa from 'papaparse';
import { hasMalformedCloze, parseClozes } from '../cloze';
import type { DeckMeta, NoteInput } from '../deckFormat';
import type { ImportOptions, ParsedDeck, ParsedFile } from './types';
import { IdAllocator, MessageList, baseName, fnv1a64, hasUnclosedCloze, hasVisibleText, sanitizeIdPart, slugify } from './text';

const SEPARATOR_NAMES: Record<string, string> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
  colon: ':',
};

/** Cell texts that mark a first row as column names rather than a card. */
const COLUMN_NAME = /^(front|back|question|answer|tags?|text|extra|guid|deck|notetype|вопрос|ответ|теги|лицевая сторона|оборот)$/i;

/**
 * Most `#tags:` tags a file may give every note: each note carries them, so
 * more would make the notes grow with rows times tags, not with the file.
 */
export const MAX_HEADER_TAGS = 100;

/** Sniff order for files without `#separator:`. */
const SNIFF_ORDER = ['\t', ';', ','] as const;

const COLUMN_HEADERS = {
  'tags column': 'tags',
  'deck column': 'deck',
  'notetype column': 'notetype',
  'guid column': 'guid',
} as const;

type MetaColumn = (typeof COLUMN_HEADERS)[keyof typeof COLUMN_HEADERS];

interface Headers {
  separator?: string;
  html?: boolean;
  /** 0-based. */
  columns: Partial<Record<MetaColumn, number>>;
  columnNames?: string;
  deck?: string;
  notetype?: string;
  tags: string[];
  /** Number of header lines, i.e. the line before the first row. */
  lineCount: number;
  /** Offset of the first row in the text. */
  bodyStart: number;
}

interface Row {
  fields: string[];
  line: number;
}

/** Reads the `#key:value` lines at the top of the file. */
function readHeaders(text: string, messages: MessageList): Headers {
  const headers: Headers = { columns: {}, tags: [], lineCount: 0, bodyStart: 0 };
  let offset = 0;
  while (offset < text.length && text[offset] === '#') {
    const end = text.indexOf('\n', offset);
    const raw = text.slice(offset, end === -1 ? text.length : end);
    offset = end === -1 ? text.length : end + 1;
    headers.lineCount++;
    const line = headers.lineCount;
    const match = /^#([^:]*):(.*)$/.exec(raw.trimEnd());
    const key = match?.[1]?.trim().toLowerCase() ?? '';
    const value = match?.[2]?.trim() ?? '';
    if (!match) {
      messages.warning({ code: 'headerMalformed', line, text: raw.trim() });
    } else if (key === 'separator') {
      const named = SEPARATOR_NAMES[value.toLowerCase()];
      const literal = match[2]?.length === 1 ? match[2] : value.length === 1 ? value : undefined;
      if (named !== undefined) headers.separator = named;
      else if (literal !== undefined) headers.separator = literal;
      else messages.error({ code: 'unknownSeparator', line, value });
    } else if (key === 'html') {
      if (/^(true|false)$/i.test(value)) headers.html = value.toLowerCase() === 'true';
      else messages.warning({ code: 'htmlNotBoolean', line, value });
    } else if (key in COLUMN_HEADERS) {
      const n = Number(value);
      if (Number.isInteger(n) && n >= 1) headers.columns[COLUMN_HEADERS[key as keyof typeof COLUMN_HEADERS]] = n - 1;
      else messages.error({ code: 'columnHeaderNotNumber', line, header: key, value });
    } else if (key === 'columns') {
      headers.columnNames = match[2] ?? '';
    } else if (key === 'deck') {
      if (hasVisibleText(value)) headers.deck = value;
    } else if (key === 'notetype') {
      if (value) headers.notetype = value;
    } else if (key === 'tags') {
      // A loop, not push(...tags): a huge header line must not become a huge argument list.
      const known = new Set(headers.tags);
      for (const tag of splitTags(value)) {
        if (known.has(tag)) continue;
        known.add(tag);
        headers.tags.push(tag);
      }
      if (headers.tags.length > MAX_HEADER_TAGS) {
        messages.warning({ code: 'tooManyTags', line, count: headers.tags.length, limit: MAX_HEADER_TAGS });
        headers.tags.length = MAX_HEADER_TAGS;
      }
    } else {
      messages.warning({ code: 'unknownHeader', line, header: match[1]?.trim() ?? '' });
    }
  }
  headers.bodyStart = offset;
  return headers;
}

function splitTags(value: string): string[] {
  return value.split(/\s+/).filter(hasVisibleText);
}

/** Splits text into rows with papaparse, recording the 1-based line each row starts on. */
function parseRows(body: string, separator: string, firstLine: number, messages: MessageList): Row[] {
  const rows: Row[] = [];
  let line = firstLine;
  let scanned = 0;
  let rowStart = 0;
  const linesUpTo = (offset: number): void => {
    for (let i = body.indexOf('\n', scanned); i !== -1 && i < offset; i = body.indexOf('\n', i + 1)) line++;
    scanned = Math.max(scanned, offset);
  };
  Papa.parse<string[]>(body, {
    delimiter: separator,
    quoteChar: '"',
    escapeChar: '"',
    newline: '\n',
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      linesUpTo(rowStart);
      const rowLine = line;
      let isUnclosed = false;
      for (const error of result.errors) {
        if (error.code === 'MissingQuotes') isUnclosed = true;
        else if (error.code === 'InvalidQuotes') messages.warning({ code: 'malformedQuote', line: rowLine });
        else messages.warning({ code: 'rowUnreadable', line: rowLine, detail: error.message });
      }
      const fields = result.data;
      // A quote never closed swallowed the rest of the file: that row is left out, the rows before it stay.
      if (isUnclosed) messages.skip({ code: 'unclosedQuote', line: rowLine });
      else if (fields.some(hasVisibleText)) rows.push({ fields, line: rowLine });
      rowStart = result.meta.cursor;
    },
  });
  return rows;
}

/** Picks tab, then semicolon, then comma: the first that splits every sampled row into two or more fields. */
export function sniffSeparator(body: string): string {
  const sample = body.slice(0, 64 * 1024);
  let fallback: string | undefined;
  for (const candidate of SNIFF_ORDER) {
    const parsed = Papa.parse<string[]>(sample, { delimiter: candidate, quoteChar: '"', newline: '\n', preview: 20, skipEmptyLines: 'greedy' });
    const rows = parsed.data.filter((row) => row.some((field) => field.trim() !== ''));
    if (rows.length > 0 && rows.every((row) => row.length >= 2)) return candidate;
    if (fallback === undefined && rows.some((row) => row.length >= 2)) fallback = candidate;
  }
  return fallback ?? '\t';
}

/** `<br>` to newlines and `&nbsp;` to spaces for HTML fields; other HTML stays (sanitised when shown). */
function cleanField(value: string, isHtml: boolean): string {
  const text = isHtml ? value.replace(/<br\s*\/?>/gi, '\n').replace(/&nbsp;/gi, ' ') : value;
  return text.trim();
}

/**
 * A note id from an Anki guid: kept as it is when it already looks like an
 * app id (letters, digits, `.`, `_`, `-`, as this app's exports write), else
 * `anki-` plus the guid with other characters escaped.
 *
 * @example
 * ankiGuidToId('fl-q-failed'); // 'fl-q-failed'
 * ankiGuidToId('f#K9}x'); // 'anki-f_23_K9_7d_x'
 */
export function ankiGuidToId(guid: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(guid) ? guid : `anki-${sanitizeIdPart(guid)}`;
}

/**
 * Deck id, name and group for an Anki deck name; `Interview::Behavioral` ->
 * name 'Behavioral', group 'Interview'. `deckIds` keeps the ids of one file
 * distinct (shared by every deck the file gives).
 *
 * @example
 * deckMetaFor('Interview::Behavioral', 'star.apkg', new IdAllocator());
 * // { id: 'anki-interview-behavioral', name: 'Behavioral', description: 'Imported from star.apkg.', group: 'Interview' }
 */
export function deckMetaFor(fullName: string, fileName: string, deckIds: IdAllocator): DeckMeta {
  const parts = fullName.split('::').map((part) => part.trim()).filter(hasVisibleText);
  const name = parts.pop() ?? fullName;
  const slug = slugify(fullName) || fnv1a64(fullName).slice(0, 10);
  // Names that differ only in case or punctuation ("Team A", "team-a") share a slug, never an id.
  const meta: DeckMeta = { id: deckIds.take(`anki-${slug}`), name, description: `Imported from ${fileName}.` };
  if (parts.length > 0) meta.group = parts.join(' / ');
  return meta;
}

/**
 * Parses Anki "Notes in Plain Text" or plain CSV/TSV/semicolon text.
 *
 * Headers: `#separator:` (Tab, Comma, Semicolon, Pipe, Space, Colon or one
 * character), `#html:`, `#tags column:`, `#deck column:`, `#notetype column:`,
 * `#guid column:`, `#columns:`, `#deck:`, `#notetype:`, `#tags:`; others
 * give a warning. Without headers the separator is sniffed (tab, semicolon,
 * comma), column 1 is the front and column 2 the back; a headerless file
 * with more columns returns `needsColumnMapping` unless
 * `options.columnMapping` says which column is which.
 *
 * Notes: notetype containing "Cloze" -> cloze (text = first field, extra =
 * second); containing "and reversed" -> reversible; else basic. Ids: the
 * guid column (see `ankiGuidToId`), else `anki-<FNV-1a of the front>`.
 *
 * @example
 * const result = parseAnkiText('#separator:tab\n#html:false\nWhat is STAR?\tSituation, Task, Action, Result\n', { fileName: 'star.txt' });
 * result.decks[0]?.notes[0];
 * // { id: 'anki-…', type: 'basic', front: 'What is STAR?', back: 'Situation, Task, Action, Result' }
 */
export function parseAnkiText(input: string, options: ImportOptions): ParsedFile {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const messages = new MessageList();
  const result = (decks: ParsedDeck[], extra: Partial<ParsedFile> = {}): ParsedFile => ({
    decks,
    messages: messages.list(),
    unknownSections: [],
    ...(messages.skipped > 0 ? { skipped: messages.skipped } : {}),
    ...extra,
  });
  if (text.trim() === '') {
    messages.error({ code: 'fileEmpty' });
    return result([]);
  }

  const headers = readHeaders(text, messages);
  const hasHeaders = headers.lineCount > 0;
  const body = text.slice(headers.bodyStart);
  const separator = headers.separator ?? sniffSeparator(body);
  const rows = parseRows(body, separator, headers.lineCount + 1, messages);
  if (rows.length === 0) {
    if (messages.skipped > 0) messages.error({ code: 'noImportableRows', skipped: messages.skipped });
    else messages.error({ code: hasHeaders ? 'headersButNoCards' : 'fileEmpty' });
    return result([]);
  }
  // A plain CSV often starts with a row of column names ("Front,Back,Tags"): skip it.
  const firstRow = rows[0];
  if (!hasHeaders && firstRow && rows.length > 1 && firstRow.fields.every((f) => COLUMN_NAME.test(f.trim()))) {
    rows.shift();
    messages.warning({ code: 'columnNamesRow', line: firstRow.line, names: firstRow.fields });
    if (headers.columnNames === undefined) headers.columnNames = Papa.unparse([firstRow.fields], { delimiter: separator });
  }
  // A loop, not Math.max(...rows): a file of a million rows must not become a million arguments.
  let columnCount = 0;
  for (const row of rows) columnCount = Math.max(columnCount, row.fields.length);

  // Which column holds what.
  const meta = { ...headers.columns };
  const names = headers.columnNames === undefined ? [] : (Papa.parse<string[]>(headers.columnNames, { delimiter: separator, quoteChar: '"' }).data[0] ?? []);
  const named = (pattern: RegExp): number | undefined => {
    const index = names.findIndex((name) => pattern.test(name.trim()));
    return index >= 0 ? index : undefined;
  };
  meta.tags ??= named(/^(tags?|теги)$/i);
  const namedFront = named(/^(front|question|text|вопрос|лицевая сторона)$/i);
  const namedBack = named(/^(back|answer|extra|ответ|оборот)$/i);
  let front: number;
  let back: number;
  const mapping = options.columnMapping;
  if (mapping) {
    for (const role of ['front', 'back', 'tags'] as const) {
      const index = mapping[role];
      if (index === undefined) continue;
      if (!Number.isInteger(index) || index < 0 || index >= columnCount) {
        messages.error({ code: 'mappedColumnMissing', role, column: index + 1, columnCount });
      }
    }
    if (mapping.front === mapping.back) messages.error({ code: 'frontBackSameColumn' });
    if (messages.hasErrors) return result([]);
    front = mapping.front;
    back = mapping.back;
    if (mapping.tags !== undefined) meta.tags = mapping.tags;
  } else if (namedFront !== undefined && namedBack !== undefined) {
    front = namedFront;
    back = namedBack;
  } else {
    if (!hasHeaders && columnCount > 2) {
      return result([], { needsColumnMapping: { columnCount, sampleRows: rows.slice(0, 5).map((row) => row.fields) } });
    }
    const metaIndexes = new Set(Object.values(meta));
    const fieldColumns: number[] = [];
    for (let i = 0; i < Math.max(columnCount, 2 + metaIndexes.size); i++) if (!metaIndexes.has(i)) fieldColumns.push(i);
    front = fieldColumns[0] ?? 0;
    back = fieldColumns[1] ?? 1;
    if (fieldColumns.filter((i) => i < columnCount).length > 2) {
      messages.warning({ code: 'extraColumnsIgnored', frontColumn: front + 1, backColumn: back + 1 });
    }
  }

  const isHtml = headers.html === true;
  const fallbackDeckName = [headers.deck, options.deckName?.trim(), baseName(options.fileName), options.fileName].find((name) => name !== undefined && hasVisibleText(name)) ?? 'anki';
  const decks = new Map<string, ParsedDeck>();
  const deckIds = new IdAllocator();
  const noteIds = new IdAllocator();
  const firstLineByGuid = new Map<string, number>();
  const firstLineByFront = new Map<string, number>();

  for (const { fields, line } of rows) {
    const cell = (index: number | undefined): string | undefined => (index === undefined ? undefined : fields[index]);
    const notetype = cell(meta.notetype)?.trim() || headers.notetype || 'Basic';
    const isCloze = /cloze/i.test(notetype);
    const needed = isCloze ? [front] : [front, back];
    const highest = Math.max(...needed);
    if (fields.length <= highest) {
      messages.skip({ code: 'tooFewColumns', line, expected: highest + 1, found: fields.length, isCloze });
      continue;
    }
    const first = cleanField(cell(front) ?? '', isHtml);
    const second = cleanField(cell(back) ?? '', isHtml);

    let problem: 'emptyClozeText' | 'malformedCloze' | 'noClozeDeletion' | 'emptyFrontAndBack' | 'emptyFront' | 'emptyBack' | undefined;
    const hasFront = hasVisibleText(first);
    const hasBack = hasVisibleText(second);
    if (isCloze) {
      if (!hasFront) problem = 'emptyClozeText';
      // The unclosed check first: the cloze pattern would rescan the rest of the text for each unclosed `{{cN::`.
      else if (hasUnclosedCloze(first) || hasMalformedCloze(first)) problem = 'malformedCloze';
      else if (parseClozes(first).length === 0) problem = 'noClozeDeletion';
    } else if (!hasFront && !hasBack) problem = 'emptyFrontAndBack';
    else if (!hasFront) problem = 'emptyFront';
    else if (!hasBack) problem = 'emptyBack';
    if (problem) {
      messages.skip({ code: problem, line });
      continue;
    }

    // A guid names the note: a second row with it is the same note, left out. Rows
    // that only share a front are separate notes (`-2`, `-3` ... on the later ids).
    const guid = cell(meta.guid)?.trim();
    let id: string;
    if (guid) {
      const earlier = firstLineByGuid.get(guid);
      if (earlier !== undefined) {
        messages.skip({ code: 'duplicateGuid', line, firstLine: earlier, guid });
        continue;
      }
      firstLineByGuid.set(guid, line);
      id = noteIds.take(ankiGuidToId(guid));
    } else {
      const hash = fnv1a64(first);
      const earlier = firstLineByFront.get(hash);
      if (earlier !== undefined) messages.warning({ code: 'duplicateFront', line, firstLine: earlier });
      else firstLineByFront.set(hash, line);
      id = noteIds.take(`anki-${hash}`);
    }

    const tags = [...new Set([...headers.tags, ...splitTags(cell(meta.tags) ?? '')])];
    const common = tags.length > 0 ? { tags } : {};
    // An Anki guid is global: a note with it is the same note wherever it is.
    const global = guid ? { guid: ankiGuidToId(guid) } : {};
    const note: NoteInput = isCloze
      ? { id, ...global, type: 'cloze', text: first, ...(second !== '' ? { extra: second } : {}), ...common }
      : { id, ...global, type: /and reversed/i.test(notetype) ? 'reversible' : 'basic', front: first, back: second, ...common };

    const columnDeck = cell(meta.deck)?.trim() ?? '';
    const hasColumnDeck = hasVisibleText(columnDeck);
    const deckName = hasColumnDeck ? columnDeck : fallbackDeckName;
    let deck = decks.get(deckName);
    if (!deck) {
      deck = { deck: deckMetaFor(deckName, options.fileName, deckIds), notes: [], lines: [] };
      const named = hasColumnDeck ? deckName : headers.deck;
      if (named !== undefined) deck.deckName = named;
      decks.set(deckName, deck);
    }
    deck.notes.push(note);
    deck.lines?.push(line);
  }
  if (decks.size === 0 && messages.skipped > 0) messages.error({ code: 'noImportableRows', skipped: messages.skipped });
  return result([...decks.values()]);
}
