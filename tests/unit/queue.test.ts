import { describe, expect, it } from 'vitest';
import {
  afterAnswer,
  buildStudyQueue,
  nextStep,
  queueCounts,
  remainingToday,
  siblingsInQueue,
  withCardRestored,
} from '../../src/domain/queue';
import type { StudyQueue } from '../../src/domain/queue';
import { answerCard, createNewCardState } from '../../src/domain/scheduler';
import { endOfStudyDay, studyDayOf } from '../../src/domain/studyDay';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, Rating } from '../../src/domain/types';
import type { CardQueueValue, CardRecord, DeckOptions } from '../../src/domain/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TZ = 'America/New_York';
const NOW = Date.UTC(2026, 0, 10, 15); // 10:00 in New York
const DAY_END = endOfStudyDay(NOW, 4, TZ); // 04:00 Jan 11 New York
const OPTIONS: DeckOptions = { ...DEFAULT_DECK_OPTIONS, enableFuzz: false };

function card(id: string, queue: CardQueueValue, due: number, extra: Partial<CardRecord> = {}): CardRecord {
  const state =
    queue === CardQueue.New ? CardState.New : queue === CardQueue.Review ? CardState.Review : CardState.Learning;
  return {
    id,
    noteId: id,
    deckId: 'a',
    template: 'basic',
    ordinal: 0,
    front: `front ${id}`,
    back: `back ${id}`,
    tags: [],
    position: 0,
    ...createNewCardState(due),
    state,
    queue,
    ...extra,
  };
}

const learningCard = (id: string, due: number, extra: Partial<CardRecord> = {}) => card(id, CardQueue.Learning, due, extra);
const reviewCard = (id: string, due: number, extra: Partial<CardRecord> = {}) => card(id, CardQueue.Review, due, extra);
const newCard = (id: string, position: number, extra: Partial<CardRecord> = {}) =>
  card(id, CardQueue.New, NOW - DAY, { position, ...extra });

const ids = (cards: CardRecord[]) => cards.map((c) => c.id);
const allow = (entries: [string, number, number][]) =>
  new Map(entries.map(([deck, newCards, reviews]) => [deck, { newCards, reviews }]));

describe('remainingToday', () => {
  it('subtracts what was done today and never goes below zero', () => {
    const limits = { newPerDay: 20, reviewsPerDay: 200 };
    expect(remainingToday(limits, { newIntroduced: 0, reviewsDone: 0 })).toEqual({ newCards: 20, reviews: 200 });
    expect(remainingToday(limits, { newIntroduced: 5, reviewsDone: 199 })).toEqual({ newCards: 15, reviews: 1 });
    expect(remainingToday(limits, { newIntroduced: 25, reviewsDone: 250 })).toEqual({ newCards: 0, reviews: 0 });
  });
});

describe('buildStudyQueue', () => {
  it('sorts learning and reviews by due and new cards by position, then deck', () => {
    const queue = buildStudyQueue(
      [
        reviewCard('r2', NOW - HOUR),
        newCard('n2', 2),
        learningCard('l2', NOW + 10 * MINUTE),
        reviewCard('r1', NOW - 2 * DAY),
        newCard('n1b', 1, { deckId: 'b' }),
        newCard('n1a', 1),
        learningCard('l1', NOW - MINUTE),
      ],
      allow([
        ['a', 10, 10],
        ['b', 10, 10],
      ]),
      DAY_END,
    );
    expect(ids(queue.learning)).toEqual(['l1', 'l2']);
    expect(ids(queue.reviews)).toEqual(['r1', 'r2']);
    expect(ids(queue.fresh)).toEqual(['n1a', 'n1b', 'n2']);
  });

  it('keeps only cards due before the end of the study day', () => {
    const queue = buildStudyQueue(
      [
        learningCard('l-today', DAY_END - 1),
        learningCard('l-tomorrow', DAY_END),
        reviewCard('r-today', DAY_END - 1),
        reviewCard('r-tomorrow', DAY_END + HOUR),
      ],
      allow([['a', 10, 10]]),
      DAY_END,
    );
    expect(ids(queue.learning)).toEqual(['l-today']);
    expect(ids(queue.reviews)).toEqual(['r-today']);
  });

  it("respects each deck's daily allowances, most overdue reviews first", () => {
    const candidates = [
      ...Array.from({ length: 5 }, (_, i) => reviewCard(`a-r${i}`, NOW - i * HOUR)),
      ...Array.from({ length: 5 }, (_, i) => reviewCard(`b-r${i}`, NOW - i * HOUR, { deckId: 'b' })),
      ...Array.from({ length: 5 }, (_, i) => newCard(`a-n${i}`, i)),
      ...Array.from({ length: 5 }, (_, i) => newCard(`b-n${i}`, i, { deckId: 'b' })),
      ...Array.from({ length: 5 }, (_, i) => learningCard(`a-l${i}`, NOW - i * MINUTE)),
    ];
    const queue = buildStudyQueue(
      candidates,
      allow([
        ['a', 2, 3],
        ['b', 0, 1],
      ]),
      DAY_END,
    );
    expect(ids(queue.reviews)).toEqual(['a-r4', 'b-r4', 'a-r3', 'a-r2']);
    expect(ids(queue.fresh)).toEqual(['a-n0', 'a-n1']);
    expect(queue.learning).toHaveLength(5); // learning cards are not limited
    expect(queueCounts(queue)).toEqual({ newCount: 2, learningCount: 5, reviewCount: 4 });
  });

  it('gives a deck without an allowance no reviews or new cards, and drops retired and repeated cards', () => {
    const queue = buildStudyQueue(
      [
        reviewCard('r', NOW, { deckId: 'unknown' }),
        newCard('n', 0, { deckId: 'unknown' }),
        learningCard('l', NOW, { deckId: 'unknown' }),
        card('x', CardQueue.Retired, NOW),
        reviewCard('dup', NOW),
        reviewCard('dup', NOW),
      ],
      allow([['a', 5, 5]]),
      DAY_END,
    );
    expect(ids(queue.learning)).toEqual(['l']);
    expect(ids(queue.reviews)).toEqual(['dup']);
    expect(queue.fresh).toEqual([]);
  });

  it('does not mutate its input', () => {
    const candidates = [reviewCard('r2', NOW), reviewCard('r1', NOW - HOUR)];
    const copy = structuredClone(candidates);
    buildStudyQueue(candidates, allow([['a', 5, 5]]), DAY_END);
    expect(candidates).toStrictEqual(copy);
  });
});

describe('nextStep', () => {
  const shownNone = { reviews: 0, fresh: 0 };

  it('shows a learning card that is due now before reviews and new cards', () => {
    const queue: StudyQueue = {
      learning: [learningCard('l', NOW)],
      reviews: [reviewCard('r', NOW - DAY)],
      fresh: [newCard('n', 0)],
    };
    expect(nextStep(queue, NOW, shownNone)).toEqual({ kind: 'card', card: queue.learning[0] });
    // One millisecond earlier it is not due yet: the review comes first.
    expect(nextStep(queue, NOW - 1, shownNone)).toEqual({ kind: 'card', card: queue.reviews[0] });
  });

  it('shows reviews and new cards without waiting for their due time', () => {
    const queue: StudyQueue = { learning: [], reviews: [reviewCard('r', NOW + 5 * HOUR)], fresh: [] };
    expect(nextStep(queue, NOW, shownNone)).toEqual({ kind: 'card', card: queue.reviews[0] });
    const onlyNew: StudyQueue = { learning: [], reviews: [], fresh: [newCard('n', 0)] };
    expect(nextStep(onlyNew, NOW, shownNone)).toEqual({ kind: 'card', card: onlyNew.fresh[0] });
  });

  it('spreads 10 new cards evenly among 100 reviews', () => {
    let queue: StudyQueue = {
      learning: [],
      reviews: Array.from({ length: 100 }, (_, i) => reviewCard(`r${i}`, NOW - DAY + i)),
      fresh: Array.from({ length: 10 }, (_, i) => newCard(`n${i}`, i)),
    };
    const shown = { reviews: 0, fresh: 0 };
    const order: string[] = [];
    for (;;) {
      const step = nextStep(queue, NOW, shown);
      if (step.kind !== 'card') break;
      order.push(step.card.id);
      if (step.card.queue === CardQueue.New) shown.fresh += 1;
      else shown.reviews += 1;
      queue = afterAnswer(queue, { ...step.card, queue: CardQueue.Retired }, DAY_END);
    }
    expect(order).toHaveLength(110);
    const newPositions = order.flatMap((id, i) => (id.startsWith('n') ? [i] : []));
    expect(newPositions).toHaveLength(10);
    // Reviews before the first new card, between two, and after the last: 9 or 10 each (100 / 11 ≈ 9.1).
    const gaps = [newPositions[0] ?? 0];
    for (let k = 1; k < newPositions.length; k += 1) gaps.push((newPositions[k] ?? 0) - (newPositions[k - 1] ?? 0) - 1);
    gaps.push(order.length - 1 - (newPositions.at(-1) ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(9);
      expect(gap).toBeLessThanOrEqual(10);
    }
    // Each kind keeps its own order.
    expect(order.filter((id) => id.startsWith('n'))).toEqual(Array.from({ length: 10 }, (_, i) => `n${i}`));
    expect(order.filter((id) => id.startsWith('r'))).toEqual(Array.from({ length: 100 }, (_, i) => `r${i}`));
  });

  it('waits for the earliest learning card due later today, then is done', () => {
    const queue: StudyQueue = {
      learning: [learningCard('l1', NOW + 10 * MINUTE), learningCard('l2', NOW + HOUR)],
      reviews: [],
      fresh: [],
    };
    expect(nextStep(queue, NOW, shownNone)).toEqual({ kind: 'wait', until: NOW + 10 * MINUTE });
    expect(nextStep(queue, NOW + 10 * MINUTE, shownNone)).toEqual({ kind: 'card', card: queue.learning[0] });
    expect(nextStep({ learning: [], reviews: [], fresh: [] }, NOW, shownNone)).toEqual({ kind: 'done' });
  });
});

describe('afterAnswer and withCardRestored', () => {
  const base = (): StudyQueue => ({
    learning: [learningCard('l1', NOW - MINUTE), learningCard('l2', NOW + 5 * MINUTE), learningCard('l3', NOW + HOUR)],
    reviews: [reviewCard('r1', NOW - DAY), reviewCard('r2', NOW)],
    fresh: [newCard('n1', 1), newCard('n2', 2)],
  });

  it('removes the answered card and re-inserts it into learning in due order', () => {
    const queue = base();
    const answered = learningCard('r1', NOW + 10 * MINUTE, { state: CardState.Relearning });
    const next = afterAnswer(queue, answered, DAY_END);
    expect(ids(next.learning)).toEqual(['l1', 'l2', 'r1', 'l3']);
    expect(ids(next.reviews)).toEqual(['r2']);
    expect(ids(queue.reviews)).toEqual(['r1', 'r2']); // input untouched
  });

  it('moves a learning card along when it is answered again', () => {
    const next = afterAnswer(base(), learningCard('l1', NOW + 2 * HOUR), DAY_END);
    expect(ids(next.learning)).toEqual(['l2', 'l3', 'l1']);
  });

  it('drops a card that graduated or is due after the end of the day', () => {
    const graduated = afterAnswer(base(), reviewCard('l1', NOW + 3 * DAY), DAY_END);
    expect(ids(graduated.learning)).toEqual(['l2', 'l3']);
    expect(ids(graduated.reviews)).toEqual(['r1', 'r2']);
    const tomorrow = afterAnswer(base(), learningCard('n1', DAY_END), DAY_END);
    expect(ids(tomorrow.learning)).toEqual(['l1', 'l2', 'l3']);
    expect(ids(tomorrow.fresh)).toEqual(['n2']);
  });

  it('puts a restored card back into the list its queue names, in order', () => {
    const answered = afterAnswer(base(), learningCard('n1', NOW + MINUTE), DAY_END);
    expect(ids(answered.learning)).toEqual(['l1', 'n1', 'l2', 'l3']);
    const restored = withCardRestored(answered, newCard('n1', 1));
    expect(restored).toStrictEqual(base());

    const withoutR2 = afterAnswer(base(), reviewCard('r2', NOW + 4 * DAY), DAY_END);
    expect(withCardRestored(withoutR2, reviewCard('r2', NOW))).toStrictEqual(base());

    const withoutL2 = afterAnswer(base(), learningCard('l2', NOW + 2 * HOUR), DAY_END);
    expect(withCardRestored(withoutL2, learningCard('l2', NOW + 5 * MINUTE))).toStrictEqual(base());

    const retired = withCardRestored(base(), card('r1', CardQueue.Retired, NOW));
    expect(ids(retired.reviews)).toEqual(['r2']);
  });
});

describe('a whole session with the real scheduler', () => {
  it('introduces new cards, repeats learning steps, waits, and ends', () => {
    const dayEnd = endOfStudyDay(NOW, 4, TZ);
    const day = studyDayOf(NOW, 4, TZ);
    const limits = remainingToday({ newPerDay: 3, reviewsPerDay: 2 }, { newIntroduced: 1, reviewsDone: 0 });
    let queue = buildStudyQueue(
      [
        ...Array.from({ length: 5 }, (_, i) => newCard(`n${i}`, i)),
        ...Array.from({ length: 4 }, (_, i) => ({
          ...reviewCard(`r${i}`, NOW - DAY),
          stability: 10,
          difficulty: 5,
          scheduledDays: 10,
          reps: 3,
          lastReview: NOW - 11 * DAY,
        })),
      ],
      new Map([['a', limits]]),
      dayEnd,
    );
    expect(queueCounts(queue)).toEqual({ newCount: 2, learningCount: 0, reviewCount: 2 });

    let now = NOW;
    const shown = { reviews: 0, fresh: 0 };
    const log: string[] = [];
    for (let guard = 0; guard < 50; guard += 1) {
      const step = nextStep(queue, now, shown);
      if (step.kind === 'done') break;
      if (step.kind === 'wait') {
        log.push(`wait ${(step.until - now) / MINUTE}m`);
        now = step.until;
        continue;
      }
      const picked = step.card;
      if (picked.queue === CardQueue.New) shown.fresh += 1;
      else if (picked.queue === CardQueue.Review) shown.reviews += 1;
      const answered = answerCard(picked, Rating.Good, OPTIONS, { nowMs: now, durationMs: 1000, day }).card;
      log.push(`${picked.id} ${answered.queue === CardQueue.Learning ? 'learning' : 'done'}`);
      queue = afterAnswer(queue, answered, dayEnd);
      now += 30_000;
    }
    // Two reviews, two new cards (interleaved), each new card through its 10m step.
    expect(log).toEqual([
      'r0 done',
      'n0 learning',
      'r1 done',
      'n1 learning',
      'wait 8.5m',
      'n0 done',
      'wait 0.5m',
      'n1 done',
    ]);
    expect(queueCounts(queue)).toEqual({ newCount: 0, learningCount: 0, reviewCount: 0 });
  });
});

describe('learn-ahead and siblings', () => {
  const T = Date.UTC(2026, 2, 10, 12, 0, 0);
  const MIN = 60_000;
  function card(id: string, noteId: string, queue: CardRecord['queue'], due: number): CardRecord {
    return {
      id,
      noteId,
      deckId: 'd',
      template: 'basic',
      ordinal: 0,
      front: id,
      back: id,
      tags: [],
      position: 0,
      ...createNewCardState(due),
      queue,
      state: queue === CardQueue.Learning ? CardState.Learning : queue === CardQueue.Review ? CardState.Review : CardState.New,
    };
  }

  it('shows a learning card due within the learn-ahead limit when nothing else is left, else waits', () => {
    const queue: StudyQueue = { learning: [card('l', 'l', CardQueue.Learning, T + 10 * MIN)], reviews: [], fresh: [] };
    expect(nextStep(queue, T, { reviews: 0, fresh: 0 }, 20 * MIN)).toMatchObject({ kind: 'card', card: { id: 'l' } });
    expect(nextStep(queue, T, { reviews: 0, fresh: 0 }, 5 * MIN)).toEqual({ kind: 'wait', until: T + 10 * MIN });
    expect(nextStep(queue, T, { reviews: 0, fresh: 0 })).toEqual({ kind: 'wait', until: T + 10 * MIN });
  });

  it('never learns ahead while reviews or new cards are left', () => {
    const queue: StudyQueue = {
      learning: [card('l', 'l', CardQueue.Learning, T + 10 * MIN)],
      reviews: [],
      fresh: [card('n', 'n', CardQueue.New, T)],
    };
    expect(nextStep(queue, T, { reviews: 0, fresh: 0 }, 20 * MIN)).toMatchObject({ kind: 'card', card: { id: 'n' } });
  });

  it('finds a card’s siblings in the review and new lists, and afterAnswer takes them out', () => {
    const c1 = card('note::c1', 'note', CardQueue.New, T);
    const queue: StudyQueue = {
      learning: [card('note::c9', 'note', CardQueue.Learning, T)],
      reviews: [card('note::c2', 'note', CardQueue.Review, T)],
      fresh: [c1, card('note::c3', 'note', CardQueue.New, T), card('other', 'other', CardQueue.New, T)],
    };
    const siblings = siblingsInQueue(queue, c1);
    expect(siblings).toEqual(['note::c2', 'note::c3']);
    const after = afterAnswer(queue, { ...c1, queue: CardQueue.Review, due: T + 86_400_000 }, T + 3_600_000, siblings);
    expect(after.reviews).toEqual([]);
    expect(after.fresh.map((c) => c.id)).toEqual(['other']);
    expect(after.learning.map((c) => c.id)).toEqual(['note::c9']); // learning steps are never buried
  });
});
