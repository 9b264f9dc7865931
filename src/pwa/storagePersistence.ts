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

export type ByteUnit = 'B' | 'KB' | 'MB' | 'GB' | 'TB';

/**
 * A size for people in decimal units, as an amount and a unit the UI words
 * ("1.2 MB", "1,2 МБ"): 950 B, 12 KB, 1.2 MB, 300 MB, 2.5 GB, one decimal
 * below 10 of a unit above bytes.
 *
 * @example byteSize(1_234_567) // { amount: 1.2, unit: 'MB', fractionDigits: 1 }
 */
export function byteSize(bytes: number): { amount: number; unit: ByteUnit; fractionDigits: 0 | 1 } {
  const units: readonly ByteUnit[] = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  // Compare the rounded value, so 999,960 B reads "1.0 MB", not "1000 KB".
  const rounded = () => Number(value.toFixed(unit === 0 || value >= 10 ? 0 : 1));
  while (rounded() >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const fractionDigits = unit === 0 || value >= 9.95 ? 0 : 1;
  return { amount: Number(value.toFixed(fractionDigits)), unit: units[unit] ?? 'TB', fractionDigits };
}

/** Whether this browser lets a page ask for persistent storage at all. */
export function canRequestPersistentStorage(): boolean {
  return typeof storageManager()?.persist === 'function';
}
