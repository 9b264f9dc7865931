/**
 * Keeps the app icon's badge at today's total (what the home's "Study all"
 * counts): set at start, after every write to cards, answers, decks or
 * options (answers in this tab or another, imports, edits), and when the app
 * comes back into view (a new study day may have begun). Counted in idle
 * time, a second after the last write, from the home's cached counts, so an
 * answer's next card never waits for it. Nothing runs where the browser has
 * no Badging API.
 */
import { todayTotals } from '../features/home/homeModel';
import { canSetAppBadge, showAppBadge } from '../pwa';
import { homeOverview, onTablesChanged } from '../storage';
import { whenIdle } from '../ui/whenIdle';
import { STORE } from '../storage';

/** How long after the last write the badge is counted again. */
export const BADGE_DELAY_MS = 1000;

const WATCHED_STORES = [STORE.cards, STORE.reviews, STORE.decks, STORE.deckOptions, STORE.settings];

let isStarted = false;

/** Starts keeping the badge; later calls do nothing. */
export function startAppBadgeSync(): void {
  if (isStarted || !canSetAppBadge()) return;
  isStarted = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    homeOverview(Date.now()).then(
      (overview) => showAppBadge(todayTotals(overview.counts).totalDue),
      () => undefined, // The screens say what went wrong with storage; the badge stays as it was.
    );
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => whenIdle(update, 2000), BADGE_DELAY_MS);
  };
  onTablesChanged(WATCHED_STORES, later);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') later();
  });
  whenIdle(update, 2000);
}
