import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/domain/importers';
import { ankiGuidToId, sniffSeparator } from '../../../src/domain/importers/ankiText';
import { fnv1a64 } from '../../../src/domain/importers/text';
import { english, errors, fixture, warnings } from './helpers';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('Anki text importer: Anki export with headers', async () => {
  const result = await parseImportFile(fixture('anki-export.txt'), { fileName: 'anki-export.txt' });

  it('reads it without errors and warns about unknown headers by line', () => {
    expect(result.format).toBe('anki-text');
    expect(errors(result)).toEqual([]);
    expect(result.messages.filter((m) => m.severity === 'warning' && m.line === 8).map(english)).toEqual([expect.stringContaining('#frobnicate')]);
    expect(result.messages).toContainEqual(expect.objectContaining({ severity: 'warning', line: 7 }));
  });

  it('splits notes into decks by the deck column, parent deck as group', () => {
    expect(result.decks.map((d) => [d.deck.id, d.deck.name, d.deck.group, d.deckName])).toEqual([
      ['anki-interview-behavioral', 'Behavioral', 'Interview', 'Interview::Behavioral'],
      ['anki-interview-leadership', 'Leadership', 'Interview', 'Interview::Leadership'],
    ]);
  });

  it('maps note types, guids, tags and <br> in HTML fields', () => {
    const [behavioral, leadership] = result.decks;
    expect(behavioral?.notes).toEqual([
      {
        id: 'anki-f_23_K9_7d_x',
        guid: 'anki-f_23_K9_7d_x',
        type: 'basic',
        front: 'Tell me about a time you failed',
        back: 'STAR:\nSituation, Task, Action, Result',
        tags: ['behavioral', 'star'],
      },
      { id: 'fl-q2', guid: 'fl-q2', type: 'reversible', front: 'Growth mindset', back: 'Believing skills grow with effort', tags: ['mindset'] },
    ]);
    expect(leadership?.notes[0]).toEqual({ id: 'fl-q3', guid: 'fl-q3', type: 'cloze', text: '{{c1::Servant}} leadership removes blockers', extra: 'Greenleaf, 1970' });
  });

  it('keeps quoted separators, doubled quotes and newlines inside fields', () => {
    expect(result.decks[1]?.notes[1]).toMatchObject({ front: 'A "quoted" front, with a\ttab', back: 'Line one\nline two' });
  });
});

describe('Anki text importer: separators and plain CSV', () => {
  it('sniffs semicolons, strips the BOM, skips blank lines', async () => {
    const result = await parseImportFile(fixture('semicolon-bom.csv'), { fileName: 'semicolon-bom.csv' });
    expect(errors(result)).toEqual([]);
    const notes = result.decks[0]?.notes ?? [];
    expect(notes.map((n) => (n.type === 'cloze' ? n.text : [n.front, n.back]))).toEqual([
      ['What is STAR?', 'Situation; Task; Action; Result'],
      ['He said "hi"', 'Back two'],
      ['Third front', 'Third back'],
    ]);
    expect(result.decks[0]?.deck).toMatchObject({ id: 'anki-semicolon-bom', name: 'semicolon-bom' });
  });

  it('sniffs commas and skips a row of column names', async () => {
    const result = await parseImportFile(fixture('comma-with-names.csv'), { fileName: 'comma-with-names.csv' });
    expect(errors(result)).toEqual([]);
    expect(warnings(result)).toEqual([expect.stringMatching(/^Row 1 looks like column names/)]);
    expect(result.decks[0]?.notes[0]).toMatchObject({ front: 'What is a postmortem?', back: 'A blameless review, after an incident' });
  });

  it('prefers tab, then semicolon, then comma', () => {
    expect(sniffSeparator('a\tb;c,d\n')).toBe('\t');
    expect(sniffSeparator('a;b,c\n')).toBe(';');
    expect(sniffSeparator('"x;y",z\nw,v\n')).toBe(',');
    expect(sniffSeparator('one field\n')).toBe('\t');
  });

  it('honours a literal and a named #separator', async () => {
    const pipe = await parseImportFile(utf8('#separator:Pipe\nfront|back\n'), { fileName: 'p.txt' });
    expect(pipe.decks[0]?.notes[0]).toMatchObject({ front: 'front', back: 'back' });
    const literal = await parseImportFile(utf8('#separator:~\nfront~back\n'), { fileName: 'p.txt' });
    expect(literal.decks[0]?.notes[0]).toMatchObject({ front: 'front', back: 'back' });
  });

  it('gives the same hash id to the same front on every import', async () => {
    const a = await parseImportFile(fixture('semicolon-bom.csv'), { fileName: 'a.csv' });
    const b = await parseImportFile(fixture('semicolon-bom.csv'), { fileName: 'renamed.csv' });
    expect(a.decks[0]?.notes.map((n) => n.id)).toEqual(b.decks[0]?.notes.map((n) => n.id));
    expect(a.decks[0]?.notes[0]?.id).toBe(`anki-${fnv1a64('What is STAR?')}`);
  });
});

describe('Anki text importer: column mapping', () => {
  it('asks for a column mapping for a headerless file with more than two columns', async () => {
    const result = await parseImportFile(fixture('three-columns.tsv'), { fileName: 'three-columns.tsv' });
    expect(result.decks).toEqual([]);
    expect(errors(result)).toEqual([]);
    expect(result.needsColumnMapping).toEqual({
      columnCount: 4,
      sampleRows: [
        ['q1', 'Question one', 'Answer one', 'tag1'],
        ['q2', 'Question two', 'Answer two', 'tag2'],
      ],
    });
  });

  it('uses the mapping when it is given', async () => {
    const result = await parseImportFile(fixture('three-columns.tsv'), { fileName: 'three-columns.tsv', columnMapping: { front: 1, back: 2, tags: 3 } });
    expect(result.needsColumnMapping).toBeUndefined();
    expect(result.decks[0]?.notes[0]).toMatchObject({ type: 'basic', front: 'Question one', back: 'Answer one', tags: ['tag1'] });
  });

  it('refuses a mapping that points past the last column', async () => {
    const result = await parseImportFile(fixture('three-columns.tsv'), { fileName: 'three-columns.tsv', columnMapping: { front: 1, back: 9 } });
    expect(errors(result)).toEqual(['The back is mapped to column 10, but the file has only 4 columns.']);
  });
});

describe('Anki text importer: row errors', () => {
  it('names the row (file line, counting headers) for missing columns and empty fields', async () => {
    const result = await parseImportFile(fixture('missing-columns.txt'), { fileName: 'missing-columns.txt' });
    const rowErrors = result.messages.filter((m) => m.severity === 'error');
    expect(rowErrors).toEqual([
      { severity: 'error', code: 'tooFewColumns', line: 3, expected: 2, found: 1, isCloze: false },
      { severity: 'error', code: 'emptyBack', line: 4 },
      { severity: 'error', code: 'emptyFront', line: 5 },
    ]);
    expect(rowErrors.map(english)).toEqual([
      expect.stringMatching(/^Row 3: expected at least 2 columns \(the front and back\) but found 1/),
      'Row 4: the back of the card is empty.',
      'Row 5: the front of the card is empty.',
    ]);
  });

  it('reports duplicate fronts naming both rows', async () => {
    const result = await parseImportFile(fixture('duplicate-fronts.tsv'), { fileName: 'duplicate-fronts.tsv' });
    expect(errors(result)).toEqual([expect.stringMatching(/^Rows 1 and 3 have the same front text/)]);
  });

  it('reports duplicate guids naming both rows', async () => {
    const result = await parseImportFile(fixture('duplicate-guids.txt'), { fileName: 'duplicate-guids.txt' });
    expect(errors(result)).toEqual([expect.stringMatching(/^Rows 3 and 5 have the same guid "abc"/)]);
  });

  it('counts rows by file line when a quoted field spans lines', async () => {
    const result = await parseImportFile(utf8('#separator:tab\n"multi\nline"\tok\nfront\t\n'), { fileName: 'x.txt' });
    expect(errors(result)).toEqual(['Row 4: the back of the card is empty.']);
  });

  it('reports a quote that is never closed', async () => {
    const result = await parseImportFile(fixture('unclosed-quote.txt'), { fileName: 'unclosed-quote.txt' });
    expect(errors(result).some((m) => m.startsWith('Row 3: a quoted field is never closed'))).toBe(true);
  });

  it('refuses a cloze row without a deletion', async () => {
    const result = await parseImportFile(utf8('#separator:tab\n#notetype column:1\nCloze\tno deletion here\textra\n'), { fileName: 'x.txt' });
    expect(errors(result)).toEqual(['Row 3: the note type is Cloze but the text has no {{c1::...}} deletion.']);
  });

  it('says a file with only headers has no cards', async () => {
    const result = await parseImportFile(utf8('#separator:tab\n#html:false\n'), { fileName: 'x.txt' });
    expect(errors(result)).toEqual(['The file has header lines but no cards.']);
  });

  it('refuses an unknown separator name', async () => {
    const result = await parseImportFile(utf8('#separator:Squiggle\na\tb\n'), { fileName: 'x.txt' });
    expect(result.messages[0]).toMatchObject({ severity: 'error', line: 1 });
  });
});

describe('ankiGuidToId', () => {
  it('keeps app-style ids and escapes other guids under anki-', () => {
    expect(ankiGuidToId('fl-q-failed')).toBe('fl-q-failed');
    expect(ankiGuidToId('a::b c')).toBe('anki-a_3a__3a_b_20_c');
    expect(ankiGuidToId('a#')).not.toBe(ankiGuidToId('a_23_'));
  });
});
