/**
 * In-app navigation over the History API, React-free (the boot paint's links
 * and buttons use it before React has loaded). Paths are real URLs so deep
 * links work, and the service worker's navigation fallback serves them
 * offline. React reads the path through `router.ts`.
 */
const listeners = new Set<() => void>();

/** Calls `listener` after every path change (in-app navigation, back and forward). */
export function onPathChange(listener: () => void): () => void {
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

/** Whether a click on a link should stay in the app (a plain left click), not open a new tab or window. */
export function isPlainClick(event: MouseEvent | { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}
