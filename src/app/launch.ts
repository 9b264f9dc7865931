/**
 * The boot sequence, before React's code has loaded: replay answers an
 * earlier page journaled, then start the opened route's first reads and its
 * screen's code (both from the route table), so IndexedDB and the network
 * work while React's code is parsed and run. A screen that can (home) is
 * painted from its reads with the DOM alone before React has loaded;
 * `mount.tsx` waits briefly for them, so React's first frame already has the
 * counts or the card.
 */
import { hasPendingAnswers, replayPendingAnswers } from '../storage';
import { afterNextPaint } from '../state/frames';
import { parseRoute } from '../ui/paths';
import { loadScreen, routeEntry } from './routes';

let started: Promise<unknown> = Promise.resolve();

/**
 * How long the first render may wait for the started reads (and the screen's
 * code) once React's code is ready: a first frame with the data beats a
 * "Loading…" frame followed by the data, as long as the wait is short. After
 * it, the screens show their loading state.
 */
export const FIRST_RENDER_WAIT_MS = 300;

/** Work started here must not be reported as unhandled before a screen takes it. */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Called once by the entry, before it loads the React app. Resolves when the
 * entry may load React: at once, or for a route painted before React, once
 * that paint is done (or failed, or `FIRST_RENDER_WAIT_MS` passed), so
 * React's evaluation does not hold up the first paint on the main thread.
 */
export function startRouteData(pathname: string, nowMs: number): Promise<void> {
  const root = document.getElementById('root');
  const route = parseRoute(pathname);
  const entry = routeEntry(route.name);
  // Answers an earlier page journaled but may not have committed (closed right after a tap) are written first.
  const replayed: Promise<unknown> = hasPendingAnswers() ? quietly(replayPendingAnswers()) : Promise.resolve();
  const { startReads, paintBeforeReact } = entry;
  const reads = startReads ? quietly(replayed.then(() => startReads(route, nowMs), () => startReads(route, nowMs))) : replayed;
  const untilPainted = paintBeforeReact && root ? paintFrom(reads, (data) => paintBeforeReact(root, data, nowMs)) : Promise.resolve();
  // The screen's code (React's with it) runs only after that paint, or it would hold the paint back on the main thread.
  started = quietly(Promise.all([reads, untilPainted.then(() => loadScreen(route.name))]));
  return untilPainted;
}

/**
 * Paints from `reads` once they arrive; resolves after the frame that shows
 * the paint (or when the reads failed, or after `FIRST_RENDER_WAIT_MS`).
 */
function paintFrom(reads: Promise<unknown>, paint: (data: unknown) => void): Promise<void> {
  const painted = reads.then(
    (data) =>
      new Promise<void>((resolve) => {
        paint(data);
        performance.mark('app:painted-before-react');
        afterNextPaint(resolve);
      }),
  );
  return settledOrWait(painted);
}

/** Resolves when `work` has settled (either way) or after `FIRST_RENDER_WAIT_MS`, whichever comes first. */
function settledOrWait(work: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FIRST_RENDER_WAIT_MS);
    void work.then(undefined, () => undefined).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Resolves when the started reads and code are there (or failed), or after `FIRST_RENDER_WAIT_MS`. */
export function startedReadsOrTimeout(): Promise<void> {
  return settledOrWait(started);
}
