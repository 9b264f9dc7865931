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
  /** Statistics, of one deck or of every deck the home shows. */
  | { name: 'stats'; deckId: string | null }
  /** The note editor for one note. */
  | { name: 'edit-note'; noteId: string }
  /** The note editor for a new note, optionally in one deck. */
  | { name: 'add-note'; deckId: string | null }
  /** The story bank. */
  | { name: 'stories' }
  /** Which questions and signals the stories cover. */
  | { name: 'story-coverage' }
  /** One story: its text, the questions it answers, its recordings. */
  | { name: 'story'; storyId: string }
  /** The story editor: a story (`storyId`), or a new one, optionally linked to a question at once (`forNoteId`). */
  | { name: 'story-edit'; storyId: string | null; forNoteId: string | null }
  /** Practice aloud on a question (a note) or a story. */
  | { name: 'practice'; target: PracticeTarget }
  | { name: 'not-found'; path: string };

/** What a practice is about: a story, or a question (a note). */
export interface PracticeTarget {
  kind: 'story' | 'note';
  id: string;
}

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/import') return { name: 'import' };
  if (path === '/browse') return { name: 'browse', deckId: null };
  const browse = /^\/browse\/([^/]+)$/.exec(path);
  if (browse?.[1]) return { name: 'browse', deckId: decodeURIComponent(browse[1]) };
  if (path === '/stats') return { name: 'stats', deckId: null };
  const stats = /^\/stats\/([^/]+)$/.exec(path);
  if (stats?.[1]) return { name: 'stats', deckId: decodeURIComponent(stats[1]) };
  const note = /^\/note\/([^/]+)$/.exec(path);
  if (note?.[1]) return { name: 'edit-note', noteId: decodeURIComponent(note[1]) };
  if (path === '/add') return { name: 'add-note', deckId: null };
  const add = /^\/add\/([^/]+)$/.exec(path);
  if (add?.[1]) return { name: 'add-note', deckId: decodeURIComponent(add[1]) };
  if (path === '/stories') return { name: 'stories' };
  if (path === '/stories/coverage') return { name: 'story-coverage' };
  if (path === '/stories/new') return { name: 'story-edit', storyId: null, forNoteId: null };
  const newFor = /^\/stories\/new\/([^/]+)$/.exec(path);
  if (newFor?.[1]) return { name: 'story-edit', storyId: null, forNoteId: decodeURIComponent(newFor[1]) };
  const storyEdit = /^\/stories\/([^/]+)\/edit$/.exec(path);
  if (storyEdit?.[1]) return { name: 'story-edit', storyId: decodeURIComponent(storyEdit[1]), forNoteId: null };
  const story = /^\/stories\/([^/]+)$/.exec(path);
  if (story?.[1]) return { name: 'story', storyId: decodeURIComponent(story[1]) };
  const practice = /^\/practice\/(story|note)\/([^/]+)$/.exec(path);
  if (practice?.[1] && practice[2]) return { name: 'practice', target: { kind: practice[1] === 'story' ? 'story' : 'note', id: decodeURIComponent(practice[2]) } };
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

export function statsPath(deckId: string | null = null): string {
  return deckId === null ? '/stats' : `/stats/${encodeURIComponent(deckId)}`;
}

export function editNotePath(noteId: string): string {
  return `/note/${encodeURIComponent(noteId)}`;
}

export function addNotePath(deckId: string | null = null): string {
  return deckId === null ? '/add' : `/add/${encodeURIComponent(deckId)}`;
}

export const STORIES_PATH = '/stories';
export const STORY_COVERAGE_PATH = '/stories/coverage';

export function storyPath(storyId: string): string {
  return `/stories/${encodeURIComponent(storyId)}`;
}

/** The editor of a story, or of a new one (linked at once to `forNoteId`, if given). */
export function storyEditPath(storyId: string | null, forNoteId: string | null = null): string {
  if (storyId !== null) return `/stories/${encodeURIComponent(storyId)}/edit`;
  return forNoteId === null ? '/stories/new' : `/stories/new/${encodeURIComponent(forNoteId)}`;
}

export function practicePath(target: PracticeTarget): string {
  return `/practice/${target.kind}/${encodeURIComponent(target.id)}`;
}
