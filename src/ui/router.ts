/**
 * The router for React: the current path as state, over `navigation.ts`.
 * A path change renders as a transition: React prepares the next screen in
 * slices of a few milliseconds and swaps it in with one short commit, so a
 * tap never holds the page for the whole of the old screen's teardown and
 * the new one's first render (a screen whose code is still loading leaves
 * the old one up until it arrives).
 */
import { startTransition, useEffect, useState } from 'react';
import { onPathChange } from './navigation';

export { deckOptionsPath, parseRoute, studyPath, type Route } from './paths';
export { navigate } from './navigation';

export function usePathname(): string {
  const [pathname, setPathname] = useState(() => window.location.pathname);
  useEffect(() => {
    const follow = () => startTransition(() => setPathname(window.location.pathname));
    // A navigation between the first render and this subscription (a boot-paint link) is followed too.
    follow();
    return onPathChange(follow);
  }, []);
  return pathname;
}
