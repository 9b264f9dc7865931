/**
 * A tiny path router over the History API. Paths are real URLs so deep links
 * work, and the service worker's navigation fallback serves them offline.
 */
import { useSyncExternalStore } from 'react';

export { deckOptionsPath, parseRoute, studyPath, type Route } from './paths';

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
