/**
 * Notes and the cards derived from them. A note holds the content (its
 * fields as written); its cards are `expandNote`'s output: one per basic
 * note, forward and reverse for a reversible one, one per cloze number.
 * Card ids derive from the note id (`q1`, `q1::reverse`, `q1::c2`), so the
 * same note always yields the same card ids and a card keeps its history
 * when its note is edited.
 *
 * Also here: rebuilding notes from version-1 records, which stored only
 * cards (`notesFromCards`), e.g. cloze siblings grouped back into one note
 * with its `{{cN::...}}` text.
 */
import { clozeNumbers, renderCloze } from './cloze';
import type { CardContent, CardRecord, CardTemplate, NoteContent, NoteOrigin, NoteRecord } from './types';

/** What `expandNote` needs of a note. */
export type NoteToExpand = NoteContent & Pick<NoteRecord, 'id' | 'deckId' | 'tags'> & { source?: string | undefined; cardIdBase?: string | undefined };

/** The card id of a note's card: `q1` (basic, forward), `q1::reverse`, `q1::c2` (`base`: the note's id, or its `cardIdBase`). */
export function cardIdOf(base: string, template: CardTemplate, ordinal: number): string {
  if (template === 'reverse') return `${base}::reverse`;
  if (template === 'cloze') return `${base}::c${ordinal}`;
  return base;
}

/**
 * What the ids of a card's note's cards start with, read off the card
 * (`q1::c2` -> `q1`): its siblings' ids are that base or `${base}::...`.
 */
export function cardIdBaseOf(card: Pick<CardContent, 'id' | 'template'>): string {
  if (card.template !== 'reverse' && card.template !== 'cloze') return card.id;
  const cut = card.id.lastIndexOf('::');
  return cut > 0 ? card.id.slice(0, cut) : card.id;
}

/**
 * A note's cards, with positions from `firstPosition` on.
 *
 * @example
 * expandNote({ id: 'capital', deckId: 'demo', type: 'cloze', text: '{{c1::Paris}} is in {{c2::France}}', tags: [] }, 0);
 * // [{ id: 'capital::c1', noteId: 'capital', deckId: 'demo', template: 'cloze', ordinal: 1,
 * //    front: '[...] is in France', back: '**Paris** is in France', tags: [], position: 0 },
 * //  { id: 'capital::c2', ..., ordinal: 2, front: 'Paris is in [...]', back: 'Paris is in **France**', position: 1 }]
 */
export function expandNote(note: NoteToExpand, firstPosition: number): CardContent[] {
  const out: CardContent[] = [];
  const add = (template: CardTemplate, ordinal: number, front: string, back: string): void => {
    const card: CardContent = {
      id: cardIdOf(note.cardIdBase ?? note.id, template, ordinal),
      noteId: note.id,
      deckId: note.deckId,
      template,
      ordinal,
      front,
      back,
      tags: [...note.tags],
      position: firstPosition + out.length,
    };
    if (note.source !== undefined) card.source = note.source;
    out.push(card);
  };
  switch (note.type) {
    case 'basic':
      add('basic', 0, note.front, note.back);
      break;
    case 'reversible':
      add('forward', 0, note.front, note.back);
      add('reverse', 1, note.back, note.front);
      break;
    case 'cloze':
      for (const n of clozeNumbers(note.text)) {
        const { front, back } = renderCloze(note.text, n);
        const extra = note.extra?.trim() ? `\n\n${note.extra}` : '';
        add('cloze', n, front, back + extra);
      }
      break;
  }
  return out;
}

/** Two cards show the same thing: same template and place in the note, text, tags and section (what `expandNote` decides). */
export function sameCardText(a: CardContent, b: CardContent): boolean {
  return (
    a.template === b.template &&
    a.ordinal === b.ordinal &&
    a.front === b.front &&
    a.back === b.back &&
    a.source === b.source &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, index) => tag === b.tags[index])
  );
}

/** The ordinal of a version-1 card, from its template and id (`q1::c3` -> 3). */
export function ordinalOfCard(card: Pick<CardContent, 'id' | 'template'>): number {
  if (card.template === 'reverse') return 1;
  if (card.template !== 'cloze') return 0;
  const match = /::c(\d+)$/.exec(card.id);
  return match ? Number(match[1]) : 1;
}

/**
 * A stored card with its ordinal: a card the schema-2 upgrade left as
 * version 1 wrote it has none (its ordinal follows from its id and template).
 */
export function withOrdinal<T extends Pick<CardContent, 'id' | 'template'> & { ordinal?: number }>(card: T): T & { ordinal: number } {
  return card.ordinal === undefined ? { ...card, ordinal: ordinalOfCard(card) } : (card as T & { ordinal: number });
}

/** Two notes' content, tags and section are the same. */
export function sameNoteContent(a: NoteContent & { tags: string[]; source?: string | undefined }, b: NoteContent & { tags: string[]; source?: string | undefined }): boolean {
  if (a.type !== b.type || a.source !== b.source) return false;
  if (a.tags.length !== b.tags.length || a.tags.some((tag, index) => tag !== b.tags[index])) return false;
  if (a.type === 'cloze' && b.type === 'cloze') return a.text === b.text && (a.extra ?? '') === (b.extra ?? '');
  if (a.type !== 'cloze' && b.type !== 'cloze') return a.front === b.front && a.back === b.back;
  return false;
}

// ---------------------------------------------------------------------------
// Version 1: cards only

/** One marked span of a cloze card: where its answer sits in the filled text. */
interface ClozeMark {
  start: number;
  end: number;
  answer: string;
  hint?: string;
}

/**
 * Reads one cloze card back: the text with every cloze filled in, where this
 * card's cloze sits in it (front `[...]`/`[hint]`, back `**answer**`), and
 * the extra after the text. Walks front and back together; where they
 * differ, tries each closing `]` and `**` in turn, so `[`, `]` and `**` in
 * the text itself are handled. Null when the pair cannot be read.
 */
function readClozeCard(front: string, back: string): { filled: string; marks: ClozeMark[]; extra: string } | null {
  const attempt = (i: number, j: number, filled: string, marks: ClozeMark[], depth: number): { filled: string; marks: ClozeMark[]; extra: string } | null => {
    if (depth > 40) return null;
    while (i < front.length && j < back.length && front[i] === back[j]) {
      filled += front[i];
      i += 1;
      j += 1;
    }
    if (i === front.length) {
      const rest = back.slice(j);
      if (rest === '') return { filled, marks, extra: '' };
      if (rest.startsWith('\n\n')) return { filled, marks, extra: rest.slice(2) };
      return null;
    }
    return tryMark(i, j, filled, marks, depth);
  };
  const tryMark = (i: number, j: number, filled: string, marks: ClozeMark[], depth: number): { filled: string; marks: ClozeMark[]; extra: string } | null => {
    if (front[i] !== '[' || !back.startsWith('**', j)) return null;
    for (let close = front.indexOf(']', i + 1); close !== -1; close = front.indexOf(']', close + 1)) {
      const label = front.slice(i + 1, close);
      for (let bold = back.indexOf('**', j + 3); bold !== -1; bold = back.indexOf('**', bold + 1)) {
        const answer = back.slice(j + 2, bold);
        if (answer.trim() === '' || answer !== answer.trim()) continue;
        const mark: ClozeMark = { start: filled.length, end: filled.length + answer.length, answer };
        if (label !== '...') mark.hint = label;
        const result = attempt(close + 1, bold + 2, filled + answer, [...marks, mark], depth + 1);
        if (result) return result;
      }
    }
    return null;
  };
  return attempt(0, 0, '', [], 0);
}

/**
 * The cloze note behind a version-1 note's cloze cards, or null when the
 * cards cannot be read back into one text that renders them exactly (then
 * each card is kept as a note of its own).
 *
 * @example
 * clozeNoteFromCards([
 *   { ordinal: 1, front: '[...] is in France', back: '**Paris** is in France' },
 *   { ordinal: 2, front: 'Paris is in [...]', back: 'Paris is in **France**' },
 * ]);
 * // { text: '{{c1::Paris}} is in {{c2::France}}' }
 */
export function clozeNoteFromCards(cards: readonly { ordinal: number; front: string; back: string }[]): { text: string; extra?: string } | null {
  let filled: string | null = null;
  let extra: string | null = null;
  const spans: (ClozeMark & { number: number })[] = [];
  for (const card of cards) {
    const read = readClozeCard(card.front, card.back);
    if (!read || read.marks.length === 0) return null;
    if (filled !== null && read.filled !== filled) return null;
    if (extra !== null && read.extra !== extra) return null;
    filled = read.filled;
    extra = read.extra;
    for (const mark of read.marks) spans.push({ ...mark, number: card.ordinal });
  }
  if (filled === null) return null;
  spans.sort((a, b) => a.start - b.start);
  let text = '';
  let last = 0;
  for (const span of spans) {
    if (span.start < last) return null;
    text += filled.slice(last, span.start) + `{{c${span.number}::${span.answer}${span.hint !== undefined ? `::${span.hint}` : ''}}}`;
    last = span.end;
  }
  text += filled.slice(last);
  const note = extra ? { text, extra } : { text };
  // Trust it only if it gives back exactly the stored cards.
  for (const card of cards) {
    const { front, back } = renderCloze(note.text, card.ordinal);
    if (front !== card.front || back + (extra ? `\n\n${extra}` : '') !== card.back) return null;
  }
  if (clozeNumbers(note.text).length !== cards.length) return null;
  return note;
}

/** A version-1 card: a card without the ordinal, which version 2 added (a card the upgrade left alone still has none). */
export type CardRecordV1 = Omit<CardRecord, 'ordinal'> & { ordinal?: number };

/** What `notesFromCards` gives: the notes, and every card as version 2 stores it. */
export interface NotesFromCards {
  notes: NoteRecord[];
  /** Every card, as version 2 stores it (with its ordinal). */
  cards: CardRecord[];
  /** The cards whose stored record must change beyond the ordinal (another note id or template), as in `cards`. */
  changed: CardRecord[];
  /** Cloze notes that could not be read back into one text (each card became a note of its own). */
  unreadCloze: number;
}

/**
 * Rebuilds notes from version-1 cards: cards of the same note id and deck
 * form one note (forward + reverse: reversible; cloze cards: one cloze note
 * with `{{cN::...}}`; anything else: one note per card). Card ids, states
 * and positions are kept; a card whose note cannot hold it (a stray
 * template, an unreadable cloze group, the same note id in two decks) gets a
 * note of its own (basic, named by the card id), and a note whose id had to
 * differ from its cards' keeps what their ids start with (`cardIdBase`), so
 * `expandNote` gives back exactly the stored card ids. `takenIds`: note ids
 * already stored, which a rebuilt note may not take.
 *
 * @example
 * notesFromCards([{ id: 'q1', noteId: 'q1', template: 'forward', ... }, { id: 'q1::reverse', noteId: 'q1', template: 'reverse', ... }], originOf);
 * // notes: [{ id: 'q1', type: 'reversible', front, back, ... }]
 */
export function notesFromCards(
  v1Cards: readonly CardRecordV1[],
  originOf: (deckId: string) => NoteOrigin,
  takenIds: ReadonlySet<string> = new Set(),
): NotesFromCards {
  const groups = new Map<string, CardRecord[]>();
  for (const v1 of v1Cards) {
    const card: CardRecord = withOrdinal(v1);
    const key = `${card.noteId}\u0000${card.deckId}`;
    const group = groups.get(key);
    if (group) group.push(card);
    else groups.set(key, [card]);
  }
  const notes: NoteRecord[] = [];
  const cards: CardRecord[] = [];
  const changed: CardRecord[] = [];
  const usedNoteIds = new Set<string>(takenIds);
  let unreadCloze = 0;

  /** The note id for a group: its own, unless another deck's group (or a stored note) took it. */
  const freeId = (wanted: string, fallback: string): string => {
    if (!usedNoteIds.has(wanted)) return wanted;
    let id = fallback;
    for (let n = 2; usedNoteIds.has(id); n += 1) id = `${fallback}-${n}`;
    return id;
  };
  const noteOf = (id: string, group: readonly CardRecord[], content: NoteContent): void => {
    const first = group.reduce((a, b) => (b.position < a.position ? b : a));
    const createdAt = Math.min(...group.map((card) => card.due), first.lastReview ?? Infinity);
    const note: NoteRecord = {
      ...content,
      id,
      deckId: first.deckId,
      sourceId: first.noteId,
      tags: [...first.tags],
      origin: originOf(first.deckId),
      position: first.position,
      createdAt: Number.isFinite(createdAt) ? createdAt : 0,
      modifiedAt: Number.isFinite(createdAt) ? createdAt : 0,
    };
    if (first.source !== undefined) note.source = first.source;
    // A basic note's one card is a basic card (a stray forward, reverse or cloze card included).
    const own = group.map((card): CardRecord => {
      const asNote: CardRecord = content.type === 'basic' ? { ...card, template: 'basic', ordinal: 0 } : { ...card };
      asNote.noteId = id;
      return asNote;
    });
    const base = own.every((card) => card.id === cardIdOf(id, card.template, card.ordinal)) ? id : cardIdBaseOf(own[0] ?? first);
    if (base !== id) note.cardIdBase = base;
    usedNoteIds.add(id);
    notes.push(note);
    own.forEach((card, index) => {
      cards.push(card);
      const before = group[index];
      if (before && (before.noteId !== card.noteId || before.template !== card.template)) changed.push(card);
    });
  };
  const aloneEach = (group: readonly CardRecord[]): void => {
    for (const card of group) {
      noteOf(freeId(group.length === 1 ? card.noteId : card.id.replace(/::/g, '--'), card.id.replace(/::/g, '--')), [card], {
        type: 'basic',
        front: card.front,
        back: card.back,
      });
    }
  };
  /** Whether every card's id derives from one base (version 1 always wrote them so; anything else is kept card by card). */
  const idsAgree = (group: readonly CardRecord[]): boolean => {
    const base = cardIdBaseOf(group[0] ?? { id: '', template: 'basic' });
    return group.every((card) => card.id === cardIdOf(base, card.template, card.ordinal));
  };

  for (const group of groups.values()) {
    const noteId = group[0]?.noteId ?? '';
    const templates = group.map((card) => card.template).sort().join(',');
    if (!idsAgree(group)) {
      aloneEach(group);
    } else if (group.length === 1 && group[0]?.template === 'basic') {
      noteOf(freeId(noteId, `${noteId}-${group[0].deckId}`), group, { type: 'basic', front: group[0].front, back: group[0].back });
    } else if (templates === 'forward,reverse') {
      const forward = group.find((card) => card.template === 'forward');
      if (forward) noteOf(freeId(noteId, `${noteId}-${forward.deckId}`), group, { type: 'reversible', front: forward.front, back: forward.back });
    } else if (group.every((card) => card.template === 'cloze') && new Set(group.map((card) => card.ordinal)).size === group.length) {
      const cloze = clozeNoteFromCards([...group].sort((a, b) => a.ordinal - b.ordinal));
      if (cloze) {
        noteOf(freeId(noteId, `${noteId}-${group[0]?.deckId ?? ''}`), group, { type: 'cloze', ...cloze });
      } else {
        unreadCloze += 1;
        aloneEach(group);
      }
    } else {
      aloneEach(group);
    }
  }
  return { notes, cards, changed, unreadCloze };
}
