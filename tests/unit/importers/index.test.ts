import { describe, expect, it } from 'vitest';
import {
  IMPORTERS,
  MAX_IMPORT_BYTES,
  decodeImportBytes,
  detectImportFormat,
  importAccept,
  importFileTypes,
  parseImportFile,
  toDeckFile,
  type Importer,
} from '../../../src/domain/importers';
import { SNIFF } from '../../../src/domain/importers/types';
import { english, errors, fixture } from './helpers';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseImportFile', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const result = await parseImportFile(new Uint8Array(MAX_IMPORT_BYTES + 1), { fileName: 'huge.csv' });
    expect(errors(result)).toEqual([expect.stringMatching(/too large \(20\.0 MB\)\. The limit is 20 MB/)]);
    expect(result.messages).toEqual([{ severity: 'error', code: 'fileTooLarge', sizeMb: '20.0', limitMb: 20 }]);
    expect(result.decks).toEqual([]);
  });

  it('says "The file is empty." for zero bytes and for blank text', async () => {
    expect(errors(await parseImportFile(fixture('empty.csv'), { fileName: 'empty.csv' }))).toEqual(['The file is empty.']);
    expect(errors(await parseImportFile(fixture('blank.csv'), { fileName: 'blank.csv' }))).toEqual(['The file is empty.']);
    expect(errors(await parseImportFile(utf8('\uFEFF'), { fileName: 'bom-only.json' }))).toEqual(['The file is empty.']);
  });

  it('refuses Latin-1 bytes with a clear encoding message', async () => {
    const result = await parseImportFile(fixture('latin1.csv'), { fileName: 'latin1.csv' });
    expect(errors(result)).toEqual([expect.stringMatching(/^The file is not UTF-8 text/)]);
    expect(result.decks).toEqual([]);
  });

  it('refuses UTF-16 text by its byte-order mark', () => {
    const result = decodeImportBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00]));
    expect(result).toEqual({ ok: false, problem: { code: 'utf16' } });
    if (!result.ok) expect(english({ severity: 'error', ...result.problem })).toMatch(/UTF-16/);
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeImportBytes(utf8('\uFEFFhello'))).toEqual({ ok: true, text: 'hello' });
  });

  it('dispatches by extension and, for .txt, by content', () => {
    expect(detectImportFormat('deck.json', '')).toBe('deck-json');
    expect(detectImportFormat('chapter.md', '')).toBe('chapter-markdown');
    expect(detectImportFormat('chapter.markdown', '')).toBe('chapter-markdown');
    expect(detectImportFormat('cards.csv', '# heading')).toBe('anki-text');
    expect(detectImportFormat('notes.txt', '#separator:tab\na\tb')).toBe('anki-text');
    expect(detectImportFormat('chapter.txt', '# 03. Failure\n\n## "Q"')).toBe('chapter-markdown');
    expect(detectImportFormat('export', '{"format":"interview-flashcards/deck"}')).toBe('deck-json');
    expect(detectImportFormat('export', '{"other": 1}')).toBe('deck-json');
    expect(detectImportFormat('export.txt', utf8('{"format":"interview-flashcards/deck"}'))).toBe('deck-json');
  });

  it('renames a single deck with options.deckName but keeps its id', async () => {
    const result = await parseImportFile(fixture('deck-good.json'), { fileName: 'deck-good.json', deckName: 'My STAR' });
    expect(result.decks[0]?.deck).toMatchObject({ id: 'star-basics', name: 'My STAR' });
  });

  it('rechecks parsed notes with the deck validator', async () => {
    // A cloze row whose deletion is empty passes the row checks only if the validator catches it.
    const result = await parseImportFile(utf8('#separator:tab\n#notetype:Cloze\n{{c1::}} is empty\textra\n'), { fileName: 'x.txt' });
    // The card is left out with its row; nothing else is left, so the file is refused.
    expect(result.messages).toEqual([
      expect.objectContaining({ severity: 'skip', code: 'deckFile', line: 3, issue: expect.objectContaining({ code: 'clozeEmptyAnswer' }) as unknown }),
      { severity: 'error', code: 'noImportableRows', skipped: 1 },
    ]);
    expect(result.messages.map(english)[0]).toMatch(/^Row 3: Card "anki-[0-9a-f]+" \(cards\[0\]\): the field "text" has an empty answer in cloze c1\.$/);
    expect(result.decks).toEqual([]);
  });

  it('returns plain data that survives structured cloning (the worker boundary)', async () => {
    const results = await Promise.all([
      parseImportFile(fixture('missing-columns.txt'), { fileName: 'missing-columns.txt' }),
      parseImportFile(fixture('deck-newer.json'), { fileName: 'deck-newer.json' }),
      parseImportFile(fixture('05-leadership.md'), { fileName: '05-leadership.md' }),
    ]);
    for (const result of results) {
      expect(result.messages.length + result.unknownSections.length).toBeGreaterThan(0);
      expect(structuredClone(result)).toEqual(result);
    }
  });
});

describe('the importer registry', () => {
  it('derives the file input accept string from the formats', () => {
    expect(importAccept).toBe('.json,.csv,.tsv,.txt,.md,.markdown,.apkg,.colpkg,application/json,text/csv,text/tab-separated-values,text/plain,text/markdown,application/apkg');
  });

  it('derives the manifest file types, MIME type to extensions, without repeats', () => {
    expect(importFileTypes).toEqual({
      'application/json': ['.json'],
      'text/csv': ['.csv'],
      'text/tab-separated-values': ['.tsv'],
      'text/plain': ['.txt'],
      'text/markdown': ['.md', '.markdown'],
      'application/apkg': ['.apkg', '.colpkg'],
    });
  });

  it('has one entry per format', () => {
    const formats = IMPORTERS.map((importer) => importer.format);
    expect(new Set(formats).size).toBe(formats.length);
    expect(formats).toEqual(['deck-json', 'anki-text', 'chapter-markdown', 'anki-package']);
  });

  it('takes a binary format with an async parser as an entry (as Anki .apkg will be)', async () => {
    const zip = {
      format: 'zip-demo',
      reads: 'bytes',
      decksBy: 'name',
      accept: { 'application/zip': ['.zip'] },
      sniff: ({ bytes }) => (bytes[0] === 0x50 && bytes[1] === 0x4b ? SNIFF.certain : SNIFF.no),
      parse: async (bytes) => {
        await Promise.resolve();
        return { decks: [], messages: [], unknownSections: [{ headings: [`${bytes.length} bytes`], line: 1 }] };
      },
    } satisfies Importer;
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4]);
    expect(zip.sniff({ bytes, text: '' })).toBe(SNIFF.certain);
    expect((await zip.parse(bytes)).unknownSections).toEqual([{ headings: ['4 bytes'], line: 1 }]);
  });
});

describe('toDeckFile', () => {
  it('wraps a parsed deck in the deck file envelope', () => {
    const deck = { id: 'd', name: 'D', description: '' };
    const notes = [{ id: 'n', type: 'basic' as const, front: 'Q', back: 'A' }];
    expect(toDeckFile({ deck, notes, deckName: 'D' })).toEqual({ format: 'interview-flashcards/deck', version: 1, deck, cards: notes });
  });
});
