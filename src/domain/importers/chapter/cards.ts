/**
 * Chapter Markdown, step 3: sections into basic notes. A `## "Question"`
 * section gives a question card; signals, red-flag (mistakes) and
 * follow-up sections have their own cards; any other section gives reframe
 * and list cards for its pairs, tables and titled lists. Card ids are
 * `<deck id>-<kind>-<slug of the text>`, so they survive re-imports.
 */
import type { NoteInput } from '../../deckFormat';
import type { UnknownSection } from '../types';
import { condenseLine, fnv1a64, slugify, type IdAllocator, type MessageList } from '../text';
import { extractPairs, extractTables, itemText, listMarkdown, lowerFirst, parseGroups, plain, sentenceCase, unquote } from './blocks';
import { sectionLines, type Line, type Section } from './read';

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

type CardKind = 'question' | 'signals' | 'red-flag' | 'follow-up' | 'reframe' | 'principles';

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

/** What the card builders share while one chapter is read. */
export interface Builder {
  deckId: string;
  deckName: string;
  notes: NoteInput[];
  ids: IdAllocator;
  messages: MessageList;
  unknown: UnknownSection[];
}

function addNote(b: Builder, kind: CardKind, idPart: string, front: string, back: string, source: string): void {
  const id = b.ids.take(`${b.deckId}-${idPart}`);
  b.notes.push({ id, type: 'basic', front, back, tags: [b.deckId, kind], source });
}

function idSlug(text: string): string {
  return slugify(text, 40) || fnv1a64(text).slice(0, 8);
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
      if (part.heading) b.messages.warning({ code: 'emptySubsection', line: part.line, heading: part.heading });
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
    b.messages.warning({ code: 'questionWithoutAnswer', line: section.line, question });
    return;
  }
  addNote(b, 'question', `q-${idSlug(question)}`, question, back, source);
}

/** Every list item of a section and its subsections, in order. */
function listItemsOf(section: Section) {
  return [section, ...section.subsections].flatMap((s) => parseGroups(sectionLines(s)).groups.flatMap((g) => g.items));
}

function buildSignals(b: Builder, section: Section): boolean {
  const items = listItemsOf(section);
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
  const addFlag = (title: string, why: string[]): void => {
    const front = `Red flag: ${plain(title)}`;
    addNote(b, 'red-flag', `redflag-${idSlug(unquote(title))}`, front, why.map((w) => `- ${w}`).join('\n'), source);
    count++;
  };
  const readLines = (lines: Line[]): void => {
    const { tables, rest } = extractTables(lines);
    for (const table of tables) {
      for (const row of table.rows) {
        const [title = '', ...others] = row.cells;
        const why = others.map((cell, i) => `**${table.header[i + 1] ?? ''}:** ${cell}`.replace(/^\*\*:\*\* /, '')).filter((w) => w.trim());
        if (title && why.length > 0) addFlag(title, why);
      }
    }
    for (const group of parseGroups(rest).groups) {
      for (const item of group.items) {
        if (item.sub.length > 0) {
          addFlag(item.text, item.sub);
          continue;
        }
        const { title, why } = splitTitle(item.text);
        if (why) addFlag(title, [why]);
        else bare.push(plain(item.text));
      }
    }
  };
  readLines(sectionLines(section));
  for (const sub of section.subsections) {
    const lines = sectionLines(sub);
    const { groups, paragraphs } = parseGroups(lines);
    if (groups.length === 0 && paragraphs.length > 0) {
      addFlag(sub.heading, paragraphs.slice(0, 3).map((p) => condenseLine(p.text, 160)));
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
  const items = listItemsOf(section);
  const seen = new Set<string>();
  for (const item of items) {
    const question = unquote(item.text);
    if (seen.has(question)) {
      b.messages.warning({ code: 'duplicateFollowUp', line: item.line, question });
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
    if (subCount === 0) b.unknown.push({ headings: [heading, plain(sub.heading)], line: sub.line });
    count += subCount;
  }
  return count > 0;
}

/**
 * Makes the cards of one `##` section, by what its heading says it is;
 * a section that gave no card is listed in `b.unknown`.
 */
export function buildSection(b: Builder, section: Section): void {
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
  if (!understood) b.unknown.push({ headings: [plain(section.heading)], line: section.line });
}
