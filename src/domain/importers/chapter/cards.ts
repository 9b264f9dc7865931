/**
 * Chapter Markdown, step 3: sections into basic notes, one idea each. A
 * `## "Question"` section gives a question card (its template, framework
 * or key points, complete) and story cards for its example answer; a
 * signals section one card; a red-flag / common-mistakes section one card
 * per mistake, however its items are laid out; a follow-up section one
 * card per question, its back drawn from the chapter; any other section
 * reframe cards for its pairs, a card per table row and list cards. A
 * back longer than ~60 words is split where the source has a boundary,
 * never cut. The words the importer adds come from `labels.ts` in the
 * app's language. Card ids are `<deck id>-<kind>-<slug of the text>`, so
 * they survive re-imports.
 */
import type { NoteInput } from '../../deckFormat';
import type { UnknownSection } from '../types';
import { fnv1a64, slugify, type IdAllocator, type MessageList } from '../text';
import {
  extractColumnTables,
  extractPairs,
  extractTables,
  isBlank,
  listMarkdown,
  lowerFirst,
  parseGroups,
  plain,
  sentenceCase,
  unquote,
  wordCount,
  type ListItem,
} from './blocks';
import { flowUnits, MAX_BACK_WORDS, packUnits, partLabel, renderUnits, starLabel, storySegments, type StorySegment, type Unit } from './flow';
import type { CardLabels } from './labels';
import { sectionLines, type Line, type Section } from './read';

type CardKind = 'question' | 'story' | 'signals' | 'red-flag' | 'follow-up' | 'reframe' | 'principles';

const EXAMPLE_HEADING = /пример|example|sample answer|образец/i;

const SECTION_KINDS: { kind: 'follow-ups' | 'mistakes' | 'signals'; pattern: RegExp }[] = [
  { kind: 'follow-ups', pattern: /follow[- ]?up|дополнительные вопросы|уточняющие вопросы|встречные вопросы/i },
  {
    kind: 'mistakes',
    pattern: /red flags?|mistakes|anti-?patterns?|pitfalls|traps|ошибк|красные флаги|антипаттерн|анти-паттерн|подводные камни|ловушки/i,
  },
  { kind: 'signals', pattern: /что проверяют|что оценивают|signals|what (they|interviewers?) (check|look for|assess|evaluate)|what they're looking for|сигналы/i },
];

/** Sub-section titles that are the chapter's own labels, worded by the app instead. */
const STRUCTURE_TITLES: { pattern: RegExp; label: (l: CardLabels) => string }[] = [
  { pattern: /^(star[- ]?)?(шаблон|template)/i, label: (l) => l.template },
  { pattern: /^(структура( ответа)?|answer structure)$/i, label: (l) => l.answerStructure },
  { pattern: /^(фреймворк|схема( ответа)?)$/i, label: (l) => l.framework },
  { pattern: /^(ключевые (моменты|пункты)|главное)$/i, label: (l) => l.keyPoints },
];

function questionOf(heading: string): string | undefined {
  const h = plain(heading).replace(/^(?:\d+[.)]\s*|q:\s*|вопрос( \d+)?:\s*|question( \d+)?:\s*)/i, '');
  if (/^["“«]/.test(h)) return unquote(h);
  if (h.endsWith('?')) return h;
  return undefined;
}

/** What the card builders share while one chapter is read. */
export interface Builder {
  deckId: string;
  deckName: string;
  notes: NoteInput[];
  /** The line each note comes from, same order as `notes`. */
  lines: number[];
  ids: IdAllocator;
  messages: MessageList;
  unknown: UnknownSection[];
  labels: CardLabels;
  /** The chapter's signals (what interviewers check), for the follow-up cards. */
  signals: string[];
}

function addNote(b: Builder, kind: CardKind, idPart: string, front: string, back: string, source: string, line: number): void {
  if (isBlank(front) || isBlank(back)) return;
  const id = b.ids.take(`${b.deckId}-${idPart}`);
  b.notes.push({ id, type: 'basic', front, back, tags: [b.deckId, kind], source });
  b.lines.push(line);
}

/** One card, or several (`front (part 2 of 3)`) when the units need more than one back. */
function addPacked(b: Builder, kind: CardKind, idPart: string, front: string, units: Unit[], source: string, line: number): void {
  addBacks(b, kind, idPart, front, packUnits(units), source, line);
}

function addBacks(b: Builder, kind: CardKind, idPart: string, front: string, backs: Unit[][], source: string, line: number): void {
  backs.forEach((back, i) => {
    const partFront = backs.length > 1 && i > 0 ? `${front} (${b.labels.part(i + 1, backs.length)})` : front;
    addNote(b, kind, i === 0 ? idPart : `${idPart}-p${i + 1}`, partFront, renderUnits(back), source, back[0]?.line ?? line);
  });
}

function idSlug(text: string): string {
  return slugify(text.length > 400 ? text.slice(0, 400) : text, 40) || fnv1a64(text).slice(0, 8);
}

function structureTitle(title: string, labels: CardLabels): string {
  if (!/[а-яё]/i.test(title)) return title;
  return STRUCTURE_TITLES.find((t) => t.pattern.test(title))?.label(labels) ?? title;
}

/** Units of a structural sub-section, STAR titles in the app's words, short titled lists on one line. */
function structureUnits(lines: Line[], labels: CardLabels): Unit[] {
  const { pairs, rest } = extractPairs(lines);
  const units = flowUnits(rest).map((u) => (u.kind === 'title' ? { ...u, text: starLabel(u.text, labels) ?? u.text } : u));
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (!unit) continue;
    if (unit.kind === 'title') {
      const items: Unit[] = [];
      for (let j = i + 1; j < units.length && units[j]?.kind === 'item' && units[j]?.depth === 0; j++) items.push(units[j] as Unit);
      if (items.length > 0 && items.every((it) => wordCount(it.text) <= 10)) {
        const text = `**${sentenceCase(unit.text)}:** ${items.map((it) => sentenceCase(plain(it.text))).join('; ')}`;
        out.push({ ...unit, kind: 'item', marker: '-', depth: 0, text });
        i += items.length;
        continue;
      }
    }
    out.push(unit);
  }
  for (const pair of pairs) out.push({ kind: 'item', marker: '-', depth: 0, text: `${pair.left} → ${pair.right}`, line: pair.line, gapBefore: false });
  return out;
}

/** The cards of an example answer: its opening and result, its parts, lessons and takeaway. */
function buildStory(b: Builder, question: string, idBase: string, lines: Line[], line: number, isMain: boolean, source: string): boolean {
  const segments = storySegments(lines);
  if (segments.length === 0) return false;
  const { labels } = b;
  const take = (part: StorySegment['part']): StorySegment | undefined => {
    const i = segments.findIndex((s) => s.part === part);
    return i === -1 ? undefined : segments.splice(i, 1)[0];
  };
  const titled = (label: string, units: Unit[]): Unit[] =>
    units.length === 0 ? [] : [{ kind: 'title', text: label, marker: '', depth: 0, line: units[0]?.line ?? line, gapBefore: false }, ...units];
  const hook = take('hook');
  const result = take('result');
  const summaryFront = isMain ? question : `${labels.example}: ${question}`;
  const summaryId = isMain ? idBase : `${idBase}-example`;
  let summary: Unit[] = hook?.units ?? [];
  const resultUnits = titled(labels.result, result?.units ?? []);
  let resultDone = false;
  if (wordCount(renderUnits([...summary, ...resultUnits])) <= MAX_BACK_WORDS || summary.length === 0) {
    summary = [...summary, ...resultUnits];
    resultDone = true;
  }
  if (summary.length === 0) {
    const first = segments.shift();
    if (!first) return false;
    summary = titled(first.title ?? partLabel(first.part, labels), first.units);
  }
  addPacked(b, isMain ? 'question' : 'story', summaryId, summaryFront, summary, source, hook?.line ?? line);
  const rest: StorySegment[] = [];
  const situation = take('situation');
  const task = take('task');
  if (situation || task) {
    const units = [...titled(labels.situation, situation?.units ?? []), ...titled(labels.task, task?.units ?? [])];
    rest.push({ part: 'situation', units, line: situation?.line ?? task?.line ?? line });
  }
  for (const s of segments) if (s.part !== 'takeaway') rest.push(s);
  if (!resultDone && result) rest.push(result);
  for (const s of segments) if (s.part === 'takeaway') rest.push(s);
  for (const segment of rest) {
    const label = segment.title !== undefined ? segment.title : segment.part === 'situation' && !situation ? labels.task : partLabel(segment.part, labels);
    const partName = segment.part === 'situation' && situation && task ? `${labels.situation}, ${lowerFirst(labels.task)}` : label;
    const front = `${question} — ${labels.example}: ${lowerFirstLabel(partName, labels)}`;
    addPacked(b, 'story', `${idBase}-${idSlug(segment.title ?? segment.part)}`, front, segment.units, source, segment.line);
  }
  return true;
}

function lowerFirstLabel(label: string, labels: CardLabels): string {
  return label === labels.example ? label : lowerFirst(label);
}

function buildQuestion(b: Builder, section: Section, question: string): void {
  const structural: { title: string; units: Unit[] }[] = [];
  const examples: { lines: Line[]; line: number }[] = [];
  const parts: { heading: string; line: number; lines: Line[] }[] = [];
  if (section.blocks.length > 0) parts.push({ heading: '', line: section.line, lines: sectionLines(section) });
  for (const sub of section.subsections) {
    // A question's own "### Red Flags" or "### Follow-up вопросы" gets the cards of its kind.
    const kind = subKindOf(sub);
    const own: Section = { ...sub, subsections: [] };
    if (kind === 'follow-ups' && buildFollowUps(b, own)) continue;
    if (kind === 'mistakes' && buildMistakes(b, own)) continue;
    parts.push({ heading: sub.heading, line: sub.line, lines: sectionLines(sub) });
  }
  for (const part of parts) {
    if (!part.lines.some((l) => !isBlank(l.text))) {
      if (part.heading) b.messages.warning({ code: 'emptySubsection', line: part.line, heading: part.heading });
      continue;
    }
    const firstText = part.lines.find((l) => !isBlank(l.text))?.text.trim() ?? '';
    const looksLikeExample = EXAMPLE_HEADING.test(part.heading) || (part.heading === '' && /^["“«]/.test(firstText));
    if (looksLikeExample) examples.push({ lines: part.lines, line: part.line });
    else structural.push({ title: structureTitle(plain(part.heading), b.labels), units: structureUnits(part.lines, b.labels) });
  }
  const source = `"${question}"`;
  const idBase = `q-${idSlug(question)}`;
  const useful = structural.filter((s) => s.units.length > 0);
  if (useful.length > 0) {
    const labelled = useful.map((s) => {
      // A sub-section's label is bold text of its own, not a `Title:` line.
      const label: Unit[] =
        useful.length > 1 && s.title ? [{ kind: 'para', text: `**${s.title}**`, marker: '', depth: 0, line: s.units[0]?.line ?? section.line, gapBefore: true }] : [];
      return [...label, ...s.units];
    });
    const all = labelled.flat();
    // Over the limit, each sub-section starts a card of its own.
    const backs = wordCount(renderUnits(all)) <= MAX_BACK_WORDS ? [all] : labelled.flatMap((units) => packUnits(units));
    addBacks(b, 'question', idBase, question, backs, source, section.line);
  }
  examples.forEach((example, i) => {
    buildStory(b, question, i === 0 ? idBase : `${idBase}-${i + 1}`, example.lines, example.line, useful.length === 0 && i === 0, source);
  });
  if (useful.length === 0 && examples.length === 0) b.messages.warning({ code: 'questionWithoutAnswer', line: section.line, question });
}

/** Every list item of a section and its subsections, in order. */
function listItemsOf(section: Section): ListItem[] {
  return [section, ...section.subsections].flatMap((s) => parseGroups(sectionLines(s)).groups.flatMap((g) => g.items));
}

function buildSignals(b: Builder, section: Section): boolean {
  const items = listItemsOf(section);
  if (items.length === 0) return false;
  const units: Unit[] = items.map((item) => ({ kind: 'item', marker: '-', depth: 0, text: plain(item.text), line: item.line, gapBefore: false }));
  addPacked(b, 'signals', 'signals', b.labels.signalsFront(b.deckName), units, b.labels.signalsSource, section.line);
  return true;
}

/**
 * Which characters of `text` are inside markup that a separator must not
 * split: an HTML tag (`<span style="a: b">`), inline code and a Markdown
 * link's target. One pass, linear.
 */
function markupMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  // Once a closing character is missing from here on, it is missing for every later opening too (keeps it linear).
  const missing = new Set<string>();
  const closing = (close: string, from: number): number => {
    if (missing.has(close)) return -1;
    const end = text.indexOf(close, from);
    if (end === -1) missing.add(close);
    return end;
  };
  let at = 0;
  while (at < text.length) {
    const ch = text[at];
    const next = text[at + 1] ?? '';
    let end = -1;
    if (ch === '<' && /[A-Za-z/!]/.test(next)) {
      end = closing('>', at + 1);
      // A style or script element's content is markup too, up to its closing tag.
      const name = /^<(style|script)\b/i.exec(text.slice(at, at + 8))?.[1]?.toLowerCase();
      if (name && end !== -1) {
        const close = closing(`</${name}>`, end + 1);
        if (close !== -1) end = close + name.length + 2;
      }
    }
    else if (ch === '`') end = closing('`', at + 1);
    else if (ch === ']' && next === '(') end = closing(')', at + 2);
    if (end === -1) {
      at += 1;
      continue;
    }
    mask.fill(1, at, end + 1);
    at = end + 1;
  }
  return mask;
}

/** The first `sep` in `text` that is not inside markup (see `markupMask`), or -1. */
function indexOutsideMarkup(text: string, sep: string, mask: Uint8Array): number {
  for (let at = text.indexOf(sep); at !== -1; at = text.indexOf(sep, at + 1)) {
    if (!mask[at]) return at;
  }
  return -1;
}

/** `Title — why` / `Title: why` (a scan, not a backtracking pattern), never split inside an HTML tag, code or a link. */
export function splitTitle(text: string): { title: string; why?: string } {
  const mask = markupMask(text);
  for (const sep of [' — ', ' – ', ' - ', ': ']) {
    const at = indexOutsideMarkup(text, sep, mask);
    if (at > 0) {
      const title = text.slice(0, at).trim();
      const why = text.slice(at + sep.length).trim();
      if (title && why) return { title, why };
    }
  }
  return { title: text };
}

type FlagLine = { kind: 'quote' | 'fix' | 'why' | 'plain'; text: string };

const FIX_LABEL = /^(?:→|->|⟶|✅|fix\s*:|instead\s*:|do instead\s*:|do this\s*:|better\s*:|вместо этого\s*:|лучше\s*:|как надо\s*:|исправление\s*:)\s*/iu;
const WHY_LABEL = /^(?:why\s*:|why it hurts\s*:|почему\s*:|чем плохо\s*:)\s*/iu;

function flagLine(raw: string, fromSub: boolean): FlagLine {
  const text = plain(raw);
  const fix = FIX_LABEL.exec(text);
  if (fix) return { kind: 'fix', text: text.slice(fix[0].length).trim() };
  const why = WHY_LABEL.exec(text);
  if (why) return { kind: 'why', text: text.slice(why[0].length).trim() };
  if (text.startsWith('>')) return { kind: 'quote', text: text.replace(/^>\s*/, '') };
  if (!fromSub && /^["“«]/u.test(text)) return { kind: 'quote', text };
  return { kind: fromSub ? 'plain' : 'why', text };
}

/** The back of one red flag from its own lines: why it hurts, what it sounds like, what to do instead. */
function flagBack(labels: CardLabels, why: string[], lines: FlagLine[]): string {
  const out: string[] = [];
  const labelled = (label: string, texts: string[]): void => {
    if (texts.length > 0) out.push(`**${label}:** ${texts.join(' ')}`);
  };
  labelled(labels.whyItHurts, [...why, ...lines.filter((l) => l.kind === 'why').map((l) => l.text)]);
  labelled(labels.soundsLike, lines.filter((l) => l.kind === 'quote').map((l) => l.text));
  const plainLines = lines.filter((l) => l.kind === 'plain').map((l) => `- ${l.text}`);
  labelled(labels.instead, lines.filter((l) => l.kind === 'fix').map((l) => l.text));
  if (plainLines.length > 0 && out.length === 0) return plainLines.join('\n');
  return [...out, ...plainLines].join('\n\n');
}

function tableRowCards(b: Builder, kind: CardKind, header: string[], rows: { cells: string[]; line: number }[], title: string, source: string): number {
  let count = 0;
  for (const row of rows) {
    const [left = '', ...others] = row.cells;
    if (isBlank(left) || others.every((cell) => isBlank(cell))) continue;
    const leftLabel = sentenceCase(plain(header[0] ?? ''));
    const front = leftLabel ? `${leftLabel}: ${left}` : `${title}: ${left}`;
    const back = others
      .map((cell, i) => {
        const label = sentenceCase(plain(header[i + 1] ?? ''));
        return label ? `**${label}:** ${cell}` : cell;
      })
      .filter((cell) => !isBlank(cell))
      .join('\n\n');
    addNote(b, kind, `${kind === 'red-flag' ? 'redflag' : idSlug(title)}-${idSlug(unquote(left))}`, front, back, source, row.line);
    count++;
  }
  return count;
}

function buildMistakes(b: Builder, section: Section): boolean {
  const source = b.labels.redFlagsSource;
  let count = 0;
  const addFlag = (title: string, back: string, line: number): void => {
    const front = `${b.labels.redFlag}: ${plain(title)}`;
    addNote(b, 'red-flag', `redflag-${idSlug(unquote(title))}`, front, back, source, line);
    count++;
  };
  const readLines = (lines: Line[], title: string): void => {
    const { tables, rest: afterTables } = extractTables(lines);
    for (const table of tables) count += tableRowCards(b, 'red-flag', table.header, table.rows, title, source);
    const { tables: columns, rest } = extractColumnTables(afterTables);
    for (const table of columns) {
      if (table.isPairs) continue;
      count += tableRowCards(b, 'red-flag', table.header, table.rows.map((r) => ({ cells: [r.left, r.right], line: r.line })), title, source);
    }
    for (const group of parseGroups(rest).groups) {
      for (const item of group.items) {
        const head = item.head ?? item.text;
        const { title: flagTitle, why } = splitTitle(head);
        const own = [...item.extra.map((e) => flagLine(e, false)), ...item.sub.map((s) => flagLine(s, true))];
        const whyLines = why ? [why] : [];
        if (own.length === 0 && whyLines.length === 0) {
          addFlag(head, `*${plain(head)}* — ${lowerFirst(b.labels.bareFlagPrompt)}`, item.line);
          continue;
        }
        addFlag(flagTitle, flagBack(b.labels, whyLines, own), item.line);
      }
    }
  };
  readLines(sectionLines(section), plain(section.heading));
  for (const sub of section.subsections) {
    const lines = sectionLines(sub);
    const { groups, paragraphs } = parseGroups(lines);
    if (groups.length === 0 && paragraphs.length > 0) {
      addFlag(sub.heading, paragraphs.map((p) => p.text).join('\n\n'), sub.line);
    } else {
      readLines(lines, plain(sub.heading));
    }
  }
  return count > 0;
}

const STOP_WORDS = new Set(['first', 'good', 'enough', 'make', 'made', 'into', 'more', 'most', 'than', 'then', 'just', 'also', 'what', 'when', 'with', 'your', 'have', 'that', 'this', 'from', 'would', 'about', 'were', 'they', 'them', 'does', 'there', 'which', 'знаете', 'когда', 'какие', 'каким', 'вашей', 'ваших']);

function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-zа-яё0-9]+/u)) {
    if (word.length < 4 || STOP_WORDS.has(word)) continue;
    out.add(word.slice(0, 5));
  }
  return out;
}

/** `"Question?" — what it probes` / `«Вопрос?» (checks X)`: the question and the rest. */
function splitFollowUp(text: string): { question: string; probe?: string } {
  const t = plain(text);
  const open = t.charAt(0);
  const close = open === '"' ? '"' : open === '“' ? '”' : open === '«' ? '»' : undefined;
  if (close !== undefined) {
    const end = t.indexOf(close, 1);
    if (end > 0) {
      const question = t.slice(1, end).trim();
      const probe = t.slice(end + 1).trim().replace(/^[—–:\-(]+\s*/u, '').replace(/\)$/, '').trim();
      return probe ? { question, probe } : { question };
    }
  }
  const { title, why } = splitTitle(t);
  if (why && title.endsWith('?')) return { question: title, probe: why };
  return { question: unquote(t) };
}

/** At most this many signals are named on one follow-up card (a short back; and linear time on a file of repeated sections). */
const MAX_SIGNALS_PER_FOLLOW_UP = 3;

/**
 * A function from a follow-up's word stems to the chapter's signals that
 * share a stem, first ones first, at most `MAX_SIGNALS_PER_FOLLOW_UP`, each
 * signal text once. Indexed by stem, so each follow-up costs time in its own
 * words, not in the number of signals (rows x signals was quadratic).
 */
function signalFinder(signals: readonly string[]): (words: Set<string>) => string[] {
  const cached = signalFinders.get(signals);
  if (cached) return cached;
  const distinct = [...new Set(signals)];
  const byStem = new Map<string, number[]>();
  distinct.forEach((signal, index) => {
    for (const stem of stems(signal)) {
      const list = byStem.get(stem) ?? [];
      // Only the first few per stem can ever be named.
      if (list.length < MAX_SIGNALS_PER_FOLLOW_UP) list.push(index);
      byStem.set(stem, list);
    }
  });
  const finder = (words: Set<string>): string[] => {
    const found = new Set<number>();
    for (const word of words) for (const index of byStem.get(word) ?? []) found.add(index);
    return [...found]
      .sort((x, y) => x - y)
      .slice(0, MAX_SIGNALS_PER_FOLLOW_UP)
      .map((index) => distinct[index] ?? '');
  };
  signalFinders.set(signals, finder);
  return finder;
}

/** One finder per chapter's list of signals, built once however many follow-up sections there are. */
const signalFinders = new WeakMap<readonly string[], (words: Set<string>) => string[]>();

function buildFollowUps(b: Builder, section: Section): boolean {
  const { labels } = b;
  const entries: { question: string; probes: string[]; line: number }[] = [];
  for (const s of [section, ...section.subsections]) {
    const { tables, rest } = extractTables(sectionLines(s));
    for (const table of tables) for (const row of table.rows) entries.push({ question: unquote(row.cells[0] ?? ''), probes: row.cells.slice(1).filter((c) => !isBlank(c)), line: row.line });
    for (const group of parseGroups(rest).groups) {
      for (const item of group.items) {
        const { question, probe } = splitFollowUp(item.head ?? item.text);
        const probes = [probe, ...item.extra, ...item.sub].filter((p): p is string => p !== undefined && !isBlank(p)).map((p) => plain(p).replace(/^(?:→|->)\s*/u, ''));
        entries.push({ question, probes, line: item.line });
      }
    }
  }
  const seen = new Set<string>();
  const signalsOfStems = signalFinder(b.signals);
  for (const entry of entries) {
    const { question } = entry;
    if (isBlank(question)) continue;
    if (seen.has(question)) {
      b.messages.warning({ code: 'duplicateFollowUp', line: entry.line, question });
      continue;
    }
    seen.add(question);
    const words = stems(`${question} ${entry.probes.join(' ')}`);
    const tested = signalsOfStems(words);
    const lines: string[] = [];
    if (entry.probes.length > 0) lines.push(`**${labels.probes}:** ${entry.probes.join(' ')}`);
    if (tested.length > 0) lines.push(`**${labels.signalsItTests}:** ${tested.join('; ')}`);
    if (entry.probes.length === 0) lines.push(`${labels.followUpPrompt} “${question}”`);
    addNote(b, 'follow-up', `followup-${idSlug(question)}`, `${labels.followUp}: ${question}`, lines.join('\n\n'), labels.followUpsSource, entry.line);
  }
  return entries.length > 0;
}

/** Reference sections (links to other chapters): listed as not understood, never turned into cards. */
const REFERENCE_HEADING = /^(см\.? также|see also|related|links|ссылки|resources|ресурсы|further reading|читайте также)(?:\s|$)/i;
const LINK_ONLY = /^\[[^\]]+\]\([^)]*\)/;

const REFRAME_HINT = /fixed|growth|instead|вместо|weak|strong|плохо|хорошо|❌|✅|before|after|don't say|say this|reframe|avoid/i;

function reframeFront(b: Builder, target: string | undefined, left: string): string {
  return target ? `${b.labels.reframeAs(target.toLowerCase())}: ${left}` : `${b.labels.reframe}: ${left}`;
}

/** Pairs, tables and titled lists inside one block of a non-question section; returns the number of cards made. */
function buildFromLines(b: Builder, lines: Line[], title: string, source: string): number {
  let count = 0;
  if (lines.filter((l) => starLabel(l.text.trim().replace(/:.*$/u, ''), b.labels) !== undefined).length >= 2) {
    // A heading in the chapter's other language ("STAR-разбор") is a label, not a name for the story.
    const name = /[а-яё]/i.test(title) && !/[а-яё]/i.test(b.deckName) ? b.deckName : title;
    return buildStory(b, name, `story-${idSlug(title)}`, lines, lines[0]?.line ?? 0, false, name === title ? source : name) ? 1 : 0;
  }
  const { tables, rest: afterTables } = extractTables(lines);
  const { tables: columns, rest: afterColumns } = extractColumnTables(afterTables);
  let target = columns.find((c) => c.isPairs)?.header[1];
  const arrowTitle = afterColumns.find((l) => /→|->/.test(l.text) && l.text.trim().endsWith(':'));
  if (!target && arrowTitle) target = plain(arrowTitle.text.trim().slice(0, -1)).split(/→|->/).pop()?.trim();
  const { pairs, rest } = extractPairs(afterColumns);
  for (const pair of pairs) {
    addNote(b, 'reframe', `reframe-${idSlug(unquote(pair.left))}`, reframeFront(b, target, pair.left), pair.right, source, pair.line);
    count++;
  }
  for (const table of columns) {
    if (table.isPairs) continue;
    count += tableRowCards(b, 'principles', table.header, table.rows.map((r) => ({ cells: [r.left, r.right], line: r.line })), title, source);
  }
  for (const table of tables) {
    const isReframe = table.header.length === 2 && REFRAME_HINT.test(table.header.join(' '));
    if (!isReframe) {
      count += tableRowCards(b, 'principles', table.header, table.rows, title, source);
      continue;
    }
    for (const row of table.rows) {
      const [left = '', right = ''] = row.cells;
      if (isBlank(left) || isBlank(right)) continue;
      addNote(b, 'reframe', `reframe-${idSlug(unquote(left))}`, reframeFront(b, table.header[1], left), right, source, row.line);
      count++;
    }
  }
  for (const group of parseGroups(rest).groups) {
    if (group.items.length === 0 || (group.title === undefined && group.items.length < 2)) continue;
    if (group.items.every((item) => LINK_ONLY.test(item.text))) continue;
    const groupTitle = group.title === undefined ? undefined : (starLabel(group.title, b.labels) ?? group.title);
    const front = groupTitle ? `${title}: ${lowerFirst(groupTitle)}` : title;
    const idPart = groupTitle ? `${idSlug(title)}-${idSlug(group.title ?? groupTitle)}` : idSlug(title);
    const markdown = listMarkdown(group.items);
    if (wordCount(markdown) <= MAX_BACK_WORDS) addNote(b, 'principles', idPart, front, markdown, source, group.line);
    else addPacked(b, 'principles', idPart, front, flowUnits(markdown.split('\n').map((text, i) => ({ text, line: group.line + i }))), source, group.line);
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

function kindOf(section: Section): 'follow-ups' | 'mistakes' | 'signals' | undefined {
  const heading = section.heading.length > 300 ? section.heading.slice(0, 300) : section.heading;
  return SECTION_KINDS.find((k) => k.pattern.test(heading))?.kind;
}

/** Inside a question only a heading that is nothing but the label counts ("### Types of Mistakes" is content). */
const SUB_MISTAKES = /^(?:red flags?|(?:common |typical )?mistakes(?: to avoid)?|anti-?patterns?|pitfalls|типичные ошибки|частые ошибки|ошибки|красные флаги|антипаттерны|подводные камни)$/i;

function subKindOf(section: Section): 'follow-ups' | 'mistakes' | undefined {
  const heading = plain(section.heading.length > 300 ? section.heading.slice(0, 300) : section.heading);
  if (SUB_MISTAKES.test(heading)) return 'mistakes';
  return kindOf(section) === 'follow-ups' ? 'follow-ups' : undefined;
}

/** The chapter's signals (the items of its signals sections), read before any card is made. */
export function signalsOf(sections: Section[]): string[] {
  return sections.filter((s) => kindOf(s) === 'signals').flatMap((s) => listItemsOf(s).map((item) => plain(item.text)));
}

/**
 * Makes the cards of one `##` section, by what its heading says it is;
 * a section that gave no card is listed in `b.unknown`.
 */
export function buildSection(b: Builder, section: Section): void {
  const question = questionOf(section.heading);
  const kind = kindOf(section);
  let understood: boolean;
  if (kind === 'follow-ups') understood = buildFollowUps(b, section);
  else if (kind === 'mistakes' && question === undefined) understood = buildMistakes(b, section);
  else if (kind === 'signals' && question === undefined) understood = buildSignals(b, section);
  else if (question !== undefined && !isBlank(question)) {
    buildQuestion(b, section, question);
    understood = true;
  } else understood = buildGeneric(b, section);
  if (!understood) b.unknown.push({ headings: [plain(section.heading)], line: section.line });
}
