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
  /** The card browser, optionally filtered to one deck. */
  | { name: 'browse'; deckId: string | null }
  /** The note editor for one note. */
  | { name: 'edit-note'; noteId: string }
  /** The note editor for a new note, optionally in one deck. */
  | { name: 'add-note'; deckId: string | null }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/import') return { name: 'import' };
  if (path === '/browse') return { name: 'browse', deckId: null };
  const browse = /^\/browse\/([^/]+)$/.exec(path);
  if (browse?.[1]) return { name: 'browse', deckId: decodeURIComponent(browse[1]) };
  const note = /^\/note\/([^/]+)$/.exec(path);
  if (note?.[1]) return { name: 'edit-note', noteId: decodeURIComponent(note[1]) };
  if (path === '/add') return { name: 'add-note', deckId: null };
  const add = /^\/add\/([^/]+)$/.exec(path);
  if (add?.[1]) return { name: 'add-note', deckId: decodeURIComponent(add[1]) };
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

export function browsePath(deckId: string | null = null): string {
  return deckId === null ? '/browse' : `/browse/${encodeURIComponent(deckId)}`;
}

export function editNotePath(noteId: string): string {
  return `/note/${encodeURIComponent(noteId)}`;
}

export function addNotePath(deckId: string | null = null): string {
  return deckId === null ? '/add' : `/add/${encodeURIComponent(deckId)}`;
}
