import { describe, expect, it } from 'vitest';
import { DECK_FORMAT, DECK_FORMAT_VERSION, expandDeckFile, validateDeckFile, type DeckFileV1, type DeckIssue } from '../../src/domain/deckFormat';
import { clozeNumbers, hasMalformedCloze, parseClozes, renderCloze } from '../../src/domain/cloze';
import { deckIssueMessage } from '../../src/features/import/importMessages';
import { createScreenTranslator } from '../../src/ui/i18n';
import { IMPORT_MESSAGES } from '../../src/ui/i18n/screens/import';

const t = createScreenTranslator(IMPORT_MESSAGES, 'en');

/** An issue as the English UI words it. */
function english(issue: DeckIssue): string {
  return deckIssueMessage(issue, t);
}

/** A valid file with one note of each type; tests break one thing at a time. */
function validFile(): { [field: string]: unknown; deck: Record<string, unknown>; cards: unknown[] } {
  return {
    $schema: './deck.schema.json',
    format: DECK_FORMAT,
    version: 1,
    deck: { id: 'demo', name: 'Demo', description: 'A small deck', group: 'Tests', contentVersion: '1' },
    cards: [
      { id: 'b-1', type: 'basic', front: 'Q?', back: 'A.', tags: ['t1'], source: 'Section' },
      { id: 'r-1', type: 'reversible', front: 'Fixed', back: 'Growth' },
      { id: 'c-1', type: 'cloze', text: '{{c1::Paris}} is in {{c2::France::country}}', extra: 'Geography.' },
    ],
  };
}

function errorsOf(input: unknown): DeckIssue[] {
  const result = validateDeckFile(input);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
}

function messagesOf(input: unknown): string[] {
  return errorsOf(input).map(english);
}

describe('validateDeckFile', () => {
  it('accepts a valid file with one note of each type and no warnings', () => {
    const result = validateDeckFile(validFile());
    expect(result).toEqual({
      ok: true,
      warnings: [],
      file: {
        format: DECK_FORMAT,
        version: 1,
        deck: { id: 'demo', name: 'Demo', description: 'A small deck', group: 'Tests', contentVersion: '1' },
        cards: [
          { id: 'b-1', type: 'basic', front: 'Q?', back: 'A.', tags: ['t1'], source: 'Section' },
          { id: 'r-1', type: 'reversible', front: 'Fixed', back: 'Growth' },
          { id: 'c-1', type: 'cloze', text: '{{c1::Paris}} is in {{c2::France::country}}', extra: 'Geography.' },
        ],
      },
    });
    expect(DECK_FORMAT_VERSION).toBe(1);
  });

  it('refuses things that are not an object', () => {
    for (const input of [null, 'deck', 42, [], undefined]) {
      expect(messagesOf(input)[0]).toMatch(/^A deck file must be a JSON object/);
    }
  });

  it('refuses a missing or wrong format with a clear error', () => {
    const missing = validFile();
    delete missing.format;
    expect(messagesOf(missing)).toEqual([
      'The field "format" is missing; a deck file starts with "format": "interview-flashcards/deck".',
    ]);
    expect(messagesOf({ ...validFile(), format: 'anki' })).toEqual([
      'The field "format" is the text "anki", not "interview-flashcards/deck"; this is not a deck file for this app.',
    ]);
  });

  it('refuses a newer version without reading the rest of the file', () => {
    const newer = { ...validFile(), version: 2, cards: 'changed in v2' };
    expect(errorsOf(newer)).toEqual([{ code: 'versionTooNew', path: 'version', field: 'version', version: 2 }]);
    expect(messagesOf(newer)).toEqual(['This deck file is format version 2; this app reads version 1 and older. Update the app to open it.']);
  });

  it('refuses a missing, fractional, zero or text version', () => {
    const missing = validFile();
    delete missing.version;
    expect(messagesOf(missing)[0]).toMatch(/"version" is missing/);
    for (const version of [1.5, 0, -1, '1']) {
      expect(messagesOf({ ...validFile(), version })[0]).toMatch(/"version" must be a whole number/);
    }
  });

  it('refuses a missing deck and missing deck fields, naming the field', () => {
    expect(messagesOf({ ...validFile(), deck: undefined })[0]).toMatch(/The field "deck" is missing/);

    const file = validFile();
    delete file.deck.name;
    file.deck.id = '';
    expect(errorsOf(file)).toEqual([
      { code: 'fieldEmpty', path: 'deck.id', field: 'id', scope: { of: 'deck' } },
      { code: 'fieldMissing', path: 'deck.name', field: 'name', scope: { of: 'deck' } },
    ]);
    expect(messagesOf(file)).toEqual(['Deck: the field "id" is empty.', 'Deck: the field "name" is missing.']);
  });

  it('refuses missing and empty card fields, naming the card and field', () => {
    const file = validFile();
    file.cards.push({ id: 'q-failed', type: 'basic', front: 'Tell me about a failure' });
    file.cards.push({ id: 'q-blank', type: 'reversible', front: 'x', back: '   ' });
    expect(errorsOf(file)).toEqual([
      { code: 'fieldMissing', path: 'cards[3].back', cardId: 'q-failed', field: 'back', scope: { of: 'card', index: 3, id: 'q-failed' } },
      { code: 'fieldEmpty', path: 'cards[4].back', cardId: 'q-blank', field: 'back', scope: { of: 'card', index: 4, id: 'q-blank' } },
    ]);
    expect(messagesOf(file)).toEqual([
      'Card "q-failed" (cards[3]): the field "back" is missing.',
      'Card "q-blank" (cards[4]): the field "back" is empty.',
    ]);
  });

  it('refuses wrong types, naming what was found', () => {
    const file = validFile();
    file.cards = [
      { id: 'n-1', type: 'basic', front: 12, back: 'ok' },
      { id: 'n-2', type: 'basic', front: 'ok', back: 'ok', tags: 'one' },
      { id: 'n-3', type: 'basic', front: 'ok', back: 'ok', tags: ['a', ''] },
      { id: 'n-4', type: 'flip', front: 'ok', back: 'ok' },
      { id: 'n-5', front: 'ok', back: 'ok' },
      'not a card',
      { id: 7, type: 'basic', front: 'ok', back: 'ok' },
    ];
    expect(messagesOf(file)).toEqual([
      'Card "n-1" (cards[0]): the field "front" must be text; found the number 12.',
      'Card "n-2" (cards[1]): the field "tags" must be a list of text tags; found the text "one".',
      'Card "n-3" (cards[2]): tag 2 in "tags" must be non-empty text; it is empty.',
      'Card "n-4" (cards[3]): the field "type" is "flip"; use "basic", "reversible" or "cloze".',
      'Card "n-5" (cards[4]): the field "type" is missing; use "basic", "reversible" or "cloze".',
      'Card cards[5] must be an object; found the text "not a card".',
      'Card cards[6]: the field "id" must be text; found the number 7.',
    ]);
    expect(messagesOf({ ...validFile(), cards: {} })).toEqual(['The field "cards" must be a list; found an object.']);
  });

  it('refuses ids with whitespace or "::"', () => {
    const file = validFile();
    file.cards = [
      { id: 'has space', type: 'basic', front: 'a', back: 'b' },
      { id: 'x::reverse', type: 'basic', front: 'a', back: 'b' },
    ];
    const errors = errorsOf(file);
    expect(errors.map((e) => [e.path, e.field])).toEqual([
      ['cards[0].id', 'id'],
      ['cards[1].id', 'id'],
    ]);
    expect(errors.map((e) => e.code)).toEqual(['idHasWhitespace', 'idHasDoubleColon']);
    const [whitespace, doubleColon] = errors.map(english);
    expect(whitespace).toMatch(/^Card "has space" \(cards\[0\]\): the id "has space" contains whitespace/);
    expect(doubleColon).toMatch(/^Card "x::reverse" \(cards\[1\]\): the id "x::reverse" contains "::"/);
  });

  it('refuses duplicate card ids, naming both positions', () => {
    const file = validFile();
    file.cards = Array.from({ length: 8 }, (_, i) => ({ id: i === 2 || i === 7 ? 'rf-1' : `n-${i}`, type: 'basic', front: 'a', back: 'b' }));
    expect(errorsOf(file)).toEqual([{ code: 'duplicateCardId', path: 'cards[7].id', cardId: 'rf-1', field: 'id', firstIndex: 2, cardIndex: 7 }]);
    expect(messagesOf(file)).toEqual(['Duplicate card id "rf-1" (cards[2] and cards[7]).']);
  });

  it('refuses cloze notes without a valid cloze', () => {
    const cases: [string, RegExp][] = [
      ['No blanks here', /has no cloze; mark at least one answer as \{\{c1::answer\}\}/],
      ['Broken {{c1:answer}}', /malformed cloze/],
      ['Unclosed {{c1::answer', /malformed cloze/],
      ['Zero {{c0::answer}}', /cloze number 0; cloze numbers start at 1/],
      ['Empty {{c1::  }}', /empty answer in cloze c1/],
      ['Empty hint {{c1::a::}}', /empty hint in cloze c1/],
    ];
    for (const [text, pattern] of cases) {
      const file = validFile();
      file.cards = [{ id: 'cz', type: 'cloze', text }];
      const errors = errorsOf(file);
      expect(errors, text).toHaveLength(1);
      const [message] = errors.map(english);
      expect(message, text).toMatch(/^Card "cz" \(cards\[0\]\): the field "text" /);
      expect(message, text).toMatch(pattern);
      expect(errors[0]?.field).toBe('text');
    }
  });

  it('keeps working on unknown fields, with a warning for each, and drops them from the result', () => {
    const file = validFile();
    file.generator = 'some tool';
    file.deck.author = 'me';
    file.cards[0] = { ...(file.cards[0] as object), hint: 'unknown here', text: 'belongs to cloze notes' };
    const result = validateDeckFile(file);
    if (!result.ok) throw new Error(result.errors.map(english).join('\n'));
    expect(result.warnings.map(english)).toEqual([
      'Unknown top-level field "generator" is ignored.',
      'Deck: unknown field "author" is ignored.',
      'Card "b-1" (cards[0]): unknown field "hint" is ignored.',
      'Card "b-1" (cards[0]): unknown field "text" is ignored.',
    ]);
    expect(result.warnings[2]).toMatchObject({ path: 'cards[0].hint', cardId: 'b-1', field: 'hint' });
    expect(result.file.cards[0]).toEqual({ id: 'b-1', type: 'basic', front: 'Q?', back: 'A.', tags: ['t1'], source: 'Section' });
    expect(result.file).not.toHaveProperty('generator');
  });

  it('reports every error in the file at once', () => {
    const file = validFile();
    file.deck.name = '';
    file.cards = [
      { id: 'a', type: 'basic', front: '', back: 'x' },
      { id: 'b', type: 'cloze', text: 'none' },
    ];
    expect(errorsOf(file).map((e) => e.path)).toEqual(['deck.name', 'cards[0].front', 'cards[1].text']);
  });
});

describe('expandDeckFile', () => {
  function expandValid(): ReturnType<typeof expandDeckFile> {
    const result = validateDeckFile(validFile());
    if (!result.ok) throw new Error('fixture invalid');
    return expandDeckFile(result.file);
  }

  it('makes one card per basic note, two per reversible and one per cloze number, in order', () => {
    expect(expandValid().map((c) => [c.id, c.noteId, c.template, c.position])).toEqual([
      ['b-1', 'b-1', 'basic', 0],
      ['r-1', 'r-1', 'forward', 1],
      ['r-1::reverse', 'r-1', 'reverse', 2],
      ['c-1::c1', 'c-1', 'cloze', 3],
      ['c-1::c2', 'c-1', 'cloze', 4],
    ]);
  });

  it('copies basic content, tags, source and deck id', () => {
    expect(expandValid()[0]).toEqual({
      id: 'b-1',
      noteId: 'b-1',
      deckId: 'demo',
      template: 'basic',
      ordinal: 0,
      front: 'Q?',
      back: 'A.',
      tags: ['t1'],
      source: 'Section',
      position: 0,
    });
  });

  it('swaps front and back on the reverse card', () => {
    const [, forward, reverse] = expandValid();
    expect([forward?.front, forward?.back]).toEqual(['Fixed', 'Growth']);
    expect([reverse?.front, reverse?.back]).toEqual(['Growth', 'Fixed']);
    expect(reverse?.tags).toEqual([]);
    expect(reverse).not.toHaveProperty('source');
  });

  it('blanks one cloze per card, shows hints, bolds the answer and appends extra', () => {
    const [, , , c1, c2] = expandValid();
    expect(c1?.front).toBe('[...] is in France');
    expect(c1?.back).toBe('**Paris** is in France\n\nGeography.');
    expect(c2?.front).toBe('Paris is in [country]');
    expect(c2?.back).toBe('Paris is in **France**\n\nGeography.');
  });

  it('makes one card for a cloze number used twice, and sorts numbers', () => {
    const file: DeckFileV1 = {
      format: DECK_FORMAT,
      version: 1,
      deck: { id: 'd', name: 'D', description: '' },
      cards: [{ id: 'n', type: 'cloze', text: '{{c3::a}} {{c1::b}} {{c3::c}}' }],
    };
    expect(expandDeckFile(file).map((c) => [c.id, c.front, c.back])).toEqual([
      ['n::c1', 'a [...] c', 'a **b** c'],
      ['n::c3', '[...] b [...]', '**a** b **c**'],
    ]);
  });
});

describe('cloze helpers', () => {
  it('parses answers, hints and positions', () => {
    expect(parseClozes('{{c1::Paris}} is in {{c2::France::country}}')).toEqual([
      { number: 1, answer: 'Paris', start: 0, end: 13 },
      { number: 2, answer: 'France', hint: 'country', start: 20, end: 43 },
    ]);
    expect(clozeNumbers('{{c2::a}} {{c1::b}} {{c2::c}}')).toEqual([1, 2]);
    expect(renderCloze('{{c1::a}} and {{c2::b::hint}}', 2)).toEqual({ front: 'a and [hint]', back: 'a and **b**' });
  });

  it('spots malformed clozes', () => {
    expect(hasMalformedCloze('{{c1::ok}} fine')).toBe(false);
    expect(hasMalformedCloze('{{c1:bad}}')).toBe(true);
    expect(hasMalformedCloze('{c1::single braces}')).toBe(false);
  });
});
