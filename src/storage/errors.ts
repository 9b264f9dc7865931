/**
 * Storage failures as typed errors the UI can explain in plain words.
 * Every storage function rethrows through `toStorageError`.
 */

export type StorageErrorKind =
  | 'quota' // the browser refused to store more data
  | 'blocked' // an upgrade waits for another open tab of the app
  | 'version-change' // a newer version of the app opened the database in another tab
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

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 4; depth += 1) {
    const named = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof named.name === 'string') names.push(named.name);
    current = named.inner ?? named.cause;
  }
  return names;
}

/** Maps Dexie / DOMException failures to a `StorageError` with a known kind. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const names = errorNames(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (names.includes('QuotaExceededError')) {
    return new StorageError('quota', 'The device is out of storage space for this app.', error);
  }
  if (names.includes('DatabaseClosedError')) {
    return new StorageError('closed', 'The database was closed. Reload the app.', error);
  }
  if (names.includes('VersionError') || names.includes('VersionChangeError')) {
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
