/**
 * Chapter Markdown, step 2: what is inside a block of lines: list groups
 * (a group starts at a `Title:` line), paragraphs, `a → b` pairs and
 * Markdown tables; plus the small text helpers that shape card text.
 */
import type { Line } from './read';

export type Marker = 'number' | 'bullet' | 'check' | 'cross' | 'tick';

export interface ListItem {
  text: string;
  line: number;
  marker: Marker;
  indent: number;
  sub: string[];
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

const ITEM = /^(?:([-*•+])|(\d+)[.)]|(✓|✔|☑)|(❌|✗|✘|⛔)|(✅))\s+(.*)$/u;

export function plain(text: string): string {
  return text.replace(/\*\*|__/g, '').trim();
}

export function unquote(text: string): string {
  const t = plain(text);
  const m = /^["“«'](.*)["”»']$/su.exec(t);
  return (m?.[1] ?? t).trim();
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
    if (text.trim() === '') {
      paragraph = undefined;
      continue;
    }
    const indent = /^\s*/.exec(text)?.[0].length ?? 0;
    const trimmed = text.trim();
    const titleText = plain(trimmed).replace(/^(?:❌|✅|✓|✔|⚠️?|📌|👉)\s*/u, '');
    const match = ITEM.exec(trimmed);
    const isEmojiTitle = match !== null && match[1] === undefined && match[2] === undefined && titleText.endsWith(':');
    if (match && !isEmojiTitle) {
      paragraph = undefined;
      const body = (match[6] ?? '').trim();
      if (item && indent > item.indent && (match[1] !== undefined || match[2] !== undefined)) {
        item.sub.push(body);
        subIndent = indent;
        continue;
      }
      const marker: Marker = match[2] ? 'number' : match[3] ? 'check' : match[4] ? 'cross' : match[5] ? 'tick' : 'bullet';
      if (!group) {
        group = { line, items: [] };
        groups.push(group);
      }
      item = { text: body, line, marker, indent, sub: [] };
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
      else item.text = `${item.text} ${trimmed}`;
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
  const straight = (text.match(/"/g) ?? []).length;
  const opening = (text.match(/[“«]/g) ?? []).length;
  const closing = (text.match(/[”»]/g) ?? []).length;
  return straight % 2 === 1 || opening > closing;
}

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
    while (quotesOpen(left) || quotesOpen(right)) {
      const next = lines[i + 1];
      if (!next || next.text.trim() === '' || /→|⟶| -> /.test(next.text)) break;
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
export function listMarkdown(items: ListItem[], maxItems = 12): string {
  return items
    .slice(0, maxItems)
    .map((item, i) => {
      const head = item.marker === 'number' ? `${i + 1}. ` : '- ';
      const subs = item.sub.map((sub) => `\n   - ${sub}`).join('');
      return `${head}${itemText(item)}${subs}`;
    })
    .join('\n');
}
