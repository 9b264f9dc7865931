/**
 * What a cold start can do before React's code has loaded: start the
 * database reads of the screen being opened (and, for a study link, fetch the
 * review code). The reads then run in IndexedDB while React's code is parsed
 * and run; the screens take the started reads instead of starting their own.
 */
import { homeOverview, loadStudySession, type HomeOverview, type StudySessionData } from '../storage';
import { loadReviewScreen } from './reviewScreenLoader';
import { parseRoute } from './routes';

let startedHome: Promise<HomeOverview> | null = null;

/** A started read must not be reported as unhandled before a screen takes it. */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Called once by the entry, before it loads the React app. */
export function startRouteData(pathname: string, nowMs: number): void {
  const route = parseRoute(pathname);
  if (route.name === 'home') {
    startedHome = quietly(homeOverview(nowMs));
  } else if (route.name === 'study') {
    const session: Promise<StudySessionData> = quietly(loadStudySession(route.deckIds, nowMs));
    void loadReviewScreen();
    void import('../state/reviewSession').then((module) => module.prestartSession(route.deckIds, session));
  }
}

/** The home overview started at launch, once (later renders query afresh). */
export function takeStartedHome(): Promise<HomeOverview> | null {
  const started = startedHome;
  startedHome = null;
  return started;
}
