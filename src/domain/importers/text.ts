/**
 * Small text helpers shared by the import parsers and exporters: stable
 * hashes and slugs for card ids, id sanitising, line condensing, what
 * counts as visible text, and the capped message list. Pure functions, no
 * DOM; each runs in time linear in its input (no backtracking patterns).
 */
import { parseClozes } from '../cloze';
import type { DeckFileV1, DeckIssue } from '../deckFormat';
import type { ImportMessage, ImportProblem } from './types';
import { MAX_IMPORT_MESSAGES } from './types';

import { hasVisibleText } from '../visibleText';

export { hasVisibleText };

/**
 * True when some `{{cN::` in `text` has no `}}` after it: a cloze that is
 * never closed, so the text is malformed. Linear; call it before the cloze
 * pattern (`parseClozes`), which rescans the rest of the text for every
 * unclosed opening.
 *
 * @example
 * hasUnclosedCloze('{{c1::Paris}} is in {{c2::France'); // true
 * hasUnclosedCloze('{{c1::Paris}}'); // false
 */
export function hasUnclosedCloze(text: string): boolean {
  const lastClose = text.lastIndexOf('}}');
  let lastOpenEnd = -1;
  for (let at = text.indexOf('{{c'); at !== -1; at = text.indexOf('{{c', at + 3)) {
    let end = at + 3;
    while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end > at + 3 && text.startsWith('::', end)) lastOpenEnd = end + 2;
  }
  return lastOpenEnd !== -1 && lastClose < lastOpenEnd;
}

/**
 * The fields of a valid deck file that show nothing (only blanks or
 * invisible characters: see `hasVisibleText`), as deck-format issues of
 * their card: an empty front, back or cloze text, or a cloze whose answer
 * shows nothing. The deck validator only trims blanks; importers add these.
 *
 * @example
 * invisibleTextIssues({ ...file, cards: [{ id: 'q', type: 'basic', front: 'Q', back: '\u200B' }] });
 * // [{ code: 'fieldEmpty', field: 'back', path: 'cards[0].back', cardId: 'q', scope: { of: 'card', index: 0, id: 'q' } }]
 */
export function invisibleTextIssues(file: DeckFileV1): DeckIssue[] {
  const issues: DeckIssue[] = [];
  file.cards.forEach((note, index) => {
    const at = { cardId: note.id, scope: { of: 'card', index, id: note.id } } as const;
    const empty = (field: string): void => {
      issues.push({ code: 'fieldEmpty', field, path: `cards[${index}].${field}`, ...at });
    };
    if (note.type === 'cloze') {
      if (!hasVisibleText(note.text)) empty('text');
      else if (!hasUnclosedCloze(note.text)) {
        const blank = parseClozes(note.text).find((span) => !hasVisibleText(span.answer));
        if (blank) issues.push({ code: 'clozeEmptyAnswer', number: blank.number, field: 'text', path: `cards[${index}].text`, ...at });
      }
    } else {
      if (!hasVisibleText(note.front)) empty('front');
      if (!hasVisibleText(note.back)) empty('back');
    }
  });
  return issues;
}

const encoder = new TextEncoder();

/**
 * FNV-1a, 64 bit, over the UTF-8 bytes of `text`, as 16 hex digits. Stable
 * across runs and platforms, so ids made from it survive a re-import.
 *
 * @example
 * fnv1a64('a'); // 'af63dc4c8601ec8c'
 */
export function fnv1a64(text: string): string {
  // Four 16-bit limbs, lowest first; prime = 2^40 + 0x1b3.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of encoder.encode(text)) {
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/**
 * A lowercase ASCII slug (`a-z`, `0-9`, `-`), Cyrillic transliterated, at
 * most `maxLength` characters (cut at a dash). May be '' for text with no
 * letters or digits.
 *
 * @example
 * slugify('Failure & Learning'); // 'failure-learning'
 * slugify('См. также'); // 'sm-takzhe'
 */
export function slugify(text: string, maxLength = 48): string {
  const ascii = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[а-яё]/g, (ch) => CYRILLIC[ch] ?? '');
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/** True when `id` satisfies the deck format's id rules: non-empty, no whitespace, no `::`. */
export function isValidId(id: string): boolean {
  return id !== '' && !/\s/.test(id) && !id.includes('::');
}

/**
 * Makes text into a valid id without merging distinct inputs: characters
 * other than `A-Z a-z 0-9 . -` become `_<hex>_`.
 *
 * @example
 * sanitizeIdPart('f#K9::x'); // 'f_23_K9_3a__3a_x'
 */
export function sanitizeIdPart(text: string): string {
  let out = '';
  for (const ch of text) {
    out += /[A-Za-z0-9.-]/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16)}_`;
  }
  return out;
}

/**
 * Hands out ids, adding `-2`, `-3` ... when a base id was already taken, so
 * generated ids stay unique and mostly stable.
 */
export class IdAllocator {
  private readonly used = new Set<string>();
  /** The next suffix to try for each base, so n copies of one base cost n steps, not n² / 2. */
  private readonly nextSuffix = new Map<string, number>();

  take(base: string): string {
    let id = base;
    let n = this.nextSuffix.get(base) ?? 2;
    if (this.used.has(id)) {
      for (id = `${base}-${n}`; this.used.has(id); id = `${base}-${n}`) n++;
      n++;
    }
    this.nextSuffix.set(base, n);
    this.used.add(id);
    return id;
  }
}

/**
 * Shortens one line of text to about `max` characters at a word boundary,
 * adding '…'.
 *
 * @example
 * condenseLine('Focus on systems, not people, and never on blame', 20); // 'Focus on systems…'
 */
export function condenseLine(text: string, max = 110): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/**
 * Collects import messages up to `MAX_IMPORT_MESSAGES`; past that it only
 * counts, and `list()` ends with one `moreProblems` message.
 */
export class MessageList {
  private readonly items: ImportMessage[] = [];
  private dropped = 0;
  private droppedErrors = 0;
  private droppedSkips = 0;
  /** Rows (or cards) left out with `skip`, counting those past the cap. */
  skipped = 0;

  add(severity: ImportMessage['severity'], problem: ImportProblem): void {
    if (severity === 'skip') this.skipped++;
    if (this.items.length >= MAX_IMPORT_MESSAGES) {
      this.dropped++;
      if (severity === 'error') this.droppedErrors++;
      if (severity === 'skip') this.droppedSkips++;
      return;
    }
    this.items.push({ severity, ...problem });
  }

  error(problem: ImportProblem): void {
    this.add('error', problem);
  }

  /** One row (or card) left out; the rest of the file is still imported. */
  skip(problem: ImportProblem): void {
    this.add('skip', problem);
  }

  warning(problem: ImportProblem): void {
    this.add('warning', problem);
  }

  get hasErrors(): boolean {
    return this.droppedErrors > 0 || this.items.some((m) => m.severity === 'error');
  }

  list(): ImportMessage[] {
    if (this.dropped === 0) return [...this.items];
    const severity = this.droppedErrors > 0 ? 'error' : this.droppedSkips > 0 ? 'skip' : 'warning';
    return [...this.items, { severity, code: 'moreProblems', count: this.dropped }];
  }
}

/** The file name without folders and extension, e.g. 'my-deck' for 'C:\\x\\my-deck.csv'. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

/** Lowercase extension without the dot, '' if none. */
export function extensionOf(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

/**
 * `html` with its tags removed (`<` to the next `>`); an unclosed `<` and
 * what follows stay as text. Linear: no pattern rescans the text.
 *
 * @example
 * stripTags('<b>Paris</b> is <i>big'); // 'Paris is big'
 */
export function stripTags(html: string): string {
  let out = '';
  let copied = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', copied)) {
    const end = html.indexOf('>', at + 1);
    if (end === -1) break;
    out += html.slice(copied, at);
    copied = end + 1;
  }
  return out + html.slice(copied);
}

/** Whether an HTML field shows anything: text, an image or a sound (`visibleText.ts`). */
export { hasVisibleContent } from '../visibleText';
