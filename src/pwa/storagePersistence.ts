/**
 * Storage persistence: asks the browser not to evict this origin's data
 * (IndexedDB holds every card and review) and reports usage. Every call is
 * guarded, so browsers without the StorageManager API get `false` / `null`.
 */

export interface StorageInfo {
  /** null when the browser cannot tell. */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

function storageManager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

/**
 * Asks for persistent storage. Resolves true if the data is (now) persistent.
 * Chromium decides silently (installed apps and bookmarked sites get it);
 * Firefox may ask the user.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = storageManager();
  if (!storage || typeof storage.persist !== 'function') return false;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

/** Whether storage is persistent, and how much of the quota is used. */
export async function getStorageStatus(): Promise<StorageInfo> {
  const storage = storageManager();
  const status: StorageInfo = { persisted: null, usageBytes: null, quotaBytes: null };
  if (!storage) return status;
  try {
    if (typeof storage.persisted === 'function') status.persisted = await storage.persisted();
  } catch {
    // leave null
  }
  try {
    if (typeof storage.estimate === 'function') {
      const estimate = await storage.estimate();
      status.usageBytes = estimate.usage ?? null;
      status.quotaBytes = estimate.quota ?? null;
    }
  } catch {
    // leave null
  }
  return status;
}

/** Whether this browser lets a page ask for persistent storage at all. */
export function canRequestPersistentStorage(): boolean {
  return typeof storageManager()?.persist === 'function';
}
