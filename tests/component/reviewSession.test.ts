// The review session store against the real Dexie on fake IndexedDB, with
// an injected clock: what is shown, what is written, undo, failures, waits.
import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../../src/domain/builtInDecks';
import { expandDeckFile } from '../../src/domain/deckFormat';
import { CardQueue, CardState, DEFAULT_OPTIONS_ID, Rating, type CardRecord } from '../../src/domain/types';
import {
  countsOf,
  createReviewSessionStore,
  MAX_COUNTED_DURATION_MS,
  type ReviewSessionState,
} from '../../src/state/reviewSession';
import { siblingsInQueue } from '../../src/domain/queue';
import { StorageError, ensureBuiltInDecks, mergeDeckFiles, updateDeckOptions, updateSettings } from '../../src/storage';
import { FIXED_NOW, MINUTE, appDatabase, deleteAppDatabase, smallDeckFile, withFailingLogWrites } from '../helpers/componentDb';

let clock = FIXED_NOW;
let store: StoreApi<ReviewSessionState>;

beforeEach(async () => {
  await deleteAppDatabase();
  clock = FIXED_NOW;
  store = createReviewSessionStore({ now: () => clock });
  // Deterministic intervals: no fuzz, default steps 1m 10m.
  await updateDeckOptions(DEFAULT_OPTIONS_ID, { enableFuzz: false });
});

afterEach(async () => {
  await store.getState().flush();
  await deleteAppDatabase();
});

async function installSmallDeck(deckId: string, count: number): Promise<void> {
  await mergeDeckFiles([smallDeckFile(deckId, count)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - MINUTE });
}

async function storedCard(id: string): Promise<CardRecord> {
  const card = await appDatabase().cards.get(id);
  if (!card) throw new Error(`card ${id} is not stored`);
  return card;
}

function currentCard(): CardRecord {
  const card = store.getState().current;
  if (!card) throw new Error(`no card shown (phase ${store.getState().phase})`);
  return card;
}

/** Shows the answer after `lookMs` and rates it; returns the card that was answered. */
function answerCurrent(rating: (typeof Rating)[keyof typeof Rating], lookMs = 5_000): CardRecord {
  const card = currentCard();
  clock += lookMs;
  store.getState().reveal();
  store.getState().answer(rating);
  return card;
}

describe('a session on a built-in deck', () => {
  const deckId = 'failure-learning-red-flags';

  beforeEach(async () => {
    await ensureBuiltInDecks(BUILT_IN_DECKS_VERSION, loadBuiltInDecks, FIXED_NOW - MINUTE);
  });

  async function firstCardOfDeck(): Promise<string> {
    const file = (await loadBuiltInDecks()).find((deck) => deck.deck.id === deckId);
    if (!file) throw new Error(`no built-in deck ${deckId}`);
    const first = expandDeckFile(file)[0];
    if (!first) throw new Error('empty deck');
    return first.id;
  }

  it('starts with the first new card of the deck, question side up', async () => {
    await store.getState().start([deckId]);

    const state = store.getState();
    expect(state.phase).toBe('question');
    expect(state.error).toBeNull();
    expect(currentCard()).toMatchObject({ id: await firstCardOfDeck(), queue: CardQueue.New, state: CardState.New });
    expect(countsOf(state)).toMatchObject({ learningCount: 0, reviewCount: 0 });
    expect(countsOf(state).newCount).toBeGreaterThan(1);
  });

  it('works out the rating intervals after the card is painted, or at reveal if that comes first', async () => {
    await store.getState().start([deckId]);
    expect(store.getState().previews).toBeNull(); // the card is shown without waiting for the scheduler
    await waitFor(() => expect(store.getState().previews?.[Rating.Good].label).toBe('10m'));

    await store.getState().start([deckId]);
    expect(store.getState().previews).toBeNull();
    store.getState().reveal();
    expect(store.getState().previews?.[Rating.Good].label).toBe('10m');
  });

  it('reveal shows the answer side', async () => {
    await store.getState().start([deckId]);

    store.getState().reveal();

    expect(store.getState().phase).toBe('answer');
  });

  it('answering Good writes the card and its log, shows the next card and updates the counts', async () => {
    await store.getState().start([deckId]);
    const countsBefore = countsOf(store.getState());
    const shown = currentCard();
    const siblings = siblingsInQueue(store.getState().queue, shown); // buried until tomorrow

    answerCurrent(Rating.Good, 5_000);
    await store.getState().flush();

    const stored = await storedCard(shown.id);
    expect(stored).toMatchObject({ state: CardState.Learning, queue: CardQueue.Learning, due: clock + 10 * MINUTE, reps: 1 });
    const logs = await appDatabase().reviews.toArray();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ cardId: shown.id, deckId, rating: Rating.Good, state: CardState.New, reviewTime: clock });
    expect(currentCard().id).not.toBe(shown.id);
    expect(store.getState().phase).toBe('question');
    expect(countsOf(store.getState())).toEqual({
      newCount: countsBefore.newCount - 1 - siblings.length,
      learningCount: 1,
      reviewCount: 0,
    });
    expect(store.getState().reviewedCount).toBe(1);
  });

  it('undo puts the exact stored card back, removes its log and shows it again', async () => {
    await store.getState().start([deckId]);
    const countsBefore = countsOf(store.getState());
    const storedBefore = await storedCard(currentCard().id);
    answerCurrent(Rating.Good);

    await store.getState().undo();

    const storedAfter = await storedCard(storedBefore.id);
    expect(storedAfter).toStrictEqual(storedBefore);
    expect(JSON.stringify(storedAfter)).toBe(JSON.stringify(storedBefore));
    expect(await appDatabase().reviews.count()).toBe(0);
    expect(store.getState().phase).toBe('question');
    expect(store.getState().current).toStrictEqual(storedBefore);
    expect(countsOf(store.getState())).toEqual(countsBefore);
    expect(store.getState().undoStack).toHaveLength(0);
    expect(store.getState().reviewedCount).toBe(0);
  });
});

describe('undo after a reload', () => {
  it('a new store on the same decks can undo the answers made before, newest first', async () => {
    await installSmallDeck('alpha', 3);
    await store.getState().start(['alpha']);
    const first = await storedCard(currentCard().id);
    answerCurrent(Rating.Good);
    const second = await storedCard(currentCard().id);
    answerCurrent(Rating.Easy);
    await store.getState().flush();
    expect(await appDatabase().reviews.count()).toBe(2);

    // The page reloads: a fresh store, same decks, a minute later.
    clock += MINUTE;
    const reloaded = createReviewSessionStore({ now: () => clock });
    await reloaded.getState().start(['alpha']);
    expect(reloaded.getState().undoStack.map((entry) => entry.cardId)).toEqual([first.id, second.id]);

    await reloaded.getState().undo();
    expect(reloaded.getState().current).toStrictEqual(second);
    await reloaded.getState().undo();
    expect(reloaded.getState().current).toStrictEqual(first);

    expect(await storedCard(first.id)).toStrictEqual(first);
    expect(await storedCard(second.id)).toStrictEqual(second);
    expect(await appDatabase().reviews.count()).toBe(0);
    expect(countsOf(reloaded.getState())).toEqual({ newCount: 3, learningCount: 0, reviewCount: 0 });
  });
});

describe('a failed write', () => {
  it('shows a typed error and puts the card back as it was', async () => {
    await installSmallDeck('alpha', 1);
    await store.getState().start(['alpha']);
    const before = await storedCard(currentCard().id);

    await withFailingLogWrites(async () => {
      answerCurrent(Rating.Good);
      await store.getState().flush();
    });

    const state = store.getState();
    expect(state.error).toBeInstanceOf(StorageError);
    expect(state.error?.kind).toEqual(expect.any(String));
    expect(state.phase).toBe('question');
    expect(state.current).toStrictEqual(before);
    expect(countsOf(state)).toEqual({ newCount: 1, learningCount: 0, reviewCount: 0 });
    expect(state.undoStack).toHaveLength(0);
    expect(state.reviewedCount).toBe(0);
    expect(await storedCard(before.id)).toStrictEqual(before);
    expect(await appDatabase().reviews.count()).toBe(0);
  });
});

describe('waiting and the end of a session', () => {
  it('waits for a learning card due in 10 minutes, then shows it when resumed at that time', async () => {
    await updateSettings({ learnAheadMinutes: 0 }); // no learn-ahead: the session waits
    await installSmallDeck('alpha', 1);
    await store.getState().start(['alpha']);
    const card = answerCurrent(Rating.Good);
    const answeredAt = clock;

    expect(store.getState().phase).toBe('wait');
    expect(store.getState().waitUntil).toBe(answeredAt + 10 * MINUTE);
    expect(store.getState().current).toBeNull();

    clock = answeredAt + 10 * MINUTE - 1;
    store.getState().resume();
    expect(store.getState().phase).toBe('wait');

    clock = answeredAt + 10 * MINUTE;
    store.getState().resume();
    expect(store.getState().phase).toBe('question');
    expect(currentCard()).toMatchObject({ id: card.id, queue: CardQueue.Learning });
  });

  it('is done when no card is left for today', async () => {
    await installSmallDeck('alpha', 2);
    await store.getState().start(['alpha']);

    answerCurrent(Rating.Easy);
    answerCurrent(Rating.Easy);
    await store.getState().flush();

    expect(store.getState().phase).toBe('done');
    expect(store.getState().current).toBeNull();
    expect(store.getState().reviewedCount).toBe(2);
    expect(countsOf(store.getState())).toEqual({ newCount: 0, learningCount: 0, reviewCount: 0 });
    expect(await appDatabase().reviews.count()).toBe(2);
  });

  it('is done at once for a deck with nothing due', async () => {
    await installSmallDeck('alpha', 1);
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 0 });

    await store.getState().start(['alpha']);

    expect(store.getState().phase).toBe('done');
  });
});

describe('time spent on a card', () => {
  it('is measured from showing the card to answering it, on the injected clock', async () => {
    await installSmallDeck('alpha', 2);
    await store.getState().start(['alpha']);

    answerCurrent(Rating.Good, 7_250);
    answerCurrent(Rating.Good, 1_500);
    await store.getState().flush();

    const logs = await appDatabase().reviews.orderBy('id').toArray();
    expect(logs.map((log) => log.durationMs)).toEqual([7_250, 1_500]);
  });

  it('is capped when the card stayed on screen for a long time', async () => {
    await installSmallDeck('alpha', 1);
    await store.getState().start(['alpha']);

    answerCurrent(Rating.Good, 30 * MINUTE);
    await store.getState().flush();

    const [log] = await appDatabase().reviews.toArray();
    expect(log?.durationMs).toBe(MAX_COUNTED_DURATION_MS);
  });
});
