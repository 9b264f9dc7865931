/**
 * What the retention cost (`domain/workload.ts`) simulates, read for one
 * options preset: the studied cards of every deck that uses it (learning and
 * review queues, by the due index) with the fields the simulation needs, the
 * number of new cards waiting, and when today's study day began. Only the
 * options screens import this, by path.
 */
import { startOfStudyDay, studyDayOf } from '../domain/studyDay';
import { CardQueue, type CardRecord, type DeckOptions } from '../domain/types';
import type { WorkloadInput } from '../domain/workload';
import { getDatabase, INDEX } from './db';
import { guarded } from './errors';
import { decksUsingPreset, getSettings } from './settings';

/** The studied cards and new-card count of the decks using `options`, with its limits and steps. */
export function loadWorkloadInput(options: DeckOptions, nowMs: number): Promise<WorkloadInput> {
  return guarded(async () => {
    const database = getDatabase();
    const settings = await getSettings();
    return database.transaction('r', [database.decks, database.cards], async () => {
      const decks = await decksUsingPreset(database, options.id);
      const studied: CardRecord[][] = [];
      let newCards = 0;
      for (const deck of decks) {
        for (const queue of [CardQueue.Learning, CardQueue.Review]) {
          studied.push(
            await database.cards.where(INDEX.cardsByDue).between([deck.id, queue, -Infinity], [deck.id, queue, Infinity]).toArray(),
          );
        }
        newCards += await database.cards
          .where(INDEX.cardsByPosition)
          .between([deck.id, CardQueue.New, -Infinity], [deck.id, CardQueue.New, Infinity])
          .count();
      }
      return {
        cards: studied.flat().map(({ stability, difficulty, due, lastReview }) => ({ stability, difficulty, due, lastReview })),
        newCards,
        newPerDay: options.newPerDay,
        reviewsPerDay: options.reviewsPerDay,
        learningStepCount: options.learningSteps.length,
        relearningStepCount: options.relearningSteps.length,
        todayStartMs: startOfStudyDay(studyDayOf(nowMs, settings.dayStartHour), settings.dayStartHour),
      };
    });
  });
}
