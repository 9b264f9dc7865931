import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/domain/importers';
import { jsonErrorLocation } from '../../../src/domain/importers/deckJson';
import { english, errors, fixture, warnings } from './helpers';

describe('deck JSON importer', () => {
  it('reads a valid deck file, with the validator warnings for unknown fields', async () => {
    const result = await parseImportFile(fixture('deck-good.json'), { fileName: 'deck-good.json' });
    expect(result.format).toBe('deck-json');
    expect(errors(result)).toEqual([]);
    expect(warnings(result)).toEqual([expect.stringContaining('unknown field "extraField"')]);
    expect(result.decks).toHaveLength(1);
    expect(result.decks[0]?.deck.name).toBe('STAR basics');
    expect(result.decks[0]?.notes.map((n) => n.id)).toEqual(['star-s', 'star-rev', 'star-cloze']);
  });

  it('reports invalid JSON with the line of the error', async () => {
    const result = await parseImportFile(fixture('deck-bad-syntax.json'), { fileName: 'deck-bad-syntax.json' });
    expect(result.decks).toEqual([]);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({ severity: 'error', code: 'invalidJson', line: 5 });
    expect(result.messages.map(english)[0]).toMatch(/^The file is not valid JSON \(line 5, column \d+\)/);
  });

  it('refuses a newer format version with the validator message', async () => {
    const result = await parseImportFile(fixture('deck-newer.json'), { fileName: 'deck-newer.json' });
    expect(errors(result)).toEqual([expect.stringMatching(/format version 2.*Update the app/)]);
    expect(result.decks).toEqual([]);
  });

  it('passes on validator errors such as a missing back', async () => {
    const text = JSON.stringify({
      format: 'interview-flashcards/deck',
      version: 1,
      deck: { id: 'd', name: 'D', description: '' },
      cards: [{ id: 'a', type: 'basic', front: 'Q' }],
    });
    const result = await parseImportFile(new TextEncoder().encode(text), { fileName: 'd.json' });
    expect(errors(result)).toEqual([expect.stringContaining('"back" is missing')]);
  });

  it('refuses a card whose back shows nothing (only zero-width characters)', async () => {
    const text = JSON.stringify({
      format: 'interview-flashcards/deck',
      version: 1,
      deck: { id: 'd', name: 'D', description: '' },
      cards: [{ id: 'a', type: 'basic', front: 'Q', back: '\u200B\u2060' }],
    });
    const result = await parseImportFile(new TextEncoder().encode(text), { fileName: 'd.json' });
    expect(errors(result)).toEqual(['Card "a" (cards[0]): the field "back" is empty.']);
    expect(result.decks).toEqual([]);
  });

  it('refuses an unclosed cloze at once, however long the text', async () => {
    const text = JSON.stringify({
      format: 'interview-flashcards/deck',
      version: 1,
      deck: { id: 'd', name: 'D', description: '' },
      cards: [{ id: 'a', type: 'cloze', text: '{{c1::open '.repeat(50_000) }],
    });
    const started = performance.now();
    const result = await parseImportFile(new TextEncoder().encode(text), { fileName: 'd.json' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.messages).toEqual([expect.objectContaining({ severity: 'error', code: 'deckFile', issue: expect.objectContaining({ code: 'clozeMalformed' }) as unknown })]);
  });

  it('finds the line from either engine message style', () => {
    expect(jsonErrorLocation('{\n\n  x', new SyntaxError('Unexpected token x in JSON at position 5'))).toEqual({ line: 3, column: 3 });
    expect(jsonErrorLocation('', new SyntaxError('JSON.parse: expected property name at line 7 column 2 of the JSON data'))).toEqual({
      line: 7,
      column: 2,
    });
    expect(jsonErrorLocation('{}', new SyntaxError('Unexpected identifier'))).toBeUndefined();
  });
});
