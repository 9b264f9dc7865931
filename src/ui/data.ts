/**
 * The data hooks screens read storage with: live queries, so a screen
 * re-renders with fresh data after every write (in this tab or another).
 * The only React code over storage (storage itself has no React); the only
 * module besides storage that may use dexie-react-hooks.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppSettings, DeckOptions, DeckRecord } from '../domain/types';
import {
  getDeck,
  getDeckOptions,
  getSettings,
  homeOverview,
  listDecks,
  onTablesChanged,
  STORE,
  toStorageError,
  type HomeOverview,
} from '../storage';
import type { StartedQuery } from './handoff';

/** Stored settings; `undefined` while loading. */
export function useSettings(): AppSettings | undefined {
  return useLiveQuery(getSettings, []);
}

export function useDecks(): DeckRecord[] | undefined {
  return useLiveQuery(listDecks, []);
}

/** A state loaded at launch is read again this long after mount (a write may have landed in between). */
const RECHECK_AFTER_MS = 1500;

/**
 * The result of a query made with native reads (`readTogether`), which
 * Dexie's live queries cannot follow: it runs on mount and again after any
 * write to one of `tables` (Dexie's `storagemutated`, which also reports other
 * tabs' writes). Runs never overlap; a write during a run queues one more.
 * `takeStarted` may hand over the same query already started (at app start,
 * before React loaded) for the first run. `undefined` until the first
 * result; when `key` changes the previous result stays until the new one
 * arrives. A failure is thrown during render, as useLiveQuery does.
 */
function useNativeQuery<T>(
  query: () => Promise<T>,
  key: string,
  tables: readonly string[],
  takeStarted?: () => StartedQuery<T>,
): T | undefined {
  // A result the app loaded at launch is the first state: no "Loading…" frame.
  const [initial] = useState(() => takeStarted?.() ?? null);
  const [state, setState] = useState<{ key: string; value?: T; error?: unknown } | null>(() =>
    initial && 'loaded' in initial ? { key, value: initial.loaded } : null,
  );
  useEffect(() => {
    let isCancelled = false;
    let isRunning = false;
    let isStale = false;
    let first = initial && 'pending' in initial ? initial.pending : null;
    const run = () => {
      if (isRunning) {
        isStale = true;
        return;
      }
      isRunning = true;
      const pending = first ?? query();
      first = null;
      pending
        .then(
          (value) => !isCancelled && setState({ key, value }),
          (error: unknown) => !isCancelled && setState({ key, error }),
        )
        .finally(() => {
          isRunning = false;
          if (isStale && !isCancelled) {
            isStale = false;
            run();
          }
        });
    };
    // A state loaded at launch is checked again a little later (a write may
    // have landed between that read and this subscription).
    let recheck: ReturnType<typeof setTimeout> | undefined;
    if (initial && 'loaded' in initial && state?.key === key) recheck = setTimeout(run, RECHECK_AFTER_MS);
    else run();
    const unsubscribe = onTablesChanged(tables, run);
    return () => {
      isCancelled = true;
      clearTimeout(recheck);
      unsubscribe();
    };
    // `key` stands for the query's inputs; `tables` is a constant per call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // While new inputs load, the previous result stays on screen (no flash of "Loading…").
  if (state?.error !== undefined) throw toStorageError(state.error);
  return state?.value;
}

const HOME_TABLES = [STORE.settings, STORE.decks, STORE.cards, STORE.reviews, STORE.deckOptions] as const;

/**
 * Decks with their counts at `nowMs` (one snapshot, with the stored day start
 * hour); recomputed whenever settings, decks, cards, logs or options change.
 * `takeStarted` may hand over the overview the app started loading at launch.
 */
export function useHomeOverview(nowMs: number, takeStarted?: () => StartedQuery<HomeOverview>): HomeOverview | undefined {
  return useNativeQuery(() => homeOverview(nowMs), String(nowMs), HOME_TABLES, takeStarted);
}

export function useDeckOptions(id: string): DeckOptions | undefined {
  return useLiveQuery(() => getDeckOptions(id), [id]);
}

/** One deck; `undefined` while loading, `null` when no deck has this id. */
export function useDeck(deckId: string): DeckRecord | null | undefined {
  return useLiveQuery(async () => (await getDeck(deckId)) ?? null, [deckId]);
}
