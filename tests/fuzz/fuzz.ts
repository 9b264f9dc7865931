// The parser fuzz suite: for each parser (deck JSON, Anki text, CSV/TSV,
// chapter Markdown, the backup validator) a stream of seeded inputs, some
// enlarged to 1 MB, each checked for three properties: the parser never
// throws, never takes more than `HANG_MS`, and never reports success with an
// invalid deck (every deck it returns passes the deck validator and shows
// text on every front, back and cloze). `tests/unit/fuzz.test.ts` runs it
// (a few hundred inputs each in `npm test`, 10,000 in `npm run fuzz`).
import fc from 'fast-check';
import { validateBackup } from '../../src/domain/backupFormat';
import { validateDeckFile } from '../../src/domain/deckFormat';
import { parseImportFile, toDeckFile, type ImportParseResult } from '../../src/domain/importers';
import { invisibleTextIssues } from '../../src/domain/importers/text';
import { ankiTextFile, backupValue, chapterFile, csvFile, deckJsonFile, mutated, rawBytes, rawText, type FileInput } from './generators';

/** Longest a parser may take on one input (the inputs are at most about 1 MB). */
export const HANG_MS = 2000;
/** The size enlarged inputs grow to. */
export const BIG_BYTES = 1024 * 1024;

interface Checked {
  problem: string | null;
  /** The parser returned something to import (not only problems). */
  accepted: boolean;
}

interface Target<I> {
  name: string;
  arbitrary: fc.Arbitrary<I>;
  /** The same input grown to about `BIG_BYTES`. */
  enlarge: (input: I) => I;
  /** Runs the parser; resolves to why the result is wrong (or null) and whether it was accepted. Throws what the parser throws. */
  check: (input: I) => Promise<Checked>;
  describe: (input: I) => string;
}

export interface FuzzFailure {
  kind: 'throw' | 'hang' | 'invalid';
  index: number;
  detail: string;
  input: string;
}

export interface FuzzSummary {
  name: string;
  inputs: number;
  bigInputs: number;
  /** Inputs the parser accepted (decks to import, or a backup to restore): the generators reach past the first check. */
  accepted: number;
  throws: number;
  hangs: number;
  invalidSuccesses: number;
  ms: number;
  /** The first few, for the report. */
  failures: FuzzFailure[];
}

const encoder = new TextEncoder();

/** `bytes` repeated until they reach `BIG_BYTES`. */
function repeatBytes(bytes: Uint8Array): Uint8Array {
  const unit = bytes.length > 0 ? bytes : encoder.encode(' ');
  const out = new Uint8Array(BIG_BYTES);
  for (let at = 0; at < BIG_BYTES; at += unit.length) out.set(unit.subarray(0, Math.min(unit.length, BIG_BYTES - at)), at);
  return out;
}

/** What is wrong with an import result that reports no error, or null. */
export function importResultProblem(result: ImportParseResult): string | null {
  try {
    structuredClone(result);
  } catch {
    return 'the result does not survive structured cloning';
  }
  if (result.messages.some((message) => message.severity === 'error')) return null;
  if (result.decks.length === 0 && !result.needsColumnMapping) return 'no error, but no deck either';
  if ((result.skipped ?? 0) > 0 && !result.messages.some((message) => message.severity === 'skip')) return 'rows skipped without a message';
  for (const deck of result.decks) {
    const validation = validateDeckFile(toDeckFile(deck));
    if (!validation.ok) return `deck ${deck.deck.id} fails the validator: ${validation.errors.map((issue) => `${issue.code} at ${issue.path}`).join(', ')}`;
    const invisible = invisibleTextIssues(validation.file);
    if (invisible.length > 0) return `deck ${deck.deck.id} has fields that show nothing: ${invisible.map((issue) => issue.path).join(', ')}`;
    if (deck.lines && deck.lines.length !== deck.notes.length) return `deck ${deck.deck.id} has ${deck.lines.length} lines for ${deck.notes.length} notes`;
  }
  return null;
}

function importTarget(name: string, arbitrary: fc.Arbitrary<FileInput>, enlarge?: (input: FileInput) => FileInput): Target<FileInput> {
  return {
    name,
    arbitrary,
    enlarge: enlarge ?? ((input) => ({ ...input, bytes: repeatBytes(input.bytes) })),
    check: async ({ bytes, fileName, columnMapping }) => {
      const result = await parseImportFile(bytes, { fileName, ...(columnMapping ? { columnMapping } : {}) });
      const accepted = result.decks.length > 0 && !result.messages.some((message) => message.severity === 'error');
      return { problem: importResultProblem(result), accepted };
    },
    describe: ({ bytes, fileName, columnMapping }) =>
      `${fileName}${columnMapping ? ` ${JSON.stringify(columnMapping)}` : ''} (${bytes.length} bytes): ${JSON.stringify(new TextDecoder().decode(bytes.subarray(0, 300)))}`,
  };
}

const asInput = (fileName: string) => (text: string): FileInput => ({ fileName, bytes: encoder.encode(text) });

/** A deck JSON grown to 1 MB by repeating its cards (when it has a list of them), else by repeating its text. */
function enlargeDeckJson(input: FileInput): FileInput {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(input.bytes));
    if (typeof value === 'object' && value !== null && 'cards' in value && Array.isArray(value.cards) && value.cards.length > 0) {
      const cards: unknown[] = value.cards;
      const copies = Math.ceil(BIG_BYTES / Math.max(1, JSON.stringify(cards).length));
      const grown = Array.from({ length: copies * cards.length }, (_, i) => {
        const card = cards[i % cards.length];
        return typeof card === 'object' && card !== null && 'id' in card && typeof card.id === 'string' ? { ...card, id: `${card.id}-${i}` } : card;
      });
      return { ...input, bytes: encoder.encode(JSON.stringify({ ...value, cards: grown })) };
    }
  } catch {
    // Not JSON: grown as text below.
  }
  return { ...input, bytes: repeatBytes(input.bytes) };
}

/** A backup grown to 1 MB by repeating the elements of its lists. */
function enlargeBackup(value: unknown): unknown {
  if (typeof value === 'string') return value.repeat(Math.ceil(BIG_BYTES / Math.max(1, value.length)));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const size = Math.max(1, JSON.stringify(value).length);
  const copies = Math.ceil(BIG_BYTES / size);
  const grown: Record<string, unknown> = { ...value };
  for (const [key, field] of Object.entries(grown)) {
    if (Array.isArray(field) && field.length > 0) grown[key] = Array.from({ length: copies * field.length }, (_, i): unknown => field[i % field.length]);
  }
  return grown;
}

const backupTarget: Target<unknown> = {
  name: 'backup validator',
  arbitrary: backupValue,
  enlarge: enlargeBackup,
  check: (value) => {
    const result = validateBackup(value);
    if (!result.ok) return Promise.resolve({ problem: result.problems.length === 0 ? 'refused without a problem' : null, accepted: false });
    // A backup it accepts is a version-4 file that it accepts again as it is.
    if (result.backup.version !== 4) return Promise.resolve({ problem: `accepted as version ${String(result.backup.version)}`, accepted: true });
    const again = validateBackup(JSON.parse(JSON.stringify(result.backup)));
    return Promise.resolve({ problem: again.ok ? null : `its own output is refused: ${JSON.stringify(again.problems.slice(0, 3))}`, accepted: true });
  },
  describe: (value) => (JSON.stringify(value) ?? String(value)).slice(0, 300),
};

export interface RunOptions {
  runs: number;
  seed: number;
  /** One input in this many is enlarged to `BIG_BYTES`. */
  bigEvery: number;
}

/** One parser under fuzzing. */
export interface FuzzTarget {
  name: string;
  run: (options: RunOptions) => Promise<FuzzSummary>;
}

const fuzzTarget = <I>(target: Target<I>): FuzzTarget => ({ name: target.name, run: (options) => runTarget(target, options) });

/** The parsers, each with its structured inputs, raw text and raw bytes. */
export const TARGETS: readonly FuzzTarget[] = [
  fuzzTarget(importTarget('deck JSON', fc.oneof({ weight: 5, arbitrary: deckJsonFile }, { weight: 1, arbitrary: rawText.map(asInput('deck.json')) }, { weight: 1, arbitrary: rawBytes('deck.json') }), enlargeDeckJson)),
  fuzzTarget(importTarget('Anki text', fc.oneof({ weight: 5, arbitrary: ankiTextFile }, { weight: 1, arbitrary: mutated(rawText).map(asInput('notes.txt')) }, { weight: 1, arbitrary: rawBytes('notes.txt') }))),
  fuzzTarget(importTarget('CSV/TSV', fc.oneof({ weight: 5, arbitrary: csvFile }, { weight: 1, arbitrary: rawText.map(asInput('cards.csv')) }, { weight: 1, arbitrary: rawBytes('cards.tsv') }))),
  fuzzTarget(importTarget('chapter Markdown', fc.oneof({ weight: 5, arbitrary: chapterFile }, { weight: 1, arbitrary: rawText.map(asInput('chapter.md')) }, { weight: 1, arbitrary: rawBytes('chapter.md') }))),
  fuzzTarget(backupTarget),
];

const BATCH = 250;

/**
 * Runs `runs` inputs of one target from `seed` (the same inputs for the same
 * seed); one input in `bigEvery` is enlarged to 1 MB. Counts throws, hangs
 * and invalid successes, keeping the first few.
 */
async function runTarget<I>(target: Target<I>, { runs, seed, bigEvery }: RunOptions): Promise<FuzzSummary> {
  const summary: FuzzSummary = { name: target.name, inputs: 0, bigInputs: 0, accepted: 0, throws: 0, hangs: 0, invalidSuccesses: 0, ms: 0, failures: [] };
  const started = performance.now();
  const fail = (kind: FuzzFailure['kind'], index: number, detail: string, input: I): void => {
    if (summary.failures.length < 5) summary.failures.push({ kind, index, detail, input: target.describe(input) });
  };
  for (let batch = 0; summary.inputs < runs; batch++) {
    // Sampled in batches, so 10,000 inputs are never all in memory at once.
    const inputs = fc.sample(target.arbitrary, { numRuns: Math.min(BATCH, runs - summary.inputs), seed: seed + batch });
    for (const generated of inputs) {
      const index = summary.inputs++;
      const isBig = index % bigEvery === bigEvery - 1;
      const input = isBig ? target.enlarge(generated) : generated;
      if (isBig) summary.bigInputs++;
      const t0 = performance.now();
      let problem: string | null = null;
      try {
        const checked = await target.check(input);
        problem = checked.problem;
        if (checked.accepted) summary.accepted++;
      } catch (error) {
        summary.throws++;
        fail('throw', index, error instanceof Error ? `${error.name}: ${error.message}` : String(error), input);
        continue;
      }
      const elapsed = performance.now() - t0;
      if (elapsed > HANG_MS) {
        summary.hangs++;
        fail('hang', index, `${Math.round(elapsed)} ms`, input);
      }
      if (problem !== null) {
        summary.invalidSuccesses++;
        fail('invalid', index, problem, input);
      }
    }
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

/** One line per parser: inputs, throws, hangs, invalid successes; then the first failures. */
export function formatSummary(summary: FuzzSummary): string {
  const line = `${summary.name}: ${summary.inputs} inputs (${summary.bigInputs} of 1 MB, ${summary.accepted} accepted), ${summary.throws} throws, ${summary.hangs} hangs, ${summary.invalidSuccesses} invalid successes, ${summary.ms} ms`;
  return [line, ...summary.failures.map((failure) => `  #${failure.index} ${failure.kind}: ${failure.detail}\n    input: ${failure.input}`)].join('\n');
}
