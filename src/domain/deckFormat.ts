/**
 * The deck file format, version 1: its types, its validator and the step
 * that turns notes into cards. Every deck that enters the app (built-in or
 * imported) passes through `validateDeckFile` first; a newer format version
 * is refused, never guessed at. Problems are codes with parameters
 * (`DeckProblem`), never sentences: the UI words them
 * (`features/import/importMessages.ts`). Hand-written on purpose: it ships
 * in the app bundle. The same rules, for editors, are in
 * `decks/deck.schema.json`; the format is described in `docs/deck-format.md`.
 */
import { isNoteType, type CardContent, type NoteType } from './types';
import { hasMalformedCloze, parseClozes } from './cloze';
import { expandNote } from './notes';

export const DECK_FORMAT = 'interview-flashcards/deck';
export const DECK_FORMAT_VERSION = 1;

export interface DeckFileV1 {
  format: typeof DECK_FORMAT;
  version: 1;
  deck: DeckMeta;
  cards: NoteInput[];
}

export interface DeckMeta {
  id: string;
  name: string;
  description: string;
  group?: string;
  contentVersion?: string;
}

/**
 * One note of a deck file. `id` is the note's id within this deck; `guid`,
 * when present, is a global id (this app's note id on export, or an Anki
 * guid): an import updates the note with that id wherever it is.
 */
export type NoteInput = { id: string; guid?: string; tags?: string[]; source?: string } & (
  | { type: 'basic'; front: string; back: string }
  | { type: 'reversible'; front: string; back: string }
  | { type: 'cloze'; text: string; extra?: string }
);

/** What a field held instead of what it should, for "found ..." in messages. */
export type FoundValue =
  | { kind: 'null' | 'list' | 'object' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'other'; type: string };

/** One problem in a deck file, as a code with its parameters. */
export type DeckProblem =
  // The file as a whole.
  | { code: 'notAnObject'; found: FoundValue }
  | { code: 'formatMissing' }
  | { code: 'notThisFormat'; found: FoundValue }
  | { code: 'versionMissing' }
  | { code: 'versionNotWhole'; found: FoundValue }
  | { code: 'versionTooNew'; version: number }
  | { code: 'unknownTopLevelField'; field: string }
  | { code: 'deckMissing' }
  | { code: 'deckNotObject'; found: FoundValue }
  | { code: 'cardsMissing' }
  | { code: 'cardsNotList'; found: FoundValue }
  | { code: 'noCards' }
  | { code: 'cardNotObject'; cardIndex: number; found: FoundValue }
  | { code: 'duplicateCardId'; cardId: string; firstIndex: number; cardIndex: number }
  // One field of the file, the deck or a card (see `DeckIssue.scope`).
  | { code: 'fieldMissing'; field: string }
  | { code: 'fieldNotText'; field: string; found: FoundValue }
  | { code: 'fieldEmpty'; field: string }
  | { code: 'unknownField'; field: string }
  | { code: 'idHasWhitespace'; id: string }
  | { code: 'idHasDoubleColon'; id: string }
  | { code: 'tagsNotList'; found: FoundValue }
  /** `found` is absent when the tag is empty text. */
  | { code: 'tagNotText'; tagNumber: number; found?: FoundValue }
  | { code: 'typeMissing' }
  | { code: 'typeUnknown'; found: FoundValue }
  | { code: 'clozeMalformed' }
  | { code: 'clozeMissing' }
  | { code: 'clozeNumberBelowOne'; number: number }
  | { code: 'clozeEmptyAnswer'; number: number }
  | { code: 'clozeEmptyHint'; number: number };

/** The deck object or one card, when a problem is inside it: messages name it first ("Card "q1" (cards[3]): ..."). */
export type DeckIssueScope = { of: 'deck' } | { of: 'card'; index: number; id?: string };

/** A problem found in a deck file, where it is: `path` is like `cards[3].back`, empty for the whole file. */
export type DeckIssue = DeckProblem & {
  path: string;
  cardId?: string;
  field?: string;
  scope?: DeckIssueScope;
};

export type DeckValidation = { ok: true; file: DeckFileV1; warnings: DeckIssue[] } | { ok: false; errors: DeckIssue[] };

const TOP_FIELDS = new Set(['$schema', 'format', 'version', 'deck', 'cards']);
const DECK_FIELDS = new Set(['id', 'name', 'description', 'group', 'contentVersion']);
const CARD_FIELDS: Record<NoteType, Set<string>> = {
  basic: new Set(['id', 'guid', 'type', 'front', 'back', 'tags', 'source']),
  reversible: new Set(['id', 'guid', 'type', 'front', 'back', 'tags', 'source']),
  cloze: new Set(['id', 'guid', 'type', 'text', 'extra', 'tags', 'source']),
};

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What `value` is, for "found ..." in messages. */
function describe(value: unknown): FoundValue {
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'list' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  return typeof value === 'object' ? { kind: 'object' } : { kind: 'other', type: typeof value };
}

/** Where issues go while one object is being checked, and where it is. */
interface Scope {
  issues: DeckIssue[];
  warnings: DeckIssue[];
  /** The deck or a card; none for the file's own fields. */
  where?: DeckIssueScope;
  /** e.g. `cards[3]` or `deck` */
  path: string;
  cardId?: string;
}

function report(list: DeckIssue[], scope: Scope, field: string | undefined, problem: DeckProblem, subPath?: string): void {
  const path = [scope.path, subPath ?? field].filter(Boolean).join('.');
  const issue: DeckIssue = { ...problem, path };
  if (scope.cardId !== undefined) issue.cardId = scope.cardId;
  if (field !== undefined) issue.field = field;
  if (scope.where !== undefined) issue.scope = scope.where;
  list.push(issue);
}

/** Reads an optional or required text field; `allowEmpty` permits "" (or blanks). */
function readText(
  obj: Json,
  field: string,
  scope: Scope,
  options: { required: boolean; allowEmpty?: boolean },
): string | undefined {
  const value = obj[field];
  if (value === undefined) {
    if (options.required) report(scope.issues, scope, field, { code: 'fieldMissing', field });
    return undefined;
  }
  if (typeof value !== 'string') {
    report(scope.issues, scope, field, { code: 'fieldNotText', field, found: describe(value) });
    return undefined;
  }
  if (!options.allowEmpty && value.trim() === '') {
    report(scope.issues, scope, field, { code: 'fieldEmpty', field });
    return undefined;
  }
  return value;
}

/** Reads an id (`id`, or the optional `guid`): non-empty text, no whitespace, no `::` (reserved for card ids such as `x::reverse`). */
function readId(obj: Json, scope: Scope, field: 'id' | 'guid' = 'id'): string | undefined {
  const id = readText(obj, field, scope, { required: field === 'id' });
  if (id === undefined) return undefined;
  if (/\s/.test(id)) {
    report(scope.issues, scope, field, { code: 'idHasWhitespace', id });
    return undefined;
  }
  if (id.includes('::')) {
    report(scope.issues, scope, field, { code: 'idHasDoubleColon', id });
    return undefined;
  }
  return id;
}

function warnUnknownFields(obj: Json, known: Set<string>, scope: Scope): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) report(scope.warnings, scope, key, { code: 'unknownField', field: key });
  }
}

function readTags(obj: Json, scope: Scope): string[] | undefined {
  const value = obj.tags;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    report(scope.issues, scope, 'tags', { code: 'tagsNotList', found: describe(value) });
    return undefined;
  }
  const tags: string[] = [];
  value.forEach((tag: unknown, i) => {
    if (typeof tag !== 'string' || tag.trim() === '') {
      const problem: DeckProblem = typeof tag === 'string' ? { code: 'tagNotText', tagNumber: i + 1 } : { code: 'tagNotText', tagNumber: i + 1, found: describe(tag) };
      report(scope.issues, scope, 'tags', problem, `tags[${i}]`);
    } else {
      tags.push(tag);
    }
  });
  return tags;
}

function checkClozeText(text: string, scope: Scope): void {
  const spans = parseClozes(text);
  if (hasMalformedCloze(text)) {
    report(scope.issues, scope, 'text', { code: 'clozeMalformed' });
    return;
  }
  if (spans.length === 0) {
    report(scope.issues, scope, 'text', { code: 'clozeMissing' });
    return;
  }
  for (const span of spans) {
    if (span.number < 1) {
      report(scope.issues, scope, 'text', { code: 'clozeNumberBelowOne', number: span.number });
    } else if (span.answer.trim() === '') {
      report(scope.issues, scope, 'text', { code: 'clozeEmptyAnswer', number: span.number });
    } else if (span.hint !== undefined && span.hint.trim() === '') {
      report(scope.issues, scope, 'text', { code: 'clozeEmptyHint', number: span.number });
    }
  }
}

function readNote(raw: unknown, index: number, issues: DeckIssue[], warnings: DeckIssue[]): NoteInput | undefined {
  const at = `cards[${index}]`;
  if (!isRecord(raw)) {
    issues.push({ code: 'cardNotObject', path: at, cardIndex: index, found: describe(raw) });
    return undefined;
  }
  const rawId = raw.id;
  const hasNamedId = typeof rawId === 'string' && rawId.trim() !== '';
  const scope: Scope = {
    issues,
    warnings,
    where: hasNamedId ? { of: 'card', index, id: rawId } : { of: 'card', index },
    path: at,
    ...(hasNamedId ? { cardId: rawId } : {}),
  };
  const errorsBefore = issues.length;
  const id = readId(raw, scope);
  const guid = raw.guid === undefined ? undefined : readId(raw, scope, 'guid');

  const type = raw.type;
  if (type === undefined) {
    report(issues, scope, 'type', { code: 'typeMissing' });
    return undefined;
  }
  if (!isNoteType(type)) {
    report(issues, scope, 'type', { code: 'typeUnknown', found: describe(type) });
    return undefined;
  }
  const noteType = type;
  warnUnknownFields(raw, CARD_FIELDS[noteType], scope);
  const tags = readTags(raw, scope);
  const source = readText(raw, 'source', scope, { required: false, allowEmpty: true });
  const common = {
    ...(guid !== undefined ? { guid } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(source !== undefined ? { source } : {}),
  };

  if (noteType === 'cloze') {
    const text = readText(raw, 'text', scope, { required: true });
    if (text !== undefined) checkClozeText(text, scope);
    const extra = readText(raw, 'extra', scope, { required: false, allowEmpty: true });
    if (issues.length > errorsBefore || id === undefined || text === undefined) return undefined;
    return { id, type: 'cloze', text, ...(extra !== undefined ? { extra } : {}), ...common };
  }
  const front = readText(raw, 'front', scope, { required: true });
  const back = readText(raw, 'back', scope, { required: true });
  if (issues.length > errorsBefore || id === undefined || front === undefined || back === undefined) return undefined;
  return { id, type: noteType, front, back, ...common };
}

function readDeckMeta(raw: unknown, issues: DeckIssue[], warnings: DeckIssue[]): DeckMeta | undefined {
  if (raw === undefined) {
    issues.push({ code: 'deckMissing', path: 'deck', field: 'deck' });
    return undefined;
  }
  if (!isRecord(raw)) {
    issues.push({ code: 'deckNotObject', path: 'deck', field: 'deck', found: describe(raw) });
    return undefined;
  }
  const scope: Scope = { issues, warnings, where: { of: 'deck' }, path: 'deck' };
  const errorsBefore = issues.length;
  warnUnknownFields(raw, DECK_FIELDS, scope);
  const id = readId(raw, scope);
  const name = readText(raw, 'name', scope, { required: true });
  const description = readText(raw, 'description', scope, { required: true, allowEmpty: true });
  const group = readText(raw, 'group', scope, { required: false });
  const contentVersion = readText(raw, 'contentVersion', scope, { required: false });
  if (issues.length > errorsBefore || id === undefined || name === undefined || description === undefined) return undefined;
  return {
    id,
    name,
    description,
    ...(group !== undefined ? { group } : {}),
    ...(contentVersion !== undefined ? { contentVersion } : {}),
  };
}

/** Checks `format` and `version`; returns an error when the rest of the file must not be read. */
function checkEnvelope(input: Json): DeckIssue | undefined {
  const format = input.format;
  if (format === undefined) {
    return { code: 'formatMissing', path: 'format', field: 'format' };
  }
  if (format !== DECK_FORMAT) {
    return { code: 'notThisFormat', path: 'format', field: 'format', found: describe(format) };
  }
  const version = input.version;
  if (version === undefined) {
    return { code: 'versionMissing', path: 'version', field: 'version' };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { code: 'versionNotWhole', path: 'version', field: 'version', found: describe(version) };
  }
  if (version > DECK_FORMAT_VERSION) {
    return { code: 'versionTooNew', path: 'version', field: 'version', version };
  }
  return undefined;
}

/**
 * Checks an untrusted value (usually `JSON.parse` of a file) against deck
 * format version 1. Errors and warnings are codes that name the card and
 * field (the UI words them). Unknown fields are dropped from `file` with a
 * warning each; a newer `version` is refused outright.
 *
 * @example
 * const result = validateDeckFile(JSON.parse(text));
 * if (!result.ok) showErrors(result.errors);
 * // e.g. { code: 'fieldEmpty', field: 'back', path: 'cards[3].back', cardId: 'q-failed', scope: { of: 'card', index: 3, id: 'q-failed' } }
 * else importDeck(result.file);
 */
export function validateDeckFile(input: unknown): DeckValidation {
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [{ code: 'notAnObject', path: '', found: describe(input) }],
    };
  }
  const envelopeError = checkEnvelope(input);
  if (envelopeError) return { ok: false, errors: [envelopeError] };

  const errors: DeckIssue[] = [];
  const warnings: DeckIssue[] = [];
  const topScope: Scope = { issues: errors, warnings, path: '' };
  for (const key of Object.keys(input)) {
    if (!TOP_FIELDS.has(key)) report(warnings, topScope, key, { code: 'unknownTopLevelField', field: key });
  }
  if (input.$schema !== undefined && typeof input.$schema !== 'string') {
    report(errors, topScope, '$schema', { code: 'fieldNotText', field: '$schema', found: describe(input.$schema) });
  }

  const deck = readDeckMeta(input.deck, errors, warnings);

  const rawCards = input.cards;
  const cards: NoteInput[] = [];
  if (rawCards === undefined) {
    errors.push({ code: 'cardsMissing', path: 'cards', field: 'cards' });
  } else if (!Array.isArray(rawCards)) {
    errors.push({ code: 'cardsNotList', path: 'cards', field: 'cards', found: describe(rawCards) });
  } else {
    if (rawCards.length === 0) warnings.push({ code: 'noCards', path: 'cards', field: 'cards' });
    const firstIndexById = new Map<string, number>();
    rawCards.forEach((raw: unknown, index) => {
      const note = readNote(raw, index, errors, warnings);
      if (note) cards.push(note);
      const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
      if (id === undefined || id === '') return;
      const first = firstIndexById.get(id);
      if (first === undefined) {
        firstIndexById.set(id, index);
      } else {
        errors.push({ code: 'duplicateCardId', path: `cards[${index}].id`, cardId: id, field: 'id', firstIndex: first, cardIndex: index });
      }
    });
  }

  if (errors.length > 0 || deck === undefined) return { ok: false, errors };
  return { ok: true, file: { format: DECK_FORMAT, version: 1, deck, cards }, warnings };
}

/**
 * Turns notes into cards: basic -> 1 card (id = note id, template 'basic');
 * reversible -> 2 cards (`${id}` template 'forward', `${id}::reverse`
 * template 'reverse' with front/back swapped); cloze -> one card per
 * distinct cloze number N, id `${id}::cN`, template 'cloze', front = text
 * with that cloze replaced by `[...]` (or `[hint]` for
 * {{c1::answer::hint}}) and other clozes shown as plain answers, back =
 * text with that cloze's answer in bold, then `extra` after a blank line if
 * present. position = running index over the produced cards.
 *
 * @example
 * expandDeckFile({
 *   format: DECK_FORMAT, version: 1,
 *   deck: { id: 'demo', name: 'Demo', description: '' },
 *   cards: [{ id: 'capital', type: 'cloze', text: '{{c1::Paris}} is in {{c2::France}}' }],
 * });
 * // [{ id: 'capital::c1', noteId: 'capital', deckId: 'demo', template: 'cloze',
 * //    front: '[...] is in France', back: '**Paris** is in France', tags: [], position: 0 },
 * //  { id: 'capital::c2', ..., front: 'Paris is in [...]', back: 'Paris is in **France**', position: 1 }]
 */
export function expandDeckFile(file: DeckFileV1): CardContent[] {
  const out: CardContent[] = [];
  for (const note of file.cards) out.push(...expandNote({ ...note, deckId: file.deck.id, tags: note.tags ?? [] }, out.length));
  return out;
}
