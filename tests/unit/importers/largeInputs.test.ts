// Large and degenerate inputs: each non-chapter parser gives a result or a
// clear problem within 5 s and never throws (the chapter parser's own tests
// cover it).
import { describe, expect, it } from 'vitest';
import { parseImportFile, type ImportParseResult } from '../../../src/domain/importers';

const LIMIT_MS = 5000;
const MB = 1024 * 1024;

async function timedParse(text: string, fileName: string): Promise<{ result: ImportParseResult; ms: number }> {
  const bytes = new TextEncoder().encode(text);
  const started = performance.now();
  const result = await parseImportFile(bytes, { fileName });
  return { result, ms: performance.now() - started };
}

/** A result has decks to import or at least one problem that says why not. */
function isResultOrProblem(result: ImportParseResult): boolean {
  return result.decks.length > 0 || result.messages.length > 0 || result.needsColumnMapping !== undefined;
}

const FILES = { 'Anki text': 'notes.txt', 'CSV': 'cards.csv', 'TSV': 'cards.tsv', 'deck JSON': 'deck.json' } as const;

describe.each(Object.entries(FILES))('%s parser on large inputs', (_, fileName) => {
  it('reads a 10 KB header line of spaces', async () => {
    const { result, ms } = await timedParse(`#${' '.repeat(10 * 1024)}\nfront\tback\n`, fileName);
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(isResultOrProblem(result)).toBe(true);
  });

  it('reads a 10 KB line of spaces between rows', async () => {
    const { result, ms } = await timedParse(`front,back\n${' '.repeat(10 * 1024)}\nsecond,row\n`, fileName);
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(isResultOrProblem(result)).toBe(true);
  });

  it('reads a 1 MB line', async () => {
    const { result, ms } = await timedParse(`${'word, '.repeat(MB / 6)}\tback\n`, fileName);
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(isResultOrProblem(result)).toBe(true);
  });

  it('reads a 9 MB quoted field', async () => {
    const { result, ms } = await timedParse(`"${'a"" b\t'.repeat((9 * MB) / 7)}"\tback\nnext\trow\n`, fileName);
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(isResultOrProblem(result)).toBe(true);
  });

  it('reads a 9 MB quoted field that is never closed', async () => {
    const { result, ms } = await timedParse(`front\tback\n"${'x, '.repeat((9 * MB) / 3)}`, fileName);
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(isResultOrProblem(result)).toBe(true);
  });
});

describe('large inputs that are valid', () => {
  it('imports a 1 MB back in Anki text', async () => {
    const back = 'b'.repeat(MB);
    const { result, ms } = await timedParse(`#separator:tab\nfront\t${back}\n`, 'notes.txt');
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(result.decks[0]?.notes[0]).toMatchObject({ front: 'front', back });
  });

  it('imports a deck JSON whose card has a 9 MB front', async () => {
    const front = 'f'.repeat(9 * MB);
    const text = JSON.stringify({ format: 'interview-flashcards/deck', version: 1, deck: { id: 'd', name: 'D', description: '' }, cards: [{ id: 'a', type: 'basic', front, back: 'b' }] });
    const { result, ms } = await timedParse(text, 'deck.json');
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(result.decks[0]?.notes[0]).toMatchObject({ id: 'a', back: 'b' });
  });

  it('reads 50,000 rows and a #tags: line of 100,000 tags (no argument list as long as the file, no rows × tags)', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `front ${i}\tback ${i}`).join('\n');
    const tags = Array.from({ length: 100_000 }, (_, i) => `t${i}`).join(' ');
    const { result, ms } = await timedParse(`#separator:tab\n#tags:${tags}\n${rows}\n`, 'notes.txt');
    expect(ms).toBeLessThan(LIMIT_MS * 2);
    expect(result.decks[0]?.notes).toHaveLength(50_000);
    expect(result.decks[0]?.notes[0]?.tags).toHaveLength(100);
    expect(result.messages).toContainEqual({ severity: 'warning', code: 'tooManyTags', line: 2, count: 100_000, limit: 100 });
  }, 20_000);
});

describe('ids for many rows with one front', () => {
  it('gives 60,000 rows of the same front distinct ids in linear time (each id was once found by trying -2, -3 ... from the start)', async () => {
    const rows = 60_000;
    const { result, ms } = await timedParse(`#separator:tab\n${'Same front\tback\n'.repeat(rows)}`, 'notes.txt');
    expect(ms).toBeLessThan(LIMIT_MS);
    const ids = result.decks[0]?.notes.map((note) => note.id) ?? [];
    expect(ids).toHaveLength(rows);
    expect(new Set(ids).size).toBe(rows);
    expect(ids.slice(0, 3)).toEqual([ids[0], `${ids[0]}-2`, `${ids[0]}-3`]);
  });
});
