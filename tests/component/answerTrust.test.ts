// Trust on the review path, against the real Dexie on fake IndexedDB with an
// injected clock: siblings buried until tomorrow, one writer per card across
// two sessions (tabs), undo that never rolls back another tab's answer, the
// answer journal replayed after a page died, learn-ahead, a card the
// scheduler refuses, and a first visit straight to a study link.
import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { DECK_FORMAT, type DeckFileV1 } from '../../src/domain/deckFormat';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { CardQueue, DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID, Rating, type CardRecord, type RatingValue } from '../../src/domain/types';
import { createReviewSessionStore, type ReviewSessionState } from '../../src/state/reviewSession';
import { mergeDeckFiles, replayPendingAnswers, updateDeckOptions, updateSettings } from '../../src/storage';
import { DAY, FIXED_NOW, MINUTE, appDatabase, deleteAppDatabase, smallDeckFile } from '../helpers/componentDb';

let clock = FIXED_NOW;
const stores: StoreApi<ReviewSessionState>[] = [];

function newStore(): StoreApi<ReviewSessionState> {
  const store = createReviewSessionStore({ now: () => clock });
  stores.push(store);
  return store;
}

beforeEach(async () => {
  await deleteAppDatabase();
  localStorage.clear();
  clock = FIXED_NOW;
  await updateDeckOptions(DEFAULT_OPTIONS_ID, { enableFuzz: false });
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.getState().flush();
  await deleteAppDatabase();
});

/** A deck with a three-cloze note, a reversible note and a basic note, in that order. */
function siblingDeck(): DeckFileV1 {
  return {
    format: DECK_FORMAT,
    version: 1,
    deck: { id: 'sib', name: 'Siblings', description: '' },
    cards: [
      { id: 'star', type: 'cloze', text: 'STAR: {{c1::Situation}}, {{c2::Task}}, {{c3::Action}}, Result' },
      { id: 'blame', type: 'reversible', front: 'Blameless postmortem', back: 'Looks at systems, not people' },
      { id: 'solo', type: 'basic', front: 'Q', back: 'A' },
    ],
  };
}

async function install(file: DeckFileV1): Promise<void> {
  await mergeDeckFiles([file], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - MINUTE });
}

async function stored(id: string): Promise<CardRecord | undefined> {
  return appDatabase().cards.get(id);
}

function current(store: StoreApi<ReviewSessionState>): CardRecord {
  const card = store.getState().current;
  if (!card) throw new Error(`no card shown (phase ${store.getState().phase})`);
  return card;
}

function answer(store: StoreApi<ReviewSessionState>, rating: RatingValue): CardRecord {
  const card = current(store);
  clock += 3_000;
  store.getState().reveal();
  store.getState().answer(rating);
  return card;
}

function queueIds(store: StoreApi<ReviewSessionState>): string[] {
  const { learning, reviews, fresh } = store.getState().queue;
  return [...learning, ...reviews, ...fresh].map((card) => card.id);
}

describe('siblings wait until the next day', () => {
  it('answering one cloze buries the others in the session and in storage, for a reload too', async () => {
    await install(siblingDeck());
    const store = newStore();
    await store.getState().start(['sib']);
    expect(current(store).id).toBe('star::c1');

    answer(store, Rating.Easy);
    await store.getState().flush();

    expect(queueIds(store)).toEqual(['blame', 'blame::reverse', 'solo']);
    expect(current(store).id).toBe('blame');
    const day = studyDayOf(clock, 4);
    expect(await stored('star::c2')).toMatchObject({ queue: CardQueue.Buried, buriedDay: day });
    expect(await stored('star::c3')).toMatchObject({ queue: CardQueue.Buried, buriedDay: day });
    const [log] = await appDatabase().reviews.toArray();
    expect(log?.buriedSiblings).toEqual(['star::c2', 'star::c3']);

    // The reverse of a reversible note waits too.
    answer(store, Rating.Easy);
    await store.getState().flush();
    expect(queueIds(store)).toEqual(['solo']);

    const reloaded = newStore();
    await reloaded.getState().start(['sib']);
    expect(queueIds(reloaded)).toEqual(['solo']);
  });

  it('brings buried cards back on the next study day, and undo brings them back at once', async () => {
    await install(siblingDeck());
    const store = newStore();
    await store.getState().start(['sib']);
    answer(store, Rating.Easy);
    await store.getState().flush();

    await store.getState().undo();
    expect(current(store).id).toBe('star::c1');
    expect(queueIds(store)).toContain('star::c2');
    expect(await stored('star::c2')).toMatchObject({ queue: CardQueue.New });
    expect((await stored('star::c2'))?.buriedDay).toBeUndefined();

    answer(store, Rating.Easy);
    await store.getState().flush();
    expect(await stored('star::c3')).toMatchObject({ queue: CardQueue.Buried });

    clock += DAY;
    const tomorrow = newStore();
    await tomorrow.getState().start(['sib']);
    expect(queueIds(tomorrow)).toEqual(expect.arrayContaining(['star::c2', 'star::c3']));
    expect(await stored('star::c3')).toMatchObject({ queue: CardQueue.New });
    expect(await appDatabase().meta.get('buried-since')).toBeUndefined();
  });

  it('keeps siblings in the session when the preset turns burying off', async () => {
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { burySiblings: false });
    await install(siblingDeck());
    const store = newStore();
    await store.getState().start(['sib']);
    answer(store, Rating.Easy);
    await store.getState().flush();
    expect(current(store).id).toBe('star::c2');
    expect(await stored('star::c2')).toMatchObject({ queue: CardQueue.New });
  });
});

describe('one writer per card (two tabs)', () => {
  it('refuses a second answer from the same starting state: one log, and the second tab says why', async () => {
    await install(smallDeckFile('alpha', 3));
    const tabA = newStore();
    const tabB = newStore();
    await tabA.getState().start(['alpha']);
    await tabB.getState().start(['alpha']);
    const card = current(tabA);
    expect(current(tabB).id).toBe(card.id);

    // Both tap before either hears of the other.
    answer(tabA, Rating.Good);
    answer(tabB, Rating.Easy);
    await tabA.getState().flush();
    await tabB.getState().flush();

    const logs = await appDatabase().reviews.where('cardId').equals(card.id).toArray();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.rating).toBe(Rating.Good);
    expect(await stored(card.id)).toMatchObject({ reps: 1, lastReview: logs[0]?.reviewTime });
    expect(tabB.getState().notice).toEqual({ kind: 'answered-elsewhere' });
    expect(tabB.getState().undoStack).toHaveLength(0);
    expect(tabB.getState().reviewedCount).toBe(0);
  });

  it('drops a card answered in another tab from the queue and moves on if it was on screen', async () => {
    await install(smallDeckFile('alpha', 3));
    const tabA = newStore();
    const tabB = newStore();
    await tabA.getState().start(['alpha']);
    await tabB.getState().start(['alpha']);
    const card = answer(tabA, Rating.Easy);
    await tabA.getState().flush();

    await waitFor(() => expect(current(tabB).id).not.toBe(card.id));
    expect(queueIds(tabB)).not.toContain(card.id);
    expect(tabB.getState().notice).toEqual({ kind: 'answered-elsewhere' });
  });

  it('never lets an undo roll back the other tab’s later answer', async () => {
    await updateSettings({ learnAheadMinutes: 0 });
    await install(smallDeckFile('alpha', 1));
    const tabA = newStore();
    await tabA.getState().start(['alpha']);
    const card = answer(tabA, Rating.Again); // learning, due in 1 minute
    await tabA.getState().flush();

    clock += 2 * MINUTE;
    const tabB = newStore();
    await tabB.getState().start(['alpha']);
    expect(current(tabB).id).toBe(card.id);
    answer(tabB, Rating.Good);
    await tabB.getState().flush();
    const afterB = await stored(card.id);

    await tabA.getState().undo();
    expect(tabA.getState().notice).toEqual({ kind: 'undo-elsewhere' });
    expect(await stored(card.id)).toStrictEqual(afterB);
    expect(afterB?.reps).toBe(2);
    expect(await appDatabase().reviews.count()).toBe(2);
  });
});

describe('the answer journal', () => {
  const JOURNAL_KEY = 'interview-flashcards:pending-answers';

  async function journaledAnswer(id: string, rating: RatingValue) {
    const card = await stored(id);
    if (!card) throw new Error('missing card');
    const { card: after, log } = answerCard(card, rating, { ...DEFAULT_DECK_OPTIONS, enableFuzz: false }, { nowMs: clock, durationMs: 1000, day: studyDayOf(clock, 4) });
    return { key: `${id}@${clock}`, answer: { card: after, log, burySiblings: true, dayEndMs: clock + DAY } };
  }

  it('replays an answer a closed page journaled but never committed, once, and drops one its card has moved past', async () => {
    await install(smallDeckFile('alpha', 2));
    const lost = await journaledAnswer('alpha-1', Rating.Good);
    const superseded = await journaledAnswer('alpha-2', Rating.Good);
    await appDatabase().cards.update('alpha-2', { reps: 5 }); // answered since by other means
    localStorage.setItem(JOURNAL_KEY, JSON.stringify([lost, superseded]));

    expect(await replayPendingAnswers()).toBe(1);
    expect(localStorage.getItem(JOURNAL_KEY)).toBeNull();
    expect(await stored('alpha-1')).toMatchObject({ reps: 1, lastReview: lost.answer.log.reviewTime });
    expect(await appDatabase().reviews.count()).toBe(1);

    // Replaying the same entry again (a page that died after the commit) writes nothing more.
    localStorage.setItem(JOURNAL_KEY, JSON.stringify([lost]));
    expect(await replayPendingAnswers()).toBe(0);
    expect(await appDatabase().reviews.count()).toBe(1);
  });

  it('replays an answer a schema-1 page journaled (no log id, no note on the log, no ordinal on the card) into schema 2', async () => {
    await install(smallDeckFile('alpha', 1));
    const { key, answer } = await journaledAnswer('alpha-1', Rating.Good);
    const { ordinal: _ordinal, ...v1Card } = answer.card;
    const { noteId: _noteId, id: _id, ...v1Log } = answer.log;
    void [_ordinal, _noteId, _id];
    localStorage.setItem(JOURNAL_KEY, JSON.stringify([{ key, answer: { ...answer, card: v1Card, log: v1Log } }]));

    expect(await replayPendingAnswers()).toBe(1);
    expect(await stored('alpha-1')).toMatchObject({ reps: 1, ordinal: 0, lastReview: answer.log.reviewTime });
    const [log] = await appDatabase().reviews.toArray();
    expect(log).toMatchObject({ cardId: 'alpha-1', noteId: 'alpha-1', id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) as unknown });
  });

  it('journals an answer while its transaction is open and clears it once committed', async () => {
    await install(smallDeckFile('alpha', 2));
    const store = newStore();
    await store.getState().start(['alpha']);
    answer(store, Rating.Good);
    expect(localStorage.getItem(JOURNAL_KEY)).toContain('"alpha-1@');
    await store.getState().flush();
    expect(localStorage.getItem(JOURNAL_KEY)).toBeNull();
  });
});

describe('the end of a session, learn-ahead and cards the scheduler refuses', () => {
  it('shows a learning card due within the learn-ahead limit at once when nothing else is left', async () => {
    await install(smallDeckFile('alpha', 1));
    const store = newStore();
    await store.getState().start(['alpha']);
    const card = answer(store, Rating.Good); // due in 10 minutes, limit 20
    expect(store.getState().phase).toBe('question');
    expect(current(store).id).toBe(card.id);
    answer(store, Rating.Good); // graduates
    expect(store.getState().phase).toBe('done');
    expect(store.getState().reviewedCount).toBe(2);
    expect(store.getState().reviewedCards.size).toBe(1);
  });

  it('skips a card whose preset the scheduler cannot use, with a message, instead of a dead button', async () => {
    await install(smallDeckFile('alpha', 1));
    await appDatabase().deckOptions.put({ ...DEFAULT_DECK_OPTIONS, learningSteps: ['bogus'] });
    const store = newStore();
    await store.getState().start(['alpha']);
    store.getState().reveal();
    expect(store.getState().phase).toBe('done');
    expect(store.getState().notice).toEqual({ kind: 'unschedulable', reason: 'invalid-steps' });
    expect(await appDatabase().reviews.count()).toBe(0);
  });

  it('installs the built-in decks first on a first visit straight to a study link', async () => {
    const store = newStore();
    await store.getState().start(['failure-learning-red-flags']);
    expect(store.getState().phase).toBe('question');
    expect(current(store).deckId).toBe('failure-learning-red-flags');
  });
});
