import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, decodeImportBytes, detectImportFormat, parseImportFile } from '../../../src/domain/importers';
import { errors, fixture } from './helpers';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseImportFile', () => {
  it('refuses a file over the size limit before reading it', () => {
    const result = parseImportFile(new Uint8Array(MAX_IMPORT_BYTES + 1), { fileName: 'huge.csv' });
    expect(errors(result)).toEqual([expect.stringMatching(/too large \(20\.0 MB\)\. The limit is 20 MB/)]);
    expect(result.decks).toEqual([]);
  });

  it('says "The file is empty." for zero bytes and for blank text', () => {
    expect(errors(parseImportFile(fixture('empty.csv'), { fileName: 'empty.csv' }))).toEqual(['The file is empty.']);
    expect(errors(parseImportFile(fixture('blank.csv'), { fileName: 'blank.csv' }))).toEqual(['The file is empty.']);
    expect(errors(parseImportFile(utf8('\uFEFF'), { fileName: 'bom-only.json' }))).toEqual(['The file is empty.']);
  });

  it('refuses Latin-1 bytes with a clear encoding message', () => {
    const result = parseImportFile(fixture('latin1.csv'), { fileName: 'latin1.csv' });
    expect(errors(result)).toEqual([expect.stringMatching(/^The file is not UTF-8 text/)]);
    expect(result.decks).toEqual([]);
  });

  it('refuses UTF-16 text by its byte-order mark', () => {
    const result = decodeImportBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00]));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/UTF-16/) as unknown });
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeImportBytes(utf8('\uFEFFhello'))).toEqual({ ok: true, text: 'hello' });
  });

  it('dispatches by extension and, for .txt, by content', () => {
    expect(detectImportFormat('deck.json', '')).toBe('deck-json');
    expect(detectImportFormat('chapter.md', '')).toBe('chapter-markdown');
    expect(detectImportFormat('cards.csv', '# heading')).toBe('anki-text');
    expect(detectImportFormat('notes.txt', '#separator:tab\na\tb')).toBe('anki-text');
    expect(detectImportFormat('chapter.txt', '# 03. Failure\n\n## "Q"')).toBe('chapter-markdown');
    expect(detectImportFormat('export', '{"format":"interview-flashcards/deck"}')).toBe('deck-json');
  });

  it('renames a single deck with options.deckName but keeps its id', () => {
    const result = parseImportFile(fixture('deck-good.json'), { fileName: 'deck-good.json', deckName: 'My STAR' });
    expect(result.decks[0]?.deck).toMatchObject({ id: 'star-basics', name: 'My STAR' });
  });

  it('rechecks parsed notes with the deck validator', () => {
    // A cloze row whose deletion is empty passes the row checks only if the validator catches it.
    const result = parseImportFile(utf8('#separator:tab\n#notetype:Cloze\n{{c1::}} is empty\textra\n'), { fileName: 'x.txt' });
    expect(errors(result).length).toBeGreaterThan(0);
  });
});
