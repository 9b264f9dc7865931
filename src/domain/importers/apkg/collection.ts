/**
 * Reads an Anki collection (SQLite, through sql.js) into plain records:
 * note types, decks, notes, cards and the review log. Schema 11 keeps note
 * types and decks as JSON in `col.models` / `col.decks`; schema 15-18 keeps
 * them in the `notetypes`, `fields`, `templates` and `decks` tables, with
 * protobuf configs and deck names whose levels are joined by U+001F. Ids are
 * read as text (Anki's are 64-bit). Anki declares the name columns with
 * its own `unicase` collation, which SQLite outside Anki lacks (and sql.js
 * cannot add): a `WITHOUT ROWID` table such as `fields` cannot even be
 * scanned without it. The copy read here (in memory, never written back)
 * gets `NOCASE` in its place first, and no query compares or orders names.
 */
import type { Database, SqlValue } from 'sql.js';
import { decodeMessage, stringField, varintField } from './protobuf';

/** A note type as the package defines it; `problem` set when it cannot be read. */
export interface AnkiNoteType {
  id: string;
  name: string;
  isCloze: boolean;
  /** Anki's `OriginalStockKind` (6: image occlusion), 0 when unknown. */
  originalStockKind: number;
  /** Field names by ordinal. */
  fields: string[];
  templates: { name: string; ord: number; qfmt: string; afmt: string }[];
  isUnreadable: boolean;
}

export interface AnkiNote {
  id: string;
  guid: string;
  noteTypeId: string;
  tags: string[];
  fields: string[];
}

export interface AnkiCard {
  id: string;
  noteId: string;
  /** The deck it belongs to: its original deck when it sits in a filtered deck. */
  deckId: string;
  ord: number;
}

export interface AnkiReview {
  id: string;
  /** Epoch ms (the revlog id). */
  time: number;
  cardId: string;
  ease: number;
  durationMs: number;
  type: number;
}

export interface AnkiCollection {
  /** `col.ver`. */
  schemaVersion: number;
  noteTypes: Map<string, AnkiNoteType>;
  /** Deck id -> full name with `::` between levels. */
  decks: Map<string, string>;
  /** By note id, ascending. */
  notes: AnkiNote[];
  /** By card id, ascending. */
  cards: AnkiCard[];
  /** By revlog id (time), ascending. */
  reviews: AnkiReview[];
}

/** Runs `sql` and calls `row` with each row's values. */
function eachRow(db: Database, sql: string, row: (values: SqlValue[]) => void): void {
  const statement = db.prepare(sql);
  try {
    while (statement.step()) row(statement.get());
  } finally {
    statement.free();
  }
}

const text = (value: SqlValue | undefined): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value));
const number = (value: SqlValue | undefined): number => (typeof value === 'number' ? value : Number(text(value)) || 0);
const blob = (value: SqlValue | undefined): Uint8Array => (value instanceof Uint8Array ? value : new TextEncoder().encode(text(value)));

/** The first row of `sql`, or an empty row when there is none. */
function firstRow(db: Database, sql: string): SqlValue[] {
  const rows: SqlValue[][] = [];
  eachRow(db, sql, (values) => {
    if (rows.length === 0) rows.push(values);
  });
  return rows[0] ?? [];
}

/** `col.ver`: the collection's schema version. */
export function readSchemaVersion(db: Database): number {
  return number(firstRow(db, 'SELECT ver FROM col LIMIT 1')[0]);
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses JSON text, null when it is not an object. */
function jsonObject(source: string): Json | null {
  try {
    const parsed: unknown = JSON.parse(source);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** A schema-11 note type from its JSON (`col.models`). */
function noteTypeFromJson(id: string, model: unknown): AnkiNoteType {
  const broken: AnkiNoteType = { id, name: `#${id}`, isCloze: false, originalStockKind: 0, fields: [], templates: [], isUnreadable: true };
  if (!isRecord(model)) return broken;
  const name = typeof model.name === 'string' ? model.name : broken.name;
  const fields = Array.isArray(model.flds) ? model.flds : null;
  const templates = Array.isArray(model.tmpls) ? model.tmpls : null;
  if (!fields || !templates) return { ...broken, name };
  const fieldNames = fields.map((field: unknown) => (isRecord(field) && typeof field.name === 'string' ? field.name : null));
  const readTemplates = templates.map((template: unknown, index) =>
    isRecord(template) && typeof template.qfmt === 'string'
      ? {
          name: typeof template.name === 'string' ? template.name : `Card ${index + 1}`,
          ord: typeof template.ord === 'number' ? template.ord : index,
          qfmt: template.qfmt,
          afmt: typeof template.afmt === 'string' ? template.afmt : '',
        }
      : null,
  );
  if (fieldNames.some((field) => field === null) || readTemplates.some((template) => template === null)) return { ...broken, name };
  return {
    id,
    name,
    isCloze: model.type === 1,
    originalStockKind: typeof model.originalStockKind === 'number' ? model.originalStockKind : 0,
    fields: fieldNames as string[],
    templates: (readTemplates as AnkiNoteType['templates']).sort((a, b) => a.ord - b.ord),
    isUnreadable: false,
  };
}

/** Schema 11: note types and decks from the `col` row's JSON. */
function readLegacyTypesAndDecks(db: Database): Pick<AnkiCollection, 'noteTypes' | 'decks'> {
  const [modelsText, decksText] = firstRow(db, 'SELECT models, decks FROM col LIMIT 1');
  const models = jsonObject(text(modelsText));
  const decks = jsonObject(text(decksText));
  const noteTypes = new Map<string, AnkiNoteType>();
  for (const [id, model] of Object.entries(models ?? {})) noteTypes.set(id, noteTypeFromJson(id, model));
  const deckNames = new Map<string, string>();
  for (const [id, deck] of Object.entries(decks ?? {})) {
    if (isRecord(deck) && typeof deck.name === 'string') deckNames.set(id, deck.name);
  }
  return { noteTypes, decks: deckNames };
}

/**
 * Schema 15-18: the note type tables. Protobuf fields from Anki's
 * notetypes.proto: `Notetype.Config.kind = 1` (1: cloze),
 * `original_stock_kind = 9`; `Notetype.Template.Config.q_format = 1`,
 * `a_format = 2`.
 */
function readTypesAndDecks(db: Database): Pick<AnkiCollection, 'noteTypes' | 'decks'> {
  db.exec(
    "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', 'COLLATE NOCASE') WHERE sql LIKE '%COLLATE unicase%'; PRAGMA writable_schema = RESET;",
  );
  const noteTypes = new Map<string, AnkiNoteType>();
  eachRow(db, 'SELECT CAST(id AS TEXT), name, config FROM notetypes', ([id, name, config]) => {
    const message = decodeMessage(blob(config));
    noteTypes.set(text(id), {
      id: text(id),
      name: text(name),
      isCloze: message ? varintField(message, 1) === 1 : false,
      originalStockKind: message ? varintField(message, 9) : 0,
      fields: [],
      templates: [],
      isUnreadable: !message,
    });
  });
  const fields = new Map<string, { ord: number; name: string }[]>();
  eachRow(db, 'SELECT CAST(ntid AS TEXT), ord, name FROM fields', ([ntid, ord, name]) => {
    const list = fields.get(text(ntid)) ?? [];
    list.push({ ord: number(ord), name: text(name) });
    fields.set(text(ntid), list);
  });
  eachRow(db, 'SELECT CAST(ntid AS TEXT), ord, name, config FROM templates', ([ntid, ord, name, config]) => {
    const noteType = noteTypes.get(text(ntid));
    if (!noteType) return;
    const message = decodeMessage(blob(config));
    if (!message) noteType.isUnreadable = true;
    else noteType.templates.push({ name: text(name), ord: number(ord), qfmt: stringField(message, 1), afmt: stringField(message, 2) });
  });
  for (const noteType of noteTypes.values()) {
    noteType.fields = (fields.get(noteType.id) ?? []).sort((a, b) => a.ord - b.ord).map((field) => field.name);
    noteType.templates.sort((a, b) => a.ord - b.ord);
  }
  const decks = new Map<string, string>();
  eachRow(db, 'SELECT CAST(id AS TEXT), name FROM decks', ([id, name]) => {
    decks.set(text(id), text(name).split('\u001f').join('::'));
  });
  return { noteTypes, decks };
}

/** Splits Anki's space-separated tags, each once. */
function splitTags(tags: string): string[] {
  return [...new Set(tags.split(/\s+/).filter((tag) => tag !== ''))];
}

/**
 * Reads the whole collection. Throws SQLite's error for a database it
 * cannot read (the caller words it as a corrupt package).
 */
export function readCollection(db: Database, schemaVersion: number): AnkiCollection {
  const { noteTypes, decks } = schemaVersion >= 15 ? readTypesAndDecks(db) : readLegacyTypesAndDecks(db);
  const notes: AnkiNote[] = [];
  eachRow(db, 'SELECT CAST(id AS TEXT), guid, CAST(mid AS TEXT), tags, flds FROM notes ORDER BY id', ([id, guid, mid, tags, flds]) => {
    notes.push({ id: text(id), guid: text(guid), noteTypeId: text(mid), tags: splitTags(text(tags)), fields: text(flds).split('\u001f') });
  });
  const cards: AnkiCard[] = [];
  eachRow(db, 'SELECT CAST(id AS TEXT), CAST(nid AS TEXT), CAST(did AS TEXT), CAST(odid AS TEXT), ord FROM cards ORDER BY id', ([id, nid, did, odid, ord]) => {
    const original = text(odid);
    cards.push({ id: text(id), noteId: text(nid), deckId: original !== '' && original !== '0' ? original : text(did), ord: number(ord) });
  });
  const reviews: AnkiReview[] = [];
  eachRow(db, 'SELECT id, CAST(id AS TEXT), CAST(cid AS TEXT), ease, time, type FROM revlog ORDER BY id', ([time, id, cid, ease, duration, type]) => {
    reviews.push({ id: text(id), time: number(time), cardId: text(cid), ease: number(ease), durationMs: number(duration), type: number(type) });
  });
  return { schemaVersion, noteTypes, decks, notes, cards, reviews };
}
