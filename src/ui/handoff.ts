/**
 * Work the boot sequence started before React loaded (the opened screen's
 * first reads), handed to the screen it was started for, once: the screen
 * takes it instead of starting the same work again. Later visits to the
 * screen start their own. React-free, so the boot chunk can use it.
 */
/** Work started before React loaded: its result, or the promise of it; null when none was started. */
export type StartedQuery<T> = { loaded: T } | { pending: Promise<T> } | null;

/** What can be handed over: the home overview, a study session (by its deck key). */
export type HandoffKey = 'home' | `study:${string}`;

const handoffs = new Map<HandoffKey, { promise: Promise<unknown>; result?: { value: unknown } }>();

/** Called by the boot sequence with work it started; failures are left for the screen to see. */
export function handOver<T>(key: HandoffKey, promise: Promise<T>): void {
  const handoff: { promise: Promise<unknown>; result?: { value: unknown } } = { promise };
  handoffs.set(key, handoff);
  promise.then(
    (value) => (handoff.result = { value }),
    () => undefined, // not unhandled: the screen that takes it sees the failure
  );
}

/**
 * The work started for `key`, once: `loaded` when it has finished already
 * (the first render can show it), else the promise; null when nothing was
 * started (or it was taken).
 */
export function takeHandoff<T>(key: HandoffKey): StartedQuery<T> {
  const handoff = handoffs.get(key);
  if (!handoff) return null;
  handoffs.delete(key);
  if (handoff.result) return { loaded: handoff.result.value as T };
  return { pending: handoff.promise as Promise<T> };
}

export function studyHandoffKey(deckIds: 'all' | readonly string[]): HandoffKey {
  return `study:${deckIds === 'all' ? 'all' : deckIds.join(',')}`;
}
