// The retention cost's simulation (domain/workload.ts): exact counts with a
// memory model whose answers are known, then the real FSRS model over a
// seeded collection: a higher retention costs more answers, the daily review
// limit holds, and the same input gives the same figure.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/ids';
import { memoryModelFor, type MemoryModel } from '../../src/domain/scheduler';
import { DEFAULT_DECK_OPTIONS } from '../../src/domain/types';
import { simulateWorkload, WORKLOAD_DAYS, type WorkloadCard, type WorkloadInput } from '../../src/domain/workload';

const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 11, 7, 4);

function input(overrides: Partial<WorkloadInput> = {}): WorkloadInput {
  return { cards: [], newCards: 0, newPerDay: 0, reviewsPerDay: 9999, learningStepCount: 2, relearningStepCount: 1, todayStartMs: TODAY, ...overrides };
}

/** Always recalled (or never), always the same interval: answers can be counted by hand. */
function fixedModel(interval: number, recall: number): MemoryModel {
  return {
    initial: () => ({ stability: 1, difficulty: 5 }),
    next: (memory) => memory,
    recallProbability: () => recall,
    intervalDays: () => interval,
  };
}

const dueIn = (days: number, stability = 10): WorkloadCard => ({ stability, difficulty: 5, due: TODAY + days * DAY + 3600_000, lastReview: TODAY - DAY });

/** A seeded collection of studied cards with mixed stability, due over the next weeks (some overdue). */
function collection(size: number, seed = 7): WorkloadCard[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, () => {
    const stability = 0.5 + random() * 60;
    const lastReview = TODAY - Math.floor(random() * stability) * DAY;
    return { stability, difficulty: 1 + random() * 9, due: lastReview + Math.max(1, Math.round(stability)) * DAY, lastReview };
  });
}

describe('simulateWorkload with known answers', () => {
  it('is zero with nothing to study', () => {
    const result = simulateWorkload(input(), fixedModel(1, 1));
    expect(result.perDay).toEqual(new Array(WORKLOAD_DAYS).fill(0));
    expect(result.total).toBe(0);
  });

  it('reviews a card each time it falls due: days 0, 7, 14, 21 and 28', () => {
    const result = simulateWorkload(input({ cards: [dueIn(0)] }), fixedModel(7, 1));
    expect(result.perDay.flatMap((count, day) => (count > 0 ? [day] : []))).toEqual([0, 7, 14, 21, 28]);
    expect(result.total).toBe(5);
  });

  it('counts an overdue card today, and a forgotten card with its relearning steps', () => {
    const result = simulateWorkload(input({ cards: [dueIn(-5)], relearningStepCount: 2 }), fixedModel(100, 0));
    expect(result.perDay[0]).toBe(3);
    expect(result.total).toBe(3);
  });

  it('brings new cards in at the daily limit, each with its learning steps, until none are left', () => {
    const result = simulateWorkload(input({ newCards: 25, newPerDay: 10, learningStepCount: 2 }), fixedModel(100, 1));
    expect(result.perDay.slice(0, 4)).toEqual([30, 30, 15, 0]);
  });

  it('keeps to the daily review limit and carries the rest to the next day', () => {
    const cards = Array.from({ length: 5 }, () => dueIn(0));
    const result = simulateWorkload(input({ cards, reviewsPerDay: 2 }), fixedModel(100, 1));
    expect(result.perDay.slice(0, 4)).toEqual([2, 2, 1, 0]);
  });
});

describe('simulateWorkload with FSRS', () => {
  const cards = collection(2000);
  const costAt = (retention: number) =>
    simulateWorkload(input({ cards, newCards: 300, newPerDay: 10 }), memoryModelFor(DEFAULT_DECK_OPTIONS, retention));

  it('costs more answers at a higher desired retention', () => {
    const totals = [0.8, 0.85, 0.9, 0.95, 0.97].map((retention) => costAt(retention).total);
    for (let index = 1; index < totals.length; index += 1) expect(totals[index]).toBeGreaterThan(totals[index - 1] ?? 0);
    // Going from 0.90 to 0.95 is not a small change: FSRS's intervals roughly halve.
    expect(costAt(0.95).total / costAt(0.9).total).toBeGreaterThan(1.3);
  });

  it('gives the same figure for the same input, and the average is the total over the days', () => {
    const first = costAt(0.9);
    expect(costAt(0.9)).toEqual(first);
    expect(first.averagePerDay).toBe(Math.round(first.total / WORKLOAD_DAYS));
  });
});
