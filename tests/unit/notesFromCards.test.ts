// Notes rebuilt from version-1 cards (`notesFromCards`), for the cards a
// note cannot simply take: a stray reverse card, cloze cards that do not
// read back into one text, the same note id in two decks. Card ids never
// change (their history points at them), so each such note keeps what its
// cards' ids start with, and expanding any rebuilt note gives back exactly
// its stored cards.
import { describe, expect, it } from 'vitest';
import { cardIdBaseOf, expandNote, notesFromCards, type CardRecordV1 } from '../../src/domain/notes';
import { createNewCardState } from '../../src/domain/scheduler';
import type { CardTemplate, NoteRecord } from '../../src/domain/types';

const NOW = Date.UTC(2026, 10, 1);

function v1Card(deckId: string, id: string, noteId: string, template: CardTemplate, front: string, back: string, position: number): CardRecordV1 {
  return { id, noteId, deckId, template, front, back, tags: [], position, ...createNewCardState(NOW) };
}

const cards: CardRecordV1[] = [
  // A reverse card whose forward card is gone.
  v1Card('a', 'lone::reverse', 'lone', 'reverse', 'B side', 'A side', 0),
  // Two cloze cards of one note whose texts disagree: each becomes a note of its own.
  v1Card('a', 'odd::c1', 'odd', 'cloze', '[...] and two', '**one** and two', 1),
  v1Card('a', 'odd::c2', 'odd', 'cloze', 'one and [...] more', 'one and **two** more', 2),
  // The same note id in two decks: a cloze pair in each.
  v1Card('a', 'same::c1', 'same', 'cloze', '[...] is red', '**Mars** is red', 3),
  v1Card('b', 'same::c1x', 'same', 'basic', 'x', 'y', 0),
  // A note id with nothing unusual.
  v1Card('b', 'plain', 'plain', 'basic', 'Q', 'A', 1),
];

describe('notesFromCards', () => {
  const rebuilt = notesFromCards(cards, () => ({ kind: 'upgrade' }));
  const byNote = (note: NoteRecord) => rebuilt.cards.filter((card) => card.noteId === note.id);

  it('gives every card one note, and each note expands to exactly its cards (ids, templates, ordinals, text)', () => {
    expect(rebuilt.cards.map((card) => card.id).sort()).toEqual(cards.map((card) => card.id).sort());
    for (const note of rebuilt.notes) {
      const mine = byNote(note).sort((a, b) => a.position - b.position);
      expect(expandNote(note, 0).map((card) => [card.id, card.template, card.ordinal, card.front, card.back])).toEqual(
        mine.map((card) => [card.id, card.template, card.ordinal, card.front, card.back]),
      );
    }
    expect(new Set(rebuilt.notes.map((note) => note.id)).size).toBe(rebuilt.notes.length);
  });

  it('turns a stray card into the basic card of a note of its own, which keeps the card id as its base', () => {
    const lone = rebuilt.notes.find((note) => note.cardIdBase === 'lone::reverse');
    expect(lone).toMatchObject({ type: 'basic', front: 'B side', back: 'A side' });
    expect(rebuilt.changed.find((card) => card.id === 'lone::reverse')).toMatchObject({ template: 'basic', ordinal: 0, noteId: lone?.id });
    expect(rebuilt.unreadCloze).toBe(1);
    // Only the cards whose note or template changed are to be rewritten.
    expect(rebuilt.changed.map((card) => card.id).sort()).toEqual(['lone::reverse', 'odd::c1', 'odd::c2', 'same::c1x']);
  });

  it('finds the siblings of any card from its id alone', () => {
    expect(cardIdBaseOf({ id: 'same::c1', template: 'cloze' })).toBe('same');
    expect(cardIdBaseOf({ id: 'q1::reverse', template: 'reverse' })).toBe('q1');
    expect(cardIdBaseOf({ id: 'lone::reverse', template: 'basic' })).toBe('lone::reverse');
  });

  it('never takes an id already stored', () => {
    const again = notesFromCards([cards[5] as CardRecordV1], () => ({ kind: 'upgrade' }), new Set(['plain']));
    expect(again.notes[0]?.id).not.toBe('plain');
    expect(again.notes[0]?.cardIdBase).toBe('plain');
    expect(expandNote(again.notes[0] as NoteRecord, 0).map((card) => card.id)).toEqual(['plain']);
  });
});
