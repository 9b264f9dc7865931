// Leeches on the real Dexie (fake IndexedDB): a review card answered Again
// for its 8th lapse is suspended and its note tagged `leech` with the answer
// itself, the user is told once, the card leaves the session and the home
// counts, undo takes both back, a failed write changes nothing, the journal
// replays the same outcome, another tab drops the card, and the deck options
// screen saves the threshold.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { leechOutcome, LEECH_TAG } from '../../src/domain/leech';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID, Rating, type CardRecord, type NoteRecord } from '../../src/domain/types';
import { createReviewSessionStore, reviewSessionStore, type ReviewSessionState } from '../../src/state/reviewSession';
import { getDeckOptions, homeOverview, mergeDeckFiles, replayPendingAnswers, updateDeckOptions } from '../../src/storage';
import { freezeClock, freshAppWithBuiltInDecks, tearDownApp } from '../helpers/componentApp';
import { DAY, FIXED_NOW, MINUTE, appDatabase, smallDeckFile, withFailingLogWrites } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';

const DECK_ID = 'alpha';
const LEECH_ID = 'alpha-1';
const NOTICE =
  'This card has lapsed 8 times: it is a leech. It was suspended and tagged “leech”; find it in Browse to rewrite it or bring it back.';

/** `alpha-1` as a review card due now that has lapsed `lapses` times, with its note (and card) tagged `star` (plus `extraTags`). */
async function seedLapsedCard(lapses: number, extraTags: string[] = []): Promise<void> {
  const tags = ['star', ...extraTags];
  await appDatabase().cards.update(LEECH_ID, {
    due: FIXED_NOW - MINUTE,
    stability: 6,
    difficulty: 7,
    elapsedDays: 6,
    scheduledDays: 6,
    learningSteps: 0,
    reps: 20,
    lapses,
    state: CardState.Review,
    lastReview: FIXED_NOW - 6 * DAY,
    queue: CardQueue.Review,
    tags,
  });
  await appDatabase().notes.update(LEECH_ID, { tags });
}

async function storedCard(id = LEECH_ID): Promise<CardRecord | undefined> {
  return appDatabase().cards.get(id);
}

async function storedNote(id = LEECH_ID): Promise<NoteRecord | undefined> {
  return appDatabase().notes.get(id);
}

async function deckCounts(nowMs = FIXED_NOW) {
  const overview = await homeOverview(nowMs);
  return overview.counts.find((counts) => counts.deckId === DECK_ID);
}

beforeEach(async () => {
  freezeClock(FIXED_NOW);
  await freshAppWithBuiltInDecks(FIXED_NOW - MINUTE);
  localStorage.clear();
  await updateDeckOptions(DEFAULT_OPTIONS_ID, { enableFuzz: false });
  await mergeDeckFiles([smallDeckFile(DECK_ID, 2)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - MINUTE });
});

afterEach(async () => {
  cleanup();
  await tearDownApp();
});

describe('on the review screen', () => {
  async function studyAndAnswerAgain() {
    const user = renderAppAt(`/study/${DECK_ID}`);
    await screen.findByText('Question 1 of alpha');
    await user.click(screen.getByRole('button', { name: 'Show answer' }));
    await user.click(screen.getByRole('button', { name: /^Again/ }));
    return user;
  }

  it('suspends the card and tags its note with the 8th lapse, says so once, and never shows it again this session', async () => {
    await seedLapsedCard(7);
    expect(await deckCounts()).toMatchObject({ newCount: 1, learningCount: 0, reviewCount: 1 });

    const user = await studyAndAnswerAgain();

    expect(await screen.findByRole('status')).toHaveTextContent(NOTICE);
    expect(await screen.findByText('Question 2 of alpha')).toBeInTheDocument();
    await reviewSessionStore.getState().flush();
    expect(await storedCard()).toMatchObject({ lapses: 8, state: CardState.Relearning, queue: CardQueue.Suspended, tags: ['star', LEECH_TAG] });
    expect((await storedNote())?.tags).toEqual(['star', LEECH_TAG]);
    expect(await appDatabase().reviews.toArray()).toMatchObject([{ cardId: LEECH_ID, rating: Rating.Again, becameLeech: true, addedLeechTag: true }]);
    // Not counted anywhere: the session's counts and the home's.
    expect(screen.getByText('Remaining cards: 1 new, 0 learning, 0 due')).toBeInTheDocument();
    expect(await deckCounts()).toMatchObject({ newCount: 1, learningCount: 0, reviewCount: 0 });
    // Even after its relearning step would be due, it stays out of the session.
    const { learning, reviews, fresh } = reviewSessionStore.getState().queue;
    expect([...learning, ...reviews, ...fresh].map((card) => card.id)).not.toContain(LEECH_ID);

    // Told once: the next answer clears the notice, and no card ever brings it back.
    await user.keyboard(' '); // (a tap right after the last one is taken for a double tap)
    await user.click(await screen.findByRole('button', { name: /^Good/ }));
    await waitFor(() => expect(screen.queryByText(NOTICE)).not.toBeInTheDocument());
    expect(await deckCounts(FIXED_NOW + 20 * MINUTE)).toMatchObject({ reviewCount: 0 });
  });

  it('undo restores the card exactly (queue included) and takes the leech tag off its note', async () => {
    await seedLapsedCard(7);
    const before = await storedCard();
    const noteBefore = await storedNote();

    const user = await studyAndAnswerAgain();
    await screen.findByText('Question 2 of alpha');
    await reviewSessionStore.getState().flush();
    await user.click(screen.getByRole('button', { name: 'Undo' }));

    expect(await screen.findByText('Question 1 of alpha')).toBeInTheDocument();
    expect(screen.queryByText(NOTICE)).not.toBeInTheDocument();
    await waitFor(async () => expect(await appDatabase().reviews.count()).toBe(0));
    expect(await storedCard()).toStrictEqual(before);
    expect((await storedNote())?.tags).toEqual(noteBefore?.tags);
    expect(await deckCounts()).toMatchObject({ newCount: 1, reviewCount: 1 });
  });

  it('a failed write changes nothing, says why, and tells of no leech', async () => {
    await seedLapsedCard(7);
    const before = await storedCard();
    const noteBefore = await storedNote();

    await withFailingLogWrites(async () => {
      await studyAndAnswerAgain();
      await reviewSessionStore.getState().flush();
    });

    expect(await screen.findByRole('alert')).toHaveTextContent(/^Your last answer could not be saved: .+ The card is back in the queue\./);
    expect(screen.queryByText(NOTICE)).not.toBeInTheDocument();
    // Back in the session as it was (a review again), behind the card now on screen.
    expect(screen.getByText('Remaining cards: 1 new, 0 learning, 1 due')).toBeInTheDocument();
    expect(reviewSessionStore.getState().queue.reviews).toStrictEqual([before]);
    expect(await storedCard()).toStrictEqual(before);
    expect(await storedNote()).toStrictEqual(noteBefore);
    expect(await appDatabase().reviews.count()).toBe(0);
  });
});

describe('in the session store', () => {
  let clock = FIXED_NOW;
  const stores: StoreApi<ReviewSessionState>[] = [];

  function newStore(): StoreApi<ReviewSessionState> {
    const store = createReviewSessionStore({ now: () => clock });
    stores.push(store);
    return store;
  }

  function answerShown(store: StoreApi<ReviewSessionState>, rating: (typeof Rating)[keyof typeof Rating]): string {
    const card = store.getState().current;
    if (!card) throw new Error(`no card shown (phase ${store.getState().phase})`);
    clock += 3_000;
    store.getState().reveal();
    store.getState().answer(rating);
    return card.id;
  }

  beforeEach(() => {
    clock = FIXED_NOW;
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.getState().flush();
  });

  it('fires again at the 12th lapse; a note already tagged keeps its tag through undo', async () => {
    await seedLapsedCard(11, [LEECH_TAG]);
    const store = newStore();
    await store.getState().start([DECK_ID]);
    expect(answerShown(store, Rating.Again)).toBe(LEECH_ID);
    await store.getState().flush();

    expect(store.getState().notice).toEqual({ kind: 'leech', cardId: LEECH_ID, lapses: 12 });
    expect(await storedCard()).toMatchObject({ queue: CardQueue.Suspended, tags: ['star', LEECH_TAG] });
    const [log] = await appDatabase().reviews.toArray();
    expect(log).toMatchObject({ becameLeech: true });
    expect(log?.addedLeechTag).toBeUndefined();

    await store.getState().undo();
    expect(await storedCard()).toMatchObject({ queue: CardQueue.Review, lapses: 11, tags: ['star', LEECH_TAG] });
    expect((await storedNote())?.tags).toEqual(['star', LEECH_TAG]);
  });

  it('leaves the 9th lapse alone, and every lapse with the threshold at 0', async () => {
    await seedLapsedCard(8);
    const store = newStore();
    await store.getState().start([DECK_ID]);
    answerShown(store, Rating.Again);
    await store.getState().flush();
    expect(store.getState().notice).toBeNull();
    expect(await storedCard()).toMatchObject({ lapses: 9, queue: CardQueue.Learning });

    await seedLapsedCard(7);
    await appDatabase().cards.update(LEECH_ID, { reps: 30 }); // another state than the first answer's (its claim is taken)
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { leechThreshold: 0 });
    const off = newStore();
    await off.getState().start([DECK_ID]);
    expect(off.getState().current?.id).toBe(LEECH_ID);
    answerShown(off, Rating.Again);
    await off.getState().flush();
    expect(off.getState().notice).toBeNull();
    expect(await storedCard()).toMatchObject({ lapses: 8, queue: CardQueue.Learning, tags: ['star'] });
  });

  it('another tab drops the leech from its queue', async () => {
    await seedLapsedCard(7);
    const tabA = newStore();
    const tabB = newStore();
    await tabA.getState().start([DECK_ID]);
    await tabB.getState().start([DECK_ID]);
    answerShown(tabA, Rating.Again);
    await tabA.getState().flush();

    await waitFor(() => expect(tabB.getState().current?.id).not.toBe(LEECH_ID));
    const { learning, reviews, fresh } = tabB.getState().queue;
    expect([...learning, ...reviews, ...fresh].map((card) => card.id)).toEqual([`${DECK_ID}-2`]);
  });

  it('the journal replays a leech answer with the same outcome, once', async () => {
    await seedLapsedCard(7);
    const card = await storedCard();
    if (!card) throw new Error('missing card');
    const options = { ...DEFAULT_DECK_OPTIONS, enableFuzz: false };
    const ctx = { nowMs: clock, durationMs: 1000, day: studyDayOf(clock, 4) };
    const { card: after, log } = leechOutcome(card, answerCard(card, Rating.Again, options, ctx), options.leechThreshold);
    const entry = { key: `${LEECH_ID}@${clock}`, answer: { card: after, log, burySiblings: true, dayEndMs: clock + DAY } };
    localStorage.setItem('interview-flashcards:pending-answers', JSON.stringify([entry]));

    expect(await replayPendingAnswers()).toBe(1);
    expect(await storedCard()).toMatchObject({ queue: CardQueue.Suspended, lapses: 8, tags: ['star', LEECH_TAG] });
    expect((await storedNote())?.tags).toEqual(['star', LEECH_TAG]);

    localStorage.setItem('interview-flashcards:pending-answers', JSON.stringify([entry]));
    expect(await replayPendingAnswers()).toBe(0);
    expect(await appDatabase().reviews.count()).toBe(1);
    expect((await storedNote())?.tags).toEqual(['star', LEECH_TAG]);
  });
});

describe('the deck options screen', () => {
  it('saves the leech threshold; a preset stored before leeches reads as 8', async () => {
    const stored = await getDeckOptions(DEFAULT_OPTIONS_ID);
    const { leechThreshold: _dropped, ...older } = stored;
    void _dropped;
    await appDatabase().deckOptions.put(older as typeof stored);
    expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).leechThreshold).toBe(8);

    const user = renderAppAt(`/deck/${DECK_ID}/options`);
    const field = await screen.findByRole('textbox', { name: 'Leech threshold' });
    expect(field).toHaveValue('8');
    await user.clear(field);
    await user.type(field, '12{Enter}');

    await waitFor(async () => expect((await getDeckOptions(DEFAULT_OPTIONS_ID)).leechThreshold).toBe(12));
  });
});
