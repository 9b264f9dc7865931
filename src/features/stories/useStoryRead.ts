import { useEffect, useState } from 'react';
import { onTablesChanged } from '../../storage';

/** A read's state: `value` undefined while the first read runs; `error` the last failure (kept off render, so a screen can word it). */
export interface StoryRead<T> {
  value: T | undefined;
  error: unknown;
}

/**
 * The result of `read`, run on mount, when `key` changes and after every
 * write to one of `tables` (here or in another tab). Never throws: a
 * failure is returned as `error`, so a screen (or the review's story panel)
 * can say it in words or show nothing. A late result of an earlier run is
 * dropped.
 */
export function useStoryRead<T>(read: () => Promise<T>, key: string, tables: readonly string[]): StoryRead<T> {
  const [state, setState] = useState<{ key: string; value?: T; error?: unknown } | null>(null);
  useEffect(() => {
    let run = 0;
    let isCancelled = false;
    const load = () => {
      const current = ++run;
      read().then(
        (value) => !isCancelled && current === run && setState({ key, value }),
        (error: unknown) => !isCancelled && current === run && setState({ key, error }),
      );
    };
    load();
    const unsubscribe = onTablesChanged(tables, load);
    return () => {
      isCancelled = true;
      unsubscribe();
    };
    // `key` stands for the read's inputs; `tables` is a constant per call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (state === null || state.key !== key) return { value: undefined, error: null };
  return { value: state.value, error: state.error ?? null };
}
