// Helpers for rendering the whole app in component tests: a frozen clock,
// a route, built-in decks already installed, and the review store reset.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../../src/domain/builtInDecks';
import { reviewSessionStore } from '../../src/state/reviewSession';
import { ensureBuiltInDecks } from '../../src/storage';
import { FIXED_NOW, MINUTE, deleteAppDatabase } from './componentDb';

/** Freezes `Date` (only `Date`: timers, IndexedDB and React keep running) at `nowMs`. */
export function freezeClock(nowMs: number = FIXED_NOW): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(nowMs);
}

/** Moves the frozen clock to `nowMs`. */
export function setClock(nowMs: number): void {
  vi.setSystemTime(nowMs);
}

/** Fresh database with the built-in decks installed (so the app's own install is a no-op). */
export async function freshAppWithBuiltInDecks(nowMs: number = FIXED_NOW): Promise<void> {
  await deleteAppDatabase();
  await ensureBuiltInDecks(BUILT_IN_DECKS_VERSION, loadBuiltInDecks, nowMs);
}

/** Waits for the app's pending answer writes, resets the review store, the route and the clock, and deletes the database. */
export async function tearDownApp(): Promise<void> {
  await reviewSessionStore.getState().flush();
  reviewSessionStore.setState(reviewSessionStore.getInitialState(), true);
  window.history.pushState(null, '', '/');
  delete document.documentElement.dataset.theme;
  await deleteAppDatabase();
  vi.useRealTimers();
}

/**
 * Each test of the file starts with the clock frozen at `FIXED_NOW` and a
 * fresh database with the built-in decks installed a minute earlier, and ends
 * with the app torn down.
 */
export function freshAppForEachTest(): void {
  beforeEach(async () => {
    freezeClock(FIXED_NOW);
    await freshAppWithBuiltInDecks(FIXED_NOW - MINUTE);
  });
  afterEach(async () => {
    cleanup();
    await tearDownApp();
  });
}
