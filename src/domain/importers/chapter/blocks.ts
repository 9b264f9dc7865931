/**
 * Chapter Markdown, step 2: what is inside a block of lines: list groups
 * (a group starts at a `Title:` line), paragraphs, `a → b` pairs and
 * Markdown tables; plus the small text helpers that shape card text.
 */
import { hasVisibleText } from '../text';
import type { Line } from './read';

export type Marker = 'number' | 'bullet' | 'check' | 'cross' | 'tick';

export interface ListItem {
  text: string;
  line: number;
  marker: Marker;
  indent: number;
  sub: string[];
  /** The line of each sub-item. */
  subLines: number[];
  /** Indented lines that were not list items (also joined into `text`): a `> "quote"`, a `Fix: ...` line. */
  extra: string[];
  /** The item's own text before any `extra` line was joined to it. */
  head?: string;
}

export interface Group {
  title?: string;
  line: number;
  items: ListItem[];
}

export interface Paragraph {
  text: string;
  line: number;
}

export interface Pair {
  left: string;
  right: string;
  line: number;
}

/** A list marker and the space after it; the item's text is the rest of the line (no `(.*)$`, which is slow on a huge line). */
const ITEM = /^(?:([-*•+])|(\d{1,9})[.)]|(✓|✔|☑)|(❌|✗|✘|⛔)|(✅))(?=\s)/u;

interface ItemMatch {
  bullet?: string | undefined;
  number?: string | undefined;
  check?: string | undefined;
  cross?: string | undefined;
  tick?: string | undefined;
  body: string;
}

/** The list marker of a trimmed line and its text, or null. */
export function matchItem(trimmed: string): ItemMatch | null {
  const m = ITEM.exec(trimmed);
  if (!m) return null;
  return { bullet: m[1], number: m[2], check: m[3], cross: m[4], tick: m[5], body: trimmed.slice(m[0].length).trim() };
}

/** True when the line shows nothing (blanks and zero-width characters only). */
export function isBlank(text: string): boolean {
  return !hasVisibleText(text);
}

export function plain(text: string): string {
  return text.replace(/\*\*|__/g, '').trim();
}

const OPENING_QUOTES = '"“«\'';
const CLOSING_QUOTES = '"”»\'';

/** The text without Markdown bold and one pair of surrounding quotes. */
export function unquote(text: string): string {
  const t = plain(text);
  if (t.length >= 2 && OPENING_QUOTES.includes(t.charAt(0)) && CLOSING_QUOTES.includes(t.charAt(t.length - 1))) return t.slice(1, -1).trim();
  return t;
}

/** How many words the text has (runs of letters or digits between blanks). */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const blank = code === 32 || code === 9 || code === 10 || code === 13;
    if (blank) inWord = false;
    else if (!inWord) {
      inWord = true;
      count++;
    }
  }
  return count;
}

/** Groups of list items (a group starts at a `Title:` line), plus the paragraphs between them. */
export function parseGroups(lines: Line[]): { groups: Group[]; paragraphs: Paragraph[] } {
  const groups: Group[] = [];
  const paragraphs: Paragraph[] = [];
  let group: Group | undefined;
  let item: ListItem | undefined;
  let subIndent = -1;
  let paragraph: Paragraph | undefined;
  for (const { text, line } of lines) {
    if (isBlank(text)) {
      paragraph = undefined;
      continue;
    }
    const indent = /^\s*/.exec(text)?.[0].length ?? 0;
    const trimmed = text.trim();
    const titleText = plain(trimmed).replace(/^(?:❌|✅|✓|✔|⚠️?|📌|👉)\s*/u, '');
    const match = matchItem(trimmed);
    const isEmojiTitle = match !== null && match.bullet === undefined && match.number === undefined && titleText.endsWith(':');
    if (match && !isEmojiTitle) {
      paragraph = undefined;
      const body = match.body;
      if (item && indent > item.indent && (match.bullet !== undefined || match.number !== undefined)) {
        item.sub.push(body);
        item.subLines.push(line);
        subIndent = indent;
        continue;
      }
      const marker: Marker = match.number ? 'number' : match.check ? 'check' : match.cross ? 'cross' : match.tick ? 'tick' : 'bullet';
      if (!group) {
        group = { line, items: [] };
        groups.push(group);
      }
      item = { text: body, line, marker, indent, sub: [], subLines: [], extra: [] };
      subIndent = -1;
      group.items.push(item);
      continue;
    }
    if (titleText.endsWith(':') && titleText.length <= 80 && !(item && indent > item.indent)) {
      paragraph = undefined;
      group = { title: titleText.slice(0, -1).trim(), line, items: [] };
      groups.push(group);
      item = undefined;
      continue;
    }
    if (item && indent > item.indent) {
      const subs = item.sub;
      if (subs.length > 0 && indent >= subIndent) subs[subs.length - 1] = `${subs[subs.length - 1] ?? ''} ${trimmed}`;
      else {
        item.head ??= item.text;
        item.text = `${item.text} ${trimmed}`;
        item.extra.push(trimmed);
      }
      continue;
    }
    item = undefined;
    group = undefined;
    if (paragraph) paragraph.text = `${paragraph.text} ${trimmed}`;
    else {
      paragraph = { text: trimmed, line };
      paragraphs.push(paragraph);
    }
  }
  return { groups: groups.filter((g) => g.items.length > 0 || g.title === undefined), paragraphs };
}

function quotesOpen(text: string): boolean {
  let straight = 0;
  let opening = 0;
  let closing = 0;
  for (const ch of text) {
    if (ch === '"') straight++;
    else if (ch === '“' || ch === '«') opening++;
    else if (ch === '”' || ch === '»') closing++;
  }
  return straight % 2 === 1 || opening > closing;
}

/** Most lines one wrapped pair may take. */
const MAX_PAIR_LINES = 6;

/** `"I failed" → "I learned"` lines, including pairs wrapped over several lines in two columns. */
export function extractPairs(lines: Line[]): { pairs: Pair[]; rest: Line[] } {
  const pairs: Pair[] = [];
  const rest: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i];
    if (!current) continue;
    const col = current.text.search(/→|⟶| -> /);
    const arrowLength = current.text.startsWith(' -> ', col) ? 4 : 1;
    if (col <= 0 || current.text.slice(0, col).trim() === '' || current.text.trim().endsWith(':')) {
      rest.push(current);
      continue;
    }
    let left = current.text.slice(0, col).trim().replace(/^[-*•]\s+/, '');
    let right = current.text.slice(col + arrowLength).trim();
    for (let joined = 1; joined < MAX_PAIR_LINES && (quotesOpen(left) || quotesOpen(right)); joined++) {
      const next = lines[i + 1];
      if (!next || isBlank(next.text) || /→|⟶| -> /.test(next.text)) break;
      const l = next.text.slice(0, col).trim();
      const r = next.text.slice(col + arrowLength).trim();
      if (l) left = `${left} ${l}`;
      if (r) right = `${right} ${r}`;
      i++;
    }
    if (left && right) pairs.push({ left, right, line: current.line });
    else rest.push(current);
  }
  return { pairs, rest };
}

export interface Table {
  header: string[];
  rows: { cells: string[]; line: number }[];
  line: number;
}

/** Markdown tables (`| a | b |` rows); returns the other lines untouched. */
export function extractTables(lines: Line[]): { tables: Table[]; rest: Line[] } {
  const tables: Table[] = [];
  const rest: Line[] = [];
  let table: Table | undefined;
  for (const l of lines) {
    const t = l.text.trim();
    if (!t.startsWith('|')) {
      table = undefined;
      rest.push(l);
      continue;
    }
    const cells = t
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/\\\|/g, '|'));
    if (cells.every((cell) => /^:?-{2,}:?$/.test(cell))) continue;
    if (!table) {
      table = { header: cells, rows: [], line: l.line };
      tables.push(table);
    } else {
      table.rows.push({ cells, line: l.line });
    }
  }
  return { tables: tables.filter((t) => t.rows.length > 0), rest };
}

export function sentenceCase(text: string): string {
  if (/[a-zа-я]/.test(text) || !/[A-ZА-Я]{3}/.test(text)) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function lowerFirst(text: string): string {
  return /^[A-ZА-Я][a-zа-я]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

export function itemText(item: ListItem): string {
  const prefix = item.marker === 'cross' ? '❌ ' : item.marker === 'tick' ? '✅ ' : '';
  return prefix + sentenceCase(item.text);
}

/** A Markdown list of the items, numbered when the source was, sub-items indented. */
export function listMarkdown(items: ListItem[]): string {
  return items
    .map((item, i) => {
      const head = item.marker === 'number' ? `${i + 1}. ` : '- ';
      const subs = item.sub.map((sub) => `\n   - ${sub}`).join('');
      return `${head}${itemText(item)}${subs}`;
    })
    .join('\n');
}

/** The cells of a line split at runs of two or more spaces, with where each starts. */
export function splitColumns(text: string): { cells: string[]; starts: number[] } {
  const cells: string[] = [];
  const starts: number[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && text.charCodeAt(i) === 32) i++;
    if (i >= text.length) break;
    const start = i;
    let end = i;
    while (i < text.length && !(text.charCodeAt(i) === 32 && text.charCodeAt(i + 1) === 32)) {
      i++;
      if (text.charCodeAt(i - 1) !== 32) end = i;
    }
    cells.push(text.slice(start, end));
    starts.push(start);
  }
  return { cells, starts };
}

export interface ColumnTable {
  header: [string, string];
  rows: { left: string; right: string; line: number }[];
  line: number;
  /** The rows are `a → b` pairs (left in the lines for `extractPairs`): only the header is taken. */
  isPairs: boolean;
}

const ARROW = /→|⟶| -> /;

/**
 * Two-column tables drawn with spaces inside a fence: a header row, an
 * underline (a rule line), then rows, wrapped cells joined to their row
 * (`Scope creep without   Every addition ...` / `timeline change`).
 * The header and underline are taken out of the lines; so are the rows,
 * unless they are arrow pairs, which stay for `extractPairs`.
 */
export function extractColumnTables(lines: Line[]): { tables: ColumnTable[]; rest: Line[] } {
  const tables: ColumnTable[] = [];
  const rest: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i];
    if (!current) continue;
    const header = splitColumns(current.text);
    const [left, right] = header.cells;
    if (!lines[i + 1]?.rule || current.rule || header.cells.length !== 2 || left === undefined || right === undefined) {
      rest.push(current);
      continue;
    }
    const col = header.starts[1] ?? 0;
    const table: ColumnTable = { header: [left, right], rows: [], line: current.line, isPairs: false };
    tables.push(table);
    let j = i + 2;
    let gap = false;
    // Rows apart by blank lines: a line right under a row is the rest of its cells.
    let rowsApart = false;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (!l) break;
      if (l.rule) continue;
      if (isBlank(l.text)) {
        gap = true;
        continue;
      }
      const trimmed = l.text.trim();
      if (ARROW.test(l.text)) {
        table.isPairs = table.rows.length === 0;
        break;
      }
      if (trimmed.endsWith(':') || matchItem(trimmed)) break;
      const split = splitColumns(l.text);
      let cellLeft = '';
      let cellRight = '';
      if (split.cells.length >= 2) {
        cellLeft = split.cells[0] ?? '';
        cellRight = split.cells.slice(1).join(' ');
      } else if ((split.starts[0] ?? 0) >= col - 2) cellRight = trimmed;
      else cellLeft = trimmed;
      const row = table.rows.at(-1);
      if (row && !gap && (rowsApart || cellLeft === '' || cellRight === '')) {
        if (cellLeft) row.left = `${row.left} ${cellLeft}`;
        if (cellRight) row.right = `${row.right} ${cellRight}`;
      } else if (cellLeft && cellRight) {
        if (row && gap) rowsApart = true;
        table.rows.push({ left: cellLeft, right: cellRight, line: l.line });
      } else break;
      gap = false;
    }
    if (table.isPairs) j = i + 2;
    i = j - 1;
  }
  return { tables, rest };
}
