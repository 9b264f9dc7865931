// The part of the schema-2 upgrade that runs after opening
// (`storage/notesMigration.ts`), over the schema-1 fixture collection
// (tests/fixtures/db/v1-collection.json): stopped after any step, as a closed
// tab would stop it, the collection reads the same (home counts, the day's
// answers, the study queue, the first answer's time), and finishing from
// there gives exactly what one uninterrupted run gives; answers and the
// built-in deck update meanwhile lose nothing; two tabs at once give the
// same result as one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBuiltInDecks } from '../../src/domain/builtInDecks';
import { answerCard } from '../../src/domain/scheduler';
import { Rating } from '../../src/domain/types';
import { ensureBuiltInDecks, finishUpgrade, homeOverview, loadStudySession, recordReview, resetDatabaseConnection } from '../../src/storage';
import { createDatabase, DATABASE_NAME, type FlashcardsDatabase } from '../../src/storage/db';
import { migrateNotes, MigrationStopped, type MigrationSizes } from '../../src/storage/notesMigration';
import { NOTES_MIGRATION_KEY } from '../../src/storage/upgrade';
import collection from '../fixtures/db/v1-collection.json';
import { freezeClock, tearDownApp } from '../helpers/componentApp';
import { appDatabase, deleteAppDatabase } from '../helpers/componentDb';
import { writeRawV1Database } from '../helpers/rawV1Database';

const { stores } = collection;
/** A minute after the fixture's last answer: that study day's answers are "today's". */
const LAST_ANSWER = Math.max(...stores.reviewLogs.map((log) => log.reviewTime));
const AT = LAST_ANSWER + 60_000;
const LAST_DAY = Math.max(...stores.reviewLogs.map((log) => log.day));
/** Steps of a few records, so the fixture takes many of them. */
const SMALL: MigrationSizes = { cardsPerRead: 7, notesPerWrite: 5, logsPerMove: 20 };

beforeEach(async () => {
  freezeClock(AT);
  await deleteAppDatabase();
  await writeRawV1Database(stores, collection.idbVersion);
});

afterEach(async () => {
  await tearDownApp();
});

/** What the screens read: home counts, the first answer's time, today's answers and the study queue. */
async function whatScreensRead() {
  const overview = await homeOverview(AT, undefined, { useCache: false });
  const session = await loadStudySession('all', AT);
  return {
    counts: overview.counts,
    firstReviewTime: overview.firstReviewTime,
    todaysAnswers: session.todaysLogs.map((log) => `${log.cardId}@${log.reviewTime}`).sort(),
    queue: [...session.queue.learning, ...session.queue.reviews, ...session.queue.fresh].map((card) => card.id),
  };
}

/** Every note and log, and every card's note, sorted: what the migration made. */
async function whatWasMade(database: FlashcardsDatabase = appDatabase()) {
  return {
    notes: (await database.notes.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1)),
    logs: (await database.reviews.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1)),
    cardNotes: (await database.cards.toArray()).map((card) => [card.id, card.noteId, card.template]),
    v1Logs: await database.reviewLogs.count(),
    mark: await database.meta.get(NOTES_MIGRATION_KEY),
  };
}

/** Runs the migration one step at a time (each call stops after one more step), calling `between` after each stop. */
async function stepByStep(between: (steps: number) => Promise<void>): Promise<number> {
  for (let steps = 1; ; steps += 1) {
    try {
      await migrateNotes(appDatabase(), undefined, { ...SMALL, stopAfterSteps: 1 });
      return steps;
    } catch (error) {
      if (!(error instanceof MigrationStopped)) throw error;
      await between(steps);
    }
  }
}

describe('the notes migration after opening', () => {
  it('reads the same after every step it could stop at, and a resumed run ends where one run ends', async () => {
    const before = await whatScreensRead();
    expect(before.todaysAnswers).toHaveLength(stores.reviewLogs.filter((log) => log.day === LAST_DAY).length);
    expect(before.firstReviewTime).toBe(Math.min(...stores.reviewLogs.map((log) => log.reviewTime)));

    const steps = await stepByStep(async () => {
      expect(await whatScreensRead()).toEqual(before);
    });
    expect(steps).toBeGreaterThan(10);
    expect(await whatScreensRead()).toEqual(before);
    const resumed = await whatWasMade();
    expect(resumed.v1Logs).toBe(0);
    expect(resumed.mark).toBeUndefined();
    expect(resumed.logs).toHaveLength(stores.reviewLogs.length);

    // The same collection migrated in one go.
    await deleteAppDatabase();
    await writeRawV1Database(stores, collection.idbVersion);
    await finishUpgrade();
    expect(await whatWasMade()).toEqual(resumed);
  });

  it('keeps an answer given between two steps, once, with the card as it left it', async () => {
    let answeredId = '';
    let logId = '';
    await stepByStep(async (steps) => {
      if (steps !== 3) return;
      const session = await loadStudySession('all', AT);
      const card = session.queue.learning[0] ?? session.queue.reviews[0] ?? session.queue.fresh[0];
      const options = card && session.optionsByDeck.get(card.deckId);
      if (!card || !options) throw new Error('nothing to study');
      const { card: answered, log } = answerCard(card, Rating.Good, options, { nowMs: AT, durationMs: 2000, day: session.day });
      logId = await recordReview(answered, log);
      answeredId = answered.id;
    });
    const database = appDatabase();
    expect(await database.reviews.count()).toBe(stores.reviewLogs.length + 1);
    expect((await database.reviews.where('cardId').equals(answeredId).toArray()).filter((log) => log.id === logId)).toHaveLength(1);
    expect((await database.cards.get(answeredId))?.lastReview).toBe(AT);
  });

  it('holds the built-in deck update until every note exists, so no built-in card is added again or loses its history', async () => {
    const builtInCards = (await appDatabase().cards.toArray()).filter((card) => card.deckId.startsWith('failure-learning'));
    const studied = builtInCards.filter((card) => card.reps > 0);
    expect(studied.length).toBeGreaterThan(0);
    // The shell starts the update at once; it must wait for the migration.
    await ensureBuiltInDecks('next-version', loadBuiltInDecks, AT);
    const database = appDatabase();
    expect(await database.meta.get(NOTES_MIGRATION_KEY)).toBeUndefined();
    for (const card of studied) {
      const now = await database.cards.get(card.id);
      expect(now).toMatchObject({ reps: card.reps, stability: card.stability, due: card.due, lastReview: card.lastReview });
    }
    // One note per built-in note id, every built-in card with its note.
    const notes = await database.notes.toArray();
    const noteIds = new Set(notes.map((note) => note.id));
    for (const card of await database.cards.toArray()) expect(noteIds.has(card.noteId)).toBe(true);
    expect(notes.length).toBe(noteIds.size);
  });

  it('two tabs running it at once end with what one gives', async () => {
    const tabA = createDatabase(DATABASE_NAME);
    const tabB = createDatabase(DATABASE_NAME);
    await Promise.all([migrateNotes(tabA, undefined, SMALL), migrateNotes(tabB, undefined, { ...SMALL, logsPerMove: 13 })]);
    const both = await whatWasMade(tabA);
    tabA.close();
    tabB.close();
    resetDatabaseConnection();
    await deleteAppDatabase();
    await writeRawV1Database(stores, collection.idbVersion);
    await finishUpgrade();
    expect(await whatWasMade()).toEqual(both);
  });
});
