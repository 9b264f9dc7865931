/**
 * What a cold start can do before React's code has loaded: start the
 * database reads of the screen being opened (and, for a study link, fetch the
 * review code). The reads then run in IndexedDB while React's code is parsed
 * and run; the screens take the started reads instead of starting their own.
 */
// The query module itself, not the storage barrel: the barrel also brings the
// React hooks, and this module runs before React has loaded.
import { homeOverview, loadStudySession, type HomeOverview, type StudySessionData } from '../storage/queries';
import { hasPendingAnswers, replayPendingAnswers } from '../storage/answers';
import { loadReviewScreen } from './reviewScreenLoader';
import { parseRoute } from '../ui/paths';

let startedHome: Promise<HomeOverview> | null = null;
let loadedHome: HomeOverview | null = null;
let started: Promise<unknown> = Promise.resolve();

/**
 * How long the first render may wait for the started reads (and a study
 * link's review code) once React's code is ready: a first frame with the
 * data beats a "Loading…" frame followed by the data, as long as the wait is
 * short. After it, the screens show their loading state.
 */
export const FIRST_RENDER_WAIT_MS = 300;

/** A started read must not be reported as unhandled before a screen takes it. */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Called once by the entry, before it loads the React app. */
export function startRouteData(pathname: string, nowMs: number): void {
  const route = parseRoute(pathname);
  // Answers an earlier page journaled but may not have committed (closed right after a tap) are written first.
  const replayed: Promise<unknown> = hasPendingAnswers() ? quietly(replayPendingAnswers()) : Promise.resolve();
  const afterReplay = <T,>(read: () => Promise<T>): Promise<T> => replayed.then(read, read);
  if (route.name === 'home') {
    startedHome = quietly(afterReplay(() => homeOverview(nowMs)));
    started = startedHome.then((overview) => (loadedHome = overview));
  } else if (route.name === 'study') {
    const session: Promise<StudySessionData> = quietly(afterReplay(() => loadStudySession(route.deckIds, nowMs)));
    const sessionStarted = import('../state/reviewSession').then((module) => module.prestartSession(route.deckIds, session));
    started = quietly(Promise.all([session, sessionStarted, loadReviewScreen()]));
  }
}

/** Resolves when the started reads are done (or failed), or after `FIRST_RENDER_WAIT_MS`. */
export function startedReadsOrTimeout(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FIRST_RENDER_WAIT_MS);
    void started.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The home overview started at launch, once (later renders query afresh):
 * `loaded` when it has arrived already (the first render can show it),
 * else the promise.
 */
export function takeStartedHome(): { loaded: HomeOverview } | { pending: Promise<HomeOverview> } | null {
  const pending = startedHome;
  const loaded = loadedHome;
  startedHome = null;
  loadedHome = null;
  if (loaded) return { loaded };
  return pending ? { pending } : null;
}
