/**
 * Chapter Markdown: a block's lines as a flow of units (list items with
 * their depth, `Title:` lines, paragraphs), example stories cut into their
 * STAR parts, and packing units into card backs of at most ~60 words,
 * split where the source has a boundary (a list item, a part, a sentence),
 * never cut with "…". Every step is one pass over its input.
 */
import { isBlank, matchItem, plain, sentenceCase, wordCount } from './blocks';
import type { CardLabels } from './labels';
import type { Line } from './read';

/** Most words on a card's back where the source can be split. */
export const MAX_BACK_WORDS = 60;

export interface Unit {
  kind: 'item' | 'title' | 'para';
  text: string;
  /** `-`, `1.`, `❌` ... for an item. */
  marker: string;
  depth: number;
  line: number;
  /** A blank line came before it. */
  gapBefore: boolean;
  /** Rendered on the same line as the unit before it (the rest of a split paragraph). */
  joined?: boolean;
}

const UPPER_TITLE = /^[A-ZА-ЯЁ0-9][A-ZА-ЯЁ0-9 ,&/'’()-]{2,60}$/u;

/** The units of some lines, one pass. */
export function flowUnits(lines: Line[]): Unit[] {
  const units: Unit[] = [];
  const itemIndents: number[] = [];
  let gap = false;
  let lastItemIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    if (l.rule || isBlank(l.text)) {
      gap = true;
      continue;
    }
    const trimmed = l.text.trim();
    let indent = 0;
    while (indent < l.text.length && l.text.charCodeAt(indent) === 32) indent++;
    const last = units.at(-1);
    const item = matchItem(trimmed);
    const titleText = plain(trimmed);
    const isEmojiTitle = item !== null && item.bullet === undefined && item.number === undefined && titleText.endsWith(':');
    if (item && !isEmojiTitle) {
      while (itemIndents.length > 0 && (itemIndents.at(-1) ?? 0) >= indent) itemIndents.pop();
      const depth = Math.min(itemIndents.length, 3);
      itemIndents.push(indent);
      lastItemIndent = indent;
      const marker = item.number !== undefined ? `${item.number}.` : item.cross ? '❌' : item.tick ? '✅' : '-';
      units.push({ kind: 'item', text: item.body, marker, depth, line: l.line, gapBefore: gap });
      gap = false;
      continue;
    }
    const startsPart = starPartOf(trimmed) !== undefined;
    const continuesItem = !startsPart && last?.kind === 'item' && !gap && indent > lastItemIndent;
    const continuesPara = !startsPart && last?.kind === 'para' && !gap;
    const next = nextVisible(lines, i);
    const isTitle =
      !continuesItem &&
      !continuesPara &&
      ((titleText.endsWith(':') && titleText.length <= 80) ||
        (UPPER_TITLE.test(titleText) && /[A-ZА-ЯЁ]{3}/u.test(titleText) && next !== undefined && matchItem(next.trim()) !== null));
    if (isTitle) {
      const text = (isEmojiTitle ? (item?.body ?? titleText) : titleText).replace(/:$/, '').trim();
      units.push({ kind: 'title', text, marker: '', depth: 0, line: l.line, gapBefore: gap });
      itemIndents.length = 0;
      lastItemIndent = -1;
      gap = false;
      continue;
    }
    if (last && (continuesItem || continuesPara)) {
      last.text = `${last.text} ${trimmed}`;
      continue;
    }
    units.push({ kind: 'para', text: trimmed, marker: '', depth: 0, line: l.line, gapBefore: gap });
    itemIndents.length = 0;
    lastItemIndent = -1;
    gap = false;
  }
  return units;
}

function nextVisible(lines: Line[], i: number): string | undefined {
  for (let j = i + 1; j < lines.length; j++) {
    const text = lines[j]?.text ?? '';
    if (!isBlank(text)) return text;
  }
  return undefined;
}

/** The units as Markdown: items on their own lines (indented by depth), paragraphs and titles apart. */
export function renderUnits(units: Unit[]): string {
  let out = '';
  let previous: Unit | undefined;
  for (const unit of units) {
    const text =
      unit.kind === 'item'
        ? `${'   '.repeat(unit.depth)}${unit.marker} ${sentenceCase(unit.text)}`
        : unit.kind === 'title'
          ? `**${sentenceCase(unit.text)}:**`
          : unit.text;
    if (previous) {
      if (unit.joined || (unit.kind === 'para' && previous.kind === 'title')) out += ' ';
      else out += unit.kind === 'item' && (previous.kind === 'item' || previous.kind === 'title') ? '\n' : '\n\n';
    }
    out += text;
    previous = unit;
  }
  return out;
}

function unitWords(units: Unit[]): number {
  let count = 0;
  // An item's marker (`1.`) counts as a word too.
  for (const unit of units) count += wordCount(unit.text) + (unit.kind === 'item' ? 1 : 0);
  return count;
}

/** A paragraph's sentences (split after `.`, `!`, `?` before a blank), as joined units. */
function sentences(unit: Unit): Unit[] {
  const parts: Unit[] = [];
  let start = 0;
  const text = unit.text;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ((ch === '.' || ch === '!' || ch === '?') && text[i + 1] === ' ') {
      parts.push({ ...unit, text: text.slice(start, i + 1).trim(), joined: parts.length > 0 });
      start = i + 2;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) parts.push({ ...unit, text: rest, joined: parts.length > 0 });
  return parts.length > 0 ? parts : [unit];
}

/** Chunks: a depth-0 unit with the deeper items after it, a title with the items after it. */
function chunksOf(units: Unit[]): Unit[][] {
  const chunks: Unit[][] = [];
  let chunk: Unit[] | undefined;
  for (const unit of units) {
    const belongs =
      chunk !== undefined && ((unit.kind === 'item' && unit.depth > 0) || (unit.kind === 'item' && chunk[0]?.kind === 'title'));
    if (belongs && chunk) chunk.push(unit);
    else {
      chunk = [unit];
      chunks.push(chunk);
    }
  }
  return chunks;
}

/**
 * The units packed into backs of at most `max` words, split only between
 * chunks, then between the items of a chunk (its head repeated), then
 * between sentences. One back when everything fits.
 */
export function packUnits(units: Unit[], max = MAX_BACK_WORDS): Unit[][] {
  const pieces: Unit[][] = [];
  for (const chunk of chunksOf(units)) {
    if (unitWords(chunk) <= max) {
      pieces.push(chunk);
      continue;
    }
    const [head, ...rest] = chunk;
    if (!head) continue;
    if (rest.length === 0) {
      for (const s of sentences(head)) pieces.push([s]);
      continue;
    }
    let piece: Unit[] = [head];
    for (const unit of rest) {
      if (piece.length > 1 && unitWords(piece) + unitWords([unit]) > max) {
        pieces.push(piece);
        piece = [head];
      }
      piece.push(unit);
    }
    pieces.push(piece);
  }
  const backs: Unit[][] = [];
  let back: Unit[] = [];
  for (const piece of pieces) {
    if (back.length > 0 && unitWords(back) + unitWords(piece) > max) {
      backs.push(back);
      back = [];
    }
    back = back.concat(piece);
  }
  if (back.length > 0) backs.push(back);
  return backs;
}

export type StoryPart = 'hook' | 'situation' | 'task' | 'action' | 'result' | 'lessons' | 'takeaway' | 'other';

export interface StorySegment {
  part: StoryPart;
  /** The segment's own title, as written, for `other`. */
  title?: string;
  units: Unit[];
  line: number;
}

const STAR_LABEL = /^(situation|task|action|result|ситуация|задача|действия|действие|результат)(?:\s*\([^)]{0,60}\))?\s*:\s*/iu;
const STAR_PARTS: Record<string, StoryPart> = {
  situation: 'situation',
  task: 'task',
  action: 'action',
  result: 'result',
  ситуация: 'situation',
  задача: 'task',
  действия: 'action',
  действие: 'action',
  результат: 'result',
};
export const LESSON_TITLE =
  /what i (learned|learnt|took away|would do differently|should have done|'d do differently|did wrong)|lessons?|takeaways?|what i('d| would) change|вывод|урок|что я (понял|узнал|вынес)/i;
const TAKEAWAY_LABEL = /^(key (learning|insight|takeaway|lesson)|the key|main lesson|takeaway|lesson learned|главный вывод|главное|вывод|итог)\s*:\s*/i;

/** The STAR part a label names (`ACTION (подробно):`, `**Result:**`), or undefined. */
export function starPartOf(text: string): { part: StoryPart; rest: string } | undefined {
  const t = plain(text);
  const m = STAR_LABEL.exec(t.length > 200 ? t.slice(0, 200) : t);
  if (!m) return undefined;
  const part = STAR_PARTS[(m[1] ?? '').toLowerCase()];
  return part ? { part, rest: t.slice(m[0].length).trim() } : undefined;
}

/** The app's label for a STAR title (`SITUATION`, `ACTION (подробно)`, `Задача`), or undefined. */
export function starLabel(title: string, labels: CardLabels): string | undefined {
  const found = starPartOf(`${title}:`);
  if (!found || found.rest !== '') return undefined;
  return partLabel(found.part, labels);
}

export function partLabel(part: StoryPart, labels: CardLabels): string {
  switch (part) {
    case 'situation':
      return labels.situation;
    case 'task':
      return labels.task;
    case 'action':
      return labels.action;
    case 'result':
      return labels.result;
    case 'lessons':
      return labels.lessons;
    case 'takeaway':
      return labels.takeaway;
    default:
      return labels.example;
  }
}

/** Drops one pair of quotes around the whole story. */
function unquoteStory(units: Unit[]): void {
  const first = units[0];
  if (first && /^["“«]/u.test(first.text)) first.text = first.text.slice(1).trim();
  const last = units.at(-1);
  if (last && /["”»]$/u.test(last.text)) last.text = last.text.slice(0, -1).trim();
}

/** An example answer cut into its opening line, STAR parts, lessons and closing takeaway. */
export function storySegments(lines: Line[]): StorySegment[] {
  const all = flowUnits(lines);
  unquoteStory(all);
  const units = all.filter((u) => u.text !== '');
  const segments: StorySegment[] = [];
  let current: StorySegment = { part: 'hook', units: [], line: units[0]?.line ?? 0 };
  segments.push(current);
  const start = (part: StoryPart, line: number, title?: string): StorySegment => {
    current = { part, units: [], line, ...(title !== undefined ? { title } : {}) };
    segments.push(current);
    return current;
  };
  for (const unit of units) {
    if (unit.kind !== 'item') {
      const star = starPartOf(unit.kind === 'title' ? `${unit.text}:` : unit.text);
      if (star) {
        start(star.part, unit.line);
        if (star.rest) current.units.push({ ...unit, kind: 'para', text: star.rest, gapBefore: false });
        continue;
      }
      const takeaway = TAKEAWAY_LABEL.exec(unit.text.length > 200 ? unit.text.slice(0, 200) : unit.text);
      if (unit.kind === 'para' && takeaway) {
        const rest = unit.text.slice(takeaway[0].length).trim();
        start('takeaway', unit.line).units.push({ ...unit, text: rest.charAt(0).toUpperCase() + rest.slice(1), gapBefore: false });
        continue;
      }
      if (unit.kind === 'title' && LESSON_TITLE.test(unit.text)) {
        start('lessons', unit.line);
        continue;
      }
      if (unit.kind === 'title' && (current.part === 'lessons' || current.part === 'takeaway' || current.part === 'hook' || current.part === 'result')) {
        start('other', unit.line, unit.text);
        continue;
      }
      if (unit.kind === 'para' && unit.gapBefore && current.units.length > 0 && (current.part === 'result' || current.part === 'lessons' || current.part === 'other')) {
        start('takeaway', unit.line).units.push(unit);
        continue;
      }
    }
    current.units.push(unit);
  }
  return segments.filter((s) => s.units.some((u) => u.text !== ''));
}
