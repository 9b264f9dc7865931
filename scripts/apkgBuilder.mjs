/**
 * Builds real Anki packages in Node for tests, end-to-end fixtures and the
 * bench, the way Anki writes them (rslib import_export/package):
 * - 'anki2': an old package: `collection.anki2` (schema 11: note types and
 *   decks as JSON in `col`), a JSON media map `{"0": "a.png"}` and the files
 *   as zip entries `0`, `1`, ...;
 * - 'anki21': the legacy export of current Anki: `meta` (PackageMetadata
 *   version 2), `collection.anki21` (schema 11), the placeholder
 *   `collection.anki2`, the JSON media map and raw files;
 * - 'anki21b': the current format: `meta` (version 3), `collection.anki21b`
 *   (schema 18: `notetypes`, `fields`, `templates`, `decks` tables with
 *   protobuf configs, deck levels joined by U+001F), zstd-compressed, the
 *   placeholder `collection.anki2`, the media list as zstd-compressed
 *   protobuf `MediaEntries`, and each media file zstd-compressed.
 * SQLite through sql.js, zstd through @hpcc-js/wasm-zstd (Node 20 has no
 * zstd), protobuf through @bufbuild/protobuf's BinaryWriter (so the app's
 * hand-written reader is checked against a real encoder). Output is the
 * same bytes for the same input (fixed ids, times and zip dates).
 * Plain JavaScript so Node scripts and TypeScript tests share it
 * (types: apkgBuilder.d.mts).
 */
import { createHash } from 'node:crypto';
import initSqlJs from 'sql.js';
import { zipSync } from 'fflate';
import { Zstd } from '@hpcc-js/wasm-zstd';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/** @typedef {import('./apkgBuilder.d.mts').PackageSpec} PackageSpec */
/** @typedef {import('./apkgBuilder.d.mts').NoteTypeSpec} NoteTypeSpec */
/** @typedef {import('./apkgBuilder.d.mts').BuildOptions} BuildOptions */
/** @typedef {import('./apkgBuilder.d.mts').ApkgFormat} ApkgFormat */

/** The text of Anki's placeholder note (ftl `exporting-colpkg-too-new`). */
export const PLACEHOLDER_TEXT = 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.';

/** A fixed moment for every timestamp the builder writes (2024-01-01T00:00:00Z). */
const EPOCH_S = 1704067200;
const ZIP_DATE = new Date('2024-01-01T00:00:00Z');
const ANSWER = '{{FrontSide}}\n\n<hr id=answer>\n\n';

/** @type {Promise<import('sql.js').SqlJsStatic> | undefined} */
let sqlJs;
/** @type {Promise<Zstd> | undefined} */
let zstd;

/** zstd-compresses bytes (level 3, as Anki's default). */
export async function zstdCompress(bytes) {
  zstd ??= Zstd.load();
  return (await zstd).compress(bytes, 3);
}

/** The stock note types Anki adds to a new collection, by kind, in English. */
export function stockNoteType(kind, name) {
  switch (kind) {
    case 'basic':
      return { kind, name: name ?? 'Basic', fields: ['Front', 'Back'], templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: `${ANSWER}{{Back}}` }], originalStockKind: 1 };
    case 'reversed':
      return {
        kind,
        name: name ?? 'Basic (and reversed card)',
        fields: ['Front', 'Back'],
        templates: [
          { name: 'Card 1', qfmt: '{{Front}}', afmt: `${ANSWER}{{Back}}` },
          { name: 'Card 2', qfmt: '{{Back}}', afmt: `${ANSWER}{{Front}}` },
        ],
        originalStockKind: 2,
      };
    case 'optionalReversed':
      return {
        kind,
        name: name ?? 'Basic (optional reversed card)',
        fields: ['Front', 'Back', 'Add Reverse'],
        templates: [
          { name: 'Card 1', qfmt: '{{Front}}', afmt: `${ANSWER}{{Back}}` },
          { name: 'Card 2', qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', afmt: `${ANSWER}{{Front}}` },
        ],
        originalStockKind: 3,
      };
    case 'cloze':
      return { kind, name: name ?? 'Cloze', fields: ['Text', 'Back Extra'], templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }], originalStockKind: 5, isCloze: true };
    default:
      throw new Error(`no stock note type "${kind}"`);
  }
}

/** A note type spec with every field filled in. */
function fullNoteType(spec, index) {
  const stock = spec.kind === 'custom' ? { fields: [], templates: [], originalStockKind: 0 } : stockNoteType(spec.kind, spec.name);
  return {
    id: spec.id ?? 1700000000001 + index,
    name: spec.name ?? stock.name,
    kind: spec.kind,
    isCloze: spec.isCloze ?? spec.kind === 'cloze',
    fields: spec.fields ?? stock.fields,
    templates: spec.templates ?? stock.templates,
    originalStockKind: spec.originalStockKind ?? stock.originalStockKind,
  };
}

/** The card ordinals a note gets when its spec lists none, as Anki would make them. */
function defaultOrds(noteType, fields) {
  if (noteType.isCloze) {
    const numbers = new Set([...(fields[0] ?? '').matchAll(/\{\{c(\d+)::/g)].map((match) => Number(match[1])));
    return [...numbers].sort((a, b) => a - b).map((n) => n - 1);
  }
  if (noteType.kind === 'optionalReversed') return (fields[2] ?? '').trim() !== '' ? [0, 1] : [0];
  return noteType.templates.map((_, ord) => ord);
}

/** Every deck a spec names, with its parents, in order; Default first. */
function deckList(spec) {
  const names = ['Default'];
  const add = (name) => {
    const parts = name.split('::');
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('::');
      if (!names.includes(path)) names.push(path);
    }
  };
  for (const name of spec.decks ?? []) add(name);
  for (const note of spec.notes) {
    if (note.deck) add(note.deck);
    for (const card of note.cards ?? []) {
      if (card.deck) add(card.deck);
    }
  }
  const filtered = new Set();
  for (const note of spec.notes) for (const card of note.cards ?? []) if (card.filteredDeck) filtered.add(card.filteredDeck);
  for (const name of filtered) if (!names.includes(name)) names.push(name);
  return names.map((name, index) => ({ id: index === 0 ? 1 : 1700000001000 + index, name, isFiltered: filtered.has(name) }));
}

/** A protobuf message, written by `write` into a fresh BinaryWriter. */
function message(write) {
  const writer = new BinaryWriter();
  write(writer);
  return writer.finish();
}

/**
 * `PackageMetadata` (import_export.proto): `version = 1` (1, 2 legacy; 3 the current format).
 *
 * @param {number} version
 */
export function encodePackageMeta(version) {
  return message((w) => w.tag(1, WireType.Varint).int32(version));
}

/**
 * `MediaEntries` (import_export.proto): `repeated MediaEntry entries = 1`, each
 * `name = 1`, `size = 2`, `sha1 = 3`.
 */
export function encodeMediaEntries(entries) {
  return message((w) => {
    for (const entry of entries) {
      const bytes = message((e) => {
        e.tag(1, WireType.LengthDelimited).string(entry.name);
        e.tag(2, WireType.Varint).uint32(entry.size);
        e.tag(3, WireType.LengthDelimited).bytes(entry.sha1 ?? new Uint8Array(20));
      });
      w.tag(1, WireType.LengthDelimited).bytes(bytes);
    }
  });
}

/** `Notetype.Config` (notetypes.proto): kind 1, sort field 2, css 3, latex 5/6, reqs 8, original stock kind 9, other 255. */
function notetypeConfig(noteType) {
  return message((w) => {
    if (noteType.isCloze) w.tag(1, WireType.Varint).int32(1);
    w.tag(3, WireType.LengthDelimited).string('.card { font-family: arial; }');
    w.tag(5, WireType.LengthDelimited).string('\\documentclass[12pt]{article}');
    w.tag(6, WireType.LengthDelimited).string('\\end{document}');
    w.tag(8, WireType.LengthDelimited).bytes(message((r) => r.tag(1, WireType.Varint).uint32(0).tag(2, WireType.Varint).int32(1).tag(3, WireType.LengthDelimited).bytes(new Uint8Array([0]))));
    if (noteType.originalStockKind) w.tag(9, WireType.Varint).int32(noteType.originalStockKind);
    w.tag(255, WireType.LengthDelimited).bytes(new TextEncoder().encode('{}'));
  });
}

/** `Notetype.Template.Config`: q_format 1, a_format 2, browser formats 3/4, target deck 5, font 6/7, id 8 (int64). */
function templateConfig(template, id) {
  return message((w) => {
    w.tag(1, WireType.LengthDelimited).string(template.qfmt);
    w.tag(2, WireType.LengthDelimited).string(template.afmt);
    w.tag(6, WireType.LengthDelimited).string('Arial');
    w.tag(7, WireType.Varint).uint32(20);
    w.tag(8, WireType.Varint).int64(id);
  });
}

/** `Notetype.Field.Config`: sticky 1, font 3, size 4, id 9. */
function fieldConfig(id) {
  return message((w) => {
    w.tag(3, WireType.LengthDelimited).string('Arial');
    w.tag(4, WireType.Varint).uint32(20);
    w.tag(9, WireType.Varint).int64(id);
  });
}

const SCHEMA_11 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/** Schema 11 to 18 (rslib storage/upgrades): the graves of schema 11 or 18, and the tables of 14 and 15 (NOCASE stands in for Anki's `unicase` until the end). */
const GRAVES_11 = 'CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);';
const SCHEMA_18_EXTRA = `
CREATE TABLE graves (oid integer NOT NULL, type integer NOT NULL, usn integer NOT NULL, PRIMARY KEY (oid, type)) WITHOUT ROWID;
CREATE INDEX idx_graves_pending ON graves (usn);
CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL, mtime_secs integer NOT NULL, val blob NOT NULL) without rowid;
CREATE TABLE tags (tag text NOT NULL PRIMARY KEY COLLATE NOCASE, usn integer NOT NULL, collapsed boolean NOT NULL, config blob NULL) without rowid;
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE NOCASE, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE NOCASE, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);
CREATE INDEX idx_templates_usn ON templates (usn);
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE NOCASE, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE INDEX idx_notetypes_usn ON notetypes (usn);
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE, mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
CREATE INDEX idx_notes_mid ON notes (mid);
CREATE INDEX idx_cards_odid ON cards (odid) WHERE odid != 0;
`;

/** Anki's note checksum: the first 8 hex digits of the SHA-1 of the sort field, as a number. */
function checksum(text) {
  return parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

/** The schema-11 JSON of a note type (`col.models`). */
function noteTypeJson(noteType) {
  return {
    id: noteType.id,
    name: noteType.name,
    type: noteType.isCloze ? 1 : 0,
    mod: EPOCH_S,
    usn: -1,
    sortf: 0,
    did: null,
    tmpls: noteType.templates.map((template, ord) => ({ name: template.name, ord, qfmt: template.qfmt, afmt: template.afmt, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0, id: null })),
    flds: noteType.fields.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, description: '', plainText: false, collapsed: false, excludeFromSearch: false, id: null, tag: null, preventDeletion: false })),
    css: '.card { font-family: arial; }',
    latexPre: '\\documentclass[12pt]{article}',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: [[0, 'any', [0]]],
    ...(noteType.originalStockKind ? { originalStockKind: noteType.originalStockKind } : {}),
  };
}

/**
 * The collection database of a spec, as SQLite bytes.
 *
 * @param {PackageSpec} spec
 * @param {{ schema?: 11 | 18, schemaVersion?: number, sql?: string[] }} [options]
 */
export async function buildCollection(spec, options = {}) {
  const schema = options.schema ?? 11;
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  const db = new SQL.Database();
  try {
    db.exec(SCHEMA_11 + (schema === 18 ? SCHEMA_18_EXTRA : GRAVES_11));
    const noteTypes = (spec.noteTypes ?? ['basic', 'reversed', 'optionalReversed', 'cloze'].map((kind) => ({ kind }))).map(fullNoteType);
    const decks = deckList(spec);
    const deckId = (name) => {
      const deck = decks.find((candidate) => candidate.name === name);
      if (!deck) throw new Error(`no deck "${name}"`);
      return deck.id;
    };

    const models = Object.fromEntries(noteTypes.map((noteType) => [String(noteType.id), noteTypeJson(noteType)]));
    const deckJson = Object.fromEntries(
      decks.map((deck) => [String(deck.id), { id: deck.id, name: deck.name, dyn: deck.isFiltered ? 1 : 0, mod: EPOCH_S, usn: -1, desc: '', collapsed: false, conf: 1 }]),
    );
    const version = options.schemaVersion ?? schema;
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [
      EPOCH_S,
      EPOCH_S * 1000,
      EPOCH_S * 1000,
      version,
      '{}',
      schema === 18 ? '' : JSON.stringify(models),
      schema === 18 ? '' : JSON.stringify(deckJson),
      schema === 18 ? '' : '{"1": {"id": 1, "name": "Default"}}',
      schema === 18 ? '' : '{}',
    ]);
    if (schema === 18) {
      for (const noteType of noteTypes) {
        db.run('INSERT INTO notetypes VALUES (?, ?, ?, -1, ?)', [noteType.id, noteType.name, EPOCH_S, notetypeConfig(noteType)]);
        noteType.fields.forEach((name, ord) => db.run('INSERT INTO fields VALUES (?, ?, ?, ?)', [noteType.id, ord, name, fieldConfig(1700000000000000 + noteType.id + ord)]));
        noteType.templates.forEach((template, ord) =>
          db.run('INSERT INTO templates VALUES (?, ?, ?, ?, -1, ?)', [noteType.id, ord, template.name, EPOCH_S, templateConfig(template, 1700000000000000 + noteType.id + ord)]),
        );
      }
      for (const deck of decks) {
        // DeckCommon / DeckKind blobs: what the app never reads, present as Anki has them.
        const kind = message((w) => w.tag(deck.isFiltered ? 2 : 1, WireType.LengthDelimited).bytes(new Uint8Array(0)));
        db.run('INSERT INTO decks VALUES (?, ?, ?, -1, ?, ?)', [deck.id, deck.name.split('::').join('\u001f'), EPOCH_S, new Uint8Array(0), kind]);
      }
    }

    const cardIds = new Map();
    let nextCardId = 1700000200000;
    spec.notes.forEach((note, index) => {
      const noteType = noteTypes.find((candidate) => candidate.name === note.noteType);
      if (!noteType) throw new Error(`no note type "${note.noteType}"`);
      const id = note.id ?? 1700000100000 + index;
      const guid = note.guid ?? `guid${index}`;
      const tags = note.tags && note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '';
      const sortField = note.fields[0] ?? '';
      db.run('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)', [id, guid, noteType.id, EPOCH_S, tags, note.fields.join('\u001f'), sortField, checksum(sortField), '']);
      const cards = note.cards ?? defaultOrds(noteType, note.fields).map((ord) => ({ ord }));
      for (const card of cards) {
        const cardId = card.id ?? nextCardId++;
        cardIds.set(`${guid}:${card.ord}`, cardId);
        const home = deckId(card.deck ?? note.deck ?? 'Default');
        const did = card.filteredDeck ? deckId(card.filteredDeck) : home;
        const odid = card.filteredDeck ? home : 0;
        db.run('INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, ?, 0, ?)', [cardId, id, did, card.ord, EPOCH_S, index + 1, odid, '']);
      }
    });
    for (const entry of spec.revlog ?? []) {
      const cardId = cardIds.get(`${entry.note}:${entry.ord ?? 0}`);
      if (cardId === undefined) throw new Error(`no card ${entry.ord ?? 0} of note "${entry.note}"`);
      db.run('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)', [entry.id, cardId, entry.ease, entry.ivl ?? 1, entry.lastIvl ?? 0, entry.factor ?? 2500, entry.time ?? 5000, entry.type ?? 1]);
    }
    for (const statement of options.sql ?? []) db.exec(statement);
    if (schema === 18) {
      // Anki's own collation, which SQLite outside Anki lacks: the app must never need it.
      db.exec("PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'COLLATE NOCASE', 'COLLATE unicase') WHERE sql LIKE '%COLLATE NOCASE%'; PRAGMA writable_schema = OFF;");
    }
    return db.export();
  } finally {
    db.close();
  }
}

/** The placeholder collection Anki writes as `collection.anki2` beside a newer one: one Basic note asking to update Anki. */
export function buildPlaceholderCollection() {
  return buildCollection({ noteTypes: [{ kind: 'basic' }], notes: [{ noteType: 'Basic', guid: 'placeholder', fields: [PLACEHOLDER_TEXT, ''] }] });
}

/**
 * A zip of the entries; each entry stored or deflated as given (`true`:
 * stored, as Anki stores zstd data), at a fixed date.
 *
 * @param {Record<string, Uint8Array | [Uint8Array, boolean]>} entries
 */
export function zipPackage(entries) {
  const files = {};
  for (const [name, value] of Object.entries(entries)) {
    const [data, isStored] = Array.isArray(value) ? value : [value, false];
    files[name] = [data, { level: isStored ? 0 : 6, mtime: ZIP_DATE }];
  }
  return zipSync(files, { mtime: ZIP_DATE });
}

/**
 * The zip entries of a package (before zipping), so a test can change them.
 *
 * @param {PackageSpec} spec
 * @param {BuildOptions} [options]
 */
export async function buildPackageEntries(spec, options = {}) {
  /** @type {ApkgFormat} */
  const format = options.format ?? 'anki21b';
  const isLatest = format === 'anki21b';
  /** @type {Record<string, Uint8Array | [Uint8Array, boolean]>} */
  const entries = {};
  if (format !== 'anki2') entries.meta = [encodePackageMeta(isLatest ? 3 : 2), true];
  const collection = await buildCollection(spec, { schema: isLatest ? 18 : 11, schemaVersion: options.schemaVersion, sql: options.sql });
  if (isLatest) entries['collection.anki21b'] = [await zstdCompress(collection), true];
  else entries[format === 'anki21' ? 'collection.anki21' : 'collection.anki2'] = collection;
  if (format !== 'anki2' && options.placeholder !== false) entries['collection.anki2'] = [await buildPlaceholderCollection(), true];
  const media = spec.media ?? [];
  if (isLatest) {
    const list = media.map((file) => ({ name: file.name, size: file.declaredSize ?? file.bytes.length, sha1: createHash('sha1').update(file.bytes).digest() }));
    entries.media = [await zstdCompress(encodeMediaEntries(list)), true];
    for (const [index, file] of media.entries()) entries[String(index)] = [await zstdCompress(file.bytes), true];
  } else {
    entries.media = new TextEncoder().encode(JSON.stringify(Object.fromEntries(media.map((file, index) => [String(index), file.name]))));
    for (const [index, file] of media.entries()) entries[String(index)] = file.bytes;
  }
  return entries;
}

/**
 * A whole package (.apkg; a .colpkg is laid out the same way).
 *
 * @example
 * const bytes = await buildApkg({ notes: [{ noteType: 'Basic', guid: 'q1', fields: ['Question', 'Answer'], deck: 'Interview::STAR' }] });
 *
 * @param {PackageSpec} spec
 * @param {BuildOptions} [options]
 */
export async function buildApkg(spec, options = {}) {
  return zipPackage(await buildPackageEntries(spec, options));
}
