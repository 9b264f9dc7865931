/**
 * Anki packages (.apkg, .colpkg) read in the import worker: the zip is
 * listed and its declared sizes checked before anything is inflated, the
 * collection picked (`collection.anki21b`: zstd-compressed SQLite, schema
 * 18; else `collection.anki21`, else `collection.anki2`: schema 11), read
 * with sql.js (loaded here, so it is a chunk of its own), its notes turned
 * into this app's notes (`convert.ts`), its media files unpacked, named as
 * Anki names them, typed and hashed, and its review log mapped onto the
 * cards. Every problem is a code (`ImportProblem`); hostile or broken input
 * gives one, never an exception.
 */
import { mediaReferencesOf, soundReferencesOf } from '../../media';
import { MessageList } from '../text';
import type { ImportMedia, ImportOptions, ImportProblem, PackageSummary, ParsedFile } from '../types';
import { readCollection, readSchemaVersion, type AnkiCollection } from './collection';
import { convertCollection } from './convert';
import { mediaTypeOf, normalizeMediaName, readLegacyMediaList, readMediaEntries, readPackageVersion, sha256Hex, type MediaListEntry } from './mediaFiles';
import { listZip, unzipEntries } from './zip';
import { decodeZstd } from './zstd';

export { normalizeMediaName } from './mediaFiles';

const MB = 1024 * 1024;

/** The most a package may unpack to (collection and media together). */
export const MAX_PACKAGE_UNPACKED_BYTES = 250 * MB;
/** The largest single media file kept; larger ones are left out. */
export const MAX_MEDIA_FILE_BYTES = 50 * MB;

/** The limits `parseApkg` applies (tests pass small ones). */
export interface ApkgLimits {
  maxUnpackedBytes: number;
  maxMediaFileBytes: number;
}

const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const;
type CollectionName = (typeof COLLECTIONS)[number];

/** What `col.ver` may be in each collection file. */
function isKnownSchema(collection: CollectionName, version: number): boolean {
  return collection === 'collection.anki21b' ? version >= 15 && version <= 18 : version === 11;
}

/** The placeholder Anki writes as `collection.anki2` beside a newer collection: one note asking to update Anki (rslib colpkg/export.rs, `exporting-colpkg-too-new`). */
function isPlaceholder(collection: AnkiCollection): boolean {
  const [only, ...rest] = collection.notes;
  return only !== undefined && rest.length === 0 && /\.colpkg|\.apkg/i.test(only.fields.join(' '));
}

const megabytes = (bytes: number): string => (bytes / MB).toFixed(1);

class PackageError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.code);
  }
}

/** sql.js, loaded once; in a browser the wasm comes from `wasmUrl`, in Node from beside sql.js's script. */
async function openDatabase(bytes: Uint8Array, wasmUrl: string | undefined) {
  const { default: initSqlJs } = await import('sql.js');
  const SQL = await initSqlJs(wasmUrl ? { locateFile: () => wasmUrl } : undefined);
  return new SQL.Database(bytes);
}

/** Reads the collection database, or throws a `PackageError` saying why not. */
async function loadCollection(bytes: Uint8Array, name: CollectionName, wasmUrl: string | undefined): Promise<AnkiCollection> {
  const db = await openDatabase(bytes, wasmUrl);
  try {
    let version: number;
    try {
      version = readSchemaVersion(db);
    } catch (error) {
      throw new PackageError({ code: 'packageCorruptDatabase', detail: error instanceof Error ? error.message : String(error) });
    }
    if (!isKnownSchema(name, version)) throw new PackageError({ code: 'packageUnknownSchema', version });
    try {
      return readCollection(db, version);
    } catch (error) {
      throw new PackageError({ code: 'packageCorruptDatabase', detail: error instanceof Error ? error.message : String(error) });
    }
  } finally {
    db.close();
  }
}

/**
 * Parses an Anki package: decks of notes, media, review history and a
 * summary, or an 'error' message with the package problem's code.
 *
 * @example
 * const parsed = await parseApkg(bytes, { fileName: 'spanish.apkg' });
 * parsed.decks[0]?.deckName; // 'Spanish::Verbs'
 * parsed.package; // { collection: 'collection.anki21b', schemaVersion: 18, noteTypes: [...], mediaCount: 3, ... }
 * (await parseApkg(new Uint8Array([1, 2, 3]), { fileName: 'x.apkg' })).messages; // [{ severity: 'error', code: 'packageNotZip' }]
 */
export async function parseApkg(bytes: Uint8Array, options: ImportOptions, limits: Partial<ApkgLimits> = {}): Promise<ParsedFile> {
  const maxUnpacked = limits.maxUnpackedBytes ?? MAX_PACKAGE_UNPACKED_BYTES;
  const maxMedia = limits.maxMediaFileBytes ?? MAX_MEDIA_FILE_BYTES;
  try {
    return await readPackage(bytes, options, maxUnpacked, maxMedia);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    return { decks: [], messages: [{ severity: 'error', ...error.problem }], unknownSections: [] };
  }
}

/** `parseApkg`'s steps; a package problem is thrown as a `PackageError`. */
async function readPackage(bytes: Uint8Array, options: ImportOptions, maxUnpacked: number, maxMedia: number): Promise<ParsedFile> {
  const tooLarge = (size: number): PackageError => new PackageError({ code: 'packageTooLarge', sizeMb: megabytes(size), limitMb: maxUnpacked / MB });
  const entries = listZip(bytes);
  if (!entries) throw new PackageError({ code: 'packageNotZip' });
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > maxUnpacked) throw tooLarge(declared);
  const sizes = new Map(entries.map((entry) => [entry.name, entry.size]));
  const collectionName = COLLECTIONS.find((name) => sizes.has(name));
  if (!collectionName) throw new PackageError({ code: 'packageNoCollection' });
  const isLatest = collectionName === 'collection.anki21b';

  const first = unzipEntries(bytes, new Set([collectionName, 'meta', 'media']));
  if (!first.ok) throw new PackageError({ code: 'packageCorruptZip', entry: first.entry });
  const meta = first.files.get('meta');
  const metaVersion = meta ? readPackageVersion(meta) : null;
  // A package whose `meta` names a newer format than the legacy one it holds: only Anki's placeholder is readable.
  if (collectionName === 'collection.anki2' && metaVersion !== null && metaVersion > 2) throw new PackageError({ code: 'packageOnlyPlaceholder' });

  let collectionBytes = first.files.get(collectionName) ?? new Uint8Array(0);
  if (isLatest) {
    const decoded = decodeZstd(collectionBytes, maxUnpacked);
    if (!decoded.ok) throw decoded.reason === 'tooLarge' ? tooLarge(decoded.atLeast) : new PackageError({ code: 'packageCorruptZstd', entry: collectionName });
    collectionBytes = decoded.bytes;
  }
  let unpacked = collectionBytes.length;
  const collection = await loadCollection(collectionBytes, collectionName, options.sqliteWasmUrl);
  if (collectionName === 'collection.anki2' && isPlaceholder(collection)) throw new PackageError({ code: 'packageOnlyPlaceholder' });

  // The media list.
  let list: MediaListEntry[] = [];
  const listBytes = first.files.get('media');
  if (listBytes && listBytes.length > 0) {
    if (isLatest) {
      const decoded = decodeZstd(listBytes, maxUnpacked - unpacked);
      if (!decoded.ok) throw decoded.reason === 'tooLarge' ? tooLarge(unpacked + decoded.atLeast) : new PackageError({ code: 'packageCorruptZstd', entry: 'media' });
      list = readMediaEntries(decoded.bytes) ?? [];
    } else {
      list = readLegacyMediaList(listBytes) ?? [];
    }
  }
  // Names as Anki stores them; the notes' references follow a name that changed. Two files of one name: the first wins.
  const renames = new Map<string, string>();
  const byName = new Map<string, MediaListEntry>();
  for (const item of list) {
    const name = normalizeMediaName(item.name);
    if (name === '' || byName.has(name) || !sizes.has(item.entry)) continue;
    if (name !== item.name) renames.set(item.name, name);
    byName.set(name, item);
  }

  const messages = new MessageList();
  const converted = convertCollection(collection, options.fileName, renames, messages);
  if (converted.decks.length === 0) {
    // Nothing to import: every note left out (each with its message), or none at all.
    messages.error(messages.skipped > 0 ? { code: 'noImportableRows', skipped: messages.skipped } : { code: 'fileEmpty' });
  }

  const referenced = new Set<string>();
  const sounds = new Set<string>();
  for (const deck of converted.decks) {
    for (const note of deck.notes) {
      const texts = note.type === 'cloze' ? [note.text, note.extra ?? ''] : [note.front, note.back];
      for (const text of texts) {
        for (const name of mediaReferencesOf(text)) referenced.add(name);
        for (const name of soundReferencesOf(text)) sounds.add(name);
      }
    }
  }

  // Media files: sizes checked before inflating (new-style lists declare the unpacked size; the zip the stored one).
  const unavailable = new Set<string>();
  const wanted = new Map<string, string>();
  for (const [name, item] of byName) {
    const size = isLatest ? Math.max(item.declaredSize ?? 0, 0) : (sizes.get(item.entry) ?? 0);
    if (size > maxMedia) {
      messages.skip({ code: 'mediaFileTooLarge', name, sizeMb: megabytes(size), limitMb: maxMedia / MB });
      unavailable.add(name);
    } else {
      wanted.set(item.entry, name);
    }
  }
  const files = unzipEntries(bytes, new Set(wanted.keys()));
  if (!files.ok) throw new PackageError({ code: 'packageCorruptZip', entry: files.entry });
  const media: ImportMedia[] = [];
  for (const [entry, name] of wanted) {
    let data = files.files.get(entry) ?? new Uint8Array(0);
    if (isLatest) {
      const cap = Math.min(maxMedia, maxUnpacked - unpacked);
      const decoded = decodeZstd(data, cap);
      if (!decoded.ok && decoded.reason === 'tooLarge') {
        if (cap < maxMedia) throw tooLarge(unpacked + decoded.atLeast);
        messages.skip({ code: 'mediaFileTooLarge', name, sizeMb: megabytes(decoded.atLeast), limitMb: maxMedia / MB });
        unavailable.add(name);
        continue;
      }
      if (!decoded.ok) {
        messages.skip({ code: 'packageCorruptZstd', entry });
        unavailable.add(name);
        continue;
      }
      data = decoded.bytes;
      unpacked += data.length;
    }
    const type = mediaTypeOf(name, data, sounds.has(name));
    media.push({ name, bytes: data, mime: type.mime, kind: type.kind, hash: await sha256Hex(data) });
  }

  const kept = new Set(media.map((file) => file.name));
  const missing = [...referenced].filter((name) => !kept.has(name) && !unavailable.has(name));
  const [example] = missing;
  if (example !== undefined) messages.warning({ code: 'mediaMissing', count: missing.length, example });

  const summary: PackageSummary = {
    collection: collectionName,
    schemaVersion: collection.schemaVersion,
    noteTypes: converted.noteTypes,
    mediaCount: media.length,
    mediaBytes: media.reduce((sum, file) => sum + file.bytes.length, 0),
    audioCount: media.filter((file) => file.kind === 'audio').length,
    reviewCount: converted.reviewCount,
  };
  return {
    decks: converted.decks,
    messages: messages.list(),
    ...(messages.skipped > 0 ? { skipped: messages.skipped } : {}),
    unknownSections: [],
    media,
    history: converted.history,
    package: summary,
  };
}
