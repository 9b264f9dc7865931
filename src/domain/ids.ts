/**
 * Globally unique ids (ULIDs: 10 characters of time, 16 of randomness,
 * sortable by time), through the `ulid` package. The domain never reads
 * the clock or a random source, so here the randomness is seeded: the same
 * seed gives the same id (version-1 logs get theirs so, `logsFromVersion1`).
 * Storage makes fresh ones (`storage/ids.ts`).
 */
import { ulid } from 'ulid';
import type { ReviewLogRecord } from './types';

/** A 32-bit FNV-1a hash of `text` (UTF-16 code units) from `basis`, finished with murmur3's avalanche so near-equal texts spread apart. */
function hash32(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** sfc32: a seeded PRNG with 128 bits of state, so texts that differ give different runs (a 32-bit state would collide among many answers of the same millisecond). */
function seededFromText(text: string): () => number {
  let a = hash32(text, 0x811c9dc5);
  let b = hash32(text, 0x9e3779b9);
  let c = hash32(text, 0x85ebca6b);
  let d = hash32(text, 0xc2b2ae35);
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
}

/**
 * Mulberry32: a small seeded PRNG (numbers in [0, 1)), the one the app,
 * the bench and the tests use when the same seed must give the same run.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A ULID for `timeMs` whose random part comes from `seed`: the same inputs
 * always give the same id.
 *
 * @example
 * seededUlid(1700000000000, 'v1-log:42'); // '01HF7YAT00…' (always the same)
 */
export function seededUlid(timeMs: number, seed: string): string {
  const random = seededFromText(seed);
  for (let warmUp = 0; warmUp < 12; warmUp += 1) random();
  return ulid(Math.max(0, Math.floor(timeMs)), random);
}

/**
 * The id a version-1 review log gets in version 2: the answer's time, and a
 * random part from the old per-device number and the answer itself. The same
 * log (e.g. one backup restored on two devices) gets the same id; two
 * devices' different answers get different ones.
 */
export function reviewIdFromVersion1(log: { id?: number | string; cardId: string; reviewTime: number; rating: number }): string {
  return seededUlid(log.reviewTime, `v1-log|${log.id ?? ''}|${log.cardId}|${log.reviewTime}|${log.rating}`);
}

/** Whether `id` looks like a ULID (26 Crockford base-32 characters). */
export function isUlid(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id);
}

/** A version-1 review log: numbered by its device, without its note. */
export type ReviewLogV1 = Omit<ReviewLogRecord, 'id' | 'noteId'> & { id?: number };

/**
 * Version-1 logs as version 2 stores them: each with a globally unique id
 * (`reviewIdFromVersion1`: the same log gets the same id on every device;
 * in the unlikely case two logs would share one, the later gets the next
 * seed) and the note of its card.
 */
export function logsFromVersion1(v1Logs: readonly ReviewLogV1[], noteOfCard: ReadonlyMap<string, string>): (ReviewLogRecord & { id: string })[] {
  const used = new Set<string>();
  return v1Logs.map((log) => {
    const { id: oldId, ...rest } = log;
    let id = reviewIdFromVersion1(log);
    for (let attempt = 1; used.has(id); attempt += 1) id = reviewIdFromVersion1({ ...log, id: `${oldId ?? ''}#${attempt}` });
    used.add(id);
    return { ...rest, id, noteId: noteOfCard.get(log.cardId) ?? log.cardId.split('::')[0] ?? log.cardId };
  });
}
