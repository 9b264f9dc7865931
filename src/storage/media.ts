/**
 * Media files (images, sounds) in IndexedDB, by the file name card text uses
 * (`<img src="cat.png">`, `[sound:hello.mp3]`): the `media` store (schema 4).
 * A file's bytes are stored inline (an ArrayBuffer, not a Blob: see
 * `MediaRecord.bytes`), with its type, size and SHA-256 (hex) next to it. A name never changes its bytes: a file
 * that arrives under a taken name with other bytes is stored under a new name
 * (`planMediaWrites`), and the caller rewrites its notes' references. Only
 * card rendering (`ui/media.ts`) and imports use this, by path, so the first
 * load never carries it.
 */
import type { ImportMedia } from '../domain/importers/types';
import { getDatabase, type FlashcardsDatabase } from './db';
import { guarded } from './errors';

/** One stored media file. */
export interface MediaRecord {
  /** The file name card text refers to it by; the key. */
  name: string;
  /**
   * The file's bytes, inline in the record: media files are small, and a
   * Blob in IndexedDB is a file of its own in the browser's blob store,
   * which made a package of 1,000 images several times slower to write.
   */
  bytes: ArrayBuffer;
  /** e.g. 'image/png', 'audio/mpeg'. */
  mime: string;
  /** Length of `bytes` (kept so totals need not read them). */
  size: number;
  /** Hex SHA-256 of the bytes, lower case. */
  hash: string;
  addedAt: number;
}

/** What storing a set of media files would do (`planMediaWrites`). */
export interface MediaWritePlan {
  /** A file's name in its package -> the name it is stored under, for files whose name was taken by other bytes: rewrite the notes' references. */
  renames: Map<string, string>;
  /** The records to write (`putMedia`), in the order of the files. */
  toPut: MediaRecord[];
  /** Files already stored with the same bytes (under their name or their new one): nothing to write. */
  unchanged: number;
  /** Files to write: `toPut.length`. */
  added: number;
  /** Bytes of the files to write. */
  bytes: number;
}

/** The tables `planMediaWrites` and `putMedia` use: add them to the import's transaction. */
export const MEDIA_TABLES = (database: FlashcardsDatabase) => [database.media];

/**
 * The name a file gets when its own is taken by other bytes: the first eight
 * hex digits of its hash before the extension, then a counter if even that
 * name is taken by other bytes.
 *
 * @example
 * renamedMediaName('cat.png', 'ab12cd34ef...', 1); // 'cat-ab12cd34.png'
 * renamedMediaName('cat.png', 'ab12cd34ef...', 2); // 'cat-ab12cd34-2.png'
 */
export function renamedMediaName(name: string, hash: string, attempt: number): string {
  const dot = name.lastIndexOf('.');
  const hasExtension = dot > 0 && dot < name.length - 1;
  const stem = hasExtension ? name.slice(0, dot) : name;
  const extension = hasExtension ? name.slice(dot) : '';
  const counter = attempt > 1 ? `-${attempt}` : '';
  return `${stem}-${hash.slice(0, 8).toLowerCase()}${counter}${extension}`;
}

/** The file's bytes as an ArrayBuffer of their own (the view may share a larger buffer). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer;
  return bytes.slice().buffer;
}

/**
 * Decides how to store `incoming` next to what the store holds: a new name
 * is put; the same name with the same hash is left as it is; the same name
 * with other bytes is put under `renamedMediaName` (or left, if that name
 * holds the same bytes already), and the rename is reported so the caller
 * rewrites its notes. Reads only; run it inside a transaction that includes
 * `MEDIA_TABLES`, then `putMedia(database, plan.toPut)` in the same one.
 */
export async function planMediaWrites(database: FlashcardsDatabase, incoming: readonly ImportMedia[], nowMs: number): Promise<MediaWritePlan> {
  const plan: MediaWritePlan = { renames: new Map(), toPut: [], unchanged: 0, added: 0, bytes: 0 };
  /** Hashes by name: what is stored, and what this plan writes. */
  const known = new Map<string, string | null>();
  const stored = await database.media.bulkGet(incoming.map((file) => file.name));
  incoming.forEach((file, index) => {
    if (!known.has(file.name)) known.set(file.name, stored[index]?.hash ?? null);
  });

  for (const file of incoming) {
    const hash = file.hash.toLowerCase();
    let name = file.name;
    for (let attempt = 1; ; attempt += 1) {
      // Only a new name is read (an await of anything but IndexedDB could let the transaction commit).
      if (!known.has(name)) known.set(name, (await database.media.get(name))?.hash ?? null);
      const existing = known.get(name) ?? null;
      if (existing === null) {
        const record: MediaRecord = { name, bytes: ownBuffer(file.bytes), mime: file.mime, size: file.bytes.byteLength, hash, addedAt: nowMs };
        known.set(name, hash);
        plan.toPut.push(record);
        plan.added += 1;
        plan.bytes += record.size;
        break;
      }
      if (existing === hash) {
        plan.unchanged += 1;
        break;
      }
      name = renamedMediaName(file.name, hash, attempt);
    }
    if (name !== file.name) plan.renames.set(file.name, name);
  }
  return plan;
}

/** Writes planned records (`planMediaWrites`) inside the caller's transaction. */
export async function putMedia(database: FlashcardsDatabase, records: readonly MediaRecord[]): Promise<void> {
  // Every record is a name the store does not hold (`planMediaWrites`): added, not put (Dexie's put reads each old record first).
  if (records.length > 0) await database.media.bulkAdd(records);
}

/**
 * Plans and writes `incoming` in a transaction of its own. An import writes
 * its media in its own transaction with its notes instead (`planMediaWrites`,
 * `putMedia`), so a failed import writes neither.
 */
export function addMedia(incoming: readonly ImportMedia[], nowMs: number): Promise<MediaWritePlan> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', MEDIA_TABLES(database), async () => {
      const plan = await planMediaWrites(database, incoming, nowMs);
      await putMedia(database, plan.toPut);
      return plan;
    });
  });
}

/** A stored file's bytes with its type, or undefined when no file has that name. */
export function getMediaBlob(name: string): Promise<Blob | undefined> {
  return guarded(async () => {
    const record = await getDatabase().media.get(name);
    if (!record) return undefined;
    return new Blob([record.bytes], { type: record.mime });
  });
}

/** How many media files are stored and their bytes (Settings can show it). */
export function mediaUsage(): Promise<{ count: number; bytes: number }> {
  return guarded(async () => {
    let count = 0;
    let bytes = 0;
    await getDatabase().media.each((record) => {
      count += 1;
      bytes += record.size;
    });
    return { count, bytes };
  });
}
