/**
 * The card browser's model: one compact row per card (what the list shows
 * and searches), and the search, filters and sort over those rows. Pure and
 * clock-free (`now` and the study day's bounds are passed in); each function
 * runs in time linear in the rows (sorting: n log n), so 100,000 cards stay
 * interactive.
 */
import { mediaReferencesOf } from './media';
import { CardQueue, CardState, type CardRecord, type CardTemplate, type CardQueueValue, type CardStateValue, type NoteRecord } from './types';

/** What the browser knows of one card. */
export interface BrowseRow {
  cardId: string;
  noteId: string;
  deckId: string;
  template: CardTemplate;
  /** The question as plain text on one line (no Markdown, HTML or cloze syntax). */
  question: string;
  /** Front, back and tags, folded for search (`foldForSearch`). */
  searchText: string;
  tags: string[];
  queue: CardQueueValue;
  state: CardStateValue;
  due: number;
  lapses: number;
  difficulty: number;
  lastReview: number | null;
  /** When its note was made (or imported). */
  createdAt: number;
  /** Its place in its deck (ties in every sort keep deck order). */
  position: number;
}

/** The states the browser filters by; a card may be in several (a suspended leech). */
export const BROWSE_STATES = ['new', 'learning', 'review', 'suspended', 'buried', 'leech'] as const;
export type BrowseState = (typeof BROWSE_STATES)[number];
export const DUE_FILTERS = ['overdue', 'today', 'week'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];
export const BROWSE_SORTS = ['due', 'created', 'lastReview', 'lapses', 'difficulty'] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];

export interface BrowseFilter {
  /** Words that must all appear (case and diacritics ignored), in front, back or tags. */
  text: string;
  deckId?: string | null;
  state?: BrowseState | null;
  due?: DueFilter | null;
  tag?: string | null;
}

/** The study day around `now`, for the due filters. */
export interface BrowseDay {
  /** When today's study day started and ends (epoch ms). */
  dayStartMs: number;
  dayEndMs: number;
}

const DAY_MS = 86_400_000;
/** Marks left by NFD decomposition (accents), removed so "resume" finds "résumé". */
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Text folded for search: lower case, accents removed (NFD, then marks
 * dropped), whitespace runs as one space.
 *
 * @example
 * foldForSearch('  Résumé\n ÉCOLE '); // 'resume ecole'
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** An image tag as a row shows it: "🖼 name" for a media file of the collection, nothing for another source. */
function imageLabel(tag: string): string {
  const [name] = mediaReferencesOf(tag);
  return name === undefined ? ' ' : ` 🖼 ${name} `;
}

/**
 * Card text as plain words on one line, for a list row: HTML tags and
 * Markdown marks removed, a link kept as its text, a cloze as its answer,
 * a sound as "🔊 name" and an image of the collection as "🖼 name".
 * Each pattern's runs are bounded, so a hostile text costs linear time.
 *
 * @example
 * plainLine('**STAR**: [Situation](https://x.org), <b>Task</b>\n- {{c1::Action::verb}}'); // 'STAR: Situation, Task - Action'
 * plainLine('<img src="cat.png"> [sound:meow.mp3]'); // '🖼 cat.png 🔊 meow.mp3'
 */
export function plainLine(text: string): string {
  return text
    .replace(/\{\{c\d+::([^:}]{0,300})(?:::[^}]{0,100})?\}\}/g, '$1')
    .replace(/\[sound:([^\]]{1,200})\]/g, ' 🔊 $1 ')
    .replace(/<img\b[^>]{0,400}>/gi, imageLabel)
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/!?\[([^\]]{0,200})\]\([^)]{0,300}\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The browser's row for a card and its note.
 *
 * @example
 * browseRowOf(card, note); // { cardId: 'fl-q-1', question: 'Tell me about a time you failed', ... }
 */
export function browseRowOf(card: CardRecord, note: Pick<NoteRecord, 'createdAt'> | undefined): BrowseRow {
  return {
    cardId: card.id,
    noteId: card.noteId,
    deckId: card.deckId,
    template: card.template,
    question: plainLine(card.front),
    searchText: foldForSearch(`${plainLine(card.front)} ${plainLine(card.back)} ${card.tags.join(' ')}`),
    tags: card.tags,
    queue: card.queue,
    state: card.state,
    due: card.due,
    lapses: card.lapses,
    difficulty: card.difficulty,
    lastReview: card.lastReview,
    createdAt: note?.createdAt ?? 0,
    position: card.position,
  };
}

/** Whether a row is in a state (a suspended or buried card is still new, learning or review by its FSRS state). */
export function isInState(row: Pick<BrowseRow, 'queue' | 'state' | 'tags'>, state: BrowseState): boolean {
  switch (state) {
    case 'new':
      return row.state === CardState.New;
    case 'learning':
      return row.state === CardState.Learning || row.state === CardState.Relearning;
    case 'review':
      return row.state === CardState.Review;
    case 'suspended':
      return row.queue === CardQueue.Suspended;
    case 'buried':
      return row.queue === CardQueue.Buried;
    case 'leech':
      return row.tags.includes('leech');
  }
}

/** Whether a card waits to be studied (not new, not set aside): only those have a due date that matters. */
function isScheduled(row: Pick<BrowseRow, 'queue'>): boolean {
  return row.queue === CardQueue.Learning || row.queue === CardQueue.Review;
}

function matchesDue(row: BrowseRow, due: DueFilter, day: BrowseDay): boolean {
  if (!isScheduled(row)) return false;
  switch (due) {
    case 'overdue':
      return row.due < day.dayStartMs;
    case 'today':
      return row.due < day.dayEndMs;
    case 'week':
      return row.due < day.dayEndMs + 7 * DAY_MS;
  }
}

/**
 * The test a row must pass: each word of `filter.text` appears in the
 * row's folded text, and deck, state, due and tag match when given; retired
 * cards never pass. Made once per filter, then run on each row (Browse runs
 * it over the sorted rows a slice at a time, `filterRows` all at once).
 *
 * @example
 * const passes = rowMatcher({ text: 'blame', state: 'review' }, day);
 * rows.filter(passes); // review cards mentioning "blame" (or "Blâme")
 */
export function rowMatcher(filter: BrowseFilter, day: BrowseDay): (row: BrowseRow) => boolean {
  const words = foldForSearch(filter.text).split(' ').filter((word) => word !== '');
  const { deckId, state, due, tag } = filter;
  return (row) =>
    row.queue !== CardQueue.Retired &&
    (!deckId || row.deckId === deckId) &&
    (!state || isInState(row, state)) &&
    (!due || matchesDue(row, due, day)) &&
    (!tag || row.tags.includes(tag)) &&
    words.every((word) => row.searchText.includes(word));
}

/**
 * The rows that pass every filter (`rowMatcher`), in their order.
 *
 * @example
 * filterRows(rows, { text: 'blame', state: 'review' }, day); // review cards mentioning "blame" (or "Blâme")
 */
export function filterRows(rows: readonly BrowseRow[], filter: BrowseFilter, day: BrowseDay): BrowseRow[] {
  return rows.filter(rowMatcher(filter, day));
}

/** Sort keys: due soonest, newest made, last answered most recently, most lapses, hardest. Ties keep the deck order. */
const COMPARE: Record<BrowseSort, (a: BrowseRow, b: BrowseRow) => number> = {
  due: (a, b) => {
    const scheduled = Number(isScheduled(b)) - Number(isScheduled(a));
    // Cards not waiting to be studied (new, set aside) have no due date that matters: they keep their order.
    return scheduled !== 0 || !isScheduled(a) ? scheduled : a.due - b.due;
  },
  created: (a, b) => b.createdAt - a.createdAt,
  lastReview: (a, b) => (b.lastReview ?? -Infinity) - (a.lastReview ?? -Infinity) || 0,
  lapses: (a, b) => b.lapses - a.lapses,
  difficulty: (a, b) => b.difficulty - a.difficulty,
};

/** Deck order: by deck id, then place in the deck. */
function deckOrder(a: BrowseRow, b: BrowseRow): number {
  return a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : a.position - b.position;
}

/**
 * The rows in deck order (a new array): what `sortRows` keeps for equal
 * keys. Done once when the rows are read, so a sort compares numbers only.
 *
 * @example
 * inDeckOrder(rowsAsRead); // deck by deck, each in its own order
 */
export function inDeckOrder(rows: readonly BrowseRow[]): BrowseRow[] {
  return [...rows].sort(deckOrder);
}

/**
 * The rows sorted by `sort` (a new array; stable, so equal keys keep the
 * order they came in: give it rows `inDeckOrder`). Due puts scheduled cards
 * first, soonest first. Sort once and filter the sorted rows (`filterRows`
 * keeps their order): a keystroke then costs a filter, not a sort.
 *
 * @example
 * sortRows(rows, 'lapses')[0]; // the card forgotten most often
 */
export function sortRows(rows: readonly BrowseRow[], sort: BrowseSort): BrowseRow[] {
  const compare = COMPARE[sort];
  return [...rows].sort((a, b) => {
    const order = compare(a, b);
    return Number.isNaN(order) ? 0 : order;
  });
}

/** Every tag on the rows, sorted, for the tag filter. */
export function tagsOf(rows: readonly BrowseRow[]): string[] {
  const tags = new Set<string>();
  for (const row of rows) for (const tag of row.tags) tags.add(tag);
  return [...tags].sort((a, b) => a.localeCompare(b));
}
