/**
 * Chapter Markdown, step 1: the file as lines, grouped into `##` sections
 * and `###` sub-sections, each a list of blocks (a ``` fence, unframed from
 * its box-drawing characters, or the plain lines between fences).
 * Navigation links and rules are dropped here.
 */
import { hasVisibleText, type MessageList } from '../text';

export interface Line {
  text: string;
  line: number;
  /** A rule drawn inside a fence (`────  ────`, a column table's underline); its text is ''. */
  rule?: true;
}

/** A run of content: one ``` fence (unframed) or the plain lines between fences. */
export interface Block {
  isFence: boolean;
  /** Title drawn in the frame's top row (between ┌ and ├), if any. */
  title?: string;
  lines: Line[];
}

export interface Section {
  heading: string;
  line: number;
  blocks: Block[];
  subsections: Section[];
}

const NAV_LINE = /^\[[^\]]*(?:←|→|назад|далее|back|next|contents|оглавлен)[^\]]*\]\([^)]*\)\s*$/i;
const RULE_LINE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
const FENCE = /^\s*(```|~~~)/;
/** Longer lines are never navigation links (and the link pattern stays cheap). */
const MAX_NAV_LENGTH = 400;

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00A0';
}

/**
 * An ATX heading (`## Title ##`): its level and title, or undefined. A
 * scan, not a pattern, so it stays linear in any run of spaces or hashes.
 */
export function parseHeading(text: string): { level: number; title: string } | undefined {
  let level = 0;
  while (level < text.length && text.charCodeAt(level) === 35 /* # */) level++;
  if (level === 0 || level > 6 || !isSpace(text[level])) return undefined;
  let title = text.slice(level).trim();
  let end = title.length;
  while (end > 0 && title.charCodeAt(end - 1) === 35) end--;
  if (end === 0) title = '';
  else if (end < title.length && isSpace(title[end - 1])) title = title.slice(0, end).trim();
  return { level, title };
}

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
    if (kinds[i] !== undefined && kinds[i] !== 'plain') return;
    if (kinds[i] === 'plain') {
      lines.push({ text: '', line: l.line, rule: true });
      return;
    }
    let text = l.text.trimEnd();
    const open = /^\s*[│║┃]/.exec(text);
    if (open) text = text.slice(open[0].length);
    if (/[│║┃]$/.test(text)) text = text.slice(0, -1).trimEnd();
    if (isBorder(text) === 'plain') {
      lines.push({ text: '', line: l.line, rule: true });
      return;
    }
    if (title === undefined && kinds[i - 1] === 'top' && kinds[i + 1] === 'middle' && text.trim() !== '') {
      title = text.trim();
      return;
    }
    lines.push({ text, line: l.line });
  });
  let common = Infinity;
  for (const l of lines) {
    if (!hasVisibleText(l.text)) continue;
    let indent = 0;
    while (indent < l.text.length && l.text.charCodeAt(indent) === 32) indent++;
    common = Math.min(common, indent);
  }
  if (common === Infinity) common = 0;
  const block: Block = { isFence: true, lines: lines.map((l) => ({ ...l, text: l.text.slice(common) })) };
  if (title !== undefined) block.title = title;
  return block;
}

export interface Document {
  title?: string;
  number?: string;
  preamble: Line[];
  sections: Section[];
}

/** Reads the whole file into the title (`# NN. Title`), the text before the first section, and the sections. */
export function readDocument(text: string, messages: MessageList): Document {
  const doc: Document = { preamble: [], sections: [] };
  const lines = text.split('\n');
  let h2: Section | undefined;
  let h3: Section | undefined;
  let textRun: Block | undefined;
  const addBlock = (block: Block): void => {
    const target = h3 ?? h2;
    if (target) target.blocks.push(block);
    else for (const l of block.lines) doc.preamble.push(l);
  };
  const closeText = (): void => {
    if (textRun && textRun.lines.some((l) => hasVisibleText(l.text))) addBlock(textRun);
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
      if (j >= lines.length) messages.warning({ code: 'unclosedFence', line: lineNo, marker });
      addBlock(unframe(body));
      i = j;
      continue;
    }
    const heading = parseHeading(text);
    if (heading) {
      closeText();
      const { level, title } = heading;
      if (level === 1 && doc.title === undefined) {
        const numbered = /^(\d+)[.)]\s*(.*)$/.exec(title);
        doc.title = (numbered ? numbered[2] : title)?.trim() ?? title;
        if (numbered?.[1] !== undefined) doc.number = numbered[1];
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
    if ((text.length <= MAX_NAV_LENGTH && NAV_LINE.test(text.trim())) || RULE_LINE.test(text)) {
      closeText();
      continue;
    }
    textRun ??= { isFence: false, lines: [] };
    textRun.lines.push({ text, line: lineNo });
  }
  closeText();
  return doc;
}

/** All lines of a section's own blocks (not its subsections), a blank line after each block. */
export function sectionLines(section: Section): Line[] {
  return section.blocks.flatMap((block) => [...block.lines, { text: '', line: block.lines.at(-1)?.line ?? section.line }]);
}
