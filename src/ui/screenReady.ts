/**
 * A screen tells the shell when its content is on screen (home: its counts
 * are painted), so the shell can use the idle time after it (prefetching the
 * next screens' code) without the screen knowing what is prefetched.
 */
import { createContext, useContext, useEffect } from 'react';

export const ScreenReadyContext = createContext<() => void>(() => undefined);

/** Reports the screen ready once `isReady` is true. */
export function useScreenReady(isReady: boolean): void {
  const onReady = useContext(ScreenReadyContext);
  useEffect(() => {
    if (isReady) onReady();
  }, [isReady, onReady]);
}
