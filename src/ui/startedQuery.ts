/** A query started before React loaded: its result, or the promise of it; null when none was started. */
export type StartedQuery<T> = { loaded: T } | { pending: Promise<T> } | null;
