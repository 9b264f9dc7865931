/**
 * Globally unique ids (ULIDs: 10 characters of time, 16 of randomness,
 * sortable by time), through the `ulid` package. The domain never reads
 * the clock or a random source, so here the randomness is seeded: the same
 * seed gives the same id. Storage makes fresh ones (`storage/ids.ts`).
 */
import { ulid } from 'ulid';

/** A 32-bit FNV-1a hash of `text` (UTF-16 code units). */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mulberry32: a small seeded PRNG. */
function seeded(seed: number): () => number {
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
  const random = seeded(hash32(seed) ^ hash32(`${seed}\u0001`) * 31);
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
