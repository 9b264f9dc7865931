/**
 * Importer for one chapter of the behavioral-interview series in Markdown
 * (`# 03. Failure & Learning`, `## "Tell me about a time you failed"`,
 * `### STAR Template`, `## Red Flags`, `## Follow-up вопросы` ...). Text in
 * ``` fences drawn with box characters (┌ ─ ┐ │ ├ ┤ └ ┘) is unframed first.
 * The chapter becomes one deck of basic notes: question cards, a signals
 * card, red-flag cards, follow-up cards, reframe cards and list cards for
 * principle/practice blocks. Sections it cannot read are returned in
 * `unknownSections`, never dropped silently. Pure and DOM-free.
 */
import type { DeckMeta, NoteInput } from '../deckFormat';
import type { ImportOptions, ImportParseResult } from './types';
import { IdAllocator, MessageList, baseName, condenseLine, fnv1a64, slugify } from './text';

/** Most lines on the back of a question card. */
const MAX_BACK_LINES = 7;

/** The generic guide on the back of every follow-up card. */
export const FOLLOW_UP_GUIDE = [
  'Answer with specifics from the same story:',
  '- one concrete example, with numbers if you have them;',
  '- what *you* did and decided ("I", not "we");',
  '- the result, and what you changed afterwards.',
  '',
  'Keep it short (30–60 seconds) and honest.',
].join('\n');

interface Line {
  text: string;
  line: number;
}

/** A run of content: one ``` fence (unframed) or the plain lines between fences. */
interface Block {
  isFence: boolean;
  /** Title drawn in the frame's top row (between ┌ and ├), if any. */
  title?: string;
  lines: Line[];
}

interface Section {
  heading: string;
  line: number;
  blocks: Block[];
  subsections: Section[];
}

type Marker = 'number' | 'bullet' | 'check' | 'cross' | 'tick';

interface ListItem {
  text: string;
  line: number;
  marker: Marker;
  indent: number;
  sub: string[];
}

interface Group {
  title?: string;
  line: number;
  items: ListItem[];
}

interface Paragraph {
  text: string;
  line: number;
}

interface Pair {
  left: string;
  right: string;
  line: number;
}

type CardKind = 'question' | 'signals' | 'red-flag' | 'follow-up' | 'reframe' | 'principles';

// ---------------------------------------------------------------------------
// Reading the file into sections and blocks

const NAV_LINE = /^\[[^\]]*(?:←|→|назад|далее|back|next|contents|оглавлен)[^\]]*\]\([^)]*\)\s*$/i;
const RULE_LINE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
const FENCE = /^\s*(```|~~~)/;

function isBorder(text: string): 'top' | 'middle' | 'bottom' | 'plain' | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^[─━═\s]+$/.test(t)) return 'plain';
  if (/^[┌╔╭][─━═┬╤\s]*[┐╗╮]?$/.test(t)) return 'top';
  if (/^[├╠╟][─━═┼╪\s]*[┤╣╢]?$/.test(t)) return 'middle';
  if (/^[└╚╰][─━═┴╧\s]*[┘╝╯]?$/.test(t)) return 'bottom';
  return undefined;
}

/** Removes box-drawing frames from a fenced block, keeping column alignment; returns its title row if it has one. */
function unframe(raw: Line[]): Block {
  const kinds = raw.map((l) => isBorder(l.text));
  const lines: Line[] = [];
  let title: string | undefined;
  raw.forEach((l, i) => {
    if (kinds[i] !== undefined) return;
    let text = l.text.replace(/\s+$/, '');
    const open = /^\s*[│║┃]/.exec(text);
    if (open) text = text.slice(open[0].length);
    text = text.replace(/\s*[│║┃]$/, '');
    if (title === undefined && kinds[i - 1] === 'top' && kinds[i + 1] === 'middle' && text.trim() !== '') {
      title = text.trim();
      return;
    }
    lines.push({ text, line: l.line });
  });
  const indents = lines.filter((l) => l.text.trim() !== '').map((l) => /^ */.exec(l.text)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  const block: Block = { isFence: true, lines: lines.map((l) => ({ text: l.text.slice(common), line: l.line })) };
  if (title !== undefined) block.title = title;
  return block;
}

interface Document {
  title?: string;
  number?: string;
  titleLine?: number;
  preamble: Line[];
  sections: Section[];
}

function readDocument(text: string, messages: MessageList): Document {
  const doc: Document = { preamble: [], sections: [] };
  const lines = text.split('\n');
  let h2: Section | undefined;
  let h3: Section | undefined;
  let textRun: Block | undefined;
  const addBlock = (block: Block): void => {
    const target = h3 ?? h2;
    if (target) target.blocks.push(block);
    else doc.preamble.push(...block.lines);
  };
  const closeText = (): void => {
    if (textRun && textRun.lines.some((l) => l.text.trim() !== '')) addBlock(textRun);
    textRun = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const lineNo = i + 1;
    const fence = FENCE.exec(text);
    if (fence) {
      closeText();
      const marker = fence[1] ?? '```';
      const body: Line[] = [];
      let j = i + 1;
      while (j < lines.length && !(lines[j] ?? '').trim().startsWith(marker)) {
        body.push({ text: lines[j] ?? '', line: j + 1 });
        j++;
      }
      if (j >= lines.length) messages.warning(`Line ${lineNo}: a ${marker} block is never closed; it was read to the end of the file.`, lineNo);
      addBlock(unframe(body));
      i = j;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      closeText();
      const level = heading[1]?.length ?? 0;
      const title = heading[2] ?? '';
      if (level === 1 && doc.title === undefined) {
        const numbered = /^(\d+)[.)]\s*(.*)$/.exec(title);
        doc.title = (numbered ? numbered[2] : title)?.trim() ?? title;
        if (numbered?.[1] !== undefined) doc.number = numbered[1];
        doc.titleLine = lineNo;
        continue;
      }
      if (level <= 2) {
        h2 = { heading: title, line: lineNo, blocks: [], subsections: [] };
        h3 = undefined;
        doc.sections.push(h2);
        continue;
      }
      if (level === 3 && h2) {
        h3 = { heading: title, line: lineNo, blocks: [], subsections: [] };
        h2.subsections.push(h3);
        continue;
      }
    }
    if (NAV_LINE.test(text.trim()) || RULE_LINE.test(text)) {
      closeText();
      continue;
    }
    textRun ??= { isFence: false, lines: [] };
    textRun.lines.push({ text, line: lineNo });
  }
  closeText();
  return doc;
}

// ---------------------------------------------------------------------------
// Reading lists, pairs and tables inside a block

const ITEM = /^(?:([-*•+])|(\d+)[.)]|(✓|✔|☑)|(❌|✗|✘|⛔)|(✅))\s+(.*)$/u;

function plain(text: string): string {
  return text.replace(/\*\*|__/g, '').trim();
}

function unquote(text: string): string {
  const t = plain(text);
  const m = /^["“«'](.*)["”»']$/su.exec(t);
  return (m?.[1] ?? t).trim();
}

/** Groups of list items (a group starts at a `Title:` line), plus the paragraphs between them. */
function parseGroups(lines: Line[]): { groups: Group[]; paragraphs: Paragraph[] } {
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
function extractPairs(lines: Line[]): { pairs: Pair[]; rest: Line[] } {
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

interface Table {
  header: string[];
  rows: { cells: string[]; line: number }[];
  line: number;
}

/** Markdown tables (`| a | b |` rows); returns the other lines untouched. */
function extractTables(lines: Line[]): { tables: Table[]; rest: Line[] } {
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

function sentenceCase(text: string): string {
  if (/[a-zа-я]/.test(text) || !/[A-ZА-Я]{3}/.test(text)) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function lowerFirst(text: string): string {
  return /^[A-ZА-Я][a-zа-я]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function itemText(item: ListItem): string {
  const prefix = item.marker === 'cross' ? '❌ ' : item.marker === 'tick' ? '✅ ' : '';
  return prefix + sentenceCase(item.text);
}

/** A Markdown list of the items, numbered when the source was, sub-items indented. */
function listMarkdown(items: ListItem[], maxItems = 12): string {
  return items
    .slice(0, maxItems)
    .map((item, i) => {
      const head = item.marker === 'number' ? `${i + 1}. ` : '- ';
      const subs = item.sub.map((sub) => `\n   - ${sub}`).join('');
      return `${head}${itemText(item)}${subs}`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------
// Building cards

const STAR_TITLES = new Set(['situation', 'task', 'action', 'result']);
const LESSON_TITLE = /what i (learned|learnt|took away|would do differently|should have done|'d do differently|did wrong)|lessons?|takeaways?|what i('d| would) change|вывод|урок|что я (понял|узнал|вынес)/i;
const STAR_START = /^(situation|task|action|result)\s*:/i;
const EXAMPLE_HEADING = /пример|example|sample answer|образец/i;

const SECTION_KINDS: { kind: 'follow-ups' | 'mistakes' | 'signals'; pattern: RegExp }[] = [
  { kind: 'follow-ups', pattern: /follow[- ]?up|дополнительные вопросы|уточняющие вопросы|встречные вопросы/i },
  { kind: 'mistakes', pattern: /red flags?|mistakes|ошибки|anti-?patterns?|pitfalls|антипаттерн/i },
  { kind: 'signals', pattern: /что проверяют|что оценивают|signals|what (they|interviewers?) (check|look for|assess|evaluate)|what they're looking for/i },
];

function questionOf(heading: string): string | undefined {
  const h = plain(heading).replace(/^(?:\d+[.)]\s*|q:\s*|вопрос:\s*|question:\s*)/i, '');
  if (/^["“«]/.test(h)) return unquote(h);
  if (h.endsWith('?')) return h;
  return undefined;
}

interface Builder {
  deckId: string;
  deckName: string;
  notes: NoteInput[];
  ids: IdAllocator;
  messages: MessageList;
  unknown: string[];
}

function addNote(b: Builder, kind: CardKind, idPart: string, front: string, back: string, source: string): void {
  const id = b.ids.take(`${b.deckId}-${idPart}`);
  b.notes.push({ id, type: 'basic', front, back, tags: [b.deckId, kind], source });
}

function idSlug(text: string): string {
  return slugify(text, 40) || fnv1a64(text).slice(0, 8);
}

/** All lines of a section's own blocks (not its subsections). */
function sectionLines(section: Section): Line[] {
  return section.blocks.flatMap((block) => [...block.lines, { text: '', line: block.lines.at(-1)?.line ?? section.line }]);
}

/** Condensed lines for one structural sub-section (template, framework, key points, types ...). */
function structureLines(lines: Line[]): string[] {
  const { pairs, rest } = extractPairs(lines);
  const { groups, paragraphs } = parseGroups(rest);
  const out: string[] = [];
  for (const group of groups) {
    if (group.title !== undefined) {
      const label = STAR_TITLES.has(group.title.toLowerCase()) ? sentenceCase(group.title) : group.title;
      const items = group.items.slice(0, 3).map((item) => sentenceCase(plain(item.text)));
      const more = group.items.length > 3 ? '; …' : '';
      out.push(`- **${label}:** ${condenseLine(items.join('; '), 120)}${more}`);
    } else {
      group.items.forEach((item, i) => {
        const head = item.marker === 'number' ? `${i + 1}. ` : '- ';
        out.push(`${head}${condenseLine(itemText(item), 100)}`);
      });
    }
  }
  for (const pair of pairs) out.push(`- ${condenseLine(pair.left, 50)} → ${condenseLine(pair.right, 50)}`);
  if (out.length === 0) for (const p of paragraphs.slice(0, 2)) out.push(`- ${condenseLine(p.text, 120)}`);
  return out;
}

/** Back for a question whose section only has an example answer: STAR plus the example's lessons. */
function exampleBack(lines: Line[]): string {
  const { groups, paragraphs } = parseGroups(lines);
  const parts = ['Structure the answer with **STAR**: Situation → Task → Action → Result.'];
  const lessons = groups.filter((g) => g.title !== undefined && LESSON_TITLE.test(g.title)).flatMap((g) => g.items);
  if (lessons.length > 0) {
    const items = lessons.slice(0, 5).map((item) => `- ${condenseLine(sentenceCase(plain(item.text)), 100)}`);
    parts.push(`**Lessons to draw:**\n${items.join('\n')}`);
  } else {
    const closing = [...paragraphs].reverse().find((p) => !STAR_START.test(p.text));
    if (closing) parts.push(`**Takeaway:** ${condenseLine(closing.text.replace(/^["“«]|["”»]$/g, ''), 200)}`);
  }
  return parts.join('\n\n');
}

function buildQuestion(b: Builder, section: Section, question: string): void {
  const structural: { title: string; lines: string[] }[] = [];
  const examples: Line[][] = [];
  const parts: { heading: string; line: number; lines: Line[] }[] = [];
  if (section.blocks.length > 0) parts.push({ heading: '', line: section.line, lines: sectionLines(section) });
  for (const sub of section.subsections) parts.push({ heading: sub.heading, line: sub.line, lines: sectionLines(sub) });
  for (const part of parts) {
    if (!part.lines.some((l) => l.text.trim() !== '')) {
      if (part.heading) b.messages.warning(`Line ${part.line}: the sub-section "${part.heading}" is empty.`, part.line);
      continue;
    }
    const looksLikeExample =
      EXAMPLE_HEADING.test(part.heading) || (part.heading === '' && /^["“«]/.test(part.lines.find((l) => l.text.trim())?.text.trim() ?? ''));
    if (looksLikeExample) examples.push(part.lines);
    else structural.push({ title: plain(part.heading), lines: structureLines(part.lines) });
  }
  const source = `"${question}"`;
  let back: string;
  const useful = structural.filter((s) => s.lines.length > 0);
  if (useful.length > 0) {
    // At most MAX_BACK_LINES list lines in all; sub-section labels do not count.
    let budget = MAX_BACK_LINES;
    const chunks: string[] = [];
    for (const s of useful) {
      if (budget <= 0) break;
      const lines = s.lines.slice(0, budget);
      budget -= lines.length;
      chunks.push(useful.length > 1 && s.title ? `**${s.title}**\n\n${lines.join('\n')}` : lines.join('\n'));
    }
    back = chunks.join('\n\n');
  } else if (examples.length > 0) {
    back = exampleBack(examples.flat());
  } else {
    b.messages.warning(`Line ${section.line}: the question "${question}" has no template, framework or example answer; no card was made.`, section.line);
    return;
  }
  addNote(b, 'question', `q-${idSlug(question)}`, question, back, source);
}

function buildSignals(b: Builder, section: Section): boolean {
  const items = [section, ...section.subsections].flatMap((s) => parseGroups(sectionLines(s)).groups.flatMap((g) => g.items));
  if (items.length === 0) return false;
  const back = items.slice(0, 12).map((item) => `- ${plain(item.text)}`).join('\n');
  addNote(b, 'signals', 'signals', `What do interviewers check with ${b.deckName} questions?`, back, plain(section.heading));
  return true;
}

function splitTitle(text: string): { title: string; why?: string } {
  const m = /^(.*?)\s+(?:—|–|-|:)\s+(.+)$/.exec(text);
  return m?.[1] && m[2] ? { title: m[1], why: m[2] } : { title: text };
}

function buildMistakes(b: Builder, section: Section): boolean {
  const source = plain(section.heading);
  let count = 0;
  const bare: string[] = [];
  const addFlag = (title: string, why: string[], line: number): void => {
    const front = `Red flag: ${plain(title)}`;
    addNote(b, 'red-flag', `redflag-${idSlug(unquote(title))}`, front, why.map((w) => `- ${w}`).join('\n'), source);
    count++;
    void line;
  };
  const readLines = (lines: Line[]): void => {
    const { tables, rest } = extractTables(lines);
    for (const table of tables) {
      for (const row of table.rows) {
        const [title = '', ...others] = row.cells;
        const why = others.map((cell, i) => `**${table.header[i + 1] ?? ''}:** ${cell}`.replace(/^\*\*:\*\* /, '')).filter((w) => w.trim());
        if (title && why.length > 0) addFlag(title, why, row.line);
      }
    }
    for (const group of parseGroups(rest).groups) {
      for (const item of group.items) {
        if (item.sub.length > 0) {
          addFlag(item.text, item.sub, item.line);
          continue;
        }
        const { title, why } = splitTitle(item.text);
        if (why) addFlag(title, [why], item.line);
        else bare.push(plain(item.text));
      }
    }
  };
  readLines(sectionLines(section));
  for (const sub of section.subsections) {
    const lines = sectionLines(sub);
    const { groups, paragraphs } = parseGroups(lines);
    if (groups.length === 0 && paragraphs.length > 0) {
      addFlag(sub.heading, paragraphs.slice(0, 3).map((p) => condenseLine(p.text, 160)), sub.line);
    } else {
      readLines(lines);
    }
  }
  if (bare.length > 0) {
    const back = bare.slice(0, 12).map((t) => `- ${t}`).join('\n');
    addNote(b, 'red-flag', `${idSlug(source)}-list`, `${b.deckName}: mistakes to avoid`, back, source);
    count++;
  }
  return count > 0;
}

function buildFollowUps(b: Builder, section: Section): boolean {
  const items = [section, ...section.subsections].flatMap((s) => parseGroups(sectionLines(s)).groups.flatMap((g) => g.items));
  const seen = new Set<string>();
  for (const item of items) {
    const question = unquote(item.text);
    if (seen.has(question)) {
      b.messages.warning(`Line ${item.line}: the follow-up question "${question}" appears twice; one card was made.`, item.line);
      continue;
    }
    seen.add(question);
    addNote(b, 'follow-up', `followup-${idSlug(question)}`, question, FOLLOW_UP_GUIDE, plain(section.heading));
  }
  return items.length > 0;
}

/** Reference sections (links to other chapters): listed as not understood, never turned into cards. */
const REFERENCE_HEADING = /^(см\.? также|see also|related|links|ссылки|resources|ресурсы|further reading|читайте также)\b/i;
const LINK_ONLY = /^\[[^\]]+\]\([^)]*\)/;

const REFRAME_HINT = /fixed|growth|instead|вместо|weak|strong|плохо|хорошо|❌|✅|before|after|don't say|say this|reframe|avoid/i;

/** Pairs, tables and titled lists inside one block of a non-question section; returns the number of cards made. */
function buildFromLines(b: Builder, lines: Line[], title: string, source: string): number {
  let count = 0;
  const { tables, rest: afterTables } = extractTables(lines);
  const { pairs, rest } = extractPairs(afterTables);
  for (const pair of pairs) {
    addNote(b, 'reframe', `reframe-${idSlug(unquote(pair.left))}`, `How would you reframe ${pair.left}?`, pair.right, source);
    count++;
  }
  for (const table of tables) {
    const isReframe = table.header.length === 2 && REFRAME_HINT.test(table.header.join(' '));
    for (const row of table.rows) {
      const [left = '', ...others] = row.cells;
      if (!left || others.every((cell) => !cell)) continue;
      if (isReframe) {
        addNote(b, 'reframe', `reframe-${idSlug(unquote(left))}`, `How would you reframe ${left}?`, others.join(' '), source);
      } else {
        const back = others.map((cell, i) => `- **${table.header[i + 1] ?? ''}:** ${cell}`).join('\n');
        addNote(b, 'principles', `${idSlug(title)}-${idSlug(left)}`, `${title}: ${left}`, back, source);
      }
      count++;
    }
  }
  for (const group of parseGroups(rest).groups) {
    if (group.items.length === 0 || (group.title === undefined && group.items.length < 2)) continue;
    if (group.items.every((item) => LINK_ONLY.test(item.text))) continue;
    const front = group.title ? `${title}: ${lowerFirst(group.title)}` : title;
    const idPart = group.title ? `${idSlug(title)}-${idSlug(group.title)}` : idSlug(title);
    addNote(b, 'principles', idPart, front, listMarkdown(group.items), source);
    count++;
  }
  return count;
}

function buildGeneric(b: Builder, section: Section): boolean {
  const heading = plain(section.heading);
  if (REFERENCE_HEADING.test(heading)) return false;
  let count = 0;
  for (const block of section.blocks) count += buildFromLines(b, block.lines, block.title ?? heading, heading);
  for (const sub of section.subsections) {
    let subCount = 0;
    for (const block of sub.blocks) subCount += buildFromLines(b, block.lines, block.title ?? plain(sub.heading), heading);
    if (subCount === 0) b.unknown.push(`${heading} › ${plain(sub.heading)} (line ${sub.line})`);
    count += subCount;
  }
  return count > 0;
}

/**
 * Turns one interview-prep chapter in Markdown into one deck. The deck is
 * named after the `# NN. Title` heading without its number, with the
 * title's slug as id; card ids are `<deck id>-<kind>-<slug of the text>`,
 * so they survive re-imports and re-ordering.
 *
 * @example
 * const result = parseChapterMarkdown(markdown, { fileName: '03-failure-learning.md' });
 * result.decks[0]?.deck; // { id: 'failure-learning', name: 'Failure & Learning', description: '…' }
 * result.unknownSections; // ['См. также (line 358)']
 */
export function parseChapterMarkdown(input: string, options: ImportOptions): ImportParseResult {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const messages = new MessageList();
  const unknown: string[] = [];
  const done = (decks: ImportParseResult['decks']): ImportParseResult => ({
    format: 'chapter-markdown',
    decks,
    messages: messages.list(),
    unknownSections: unknown,
  });
  if (text.trim() === '') {
    messages.error('The file is empty.');
    return done([]);
  }
  const doc = readDocument(text, messages);
  let title = doc.title;
  if (!title) {
    title = baseName(options.fileName).replace(/^\d+[-_. ]*/, '').replace(/[-_]+/g, ' ').trim() || 'Imported chapter';
    messages.warning(`The file has no "# Title" heading; the deck is named "${title}" after the file.`, 1);
  }
  const deckId = slugify(title) || `chapter-${fnv1a64(title).slice(0, 10)}`;
  const deck: DeckMeta = {
    id: deckId,
    name: title,
    description: doc.number ? `Interview prep, chapter ${doc.number}: ${title}.` : `Interview prep: ${title}.`,
  };
  const b: Builder = { deckId, deckName: title, notes: [], ids: new IdAllocator(), messages, unknown };

  const preamble = doc.preamble.find((l) => l.text.trim() !== '');
  if (preamble) unknown.push(`Text before the first section (line ${preamble.line})`);

  for (const section of doc.sections) {
    const question = questionOf(section.heading);
    const kind = SECTION_KINDS.find((k) => k.pattern.test(section.heading))?.kind;
    let understood: boolean;
    if (kind === 'follow-ups') understood = buildFollowUps(b, section);
    else if (kind === 'mistakes') understood = buildMistakes(b, section);
    else if (kind === 'signals') understood = buildSignals(b, section);
    else if (question !== undefined) {
      buildQuestion(b, section, question);
      understood = true;
    } else understood = buildGeneric(b, section);
    if (!understood) unknown.push(`${plain(section.heading)} (line ${section.line})`);
  }
  if (b.notes.length === 0) messages.error('No cards could be made from this file. Is it a chapter with "## \\"Question\\"" sections?');
  return done([{ deck, notes: b.notes }]);
}
