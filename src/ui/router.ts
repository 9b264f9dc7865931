/**
 * The router for React: the current path as state, over `navigation.ts`.
 * A path change to a screen whose code is already loaded renders as a
 * transition: React prepares the next screen in slices of a few
 * milliseconds and swaps it in with one short commit, so a tap never holds
 * the page for the whole of the old screen's teardown and the new one's
 * first render. A screen whose code is not there yet is rendered at once
 * (its loading fallback shows), as a transition would keep the old screen
 * up, unanswering, until the code arrived.
 */
import { startTransition, useEffect, useRef, useState } from 'react';
import { onPathChange } from './navigation';

export { deckOptionsPath, parseRoute, studyPath, type Route } from './paths';
export { navigate } from './navigation';

/** `isReady(path)`: whether the screen of `path` can render without waiting (its code is loaded). */
export function usePathname(isReady: (path: string) => boolean = () => false): string {
  const [pathname, setPathname] = useState(() => window.location.pathname);
  // The latest `isReady`, read at each change: a new function each render need not resubscribe.
  const isReadyRef = useRef(isReady);
  useEffect(() => {
    isReadyRef.current = isReady;
  });
  useEffect(() => {
    const follow = () => {
      const next = window.location.pathname;
      if (isReadyRef.current(next)) startTransition(() => setPathname(next));
      else setPathname(next);
    };
    // A navigation between the first render and this subscription (a boot-paint link) is followed too.
    follow();
    return onPathChange(follow);
  }, []);
  return pathname;
}
