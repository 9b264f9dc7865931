/**
 * Turns stored cards back into notes of the deck format, for the exporters.
 * A forward card and a reverse card of the same note become one reversible
 * note again; every other card becomes a basic note with the card's own
 * front and back (cloze cards lose their `{{c1::...}}` source, which storage
 * does not keep).
 */
import type { DeckMeta, NoteInput } from '../deckFormat';
import type { CardContent, DeckRecord } from '../types';
import { IdAllocator, isValidId } from '../importers/text';

/** What the exporters need of a deck: a `DeckRecord` or a deck file's `DeckMeta` both fit. */
export type ExportDeck = Pick<DeckRecord, 'id' | 'name' | 'description'> & Partial<Pick<DeckRecord, 'group' | 'contentVersion'>>;

/** The deck file's `deck` object for an exported deck (app-only fields such as `optionsId` dropped). */
export function exportDeckMeta(deck: ExportDeck): DeckMeta {
  const meta: DeckMeta = { id: deck.id, name: deck.name, description: deck.description };
  if (deck.group !== undefined) meta.group = deck.group;
  if (deck.contentVersion !== undefined) meta.contentVersion = deck.contentVersion;
  return meta;
}

/** A note id for a card: the card id, with the `::` reserved for card ids turned into `--` (`q1::c2` -> `q1--c2`). */
function noteIdFor(card: CardContent): string {
  const id = card.id.replace(/::/g, '--').replace(/\s+/g, '-');
  return isValidId(id) ? id : `card-${card.position}`;
}

/**
 * Groups cards back into notes, in card `position` order.
 *
 * @example
 * cardsToNotes([
 *   { id: 'q1', noteId: 'q1', deckId: 'd', template: 'forward', front: 'A', back: 'B', tags: [], position: 0 },
 *   { id: 'q1::reverse', noteId: 'q1', deckId: 'd', template: 'reverse', front: 'B', back: 'A', tags: [], position: 1 },
 * ]);
 * // [{ id: 'q1', type: 'reversible', front: 'A', back: 'B' }]
 */
export function cardsToNotes(cards: readonly CardContent[]): NoteInput[] {
  const ordered = [...cards].sort((a, b) => a.position - b.position);
  const byNote = new Map<string, CardContent[]>();
  for (const card of ordered) {
    const group = byNote.get(card.noteId);
    if (group) group.push(card);
    else byNote.set(card.noteId, [card]);
  }
  const ids = new IdAllocator();
  const notes: NoteInput[] = [];
  const extras = (card: CardContent): Pick<NoteInput, 'tags' | 'source'> => ({
    ...(card.tags.length > 0 ? { tags: [...card.tags] } : {}),
    ...(card.source !== undefined ? { source: card.source } : {}),
  });
  for (const [noteId, group] of byNote) {
    const forward = group.find((c) => c.template === 'forward');
    const reverse = group.find((c) => c.template === 'reverse');
    if (group.length === 2 && forward && reverse && isValidId(noteId)) {
      notes.push({ id: ids.take(noteId), type: 'reversible', front: forward.front, back: forward.back, ...extras(forward) });
      continue;
    }
    for (const card of group) {
      notes.push({ id: ids.take(noteIdFor(card)), type: 'basic', front: card.front, back: card.back, ...extras(card) });
    }
  }
  return notes;
}
