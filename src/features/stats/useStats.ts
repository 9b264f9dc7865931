import { startTransition, useEffect, useState } from 'react';
import { onTablesChanged, STORE } from '../../storage';
import { loadStats, type StatsResult } from '../../storage/stats';
import { useT } from '../../ui/i18n';

/** Writes that change the figures: answers, cards, decks (hidden, deleted), presets (the forgetting curve), settings (the day-start hour). */
const TABLES = [STORE.cards, STORE.reviews, STORE.decks, STORE.deckOptions, STORE.settings] as const;

/**
 * The figures of a deck (or every shown deck for null), counted on mount,
 * when the deck changes and again after every write to what they count
 * (here or in another tab). Runs never overlap: a write during a run queues
 * one more; a result is rendered as a transition. `result` is undefined
 * until the first result for this deck; `error` holds the last failure.
 */
export function useStats(deckId: string | null): { result: StatsResult | undefined; error: unknown } {
  const { language } = useT();
  const key = deckId ?? '';
  const [state, setState] = useState<{ key: string; result?: StatsResult; error?: unknown } | null>(null);
  useEffect(() => {
    let isCancelled = false;
    let isRunning = false;
    let isStale = false;
    const load = () => {
      if (isRunning) {
        isStale = true;
        return;
      }
      isRunning = true;
      // The worker also makes this language's Intl formats, so drawing the figures does not pay for them.
      loadStats(deckId, Date.now(), language)
        .then(
          // A transition: React draws the charts in slices, so the page stays responsive while they are made.
          (result) => !isCancelled && startTransition(() => setState({ key, result })),
          (error: unknown) => !isCancelled && setState({ key, error }),
        )
        .finally(() => {
          isRunning = false;
          if (isStale && !isCancelled) {
            isStale = false;
            load();
          }
        });
    };
    load();
    const stop = onTablesChanged(TABLES, load);
    return () => {
      isCancelled = true;
      stop();
    };
  }, [deckId, key, language]);
  if (state === null || state.key !== key) return { result: undefined, error: null };
  return { result: state.result, error: state.error ?? null };
}
