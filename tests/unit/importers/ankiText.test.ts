import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/domain/importers';
import { ankiGuidToId, sniffSeparator } from '../../../src/domain/importers/ankiText';
import { fnv1a64 } from '../../../src/domain/importers/text';
import { english, errors, fixture, skips, warnings } from './helpers';

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

describe('Anki text importer: bad rows are skipped, good rows kept', () => {
  it('skips missing columns and empty fields, naming the row (file line, counting headers), and keeps the good row', async () => {
    const result = await parseImportFile(fixture('missing-columns.txt'), { fileName: 'missing-columns.txt' });
    expect(errors(result)).toEqual([]);
    expect(result.messages.filter((m) => m.severity === 'skip')).toEqual([
      { severity: 'skip', code: 'tooFewColumns', line: 3, expected: 2, found: 1, isCloze: false },
      { severity: 'skip', code: 'emptyBack', line: 4 },
      { severity: 'skip', code: 'emptyFront', line: 5 },
    ]);
    expect(skips(result)).toEqual([
      expect.stringMatching(/^Row 3: expected at least 2 columns \(the front and back\) but found 1/),
      'Row 4: the back of the card is empty.',
      'Row 5: the front of the card is empty.',
    ]);
    expect(result.skipped).toBe(3);
    expect(result.decks[0]?.notes).toEqual([expect.objectContaining({ front: 'Good front', back: 'Good back' })]);
    expect(result.decks[0]?.lines).toEqual([2]);
  });

  it('imports rows with the same front as separate notes, with a warning naming both rows', async () => {
    const result = await parseImportFile(fixture('duplicate-fronts.tsv'), { fileName: 'duplicate-fronts.tsv' });
    expect(errors(result)).toEqual([]);
    expect(skips(result)).toEqual([]);
    expect(warnings(result)).toEqual(['Rows 1 and 3 have the same front text; both are imported, as separate cards.']);
    const notes = result.decks[0]?.notes ?? [];
    expect(notes.map((n) => (n.type === 'cloze' ? n.text : n.back))).toEqual(['Back A', 'Back B', 'Back C']);
    const id = `anki-${fnv1a64('Same front')}`;
    expect(notes.map((n) => n.id)).toEqual([id, expect.stringMatching(/^anki-/), `${id}-2`]);
  });

  it('takes rows with the same guid as the same note: the first is imported, the later one skipped', async () => {
    const result = await parseImportFile(fixture('duplicate-guids.txt'), { fileName: 'duplicate-guids.txt' });
    expect(errors(result)).toEqual([]);
    expect(skips(result)).toEqual(['Row 5 has the same guid "abc" as row 3: it is the same note, so only row 3 was imported.']);
    expect(result.decks[0]?.notes.map((n) => [n.id, n.type === 'cloze' ? n.text : n.front])).toEqual([
      ['abc', 'Front 1'],
      ['xyz', 'Front 2'],
    ]);
  });

  it('counts rows by file line when a quoted field spans lines', async () => {
    const result = await parseImportFile(utf8('#separator:tab\n"multi\nline"\tok\nfront\t\n'), { fileName: 'x.txt' });
    expect(skips(result)).toEqual(['Row 4: the back of the card is empty.']);
    expect(result.decks[0]?.notes).toEqual([expect.objectContaining({ front: 'multi\nline', back: 'ok' })]);
  });

  it('skips the row whose quote is never closed and keeps the rows before it', async () => {
    const result = await parseImportFile(utf8('#separator:tab\nfirst\tone\n"Unclosed\tfield\nlast\ttwo\n'), { fileName: 'x.txt' });
    expect(errors(result)).toEqual([]);
    expect(skips(result)).toEqual([expect.stringMatching(/^Row 3: a quoted field is never closed/)]);
    expect(result.decks[0]?.notes).toEqual([expect.objectContaining({ front: 'first', back: 'one' })]);
  });

  it('refuses a file whose only row has an unclosed quote, saying why', async () => {
    const result = await parseImportFile(fixture('unclosed-quote.txt'), { fileName: 'unclosed-quote.txt' });
    expect(skips(result)).toEqual([expect.stringMatching(/^Row 3: a quoted field is never closed/)]);
    expect(errors(result)).toEqual(['The file’s only card row could not be imported (see why below), so nothing was imported.']);
    expect(result.decks).toEqual([]);
  });

  it('skips a cloze row without a deletion, and refuses the file when nothing else is left', async () => {
    const result = await parseImportFile(utf8('#separator:tab\n#notetype column:1\nCloze\tno deletion here\textra\n'), { fileName: 'x.txt' });
    expect(skips(result)).toEqual(['Row 3: the note type is Cloze but the text has no {{c1::...}} deletion.']);
    expect(result.messages.filter((m) => m.severity === 'error')).toEqual([{ severity: 'error', code: 'noImportableRows', skipped: 1 }]);
  });

  it('skips a cloze that is never closed without scanning the rest of the text again', async () => {
    const text = `#separator:tab\n#notetype:Cloze\n${'{{c1::open '.repeat(20_000)}\tx\n{{c1::fine}} text\tx\n`;
    const started = performance.now();
    const result = await parseImportFile(utf8(text), { fileName: 'x.txt' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(skips(result)).toEqual(['Row 3: the cloze text has a malformed cloze; write it as {{c1::answer}}.']);
    expect(result.decks[0]?.notes).toEqual([expect.objectContaining({ type: 'cloze', text: '{{c1::fine}} text' })]);
  });

  it('takes a field of only invisible characters (zero-width, word joiner, BOM, soft hyphen) as empty', async () => {
    const invisible = '\u200B\u200C\u200D\u2060\uFEFF\u00AD';
    const result = await parseImportFile(utf8(`Front\t${invisible}\n${invisible}\tBack\nGood\tRow\n`), { fileName: 'x.tsv' });
    expect(skips(result)).toEqual(['Row 1: the back of the card is empty.', 'Row 2: the front of the card is empty.']);
    expect(result.decks[0]?.notes).toEqual([expect.objectContaining({ front: 'Good', back: 'Row' })]);
  });

  it('says the row of a card the deck validator leaves out', async () => {
    const result = await parseImportFile(utf8('#separator:tab\n#notetype:Cloze\n{{c1::ok}} fine\tx\n{{c1::}} is empty\tx\n'), { fileName: 'x.txt' });
    expect(errors(result)).toEqual([]);
    expect(skips(result)).toEqual([expect.stringMatching(/^Row 4: Card "anki-[0-9a-f]+" \(cards\[1\]\): the field "text" has an empty answer in cloze c1\.$/)]);
    expect(result.skipped).toBe(1);
    expect(result.decks[0]?.notes).toHaveLength(1);
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
