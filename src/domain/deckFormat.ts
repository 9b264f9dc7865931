/**
 * The deck file format, version 1: its types, its validator and the step
 * that turns notes into cards. Every deck that enters the app (built-in or
 * imported) passes through `validateDeckFile` first; a newer format version
 * is refused, never guessed at. Hand-written on purpose: it ships in the
 * app bundle. The same rules, for editors, are in `decks/deck.schema.json`;
 * the format is described in `docs/deck-format.md`.
 */
import type { CardContent } from './types';
import { clozeNumbers, hasMalformedCloze, parseClozes, renderCloze } from './cloze';

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

export type NoteInput =
  | { id: string; type: 'basic'; front: string; back: string; tags?: string[]; source?: string }
  | { id: string; type: 'reversible'; front: string; back: string; tags?: string[]; source?: string }
  | { id: string; type: 'cloze'; text: string; extra?: string; tags?: string[]; source?: string };

/** A problem found in a deck file. `path` is like `cards[3].back`; empty for the whole file. */
export interface DeckIssue {
  path: string;
  cardId?: string;
  field?: string;
  message: string;
}

export type DeckValidation = { ok: true; file: DeckFileV1; warnings: DeckIssue[] } | { ok: false; errors: DeckIssue[] };

const NOTE_TYPES = ['basic', 'reversible', 'cloze'] as const;
const TOP_FIELDS = new Set(['$schema', 'format', 'version', 'deck', 'cards']);
const DECK_FIELDS = new Set(['id', 'name', 'description', 'group', 'contentVersion']);
const CARD_FIELDS: Record<NoteInput['type'], Set<string>> = {
  basic: new Set(['id', 'type', 'front', 'back', 'tags', 'source']),
  reversible: new Set(['id', 'type', 'front', 'back', 'tags', 'source']),
  cloze: new Set(['id', 'type', 'text', 'extra', 'tags', 'source']),
};

type Json = Record<string, unknown>;

function isNoteType(value: unknown): value is NoteInput['type'] {
  return (NOTE_TYPES as readonly unknown[]).includes(value);
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "a number", "an array", "null" ... for "found ..." in messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the value ${value}`;
  return typeof value === 'object' ? 'an object' : `a value of type ${typeof value}`;
}

/** Where issues go while one object is being checked: a message prefix and a path prefix. */
interface Scope {
  issues: DeckIssue[];
  warnings: DeckIssue[];
  /** e.g. `Card "q-failed" (cards[3]): ` or `Deck: ` */
  label: string;
  /** e.g. `cards[3]` or `deck` */
  path: string;
  cardId?: string;
}

function report(list: DeckIssue[], scope: Scope, field: string | undefined, message: string, subPath?: string): void {
  const path = [scope.path, subPath ?? field].filter(Boolean).join('.');
  const issue: DeckIssue = { path, message: scope.label + message };
  if (scope.cardId !== undefined) issue.cardId = scope.cardId;
  if (field !== undefined) issue.field = field;
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
    if (options.required) report(scope.issues, scope, field, `the field "${field}" is missing.`);
    return undefined;
  }
  if (typeof value !== 'string') {
    report(scope.issues, scope, field, `the field "${field}" must be text; found ${describe(value)}.`);
    return undefined;
  }
  if (!options.allowEmpty && value.trim() === '') {
    report(scope.issues, scope, field, `the field "${field}" is empty.`);
    return undefined;
  }
  return value;
}

/** Reads an id: non-empty text, no whitespace, no `::` (reserved for card ids such as `x::reverse`). */
function readId(obj: Json, scope: Scope): string | undefined {
  const id = readText(obj, 'id', scope, { required: true });
  if (id === undefined) return undefined;
  if (/\s/.test(id)) {
    report(scope.issues, scope, 'id', `the id ${JSON.stringify(id)} contains whitespace; use letters, digits and dashes, e.g. "fl-q-failed".`);
    return undefined;
  }
  if (id.includes('::')) {
    report(scope.issues, scope, 'id', `the id ${JSON.stringify(id)} contains "::", which is reserved for the app's card ids.`);
    return undefined;
  }
  return id;
}

function warnUnknownFields(obj: Json, known: Set<string>, scope: Scope): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) report(scope.warnings, scope, key, `unknown field "${key}" is ignored.`);
  }
}

function readTags(obj: Json, scope: Scope): string[] | undefined {
  const value = obj.tags;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    report(scope.issues, scope, 'tags', `the field "tags" must be a list of text tags; found ${describe(value)}.`);
    return undefined;
  }
  const tags: string[] = [];
  value.forEach((tag: unknown, i) => {
    if (typeof tag !== 'string' || tag.trim() === '') {
      const found = typeof tag === 'string' ? 'it is empty' : `found ${describe(tag)}`;
      report(scope.issues, scope, 'tags', `tag ${i + 1} in "tags" must be non-empty text; ${found}.`, `tags[${i}]`);
    } else {
      tags.push(tag);
    }
  });
  return tags;
}

function checkClozeText(text: string, scope: Scope): void {
  const spans = parseClozes(text);
  if (hasMalformedCloze(text)) {
    report(scope.issues, scope, 'text', 'the field "text" has a malformed cloze; write it as {{c1::answer}} or {{c1::answer::hint}}.');
    return;
  }
  if (spans.length === 0) {
    report(scope.issues, scope, 'text', 'the field "text" has no cloze; mark at least one answer as {{c1::answer}}.');
    return;
  }
  for (const span of spans) {
    if (span.number < 1) {
      report(scope.issues, scope, 'text', `the field "text" uses cloze number ${span.number}; cloze numbers start at 1 ({{c1::...}}).`);
    } else if (span.answer.trim() === '') {
      report(scope.issues, scope, 'text', `the field "text" has an empty answer in cloze c${span.number}.`);
    } else if (span.hint !== undefined && span.hint.trim() === '') {
      report(scope.issues, scope, 'text', `the field "text" has an empty hint in cloze c${span.number}; drop the trailing "::" or write a hint.`);
    }
  }
}

function readNote(raw: unknown, index: number, issues: DeckIssue[], warnings: DeckIssue[]): NoteInput | undefined {
  const at = `cards[${index}]`;
  if (!isRecord(raw)) {
    issues.push({ path: at, message: `Card ${at} must be an object; found ${describe(raw)}.` });
    return undefined;
  }
  const rawId = raw.id;
  const hasNamedId = typeof rawId === 'string' && rawId.trim() !== '';
  const scope: Scope = {
    issues,
    warnings,
    label: hasNamedId ? `Card ${JSON.stringify(rawId)} (${at}): ` : `Card ${at}: `,
    path: at,
    ...(hasNamedId ? { cardId: rawId } : {}),
  };
  const errorsBefore = issues.length;
  const id = readId(raw, scope);

  const type = raw.type;
  if (type === undefined) {
    report(issues, scope, 'type', 'the field "type" is missing; use "basic", "reversible" or "cloze".');
    return undefined;
  }
  if (!isNoteType(type)) {
    const shown = typeof type === 'string' ? JSON.stringify(type) : describe(type);
    report(issues, scope, 'type', `the field "type" is ${shown}; use "basic", "reversible" or "cloze".`);
    return undefined;
  }
  const noteType = type;
  warnUnknownFields(raw, CARD_FIELDS[noteType], scope);
  const tags = readTags(raw, scope);
  const source = readText(raw, 'source', scope, { required: false, allowEmpty: true });
  const common = { ...(tags !== undefined ? { tags } : {}), ...(source !== undefined ? { source } : {}) };

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
    issues.push({ path: 'deck', field: 'deck', message: 'The field "deck" is missing; it holds the deck\'s "id", "name" and "description".' });
    return undefined;
  }
  if (!isRecord(raw)) {
    issues.push({ path: 'deck', field: 'deck', message: `The field "deck" must be an object; found ${describe(raw)}.` });
    return undefined;
  }
  const scope: Scope = { issues, warnings, label: 'Deck: ', path: 'deck' };
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
    return { path: 'format', field: 'format', message: `The field "format" is missing; a deck file starts with "format": "${DECK_FORMAT}".` };
  }
  if (format !== DECK_FORMAT) {
    return {
      path: 'format',
      field: 'format',
      message: `The field "format" is ${describe(format)}, not "${DECK_FORMAT}"; this is not a deck file for this app.`,
    };
  }
  const version = input.version;
  if (version === undefined) {
    return { path: 'version', field: 'version', message: `The field "version" is missing; this app reads deck format version ${DECK_FORMAT_VERSION}.` };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { path: 'version', field: 'version', message: `The field "version" must be a whole number such as 1; found ${describe(version)}.` };
  }
  if (version > DECK_FORMAT_VERSION) {
    return {
      path: 'version',
      field: 'version',
      message: `This deck file is format version ${version}; this app reads version ${DECK_FORMAT_VERSION} and older. Update the app to open it.`,
    };
  }
  return undefined;
}

/**
 * Checks an untrusted value (usually `JSON.parse` of a file) against deck
 * format version 1. Errors and warnings are plain English and name the card
 * and field. Unknown fields are dropped from `file` with a warning each; a
 * newer `version` is refused outright.
 *
 * @example
 * const result = validateDeckFile(JSON.parse(text));
 * if (!result.ok) showErrors(result.errors.map((e) => e.message));
 * // e.g. 'Card "q-failed" (cards[3]): the field "back" is empty.'
 * else importDeck(result.file);
 */
export function validateDeckFile(input: unknown): DeckValidation {
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [{ path: '', message: `A deck file must be a JSON object with "format", "version", "deck" and "cards"; found ${describe(input)}.` }],
    };
  }
  const envelopeError = checkEnvelope(input);
  if (envelopeError) return { ok: false, errors: [envelopeError] };

  const errors: DeckIssue[] = [];
  const warnings: DeckIssue[] = [];
  const topScope: Scope = { issues: errors, warnings, label: '', path: '' };
  for (const key of Object.keys(input)) {
    if (!TOP_FIELDS.has(key)) report(warnings, topScope, key, `Unknown top-level field "${key}" is ignored.`);
  }
  if (input.$schema !== undefined && typeof input.$schema !== 'string') {
    report(errors, topScope, '$schema', `The field "$schema" must be text; found ${describe(input.$schema)}.`);
  }

  const deck = readDeckMeta(input.deck, errors, warnings);

  const rawCards = input.cards;
  const cards: NoteInput[] = [];
  if (rawCards === undefined) {
    errors.push({ path: 'cards', field: 'cards', message: 'The field "cards" is missing; it is the list of notes in the deck.' });
  } else if (!Array.isArray(rawCards)) {
    errors.push({ path: 'cards', field: 'cards', message: `The field "cards" must be a list; found ${describe(rawCards)}.` });
  } else {
    if (rawCards.length === 0) warnings.push({ path: 'cards', field: 'cards', message: 'The deck has no cards.' });
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
        errors.push({
          path: `cards[${index}].id`,
          cardId: id,
          field: 'id',
          message: `Duplicate card id ${JSON.stringify(id)} (cards[${first}] and cards[${index}]).`,
        });
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
  const deckId = file.deck.id;
  const out: CardContent[] = [];
  const add = (note: NoteInput, id: string, template: CardContent['template'], front: string, back: string): void => {
    const card: CardContent = { id, noteId: note.id, deckId, template, front, back, tags: [...(note.tags ?? [])], position: out.length };
    if (note.source !== undefined) card.source = note.source;
    out.push(card);
  };
  for (const note of file.cards) {
    switch (note.type) {
      case 'basic':
        add(note, note.id, 'basic', note.front, note.back);
        break;
      case 'reversible':
        add(note, note.id, 'forward', note.front, note.back);
        add(note, `${note.id}::reverse`, 'reverse', note.back, note.front);
        break;
      case 'cloze':
        for (const n of clozeNumbers(note.text)) {
          const { front, back } = renderCloze(note.text, n);
          const extra = note.extra?.trim() ? `\n\n${note.extra}` : '';
          add(note, `${note.id}::c${n}`, 'cloze', front, back + extra);
        }
        break;
    }
  }
  return out;
}
