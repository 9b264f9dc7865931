import { seededRandom } from '../../src/domain/ids';
import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, get_fuzz_range } from 'ts-fsrs';
import type { Card, FSRS, Grade } from 'ts-fsrs';
import {
  answerCard,
  answerFromPreview,
  createNewCardState,
  formatInterval,
  previewAnswers,
  SchedulingError,
  queueForState,
  schedulerFor,
  toSnapshot,
} from '../../src/domain/scheduler';
import { intervalParts } from '../../src/domain/intervals';
import { isStepText as isStepUnit } from '../../src/domain/steps';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, RATINGS, Rating } from '../../src/domain/types';
import type { CardRecord, DeckOptions, RatingValue } from '../../src/domain/types';

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 15, 0, 0);

const OPTIONS: DeckOptions = { ...DEFAULT_DECK_OPTIONS, enableFuzz: false };

/** A ts-fsrs scheduler built directly, as the reference to compare with. */
const reference: FSRS = fsrs(
  generatorParameters({
    request_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: false,
    learning_steps: ['1m', '10m'],
    relearning_steps: ['10m'],
  }),
);

function newCard(id = 'n1', nowMs = T0): CardRecord {
  return {
    id,
    noteId: id,
    deckId: 'deck',
    template: 'basic',
    ordinal: 0,
    front: 'Q?',
    back: 'A.',
    tags: ['t'],
    position: 0,
    ...createNewCardState(nowMs),
  };
}

/** Answers in sequence, each `gapMs` after the previous due time (or now for new cards). */
function answerSequence(card: CardRecord, ratings: RatingValue[], startMs = T0): { card: CardRecord; nowMs: number } {
  let current = card;
  let nowMs = startMs;
  for (const rating of ratings) {
    nowMs = Math.max(nowMs, current.due);
    current = answerCard(current, rating, OPTIONS, { nowMs, durationMs: 1000, day: 0 }).card;
  }
  return { card: current, nowMs };
}

/** Cards in every state, at the time they are due (plus a late review). */
function sampleCards(): { name: string; card: CardRecord; nowMs: number }[] {
  const fresh = newCard();
  const learning = answerSequence(fresh, [Rating.Good]);
  const learningAgain = answerSequence(fresh, [Rating.Again]);
  const review = answerSequence(fresh, [Rating.Good, Rating.Good]);
  const relearning = answerSequence(fresh, [Rating.Good, Rating.Good, Rating.Again]);
  const matureReview = answerSequence(fresh, [Rating.Easy, Rating.Good, Rating.Good]);
  return [
    { name: 'new', card: fresh, nowMs: T0 },
    { name: 'learning (step 2)', card: learning.card, nowMs: learning.card.due },
    { name: 'learning (step 1)', card: learningAgain.card, nowMs: learningAgain.card.due },
    { name: 'review', card: review.card, nowMs: review.card.due },
    { name: 'review, 3 days late', card: review.card, nowMs: review.card.due + 3 * DAY },
    { name: 'relearning', card: relearning.card, nowMs: relearning.card.due },
    { name: 'mature review', card: matureReview.card, nowMs: matureReview.card.due + 5 * MINUTE },
  ];
}

/** The same card as ts-fsrs would hold it, built by hand in the test. */
function asFsrsCard(card: CardRecord): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReview === null ? undefined : new Date(card.lastReview),
  };
}

describe('createNewCardState / queueForState / toSnapshot', () => {
  it('creates a new card due now', () => {
    expect(createNewCardState(T0)).toStrictEqual({
      due: T0,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      state: CardState.New,
      lastReview: null,
      queue: CardQueue.New,
    });
  });

  it('matches ts-fsrs createEmptyCard', () => {
    const empty = createEmptyCard(new Date(T0));
    const state = createNewCardState(T0);
    expect(state.stability).toBe(empty.stability);
    expect(state.difficulty).toBe(empty.difficulty);
    expect(state.reps).toBe(empty.reps);
    expect(state.state).toBe(empty.state);
    expect(state.due).toBe(empty.due.getTime());
  });

  it('maps states to queues', () => {
    expect(queueForState(CardState.New)).toBe(CardQueue.New);
    expect(queueForState(CardState.Learning)).toBe(CardQueue.Learning);
    expect(queueForState(CardState.Relearning)).toBe(CardQueue.Learning);
    expect(queueForState(CardState.Review)).toBe(CardQueue.Review);
  });

  it('snapshots only the scheduling fields, in a fixed key order', () => {
    const { queue, lastReview, due, ...rest } = newCard();
    const shuffled: CardRecord = { queue, lastReview, ...rest, due };
    expect(Object.keys(toSnapshot(shuffled))).toEqual([
      'due',
      'stability',
      'difficulty',
      'elapsedDays',
      'scheduledDays',
      'learningSteps',
      'reps',
      'lapses',
      'state',
      'lastReview',
      'queue',
    ]);
  });
});

describe('previewAnswers', () => {
  for (const { name, card, nowMs } of sampleCards()) {
    it(`equals ts-fsrs's own results for a ${name} card, for every rating`, () => {
      const previews = previewAnswers(card, OPTIONS, nowMs);
      const expected = reference.repeat(asFsrsCard(card), new Date(nowMs));
      for (const rating of RATINGS) {
        const grade: Grade = rating;
        expect(previews[rating].rating).toBe(rating);
        expect(previews[rating].due).toBe(expected[grade].card.due.getTime());
        expect(previews[rating].label).toBe(formatInterval(expected[grade].card.due.getTime() - nowMs));
      }
    });
  }

  it('labels a new card 1m / 6m / 10m / 8d with steps 1m 10m', () => {
    const labels = RATINGS.map((r) => previewAnswers(newCard(), OPTIONS, T0)[r].label);
    expect(labels).toEqual(['1m', '6m', '10m', '8d']);
  });

  it('previews exactly what answerCard then schedules, fuzz on', () => {
    const fuzzy: DeckOptions = { ...OPTIONS, enableFuzz: true };
    for (const { card, nowMs } of sampleCards()) {
      const previews = previewAnswers(card, fuzzy, nowMs);
      for (const rating of RATINGS) {
        const answered = answerCard(card, rating, fuzzy, { nowMs, durationMs: 0, day: 0 }).card;
        expect(answered.due).toBe(previews[rating].due);
      }
    }
  });
});


describe('honest intervals: the label on a button is the interval the answer gets', () => {
  const fuzzy: DeckOptions = { ...DEFAULT_DECK_OPTIONS, enableFuzz: true };

  it('holds for 1,200 seeded random cards and ratings, answered up to 10 minutes after the preview', () => {
    const random = seededRandom(20261201);
    let checked = 0;
    let reviewCards = 0;
    for (let i = 0; i < 1200; i += 1) {
      // A random history of 0-6 answers, each at (or some days after) the card's due time.
      let card = newCard(`r${i}`, T0 + Math.floor(random() * 30) * DAY);
      let nowMs = card.due;
      const history = Math.floor(random() * 7);
      for (let step = 0; step < history; step += 1) {
        const rating = RATINGS[Math.floor(random() * 4)] ?? Rating.Good;
        nowMs = Math.max(nowMs, card.due) + Math.floor(random() * 3) * DAY * (card.state === CardState.Review ? 1 : 0);
        card = answerCard(card, rating, fuzzy, { nowMs, durationMs: 0, day: 0 }).card;
      }
      if (card.state === CardState.Review) reviewCards += 1;
      const shownAt = Math.max(nowMs, card.due) + Math.floor(random() * 5) * DAY * (card.state === CardState.Review ? 1 : 0);
      const previews = previewAnswers(card, fuzzy, shownAt);
      const rating = RATINGS[Math.floor(random() * 4)] ?? Rating.Good;
      const tapAt = shownAt + Math.floor(random() * 10 * MINUTE);
      const answered = answerFromPreview(previews[rating], { nowMs: tapAt, durationMs: tapAt - shownAt, day: 0 });
      expect(answered.card.due - tapAt).toBe(previews[rating].due - shownAt);
      expect(formatInterval(answered.card.due - tapAt)).toBe(previews[rating].label);
      expect(answered.card.lastReview).toBe(tapAt);
      expect(answered.log.reviewTime).toBe(tapAt);
      expect(answered.log.before).toStrictEqual(toSnapshot(card));
      checked += 1;
    }
    expect(checked).toBe(1200);
    expect(reviewCards).toBeGreaterThan(300); // the fuzzed case is well covered
  });

  it('seeds the fuzz from the card, not the clock: the same review card previewed a minute apart gets the same intervals', () => {
    const { card } = answerSequence(newCard('seeded'), [Rating.Good, Rating.Good, Rating.Good]);
    const at = card.due + 2 * DAY + 3 * 60 * MINUTE;
    const first = previewAnswers(card, fuzzy, at);
    const later = previewAnswers(card, fuzzy, at + MINUTE);
    for (const rating of [Rating.Hard, Rating.Good, Rating.Easy]) {
      expect(later[rating].outcome.card.scheduledDays).toBe(first[rating].outcome.card.scheduledDays);
      expect(later[rating].label).toBe(first[rating].label);
    }
  });
});

describe('answerCard', () => {
  for (const { name, card, nowMs } of sampleCards()) {
    it(`gives the ts-fsrs card for a ${name} card, for every rating`, () => {
      for (const rating of RATINGS) {
        const { card: next } = answerCard(card, rating, OPTIONS, { nowMs, durationMs: 1, day: 0 });
        const grade: Grade = rating;
        const expected = reference.next(asFsrsCard(card), new Date(nowMs), grade).card;
        expect(next).toStrictEqual({
          ...card,
          due: expected.due.getTime(),
          stability: expected.stability,
          difficulty: expected.difficulty,
          elapsedDays: expected.elapsed_days,
          scheduledDays: expected.scheduled_days,
          learningSteps: expected.learning_steps,
          reps: expected.reps,
          lapses: expected.lapses,
          state: expected.state,
          lastReview: nowMs,
          queue: queueForState(next.state),
        });
      }
    });
  }

  it('writes the log record from ts-fsrs and the card before the answer', () => {
    const { card, nowMs } = answerSequence(newCard('r1'), [Rating.Good, Rating.Good]);
    const reviewAt = nowMs + 3 * DAY; // card.due is nowMs + scheduled days
    const before = structuredClone(card);
    const { log } = answerCard(card, Rating.Hard, OPTIONS, { nowMs: reviewAt, durationMs: 4200, day: 20500 });
    const expected = reference.next(asFsrsCard(card), new Date(reviewAt), Rating.Hard).log;
    expect(log).toStrictEqual({
      cardId: 'r1',
      noteId: card.noteId,
      deckId: 'deck',
      rating: Rating.Hard,
      state: CardState.Review,
      due: card.due,
      stability: expected.stability,
      difficulty: expected.difficulty,
      elapsedDays: expected.elapsed_days,
      lastElapsedDays: expected.last_elapsed_days,
      scheduledDays: expected.scheduled_days,
      learningSteps: expected.learning_steps,
      reviewTime: reviewAt,
      durationMs: 4200,
      day: 20500,
      before: toSnapshot(card),
    });
    expect(log).not.toHaveProperty('id');
    expect(log.state).toBe(expected.state);
    expect(card).toStrictEqual(before); // input not mutated
  });

  it('keeps content fields and their key order', () => {
    const card = newCard();
    const { card: next } = answerCard(card, Rating.Good, OPTIONS, { nowMs: T0, durationMs: 0, day: 0 });
    expect(Object.keys(next)).toEqual(Object.keys(card));
    expect(next.front).toBe(card.front);
    expect(next.tags).toEqual(card.tags);
  });

  it('undo from log.before restores a byte-equal card', () => {
    for (const { card, nowMs } of sampleCards()) {
      for (const rating of RATINGS) {
        const original = structuredClone(card);
        const { card: answered, log } = answerCard(card, rating, OPTIONS, { nowMs, durationMs: 1, day: 0 });
        expect(answered).not.toStrictEqual(original);
        // The log goes through storage as JSON-like data.
        const stored = structuredClone(log);
        const restored: CardRecord = { ...answered, ...stored.before };
        expect(restored).toStrictEqual(original);
        expect(JSON.stringify(restored)).toBe(JSON.stringify(original));
      }
    }
  });
});

describe('learning steps', () => {
  it('honours learning steps 1m and 10m, then graduates', () => {
    const card = newCard();
    const again = answerCard(card, Rating.Again, OPTIONS, { nowMs: T0, durationMs: 0, day: 0 }).card;
    expect(again.due - T0).toBe(1 * MINUTE);
    expect(again.state).toBe(CardState.Learning);
    expect(again.queue).toBe(CardQueue.Learning);

    const good = answerCard(card, Rating.Good, OPTIONS, { nowMs: T0, durationMs: 0, day: 0 }).card;
    expect(good.due - T0).toBe(10 * MINUTE);
    expect(good.state).toBe(CardState.Learning);

    // Second step: Again goes back to 1m, Good graduates to days.
    const t1 = good.due;
    const backToStart = answerCard(good, Rating.Again, OPTIONS, { nowMs: t1, durationMs: 0, day: 0 }).card;
    expect(backToStart.due - t1).toBe(1 * MINUTE);
    const graduated = answerCard(good, Rating.Good, OPTIONS, { nowMs: t1, durationMs: 0, day: 0 }).card;
    expect(graduated.state).toBe(CardState.Review);
    expect(graduated.queue).toBe(CardQueue.Review);
    expect(graduated.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(graduated.due - t1).toBe(graduated.scheduledDays * DAY);
  });

  it('honours the relearning step 10m after a lapse', () => {
    const { card } = answerSequence(newCard(), [Rating.Good, Rating.Good]);
    const lapsed = answerCard(card, Rating.Again, OPTIONS, { nowMs: card.due, durationMs: 0, day: 0 }).card;
    expect(lapsed.state).toBe(CardState.Relearning);
    expect(lapsed.queue).toBe(CardQueue.Learning);
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.due - card.due).toBe(10 * MINUTE);
    const relearned = answerCard(lapsed, Rating.Good, OPTIONS, { nowMs: lapsed.due, durationMs: 0, day: 0 }).card;
    expect(relearned.state).toBe(CardState.Review);
  });

  it('uses the deck options: other steps, retention and maximum interval', () => {
    const custom: DeckOptions = { ...OPTIONS, learningSteps: ['5m', '1h'], relearningSteps: ['30m'], maximumInterval: 3 };
    const card = newCard();
    expect(previewAnswers(card, custom, T0)[Rating.Again].label).toBe('5m');
    expect(previewAnswers(card, custom, T0)[Rating.Good].label).toBe('1h');
    expect(previewAnswers(card, custom, T0)[Rating.Easy].due - T0).toBe(3 * DAY);
  });

  it('rejects malformed steps', () => {
    expect(isStepUnit('10m')).toBe(true);
    expect(isStepUnit('1.5h')).toBe(false); // ts-fsrs would read it as 1h
    expect(isStepUnit('1e3m')).toBe(false);
    expect(isStepUnit('10 min')).toBe(false);
    expect(isStepUnit('0m')).toBe(false);
    expect(() => previewAnswers(newCard(), { ...OPTIONS, learningSteps: ['ten'] }, T0)).toThrow(RangeError);
  });

  it('finds a bad step after an out-of-order one, and allows steps out of order', () => {
    expect(() => previewAnswers(newCard(), { ...OPTIONS, learningSteps: ['5m', '1m', '99999d'] }, T0)).toThrow(SchedulingError);
    expect(() => previewAnswers(newCard(), { ...OPTIONS, learningSteps: ['5m', '1m', 'bogus'] }, T0)).toThrow(SchedulingError);
    expect(() => previewAnswers(newCard(), { ...OPTIONS, learningSteps: ['5m', '1m'] }, T0)).not.toThrow();
  });
});

describe('scheduler cache and fuzz', () => {
  it('reuses one scheduler per options content', () => {
    const a = schedulerFor(OPTIONS);
    expect(schedulerFor({ ...OPTIONS, id: 'other', name: 'Other', newPerDay: 5 })).toBe(a);
    expect(schedulerFor({ ...OPTIONS, learningSteps: [...OPTIONS.learningSteps] })).toBe(a);
    expect(schedulerFor({ ...OPTIONS, desiredRetention: 0.85 })).not.toBe(a);
    expect(schedulerFor({ ...OPTIONS, enableFuzz: true })).not.toBe(a);
  });

  it('schedules with a preset’s own FSRS parameters (the optimizer’s), one scheduler per parameter vector', () => {
    // Twice the default stabilities after a first answer: Good on a new card in review straight away gets a longer interval.
    const weights = [...generatorParameters().w].map((w, index) => (index < 4 ? w * 2 : w));
    const own: DeckOptions = { ...OPTIONS, learningSteps: [], fsrsWeights: weights };
    const a = schedulerFor(own);
    expect(schedulerFor({ ...own, fsrsWeights: [...weights] })).toBe(a);
    expect(schedulerFor({ ...OPTIONS, learningSteps: [] })).not.toBe(a);
    const withDefaults = answerCard(newCard(), Rating.Good, { ...OPTIONS, learningSteps: [] }, { nowMs: T0, durationMs: 0, day: 0 }).card;
    const withOwn = answerCard(newCard(), Rating.Good, own, { nowMs: T0, durationMs: 0, day: 0 }).card;
    expect(withOwn.stability).toBeCloseTo(withDefaults.stability * 2, 6);
    expect(withOwn.scheduledDays).toBeGreaterThan(withDefaults.scheduledDays);
  });

  it('fuzzes review intervals within the ts-fsrs range, deterministically', () => {
    const fuzzy: DeckOptions = { ...OPTIONS, enableFuzz: true, learningSteps: [] };
    const { card, nowMs } = answerSequence(newCard(), [Rating.Easy]);
    const at = Math.max(nowMs, card.due);
    const plain = answerCard(card, Rating.Good, { ...fuzzy, enableFuzz: false }, { nowMs: at, durationMs: 0, day: 0 }).card;
    const fuzzed = answerCard(card, Rating.Good, fuzzy, { nowMs: at, durationMs: 0, day: 0 }).card;
    const again = answerCard(card, Rating.Good, fuzzy, { nowMs: at, durationMs: 0, day: 0 }).card;
    expect(fuzzed).toStrictEqual(again);
    const { min_ivl, max_ivl } = get_fuzz_range(plain.scheduledDays, Math.round((at - (card.lastReview ?? at)) / DAY), 36500);
    expect(fuzzed.scheduledDays).toBeGreaterThanOrEqual(min_ivl);
    expect(fuzzed.scheduledDays).toBeLessThanOrEqual(max_ivl);
  });
});

describe('formatInterval', () => {
  it.each([
    [0, '<1m'],
    [20_000, '<1m'],
    [MINUTE, '1m'],
    [6 * MINUTE, '6m'],
    [10 * MINUTE, '10m'],
    [59.6 * MINUTE, '1h'],
    [60 * MINUTE, '1h'],
    [90 * MINUTE, '1.5h'],
    [12 * 60 * MINUTE, '12h'],
    [DAY, '1d'],
    [4 * DAY, '4d'],
    [29 * DAY, '29d'],
    [30 * DAY, '1mo'],
    [90 * DAY, '3mo'],
    [45 * DAY, '1.5mo'],
    [364 * DAY, '12mo'],
    [365 * DAY, '1y'],
    [438 * DAY, '1.2y'],
    [36500 * DAY, '100y'],
  ])('formats %d ms as %s', (ms, label) => {
    expect(formatInterval(ms)).toBe(label);
  });
});

describe('intervalParts', () => {
  it.each([
    [20_000, { unit: 'under-minute' }],
    [10 * MINUTE, { unit: 'minute', amount: 10 }],
    [90 * MINUTE, { unit: 'hour', amount: 1.5 }],
    [4 * DAY, { unit: 'day', amount: 4 }],
    [45 * DAY, { unit: 'month', amount: 1.5 }],
    [438 * DAY, { unit: 'year', amount: 1.2 }],
  ])('splits %d ms into %o (the words are the UI\'s)', (ms, parts) => {
    expect(intervalParts(ms)).toEqual(parts);
  });
});
