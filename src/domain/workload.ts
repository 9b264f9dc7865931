/**
 * The cost of a desired retention: how many answers a day the next 30 days
 * would take at that retention, simulated over the user's own cards with a
 * preset's FSRS parameters (`memoryModelFor` in `scheduler.ts`). Each due
 * card is recalled with the probability FSRS gives it on that day (then
 * answered Good, else Again and its relearning steps), and rescheduled at the
 * interval that retention asks for; new cards come in at the daily limit,
 * each with its learning steps; reviews beyond the daily limit wait for the
 * next day. The random draws are fixed per card and answer (common random
 * numbers), so two retentions are compared on the same luck and the figure
 * is the same every time. Whole days, no fuzz: an estimate, not a schedule.
 */
import type { MemoryModel } from './scheduler';
import { Rating } from './types';

/** A card that has been studied, as the simulation needs it. */
export interface WorkloadCard {
  stability: number;
  difficulty: number;
  /** Epoch ms it is due. */
  due: number;
  /** Epoch ms of its last answer (null: never answered, treated as due that day). */
  lastReview: number | null;
}

export interface WorkloadInput {
  /** Cards in learning, relearning or review (not new, suspended, buried). */
  cards: readonly WorkloadCard[];
  /** New cards waiting. */
  newCards: number;
  newPerDay: number;
  reviewsPerDay: number;
  learningStepCount: number;
  relearningStepCount: number;
  /** Epoch ms when today's study day began: day 0. */
  todayStartMs: number;
}

export interface Workload {
  /** Answers on each day from today. */
  perDay: number[];
  total: number;
  /** `total / days`, rounded. */
  averagePerDay: number;
}

/** Days the retention cost looks ahead. */
export const WORKLOAD_DAYS = 30;

const DAY_MS = 86_400_000;

/** A number in [0, 1) fixed by the card and its answer number (a 32-bit integer hash). */
function draw(card: number, answer: number): number {
  let h = Math.imul(card ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(answer + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4_294_967_296;
}

/**
 * Answers a day over the next `days` days at the retention `model` was made
 * with.
 *
 * @example
 * const input = { cards, newCards: 200, newPerDay: 20, reviewsPerDay: 200, learningStepCount: 2, relearningStepCount: 1, todayStartMs };
 * simulateWorkload(input, memoryModelFor(options, 0.95)).averagePerDay; // more than at 0.85
 */
export function simulateWorkload(input: WorkloadInput, model: MemoryModel, days = WORKLOAD_DAYS): Workload {
  const newToCome = Math.min(input.newCards, input.newPerDay * days);
  const size = input.cards.length + newToCome;
  const stability = new Float64Array(size);
  const difficulty = new Float64Array(size);
  const lastDay = new Int32Array(size);
  const answers = new Int32Array(size);
  const dueOn: number[][] = Array.from({ length: days }, () => []);
  const perDay: number[] = [];

  const schedule = (card: number, day: number) => {
    dueOn[day + model.intervalDays(stability[card] ?? 0)]?.push(card);
  };
  const dayOf = (ms: number) => Math.floor((ms - input.todayStartMs) / DAY_MS);

  input.cards.forEach((card, index) => {
    stability[index] = card.stability;
    difficulty[index] = card.difficulty;
    lastDay[index] = card.lastReview === null ? dayOf(card.due) : Math.min(0, dayOf(card.lastReview));
    dueOn[Math.max(0, dayOf(card.due))]?.push(index);
  });

  let carried: number[] = [];
  let nextNew = input.cards.length;
  for (let day = 0; day < days; day += 1) {
    let answered = 0;
    const dueToday = dueOn[day] ?? [];
    const due = carried.length === 0 ? dueToday : carried.concat(dueToday);
    const limit = Math.max(0, input.reviewsPerDay);
    carried = due.length > limit ? due.slice(limit) : [];
    const reviewed = due.length > limit ? due.slice(0, limit) : due;
    for (const card of reviewed) {
      const elapsed = Math.max(0, day - (lastDay[card] ?? day));
      const memory = { stability: stability[card] ?? 0, difficulty: difficulty[card] ?? 0 };
      const answerNumber = answers[card] ?? 0;
      const recalled = memory.stability <= 0 || draw(card, answerNumber) < model.recallProbability(elapsed, memory.stability);
      const after =
        memory.stability <= 0 ? model.initial(Rating.Good) : model.next(memory, elapsed, recalled ? Rating.Good : Rating.Again);
      stability[card] = after.stability;
      difficulty[card] = after.difficulty;
      answers[card] = answerNumber + 1;
      lastDay[card] = day;
      answered += recalled ? 1 : 1 + input.relearningStepCount;
      schedule(card, day);
    }
    const newToday = Math.min(input.newPerDay, size - nextNew);
    for (let count = 0; count < newToday; count += 1, nextNew += 1) {
      const first = model.initial(Rating.Good);
      stability[nextNew] = first.stability;
      difficulty[nextNew] = first.difficulty;
      lastDay[nextNew] = day;
      answered += 1 + input.learningStepCount;
      schedule(nextNew, day);
    }
    perDay.push(answered);
  }
  const total = perDay.reduce((sum, count) => sum + count, 0);
  return { perDay, total, averagePerDay: Math.round(total / days) };
}
