/**
 * Fresh globally unique ids (ULIDs) for records this device creates: review
 * logs, notes made or imported without a global id, imported decks.
 * Monotonic: ids made in the same millisecond still sort in creation order.
 */
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new ULID for a record created at `nowMs`. */
export function newId(nowMs: number): string {
  return next(Math.max(0, Math.floor(nowMs)));
}
