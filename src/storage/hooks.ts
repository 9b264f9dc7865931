/**
 * React hooks over storage. Views read IndexedDB through these live queries,
 * so they re-render with fresh data after every write.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_SETTINGS, type AppSettings, type DeckOptions, type DeckRecord } from '../domain/types';
import { getDeck, listDecks } from './decks';
import { homeOverview, type HomeOverview } from './queries';
import { firstReviewTime } from './reviews';
import { getDeckOptions, getSettings } from './settings';

/** Stored settings; `undefined` while loading. */
export function useSettings(): AppSettings | undefined {
  return useLiveQuery(getSettings, []);
}

export function useDecks(): DeckRecord[] | undefined {
  return useLiveQuery(listDecks, []);
}

/** Decks with their counts at `nowMs` (one snapshot); recomputed whenever decks, cards, logs or options change. */
export function useHomeOverview(nowMs: number, dayStartHour: number = DEFAULT_SETTINGS.dayStartHour): HomeOverview | undefined {
  return useLiveQuery(() => homeOverview(nowMs, { dayStartHour }), [nowMs, dayStartHour]);
}

export function useDeckOptions(id: string): DeckOptions | undefined {
  return useLiveQuery(() => getDeckOptions(id), [id]);
}

/** When the oldest stored answer was given (null: no history, or still loading). */
export function useFirstReviewTime(): number | null {
  return useLiveQuery(firstReviewTime, [], null);
}

/** One deck; undefined while loading or when it does not exist. */
export function useDeck(deckId: string): DeckRecord | undefined {
  return useLiveQuery(() => getDeck(deckId), [deckId]);
}
