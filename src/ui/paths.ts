/**
 * The app's paths and what they open. Free of React, so the entry can read
 * the route before the React app has loaded.
 */
export type Route =
  | { name: 'home' }
  | { name: 'study'; deckIds: 'all' | string[] }
  | { name: 'settings' }
  | { name: 'import' }
  | { name: 'deck-options'; deckId: string }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/import') return { name: 'import' };
  const deckOptions = /^\/deck\/([^/]+)\/options$/.exec(path);
  if (deckOptions?.[1]) return { name: 'deck-options', deckId: decodeURIComponent(deckOptions[1]) };
  const study = /^\/study\/(.+)$/.exec(path);
  if (study?.[1]) {
    const target = decodeURIComponent(study[1]);
    return { name: 'study', deckIds: target === 'all' ? 'all' : target.split(',') };
  }
  return { name: 'not-found', path };
}

export function deckOptionsPath(deckId: string): string {
  return `/deck/${encodeURIComponent(deckId)}/options`;
}

export function studyPath(deckIds: 'all' | string[]): string {
  return `/study/${deckIds === 'all' ? 'all' : deckIds.map(encodeURIComponent).join(',')}`;
}
