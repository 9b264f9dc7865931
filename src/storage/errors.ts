/**
 * Storage failures as typed errors: a `kind` the UI words in the user's
 * language (`ui/storageErrorMessage.ts`), and an English `message` for logs
 * and developers, never shown as it is. Every storage function fails through
 * `guarded` (or `toStorageError` where a promise is built by hand).
 */

export type StorageErrorKind =
  | 'quota' // the browser refused to store more data
  | 'blocked' // an upgrade waits for another open tab of the app
  | 'version-change' // a newer version of the app opened the database in another tab
  | 'too-new' // the database was written by a newer version of the app than this one (update the app)
  | 'closed' // the connection was closed (e.g. after a version change)
  | 'unavailable' // IndexedDB is missing or disabled (private mode in some browsers)
  | 'unknown';

export class StorageError extends Error {
  readonly kind: StorageErrorKind;
  override readonly cause: unknown;

  constructor(kind: StorageErrorKind, message: string, cause?: unknown) {
    super(message);
    this.name = 'StorageError';
    this.kind = kind;
    this.cause = cause;
  }
}

/** The error and what it wraps (Dexie's `inner`, `cause`), outermost first, a few levels deep. */
function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 4; depth += 1) {
    chain.push(current);
    const wrapper = current as { inner?: unknown; cause?: unknown };
    current = wrapper.inner ?? wrapper.cause;
  }
  return chain;
}

/**
 * Maps Dexie / DOMException failures to a `StorageError` with a known kind.
 * A `StorageError` anywhere in the chain wins: Dexie wraps a failed open
 * (e.g. 'too-new') in the DatabaseClosedError of every later call.
 */
export function toStorageError(error: unknown): StorageError {
  const chain = errorChain(error);
  const known = chain.find((link): link is StorageError => link instanceof StorageError);
  if (known) return known;
  const names = chain.flatMap((link) => {
    const { name } = link as { name?: unknown };
    return typeof name === 'string' ? [name] : [];
  });
  const detail = error instanceof Error ? error.message : String(error);
  if (names.includes('QuotaExceededError')) {
    return new StorageError('quota', 'The device is out of storage space for this app.', error);
  }
  if (names.includes('DatabaseClosedError')) {
    return new StorageError('closed', 'The database was closed. Reload the app.', error);
  }
  if (names.includes('VersionError')) {
    return tooNewError(error);
  }
  if (names.includes('VersionChangeError')) {
    return new StorageError('version-change', 'A newer version of the app is open in another tab.', error);
  }
  if (names.includes('MissingAPIError')) {
    return new StorageError('unavailable', 'This browser does not allow the app to store data.', error);
  }
  if (names.includes('OpenFailedError') && /blocked/i.test(detail)) {
    return new StorageError('blocked', 'Another tab of the app is blocking an update.', error);
  }
  return new StorageError('unknown', detail, error);
}

/** The data on this device was written by a newer version of the app (Anki's "file too new"). */
export function tooNewError(cause?: unknown): StorageError {
  return new StorageError('too-new', 'The data on this device was saved by a newer version of the app. Update the app to open it.', cause);
}

/**
 * Runs a storage operation; any failure comes out as a `StorageError`.
 *
 * @example
 * export function listDecks(): Promise<DeckRecord[]> {
 *   return guarded(async () => sortDecksForHome(await getDatabase().decks.toArray()));
 * }
 */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStorageError(error);
  }
}
