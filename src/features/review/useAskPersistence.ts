import { useEffect } from 'react';
import { requestPersistentStorage } from '../../pwa';
import { getSettings, updateSettings } from '../../storage';

/** Answers after which the app asks once for persistent storage: there is now history worth keeping. */
export const ASK_PERSISTENCE_AFTER = 3;

/** Asks the browser once (ever) to keep the app's data, after the first few answers. */
export function useAskPersistence(reviewedCount: number): void {
  const isDue = reviewedCount >= ASK_PERSISTENCE_AFTER;
  useEffect(() => {
    if (!isDue) return;
    void (async () => {
      const settings = await getSettings();
      if (settings.hasAskedPersistence) return;
      await updateSettings({ hasAskedPersistence: true });
      await requestPersistentStorage();
    })().catch(() => undefined);
  }, [isDue]);
}
