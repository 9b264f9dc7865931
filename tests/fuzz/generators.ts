// Inputs for the parser fuzz suite (fast-check): structured generators that
// write near-valid files of each format (Anki text, CSV/TSV, deck JSON,
// chapter Markdown, backups) and then mutate them, plus raw strings and
// bytes. Every generator is a plain fast-check arbitrary, so a seed gives the
// same inputs on every run.
import fc from 'fast-check';
import { validateBackup } from '../../src/domain/backupFormat';
import { createNewCardState, toSnapshot } from '../../src/domain/cardState';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, DEFAULT_SETTINGS } from '../../src/domain/types';

/** Pieces that mean something to one of the parsers: separators, quotes, headers, clozes, Markdown, invisible characters. */
export const FRAGMENTS = [
  '\t', ',', ';', '|', ':', ' ', '  ', '"', '""', '\n', '\r\n', '\r', '\n\n',
  '#', '#separator:', '#separator:tab', '#separator:Comma', '#html:true', '#html:false', '#tags:', '#deck:', '#notetype:Cloze',
  '#guid column:1', '#deck column:2', '#tags column:3', '#notetype column:1', '#columns:Front,Back', '#columns:',
  '{{c1::', '{{c2::', '{{c0::', '}}', '::', '{{c', '{{', '<br>', '<br/>', '&nbsp;', '<b>', '</b>',
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u0000', '\uD800', '\uDFFF', '\u2028',
  'ё', 'Вопрос', '🙂', 'é', 'x', 'Front', 'Back', 'Cloze', 'Basic (and reversed card)', 'Tags', 'front', 'back',
  '# ', '## ', '### ', '#### ', '```', '~~~', '- ', '* ', '1. ', '> ', '"Question?"', '**', '[link](x.md)',
  '{', '}', '[', ']', 'null', 'true', '0', '-1', '1e999', '\\', '\\u0000', '"format"',
] as const;

const fragment = fc.constantFrom(...FRAGMENTS);
const word = fc.constantFrom('STAR', 'Situation', 'Task', 'Action', 'Result', 'team', 'conflict', 'Провал', 'урок', 'a', 'b', 'Q', 'A');

/** Plain words: text every parser should accept as a field. */
export const plainText = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));

/** Short text built from words and meaningful fragments. */
export const fieldText = fc.array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: fragment }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 8 }).map((parts) => parts.join(''));

/** Random text edits: insert a fragment, delete a span, duplicate a span, or cut the text short. */
const textMutation = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'duplicate', 'truncate'),
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  text: fc.oneof(fragment, fc.string({ maxLength: 4 })),
});
export type TextMutation = typeof textMutation extends fc.Arbitrary<infer M> ? M : never;

export function applyTextMutations(text: string, mutations: readonly TextMutation[]): string {
  let out = text;
  for (const { kind, at, length, text: piece } of mutations) {
    const start = at % (out.length + 1);
    if (kind === 'insert') out = out.slice(0, start) + piece + out.slice(start);
    else if (kind === 'delete') out = out.slice(0, start) + out.slice(start + length);
    else if (kind === 'duplicate') out = out.slice(0, start + length) + out.slice(start, start + length) + out.slice(start + length);
    else out = out.slice(0, start);
  }
  return out;
}

/** `base` with up to `max` random edits (none, sometimes). */
export function mutated(base: fc.Arbitrary<string>, max = 4): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(textMutation, { maxLength: max })).map(([text, mutations]) => applyTextMutations(text, mutations));
}

/** Any text: binary code units, any Unicode, or runs of fragments. */
export const rawText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join('')),
);

/** One file to import: its bytes and name. */
export interface FileInput {
  fileName: string;
  bytes: Uint8Array;
  columnMapping?: { front: number; back: number; tags?: number };
}

const encoder = new TextEncoder();
const asFile = (fileName: string) => (text: string): FileInput => ({ fileName, bytes: encoder.encode(text) });

/** Raw bytes (not necessarily UTF-8) under a given file name. */
export function rawBytes(fileName: string): fc.Arbitrary<FileInput> {
  return fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ fileName, bytes }));
}

// Anki text: header lines, then rows of fields joined by the separator, some quoted.

const separator = fc.constantFrom(['tab', '\t'], ['comma', ','], ['semicolon', ';'], ['pipe', '|'], ['~', '~'], ['Squiggle', '\t']);
const header = fc.oneof(
  fc.constantFrom('#html:true', '#html:false', '#html:maybe', '#tags column:3', '#deck column:3', '#notetype column:1', '#guid column:1', '#guid column:x', '#frobnicate:1', '#oops'),
  fieldText.map((text) => `#deck:${text}`),
  fieldText.map((text) => `#tags:${text}`),
  fc.constantFrom('Basic', 'Cloze', 'Basic (and reversed card)', '').map((type) => `#notetype:${type}`),
  fc.constantFrom('Front,Back', 'Front\tBack\tTags', 'Text\tExtra').map((names) => `#columns:${names}`),
);

function quoteField(text: string, isQuoted: boolean): string {
  return isQuoted ? `"${text.replace(/"/g, '""')}"` : text;
}

const rowFields = fc.array(fc.tuple(fieldText, fc.boolean()), { minLength: 0, maxLength: 5 });

/** Near-valid Anki "Notes in Plain Text" files, then mutated. */
export const ankiTextFile: fc.Arbitrary<FileInput> = fc
  .tuple(
    separator,
    fc.array(header, { maxLength: 5 }),
    fc.array(rowFields, { maxLength: 12 }),
    fc.array(textMutation, { maxLength: 3 }),
    fc.constantFrom('notes.txt', 'notes.csv', 'notes.tsv'),
  )
  .map(([[name, sep], headers, rows, mutations, fileName]) => {
    const body = rows.map((fields) => fields.map(([text, isQuoted]) => quoteField(text, isQuoted)).join(sep));
    return asFile(fileName)(applyTextMutations([`#separator:${name}`, ...headers, ...body].join('\n'), mutations));
  });

/** Headerless CSV/TSV (separator sniffed), sometimes with a column-names row, sometimes with a column mapping. */
export const csvFile: fc.Arbitrary<FileInput> = fc
  .tuple(
    fc.constantFrom(',', ';', '\t'),
    fc.boolean(),
    fc.array(rowFields, { maxLength: 12 }),
    fc.array(textMutation, { maxLength: 3 }),
    fc.constantFrom('cards.csv', 'cards.tsv', 'cards.txt'),
    fc.option(fc.record({ front: fc.nat({ max: 4 }), back: fc.nat({ max: 4 }), tags: fc.option(fc.nat({ max: 4 }), { nil: undefined }) }), { nil: undefined }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([sep, hasNames, rows, mutations, fileName, mapping, newline]) => {
    const lines = rows.map((fields) => fields.map(([text, isQuoted]) => quoteField(text, isQuoted)).join(sep));
    if (hasNames) lines.unshift(['Front', 'Back', 'Tags'].join(sep));
    const file = asFile(fileName)(applyTextMutations(lines.join(newline), mutations));
    if (!mapping) return file;
    const columnMapping = mapping.tags === undefined ? { front: mapping.front, back: mapping.back } : { front: mapping.front, back: mapping.back, tags: mapping.tags };
    return { ...file, columnMapping };
  });

// JSON values: a valid document, then edits along random paths.

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, -1, 1, 1.5, 2, 99, true, false, '', ' ', '\u200B', '\u200B\u00AD', 'x', 'a b', 'a::b', '{{c1::', '{{c1::x}}', [], {}, ['x'], [''], 1e308),
  fieldText,
);

/** Usually one to three edits, sometimes none (the valid file itself). */
function someEdits<M>(edit: fc.Arbitrary<M>, max: number): fc.Arbitrary<M[]> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant<M[]>([]) }, { weight: 3, arbitrary: fc.array(edit, { minLength: 1, maxLength: max }) });
}

const jsonMutation = fc.record({ path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), op: fc.constantFrom('set', 'delete', 'duplicate', 'rename'), value: jsonValue });
type JsonMutation = typeof jsonMutation extends fc.Arbitrary<infer M> ? M : never;

/** Applies one edit at the place a path of numbers picks (each number picks a key or an element). */
function applyJsonMutation(root: unknown, { path, op, value }: JsonMutation): unknown {
  if (typeof root !== 'object' || root === null) return value;
  let parent = root as Record<string, unknown>;
  let key = '';
  for (const [depth, step] of path.entries()) {
    const keys = Object.keys(parent);
    if (keys.length === 0) break;
    key = keys[step % keys.length] ?? '';
    const child = parent[key];
    if (depth === path.length - 1 || typeof child !== 'object' || child === null) break;
    parent = child as Record<string, unknown>;
  }
  if (key === '') return root;
  if (op === 'set') parent[key] = value;
  else if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (op === 'duplicate') {
    if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
    else parent[`${key}2`] = structuredClone(parent[key]);
  } else if (!Array.isArray(parent)) {
    parent[`_${key}`] = parent[key];
    delete parent[key];
  }
  return root;
}

export function mutateJson(value: unknown, mutations: readonly JsonMutation[]): unknown {
  let out = structuredClone(value);
  for (const mutation of mutations) out = applyJsonMutation(out, mutation);
  return out;
}

const cardId = fc.constantFrom('q1', 'q2', 'q 5', 'a::b', '');
const text = fc.oneof({ weight: 4, arbitrary: plainText }, { weight: 1, arbitrary: fieldText });
const note = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constantFrom('basic', 'reversible'), front: text, back: text }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('cloze'), text: fc.oneof(fieldText, plainText.map((t) => `{{c1::${t}}} ${t}`)), extra: fc.option(text, { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ id: cardId, type: fc.constantFrom('basic', 'flip'), front: text, back: text, tags: fc.array(text, { maxLength: 3 }), guid: fc.option(cardId, { nil: undefined }) }) },
);

/** Near-valid deck JSON files (`interview-flashcards/deck`), mutated as JSON and then as text. */
export const deckJsonFile: fc.Arbitrary<FileInput> = fc
  .tuple(
    fc.record({ id: fc.constantFrom('d', 'deck-1', 'deck-1', 'a b', ''), name: text, description: fieldText }),
    fc.array(note, { maxLength: 8 }),
    someEdits(jsonMutation, 3),
    fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 2 }) }),
    fc.constantFrom(1, 1, 1, 1, 2, 0),
  )
  .map(([deck, notes, jsonMutations, textMutations, version]) => {
    // Ids by position unless the generator chose one (then maybe a repeated or invalid one).
    const cards = notes.map((card, index) => ({ id: `q-${index}`, ...card }));
    const value = mutateJson({ format: 'interview-flashcards/deck', version, deck, cards }, jsonMutations);
    return asFile('deck.json')(applyTextMutations(JSON.stringify(value, null, 1) ?? 'null', textMutations));
  });

// Chapter Markdown: a title, question sections with sub-sections, lists, fences.

const subHeading = fc.constantFrom('### Key Points', '### STAR Template', '### Framework', '### Example Answer', '### Template', '### Notes', '#### Deep');
const block = fc.oneof(
  fieldText,
  fc.array(fieldText, { minLength: 1, maxLength: 4 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
  fieldText.map((text) => `\`\`\`\n${text}\n\`\`\``),
  fieldText.map((text) => `\`\`\`\n${text}`),
  fieldText.map((text) => `> ${text}`),
);
const subsection = fc.tuple(subHeading, fc.array(block, { maxLength: 3 })).map(([heading, blocks]) => [heading, ...blocks].join('\n\n'));
const section = fc.oneof(
  fc.tuple(fieldText, fc.array(subsection, { maxLength: 3 })).map(([question, subs]) => [`## "${question}"`, ...subs].join('\n\n')),
  fc.tuple(fc.constantFrom('## What Interviewers Look For', '## Follow-up Questions', '## Red Flags', '## См. также', '## Practice Plan'), fc.array(block, { maxLength: 3 })).map(([heading, blocks]) => [heading, ...blocks].join('\n\n')),
);

/** Near-valid chapter Markdown files, then mutated. */
export const chapterFile: fc.Arbitrary<FileInput> = fc
  .tuple(fc.option(fieldText, { nil: undefined }), fc.array(section, { maxLength: 6 }), fc.array(textMutation, { maxLength: 3 }))
  .map(([title, sections, mutations]) => {
    const text = [title === undefined ? '' : `# ${title}`, ...sections].join('\n\n');
    return asFile('chapter.md')(applyTextMutations(text, mutations));
  });

// Backups: a valid version-1 backup (and the version-2 file it reads into), mutated.

const T0 = Date.UTC(2026, 2, 10, 12);
const DAY = 86_400_000;
const card = (id: string, position: number) => ({
  id,
  noteId: id.split('::')[0] ?? id,
  deckId: 'd1',
  template: id.endsWith('::reverse') ? ('reverse' as const) : ('forward' as const),
  front: `Front ${id}`,
  back: `Back ${id}`,
  tags: [],
  position,
  ...createNewCardState(T0 - 10 * DAY),
});
const learning = {
  ...card('l1', 1),
  due: T0 + 600_000,
  stability: 2.3,
  difficulty: 6.4,
  learningSteps: 1,
  reps: 1,
  state: CardState.Learning,
  lastReview: T0,
  queue: CardQueue.Learning,
};
const BACKUP_V1 = {
  format: 'interview-flashcards/backup',
  version: 1,
  exportedAt: T0 + DAY,
  appVersion: '0.1.0',
  decks: [{ id: 'd1', name: 'Deck one', description: '', isBuiltIn: false, optionsId: 'deck:d1', createdAt: T0 - 10 * DAY, updatedAt: T0 - 10 * DAY }],
  cards: [card('n1', 0), learning, { ...card('l1::reverse', 2) }],
  reviewLogs: [
    {
      id: 1,
      cardId: 'l1',
      deckId: 'd1',
      rating: 3,
      state: CardState.New,
      due: T0 - 10 * DAY,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reviewTime: T0,
      durationMs: 4200,
      day: 20522,
      before: toSnapshot({ ...card('n1', 0), id: 'l1', ordinal: 0 }),
    },
  ],
  deckOptions: [DEFAULT_DECK_OPTIONS, { ...DEFAULT_DECK_OPTIONS, id: 'deck:d1', name: 'Deck one', burySiblings: false }],
  settings: { ...DEFAULT_SETTINGS, learnAheadMinutes: 15 },
};

/** The seeds: a version-1 backup and, when the validator reads it, its version-2 form. */
export const BACKUP_SEEDS: readonly unknown[] = (() => {
  const read = validateBackup(structuredClone(BACKUP_V1));
  return read.ok ? [BACKUP_V1, JSON.parse(JSON.stringify(read.backup)) as unknown] : [BACKUP_V1];
})();

/** Backup values as `JSON.parse` gives them: a seed with JSON edits, or any JSON text that parses (else the text itself). */
export const backupValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...BACKUP_SEEDS), someEdits(jsonMutation, 3)).map(([seed, mutations]) => mutateJson(seed, mutations)) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...BACKUP_SEEDS), fc.array(textMutation, { minLength: 1, maxLength: 2 })).map(([seed, mutations]) => {
      const text = applyTextMutations(JSON.stringify(seed), mutations);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }),
  },
  { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), rawText) },
);
