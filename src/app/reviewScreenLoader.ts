/**
 * The review screen is its own chunk (Markdown, scheduler), loaded ahead of
 * the first tap on "Study": right away on a /study link, otherwise once the
 * current screen has painted and the browser is idle.
 */
import type * as ReviewScreenExports from '../features/review/ReviewScreen';

type ReviewScreenModule = typeof ReviewScreenExports;
let loaded: ReviewScreenModule | null = null;

export const loadReviewScreen = (): Promise<ReviewScreenModule> =>
  import('../features/review/ReviewScreen').then((module) => (loaded = module));

/** The review screen's module if it has loaded already (then no Suspense fallback is needed). */
export function loadedReviewScreen(): ReviewScreenModule | null {
  return loaded;
}

let isPrefetchScheduled = false;

/** Fetches and compiles the review chunk when the browser is next idle (once). */
export function prefetchReviewScreen(): void {
  if (isPrefetchScheduled) return;
  isPrefetchScheduled = true;
  const prefetch = () => void loadReviewScreen();
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(prefetch, { timeout: 2000 });
  else setTimeout(prefetch, 200);
}
