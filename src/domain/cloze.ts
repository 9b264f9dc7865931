/**
 * Cloze deletions: `{{c1::answer}}` and `{{c1::answer::hint}}`, as in Anki.
 * Parsing and rendering only; the deck format decides what a valid note is.
 */

/** One `{{cN::answer}}` or `{{cN::answer::hint}}` occurrence in a cloze text. */
export interface ClozeSpan {
  /** The cloze number N (may be 0 or have leading zeros in bad input; the validator checks). */
  number: number;
  answer: string;
  hint?: string;
  /** Offset of `{{` in the text. */
  start: number;
  /** Offset just past `}}`. */
  end: number;
}

const CLOZE_PATTERN = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/**
 * Finds every cloze deletion in `text`, in order.
 *
 * @example
 * parseClozes('{{c1::Paris}} is in {{c2::France::country}}');
 * // [{ number: 1, answer: 'Paris', start: 0, end: 13 },
 * //  { number: 2, answer: 'France', hint: 'country', start: 20, end: 43 }]
 */
export function parseClozes(text: string): ClozeSpan[] {
  const spans: ClozeSpan[] = [];
  for (const match of text.matchAll(CLOZE_PATTERN)) {
    const [whole, digits = '', answer = '', hint] = match;
    const span: ClozeSpan = { number: Number(digits), answer, start: match.index, end: match.index + whole.length };
    if (hint !== undefined) span.hint = hint;
    spans.push(span);
  }
  return spans;
}

/** The distinct cloze numbers used in `text`, ascending. */
export function clozeNumbers(text: string): number[] {
  return [...new Set(parseClozes(text).map((span) => span.number))].sort((a, b) => a - b);
}

/**
 * Text left over once the well-formed clozes are removed still contains `{{c`,
 * e.g. `{{c1:answer}}` or an unclosed `{{c1::answer`.
 */
export function hasMalformedCloze(text: string): boolean {
  return /\{\{\s*c\d*/i.test(text.replace(CLOZE_PATTERN, ''));
}

/**
 * Renders a cloze text for the card of cloze number `n`: that cloze becomes
 * `[...]` (or `[hint]`) on the front and its answer in bold on the back;
 * every other cloze shows its plain answer on both sides.
 *
 * @example
 * renderCloze('{{c1::Paris}} is in {{c2::France::country}}', 2);
 * // { front: 'Paris is in [country]', back: 'Paris is in **France**' }
 */
export function renderCloze(text: string, n: number): { front: string; back: string } {
  let front = '';
  let back = '';
  let last = 0;
  for (const span of parseClozes(text)) {
    const before = text.slice(last, span.start);
    const isTarget = span.number === n;
    front += before + (isTarget ? `[${span.hint ?? '...'}]` : span.answer);
    back += before + (isTarget ? `**${span.answer.trim()}**` : span.answer);
    last = span.end;
  }
  const rest = text.slice(last);
  return { front: front + rest, back: back + rest };
}
