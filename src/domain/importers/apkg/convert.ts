/**
 * An Anki collection's notes as this app's notes: each note type planned
 * (`noteTypes.ts`), each note turned into a basic, reversible or cloze note
 * (or, for other note types, one basic note per card template it has a card
 * of, rendered from the templates), placed in the deck of its first card
 * (the original deck of a card in a filtered deck), with its guid kept as
 * its global id. The review log is mapped onto the cards these notes make
 * (`expandNote`'s templates and ordinals). Media references are renamed
 * where the package's names were normalized.
 */
import { clozeNumbers } from '../../cloze';
import type { NoteInput } from '../../deckFormat';
import { renameMediaReferences } from '../../media';
import type { CardTemplate } from '../../types';
import { ankiGuidToId, deckMetaFor } from '../ankiText';
import { IdAllocator, hasVisibleContent, type MessageList } from '../text';
import type { ImportedCardHistory, ImportedReview, PackageSummary, ParsedDeck } from '../types';
import type { AnkiCard, AnkiCollection, AnkiNote, AnkiNoteType } from './collection';
import { planNoteType, type NoteTypePlan } from './noteTypes';
import { isFieldEmpty, renderTemplate, templateRendersWith, type RenderContext } from './template';

/** Longest answer time kept for one review; Anki caps its own timer at 60 s by default, a stray hour is noise. */
const MAX_REVIEW_MS = 60 * 60 * 1000;

export interface ConvertedCollection {
  decks: ParsedDeck[];
  history: ImportedCardHistory[];
  noteTypes: PackageSummary['noteTypes'];
  reviewCount: number;
}

/** Where an Anki card's answers go: one card of a note this import makes. */
interface CardTarget {
  deckName: string;
  noteId: string;
  template: CardTemplate;
  ordinal: number;
}

/** `<br>` as a newline, `&nbsp;` as a space, trimmed: HTML otherwise stays (sanitized when shown). */
function cleanField(value: string): string {
  return value.replace(/<br\s*\/?>/gi, '\n').replace(/&nbsp;/gi, ' ').trim();
}

/**
 * A rendered template as card text. A template's own line breaks and
 * indentation mean nothing in HTML, but Markdown would read them (a blank
 * line as a paragraph, indentation as code): each run of blanks holding a
 * line break becomes one line break. Then as `cleanField`, at most one blank
 * line in a row.
 */
function cleanRendered(html: string): string {
  const lines = html.split('\n').map((line) => line.trim());
  return cleanField(lines.filter((line) => line !== '').join('\n')).replace(/\n{3,}/g, '\n\n');
}

const ANSWER_RULE = /<hr id=(?:answer|"answer"|'answer')\s*\/?>/i;
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The answer side without what repeats the question: rendered with
 * `{{FrontSide}}` empty, and what stands before `<hr id=answer>` dropped
 * when it shows nothing or only the question again.
 */
function answerWithoutQuestion(answer: string, question: string): string {
  const rule = ANSWER_RULE.exec(answer);
  if (!rule) return answer;
  const before = answer.slice(0, rule.index);
  const after = answer.slice(rule.index + rule[0].length);
  return !hasVisibleContent(before) || collapse(before) === collapse(question) ? after : before + after;
}

/** The deck a card counts in (its own or, in a filtered deck, its original), by full name. */
function deckNameOf(card: AnkiCard | undefined, decks: ReadonlyMap<string, string>): string {
  return (card && decks.get(card.deckId)) ?? decks.get('1') ?? 'Default';
}

/**
 * Converts the collection. Left-out notes are reported on `messages`:
 * `noteTypeUnreadable` (once per type, with its note count) and
 * `noteRendersNoCard` (per note).
 */
export function convertCollection(collection: AnkiCollection, fileName: string, renames: ReadonlyMap<string, string>, messages: MessageList): ConvertedCollection {
  const cardsByNote = new Map<string, AnkiCard[]>();
  for (const card of collection.cards) {
    const list = cardsByNote.get(card.noteId) ?? [];
    list.push(card);
    cardsByNote.set(card.noteId, list);
  }
  // Ids are decimal text (64-bit): the shorter is the smaller.
  for (const list of cardsByNote.values()) list.sort((a, b) => a.ord - b.ord || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const plans = new Map<string, NoteTypePlan | null>();
  for (const [id, noteType] of collection.noteTypes) plans.set(id, planNoteType(noteType));
  const unreadable = new Map<string, { name: string; notes: number }>();
  const noteCounts = new Map<string, number>();

  const notesByDeck = new Map<string, NoteInput[]>();
  const targets = new Map<string, CardTarget>();
  const noteIds = new IdAllocator();
  const add = (deckName: string, note: NoteInput): void => {
    const list = notesByDeck.get(deckName) ?? [];
    list.push(note);
    notesByDeck.set(deckName, list);
  };

  for (const note of collection.notes) {
    const noteType = collection.noteTypes.get(note.noteTypeId);
    const plan = plans.get(note.noteTypeId);
    if (!noteType || !plan) {
      const name = noteType?.name ?? `#${note.noteTypeId}`;
      const entry = unreadable.get(note.noteTypeId) ?? { name, notes: 0 };
      entry.notes++;
      unreadable.set(note.noteTypeId, entry);
      continue;
    }
    noteCounts.set(note.noteTypeId, (noteCounts.get(note.noteTypeId) ?? 0) + 1);
    const fields = note.fields.map((field) => renameMediaReferences(field, renames));
    const cards = cardsByNote.get(note.id) ?? [];
    const made = convertNote({ note, noteType, plan, fields, cards, decks: collection.decks, noteIds });
    if (made.length === 0) {
      messages.skip({ code: 'noteRendersNoCard', noteType: noteType.name, guid: note.guid });
      continue;
    }
    for (const { deckName, input, cardsByOrd } of made) {
      add(deckName, input);
      for (const [ord, target] of cardsByOrd) {
        const card = cards.find((candidate) => candidate.ord === ord);
        if (card) targets.set(card.id, { deckName, noteId: input.id, ...target });
      }
    }
  }

  for (const { name, notes } of unreadable.values()) {
    messages.skip({ code: 'noteTypeUnreadable', noteType: name, notes });
    messages.skipped += notes - 1;
  }

  // Decks in name order (code units, whatever the locale), ids handed out in that order.
  const deckNames = [...notesByDeck.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const deckIds = new IdAllocator();
  const deckIndex = new Map<string, number>();
  const decks: ParsedDeck[] = deckNames.map((deckName, index) => {
    deckIndex.set(deckName, index);
    return { deck: deckMetaFor(deckName, fileName, deckIds), deckName, notes: notesByDeck.get(deckName) ?? [] };
  });

  const historyByCard = new Map<string, ImportedCardHistory>();
  let reviewCount = 0;
  for (const review of collection.reviews) {
    if (review.ease < 1 || review.ease > 4 || review.type < 0 || review.type > 3) continue;
    const target = targets.get(review.cardId);
    if (!target) continue;
    let history = historyByCard.get(review.cardId);
    if (!history) {
      history = { deckIndex: deckIndex.get(target.deckName) ?? 0, noteId: target.noteId, template: target.template, ordinal: target.ordinal, reviews: [] };
      historyByCard.set(review.cardId, history);
    }
    const answer: ImportedReview = {
      sourceId: review.id,
      reviewTime: review.time,
      rating: review.ease as ImportedReview['rating'],
      durationMs: Math.min(Math.max(review.durationMs, 0), MAX_REVIEW_MS),
    };
    history.reviews.push(answer);
    reviewCount++;
  }

  const noteTypes: PackageSummary['noteTypes'] = [];
  for (const [id, count] of noteCounts) {
    const noteType = collection.noteTypes.get(id);
    const plan = plans.get(id);
    if (noteType && plan) noteTypes.push({ name: noteType.name, kind: plan.kind, notes: count });
  }
  noteTypes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { decks, history: [...historyByCard.values()], noteTypes, reviewCount };
}

interface NoteToConvert {
  note: AnkiNote;
  noteType: AnkiNoteType;
  plan: NoteTypePlan;
  /** The note's fields with media references renamed. */
  fields: string[];
  /** Its cards, by ordinal. */
  cards: AnkiCard[];
  decks: ReadonlyMap<string, string>;
  noteIds: IdAllocator;
}

/** One note this import makes from an Anki note, where it goes, and which Anki card ordinals are its cards. */
interface MadeNote {
  deckName: string;
  input: NoteInput;
  cardsByOrd: Map<number, { template: CardTemplate; ordinal: number }>;
}

/** The notes one Anki note becomes (none: it renders no card). */
function convertNote({ note, noteType, plan, fields, cards, decks, noteIds }: NoteToConvert): MadeNote[] {
  const baseGuid = note.guid !== '' ? ankiGuidToId(note.guid) : `anki-${note.id}`;
  const common = { ...(note.tags.length > 0 ? { tags: note.tags } : {}) };
  const deckName = deckNameOf(cards[0], decks);
  const field = (index: number): string => fields[index] ?? '';

  if (plan.kind === 'cloze') {
    const text = cleanField(field(plan.text));
    const numbers = clozeNumbers(text);
    if (numbers.length === 0) return [];
    const extra = fields
      .filter((value, index) => index !== plan.text && !isFieldEmpty(value))
      .map(cleanField)
      .join('\n\n');
    const id = noteIds.take(baseGuid);
    const input: NoteInput = { id, guid: baseGuid, type: 'cloze', text, ...(extra !== '' ? { extra } : {}), ...common };
    return [{ deckName, input, cardsByOrd: new Map(numbers.map((n) => [n - 1, { template: 'cloze' as const, ordinal: n }])) }];
  }

  if (plan.kind !== 'custom') {
    const front = cleanField(field(plan.front));
    const back = cleanField(field(plan.back));
    if (!hasVisibleContent(front) && (plan.kind === 'basic' || !hasVisibleContent(back))) return [];
    const isReversible = plan.kind === 'reversed' || (plan.kind === 'optionalReversed' && !isFieldEmpty(field(plan.addReverse)));
    const id = noteIds.take(baseGuid);
    const input: NoteInput = { id, guid: baseGuid, type: isReversible ? 'reversible' : 'basic', front, back, ...common };
    const cardsByOrd = new Map<number, { template: CardTemplate; ordinal: number }>(
      isReversible
        ? [
            [0, { template: 'forward', ordinal: 0 }],
            [1, { template: 'reverse', ordinal: 1 }],
          ]
        : [[0, { template: 'basic', ordinal: 0 }]],
    );
    return [{ deckName, input, cardsByOrd }];
  }

  const byName = new Map<string, string>();
  noteType.fields.forEach((name, index) => byName.set(name, field(index)));
  const nonEmpty = new Set([...byName].filter(([, value]) => !isFieldEmpty(value)).map(([name]) => name));
  const made: MadeNote[] = [];
  for (const template of plan.templates) {
    const card = cards.find((candidate) => candidate.ord === template.ord);
    // The package's cards say which templates a note has; without any, Anki's own rule decides.
    if (cards.length > 0 ? !card : !templateRendersWith(template.question, nonEmpty)) continue;
    const cardDeck = card ? deckNameOf(card, decks) : deckName;
    const context: RenderContext = {
      fields: byName,
      side: 'question',
      cardOrd: template.ord,
      frontSide: '',
      special: {
        Tags: note.tags.join(' '),
        Type: noteType.name,
        Deck: cardDeck,
        Subdeck: cardDeck.split('::').pop() ?? cardDeck,
        Card: template.name,
        CardFlag: '',
      },
    };
    const question = renderTemplate(template.question, context);
    const front = cleanRendered(question);
    if (!hasVisibleContent(front)) continue;
    const back = cleanRendered(answerWithoutQuestion(renderTemplate(template.answer, { ...context, side: 'answer' }), question));
    const guid = template.ord === 0 ? baseGuid : `${baseGuid}-t${template.ord}`;
    const input: NoteInput = { id: noteIds.take(guid), guid, type: 'basic', front, back, ...common };
    made.push({ deckName: cardDeck, input, cardsByOrd: new Map([[template.ord, { template: 'basic', ordinal: 0 }]]) });
  }
  return made;
}
