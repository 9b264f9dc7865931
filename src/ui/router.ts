/** The router for React: the current path as state, over `navigation.ts`. */
import { useSyncExternalStore } from 'react';
import { onPathChange } from './navigation';

export { deckOptionsPath, parseRoute, studyPath, type Route } from './paths';
export { navigate } from './navigation';

export function usePathname(): string {
  return useSyncExternalStore(onPathChange, () => window.location.pathname);
}
