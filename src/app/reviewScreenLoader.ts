/**
 * The review screen is its own chunk (Markdown, scheduler), loaded ahead of
 * the first tap on "Study": right away on a /study link, otherwise once the
 * current screen has painted and the browser is idle.
 */
export const loadReviewScreen = () => import('../features/review/ReviewScreen');

let isPrefetchScheduled = false;

/** Fetches and compiles the review chunk when the browser is next idle (once). */
export function prefetchReviewScreen(): void {
  if (isPrefetchScheduled) return;
  isPrefetchScheduled = true;
  const prefetch = () => void loadReviewScreen();
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(prefetch, { timeout: 2000 });
  else setTimeout(prefetch, 200);
}
