/**
 * Importer for Anki's "Notes in Plain Text" export and for plain CSV/TSV:
 * `#key:value` header lines, then rows parsed by papaparse (quoted fields
 * with separators, doubled quotes and newlines inside). Each row becomes one
 * note in the app's deck format; every problem is a code with the row's
 * line number in the file. Pure and DOM-free (runs in a Web Worker).
 */
import Papa from 'papaparse';
import { hasMalformedCloze, parseClozes } from '../cloze';
import type { DeckMeta, NoteInput } from '../deckFormat';
import type { ImportOptions, ParsedDeck, ParsedFile } from './types';
import { IdAllocator, MessageList, baseName, fnv1a64, sanitizeIdPart, slugify } from './text';

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
      if (value) headers.deck = value;
    } else if (key === 'notetype') {
      if (value) headers.notetype = value;
    } else if (key === 'tags') {
      headers.tags.push(...splitTags(value));
    } else {
      messages.warning({ code: 'unknownHeader', line, header: match[1]?.trim() ?? '' });
    }
  }
  headers.bodyStart = offset;
  return headers;
}

function splitTags(value: string): string[] {
  return value.split(/\s+/).filter((tag) => tag !== '');
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
      for (const error of result.errors) {
        if (error.code === 'MissingQuotes') messages.error({ code: 'unclosedQuote', line: rowLine });
        else if (error.code === 'InvalidQuotes') messages.warning({ code: 'malformedQuote', line: rowLine });
        else messages.warning({ code: 'rowUnreadable', line: rowLine, detail: error.message });
      }
      const fields = result.data;
      if (fields.some((field) => field.trim() !== '')) rows.push({ fields, line: rowLine });
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

/** Deck id, name and group for an Anki deck name; `Interview::Behavioral` -> name 'Behavioral', group 'Interview'. */
function deckMetaFor(fullName: string, fileName: string, deckIds: IdAllocator): DeckMeta {
  const parts = fullName.split('::').map((part) => part.trim()).filter((part) => part !== '');
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
    messages.error({ code: hasHeaders ? 'headersButNoCards' : 'fileEmpty' });
    return result([]);
  }
  // A plain CSV often starts with a row of column names ("Front,Back,Tags"): skip it.
  const firstRow = rows[0];
  if (!hasHeaders && firstRow && rows.length > 1 && firstRow.fields.every((f) => COLUMN_NAME.test(f.trim()))) {
    rows.shift();
    messages.warning({ code: 'columnNamesRow', line: firstRow.line, names: firstRow.fields });
    if (headers.columnNames === undefined) headers.columnNames = Papa.unparse([firstRow.fields], { delimiter: separator });
  }
  const columnCount = Math.max(...rows.map((row) => row.fields.length));

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
  const fallbackDeckName = headers.deck ?? options.deckName?.trim() ?? baseName(options.fileName);
  const decks = new Map<string, ParsedDeck>();
  const deckIds = new IdAllocator();
  const firstLineById = new Map<string, number>();

  for (const { fields, line } of rows) {
    const cell = (index: number | undefined): string | undefined => (index === undefined ? undefined : fields[index]);
    const notetype = cell(meta.notetype)?.trim() || headers.notetype || 'Basic';
    const isCloze = /cloze/i.test(notetype);
    const needed = isCloze ? [front] : [front, back];
    const highest = Math.max(...needed);
    if (fields.length <= highest) {
      messages.error({ code: 'tooFewColumns', line, expected: highest + 1, found: fields.length, isCloze });
      continue;
    }
    const first = cleanField(cell(front) ?? '', isHtml);
    const second = cleanField(cell(back) ?? '', isHtml);

    let problem: 'emptyClozeText' | 'malformedCloze' | 'noClozeDeletion' | 'emptyFrontAndBack' | 'emptyFront' | 'emptyBack' | undefined;
    if (isCloze) {
      if (first === '') problem = 'emptyClozeText';
      else if (hasMalformedCloze(first)) problem = 'malformedCloze';
      else if (parseClozes(first).length === 0) problem = 'noClozeDeletion';
    } else if (first === '' && second === '') problem = 'emptyFrontAndBack';
    else if (first === '') problem = 'emptyFront';
    else if (second === '') problem = 'emptyBack';
    if (problem) {
      messages.error({ code: problem, line });
      continue;
    }

    const guid = cell(meta.guid)?.trim();
    const id = guid ? ankiGuidToId(guid) : `anki-${fnv1a64(first)}`;
    const earlier = firstLineById.get(id);
    if (earlier !== undefined) {
      messages.error(guid ? { code: 'duplicateGuid', line, firstLine: earlier, guid } : { code: 'duplicateFront', line, firstLine: earlier });
      continue;
    }
    firstLineById.set(id, line);

    const tags = [...new Set([...headers.tags, ...splitTags(cell(meta.tags) ?? '')])];
    const common = tags.length > 0 ? { tags } : {};
    // An Anki guid is global: a note with it is the same note wherever it is.
    const global = guid ? { guid: id } : {};
    const note: NoteInput = isCloze
      ? { id, ...global, type: 'cloze', text: first, ...(second !== '' ? { extra: second } : {}), ...common }
      : { id, ...global, type: /and reversed/i.test(notetype) ? 'reversible' : 'basic', front: first, back: second, ...common };

    const deckName = cell(meta.deck)?.trim() || fallbackDeckName;
    let deck = decks.get(deckName);
    if (!deck) {
      deck = { deck: deckMetaFor(deckName, options.fileName, deckIds), notes: [] };
      const named = cell(meta.deck)?.trim() ? deckName : headers.deck;
      if (named !== undefined) deck.deckName = named;
      decks.set(deckName, deck);
    }
    deck.notes.push(note);
  }
  return result([...decks.values()]);
}
