/**
 * Writes a screen starts (a changed setting, a dismissed reminder). The
 * write runs; when it fails, the failure is kept for `SaveFailure` to say in
 * plain words, and the caller learns it, so a field can go back to the
 * stored value instead of showing one that was never stored.
 */
import { useCallback, useState } from 'react';
import { toStorageError, type StorageError } from '../storage';

export interface Saver {
  /**
   * Runs `write`. Resolves true once it is stored, false when it failed (the
   * failure is then shown); never rejects.
   */
  save: (write: () => Promise<unknown>) => Promise<boolean>;
  /** The last failure, until dismissed or until a later save succeeds. */
  failure: StorageError | null;
  dismiss: () => void;
}

/**
 * @example
 * const saver = useSave();
 * <NumberField onCommit={(newPerDay) => saver.save(() => updateDeckOptions(id, { newPerDay }))} />
 * <SaveFailure saver={saver} />
 */
export function useSave(): Saver {
  const [failure, setFailure] = useState<StorageError | null>(null);
  const save = useCallback(async (write: () => Promise<unknown>) => {
    try {
      await write();
      setFailure(null);
      return true;
    } catch (error) {
      setFailure(toStorageError(error));
      return false;
    }
  }, []);
  const dismiss = useCallback(() => setFailure(null), []);
  return { save, failure, dismiss };
}
