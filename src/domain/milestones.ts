/**
 * Named moments of the app's work (database ready, home counted, answer
 * written), reported by the layers that reach them to whoever listens. The
 * entry turns them into performance marks (the bench reads those); storage
 * and state never touch the Performance API themselves, and in tests nothing
 * listens.
 */
export type Milestone =
  | 'db:ready'
  | 'home:query'
  | 'home:counts'
  | 'session:start'
  | 'session:loaded'
  | 'answer:write-issued'
  | 'answer:committed';

let listener: ((milestone: Milestone) => void) | null = null;

export function reachedMilestone(milestone: Milestone): void {
  listener?.(milestone);
}

/** Sets the one listener (the entry's); `null` removes it. */
export function onMilestone(next: ((milestone: Milestone) => void) | null): void {
  listener = next;
}
