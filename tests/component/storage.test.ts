// Storage against the real Dexie on fake IndexedDB: atomic answers and undo,
// built-in deck merges, daily limits, typed errors and the schema-1 fixture.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBuiltInDecks } from '../../src/domain/builtInDecks';
import { DECK_FORMAT, expandDeckFile, type DeckFileV1, type NoteInput } from '../../src/domain/deckFormat';
import { answerCard, toSnapshot } from '../../src/domain/scheduler';
import { endOfStudyDay, studyDayOf } from '../../src/domain/studyDay';
import {
  CardQueue,
  CardState,
  DEFAULT_DECK_OPTIONS,
  DEFAULT_OPTIONS_ID,
  Rating,
  type CardRecord,
  type DeckOptions,
  type DeckRecord,
  type RatingValue,
  type ReviewLogRecord,
} from '../../src/domain/types';
import {
  DATABASE_NAME,
  StorageError,
  deckCounts,
  finishUpgrade,
  ensureBuiltInDecks,
  getSettings,
  loadStudySession,
  mergeDeckFiles,
  onStorageEvent,
  previewDeckMerges,
  recordReview,
  guarded,
  listDecks,
  resetDatabaseConnection,
  toStorageError,
  undoReview,
  updateDeckOptions,
} from '../../src/storage';
import { SCHEMA_V1, isNewerThanSchema } from '../../src/storage/db';
import v1Fixture from '../fixtures/db/v1-records.json';
import { RAW_SCHEMA_V1, writeRawV1Database } from '../helpers/rawV1Database';
import {
  DAY,
  FIXED_NOW,
  MINUTE,
  appDatabase,
  cardRecord,
  deleteAppDatabase,
  smallDeckFile,
  withFailingLogWrites,
} from '../helpers/componentDb';

const DAY_START_HOUR = 4;
const OPTIONS: DeckOptions = { ...DEFAULT_DECK_OPTIONS, enableFuzz: false };

beforeEach(deleteAppDatabase);
afterEach(deleteAppDatabase);

async function installDeck(file: DeckFileV1, nowMs = FIXED_NOW): Promise<void> {
  await mergeDeckFiles([file], { isBuiltIn: false, retireMissing: false, nowMs });
}

async function storedCard(id: string): Promise<CardRecord> {
  const card = await appDatabase().cards.get(id);
  if (!card) throw new Error(`card ${id} is not stored`);
  return card;
}

function answer(card: CardRecord, rating: RatingValue, nowMs: number, durationMs = 4200) {
  return answerCard(card, rating, OPTIONS, { nowMs, durationMs, day: studyDayOf(nowMs, DAY_START_HOUR) });
}

/** A review-state card (seen twice before), due now, so the answer has real FSRS numbers. */
function reviewCard(deckId: string, id: string, position: number): CardRecord {
  return cardRecord(deckId, id, position, {
    due: FIXED_NOW - DAY,
    stability: 5.2,
    difficulty: 4.8,
    elapsedDays: 1,
    scheduledDays: 5,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    state: CardState.Review,
    lastReview: FIXED_NOW - 6 * DAY,
    queue: CardQueue.Review,
  });
}

function deckRecord(id: string, optionsId = DEFAULT_OPTIONS_ID): DeckRecord {
  return { id, name: `Deck ${id}`, description: '', isBuiltIn: false, optionsId, createdAt: FIXED_NOW - DAY, updatedAt: FIXED_NOW - DAY };
}

describe('answers', () => {
  it('writes the answered card and its review log together', async () => {
    await appDatabase().decks.put(deckRecord('alpha'));
    const before = reviewCard('alpha', 'alpha-1', 0);
    await appDatabase().cards.put(before);
    const { card: answered, log } = answer(before, Rating.Good, FIXED_NOW, 4200);

    const logId = await recordReview(answered, log);

    expect(await storedCard('alpha-1')).toStrictEqual(answered);
    const stored = await appDatabase().reviews.get(logId);
    expect(stored).toStrictEqual({ ...log, id: logId });
    expect(stored).toMatchObject({
      cardId: 'alpha-1',
      deckId: 'alpha',
      rating: Rating.Good,
      state: CardState.Review,
      due: FIXED_NOW - DAY,
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: 6,
      scheduledDays: log.scheduledDays,
      reviewTime: FIXED_NOW,
      durationMs: 4200,
      day: studyDayOf(FIXED_NOW, DAY_START_HOUR),
      before: toSnapshot(before),
    });
    expect(log.stability).toBeGreaterThan(0);
    expect(log.difficulty).toBeGreaterThan(0);
    expect(answered.scheduledDays).toBeGreaterThan(0);
  });

  it('writes neither card nor log when the log cannot be stored (uncloneable value)', async () => {
    await installDeck(smallDeckFile('alpha', 2));
    const before = await storedCard('alpha-1');
    const { card: answered, log } = answer(before, Rating.Good, FIXED_NOW);
    const broken = { ...log, notCloneable: () => 'a function cannot be stored' } as ReviewLogRecord;

    await expect(recordReview(answered, broken)).rejects.toBeInstanceOf(StorageError);

    expect(await storedCard('alpha-1')).toStrictEqual(before);
    expect(await appDatabase().reviews.count()).toBe(0);
  });

  it('writes neither card nor log when the log write fails mid-transaction', async () => {
    await installDeck(smallDeckFile('alpha', 2));
    const before = await storedCard('alpha-1');
    const { card: answered, log } = answer(before, Rating.Again, FIXED_NOW);

    const failure = await withFailingLogWrites(() => recordReview(answered, log).then(() => null, (error: unknown) => error));

    expect(failure).toBeInstanceOf(StorageError);
    expect(await storedCard('alpha-1')).toStrictEqual(before);
    expect(await appDatabase().reviews.count()).toBe(0);
  });

  it('undo restores the card byte-equal and removes its log', async () => {
    await installDeck(smallDeckFile('alpha', 2));
    const before = await storedCard('alpha-1');
    const { card: answered, log } = answer(before, Rating.Good, FIXED_NOW);
    const logId = await recordReview(answered, log);

    const restored = await undoReview(logId);

    const after = await storedCard('alpha-1');
    expect(restored).toStrictEqual(before);
    expect(after).toStrictEqual(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect(await appDatabase().reviews.get(logId)).toBeUndefined();
    expect(await undoReview(logId)).toBeNull();
  });

  it('undo is one transaction: if restoring the card fails, the log stays', async () => {
    await installDeck(smallDeckFile('alpha', 2));
    const before = await storedCard('alpha-1');
    const { card: answered, log } = answer(before, Rating.Good, FIXED_NOW);
    const logId = await recordReview(answered, log);
    const cards = appDatabase().cards;
    const fail = () => {
      throw new Error('Injected failure while restoring the card');
    };
    cards.hook('updating', fail);
    cards.hook('creating', fail);
    try {
      await expect(undoReview(logId)).rejects.toBeInstanceOf(StorageError);
    } finally {
      cards.hook('updating').unsubscribe(fail);
      cards.hook('creating').unsubscribe(fail);
    }

    expect(await storedCard('alpha-1')).toStrictEqual(answered);
    expect(await appDatabase().reviews.get(logId)).toStrictEqual({ ...log, id: logId });
  });
});

describe('built-in decks', () => {
  it('installs every built-in deck once per version', async () => {
    const files = await loadBuiltInDecks();
    const load = vi.fn(() => Promise.resolve(files));

    expect(await ensureBuiltInDecks('v1', load, FIXED_NOW)).toBe(true);
    expect(await ensureBuiltInDecks('v1', load, FIXED_NOW + DAY)).toBe(false);

    expect(load).toHaveBeenCalledTimes(1);
    const expected = files.flatMap(expandDeckFile);
    const decks = await appDatabase().decks.toArray();
    expect(decks.map((deck) => deck.id).sort()).toEqual(files.map((file) => file.deck.id).sort());
    expect(decks.every((deck) => deck.isBuiltIn && deck.updatedAt === FIXED_NOW)).toBe(true);
    const cards = await appDatabase().cards.toArray();
    expect(cards).toHaveLength(expected.length);
    expect(cards.every((card) => card.queue === CardQueue.New && card.state === CardState.New && card.due === FIXED_NOW)).toBe(true);
    expect(await appDatabase().meta.get('builtInDecksVersion')).toEqual({ key: 'builtInDecksVersion', value: 'v1' });
  });

  it('a built-in reversible note that becomes basic keeps its forward card (state and history) and retires the reverse one', async () => {
    const deck: DeckFileV1 = {
      format: DECK_FORMAT,
      version: 1,
      deck: { id: 'fl-test-reframes', name: 'Reframes', description: 'test' },
      cards: [{ id: 'fl-test-reframe', type: 'reversible', front: "Fixed: 'I failed.'", back: "Growth: 'I learned.'" }],
    };
    await ensureBuiltInDecks('r1', () => Promise.resolve([deck]), FIXED_NOW - 10 * DAY);
    const forward = await storedCard('fl-test-reframe');
    const { card: answered, log } = answer(forward, Rating.Good, FIXED_NOW - 5 * DAY);
    await recordReview(answered, log);
    const studied = await storedCard('fl-test-reframe');

    const basic: DeckFileV1 = { ...deck, cards: [{ id: 'fl-test-reframe', type: 'basic', front: "Fixed mindset: 'I failed.' Reframe it in a growth mindset.", back: "Growth mindset: 'I learned.'" }] };
    expect(await ensureBuiltInDecks('r2', () => Promise.resolve([basic]), FIXED_NOW)).toBe(true);

    const after = await storedCard('fl-test-reframe');
    expect(after).toMatchObject({ template: 'basic', front: "Fixed mindset: 'I failed.' Reframe it in a growth mindset." });
    expect(toSnapshot(after)).toStrictEqual(toSnapshot(studied));
    expect((await storedCard('fl-test-reframe::reverse')).queue).toBe(CardQueue.Retired);
    expect(await appDatabase().reviews.where('cardId').equals('fl-test-reframe').count()).toBe(1);
    expect((await appDatabase().notes.get('fl-test-reframe'))?.type).toBe('basic');
  });

  it('merges a changed built-in deck: updates text, adds new cards, retires removed ones, keeps history', async () => {
    const files = await loadBuiltInDecks();
    await ensureBuiltInDecks('v1', () => Promise.resolve(files), FIXED_NOW - 10 * DAY);
    const [deck, ...otherDecks] = files;
    if (!deck) throw new Error('no built-in decks');
    const basics = deck.cards.filter((note): note is Extract<NoteInput, { type: 'basic' }> => note.type === 'basic');
    const [changed, removed, kept] = basics;
    if (!changed || !removed || !kept) throw new Error('the first built-in deck needs three basic notes');

    // Study the three cards first so each has a review state and a log.
    const logsBefore: ReviewLogRecord[] = [];
    for (const id of [changed.id, removed.id, kept.id]) {
      const card = await storedCard(id);
      const { card: answered, log } = answer(card, Rating.Easy, FIXED_NOW - 5 * DAY);
      const logId = await recordReview(answered, log);
      logsBefore.push({ ...log, id: logId });
    }
    const changedBefore = await storedCard(changed.id);
    const removedBefore = await storedCard(removed.id);
    const keptBefore = await storedCard(kept.id);

    const added: NoteInput = { id: 'fl-test-added-note', type: 'basic', front: 'A new question', back: 'A new answer' };
    const modified: DeckFileV1 = {
      ...deck,
      cards: [
        ...deck.cards
          .filter((note) => note.id !== removed.id)
          .map((note) => (note.id === changed.id ? { ...changed, front: `${changed.front} (reworded)` } : note)),
        added,
      ],
    };

    expect(await ensureBuiltInDecks('v2', () => Promise.resolve([modified, ...otherDecks]), FIXED_NOW)).toBe(true);

    const changedAfter = await storedCard(changed.id);
    expect(changedAfter.front).toBe(`${changed.front} (reworded)`);
    expect(toSnapshot(changedAfter)).toStrictEqual(toSnapshot(changedBefore));

    const removedAfter = await storedCard(removed.id);
    expect(removedAfter).toStrictEqual({ ...removedBefore, queue: CardQueue.Retired });

    const keptAfter = await storedCard(kept.id);
    expect(toSnapshot(keptAfter)).toStrictEqual(toSnapshot(keptBefore));
    expect(keptAfter.front).toBe(keptBefore.front);

    const addedAfter = await storedCard(added.id);
    expect(addedAfter).toMatchObject({ queue: CardQueue.New, state: CardState.New, reps: 0, due: FIXED_NOW, deckId: deck.deck.id });

    expect(await appDatabase().reviews.orderBy('id').toArray()).toStrictEqual(logsBefore);
    expect(await appDatabase().meta.get('builtInDecksVersion')).toEqual({ key: 'builtInDecksVersion', value: 'v2' });
  });
});

describe('large merges (more than 500 cards)', () => {
  /** A deck file whose card ids are given (basic notes, text from the id). */
  function deckWithIds(deckId: string, ids: readonly string[]): DeckFileV1 {
    return {
      format: DECK_FORMAT,
      version: 1,
      deck: { id: deckId, name: `Deck ${deckId}`, description: '' },
      cards: ids.map((id) => ({ id, type: 'basic' as const, front: `Front ${id}`, back: `Back ${id}` })),
    };
  }

  it('finds the stored cards among 1,200 ids and keeps their history, and never takes cards of another deck with the same ids', async () => {
    // Stored: ids that sort before, at the edges of, between and after the incoming ones.
    const stored = ['a-0001', 'm-0000', 'm-0100', 'm-0500', 'm-0999', 'm-1199', 'zz-9999'];
    await installDeck(deckWithIds('other', ['m-0100', 'zz-9999', 'a-0001', 'm-0000', 'm-1199']));
    await installDeck(deckWithIds('target', ['m-0500', 'm-0999']));
    const studied = await storedCard('m-0500');
    const { card: answered, log } = answer(studied, Rating.Good, FIXED_NOW);
    await recordReview(answered, log);
    const otherCards = (await appDatabase().cards.toArray()).filter((card) => card.deckId === 'other');

    const incoming = Array.from({ length: 1200 }, (_, index) => `m-${String(index).padStart(4, '0')}`);
    const file = deckWithIds('target', incoming);
    // The two of "target" are updated (their place in the deck changed); three ids "other" also uses are new notes of "target".
    expect((await previewDeckMerges([file], [{ nowMs: FIXED_NOW }]))[0]).toMatchObject({
      added: 1198,
      updated: 2,
      unchanged: 0,
      deckExists: true,
      conflicts: { movedNotes: 0, sameIdsElsewhere: 3, sameIdsDecks: ['Deck other'] },
    });

    const [summary] = await mergeDeckFiles([file], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW });
    expect(summary).toMatchObject({ added: 1198, updated: 2, unchanged: 0 });
    // "other" keeps every card as it was (version 1 moved m-0000, m-0100 and m-1199 into "target").
    expect((await appDatabase().cards.toArray()).filter((card) => card.deckId === 'other')).toStrictEqual(otherCards);
    expect(toSnapshot(await storedCard('m-0500'))).toStrictEqual(toSnapshot(answered));
    expect(await appDatabase().cards.count()).toBe(stored.length - 2 + 1200);
    expect((await appDatabase().cards.toArray()).filter((card) => card.deckId === 'target')).toHaveLength(1200);
  });
});

describe('several files in one import', () => {
  /** Every note and card, in a form two databases can be compared by. */
  async function storedState() {
    const database = appDatabase();
    const notes = (await database.notes.toArray()).map(({ id, deckId, sourceId, type, position }) => ({ id, deckId, sourceId, type, position }));
    const cards = (await database.cards.toArray()).map(({ id, noteId, deckId, queue, front, position }) => ({ id, noteId, deckId, queue, front, position }));
    const decks = (await database.decks.toArray()).map(({ id, name, sourceId }) => ({ id, name, sourceId }));
    return { notes, cards, decks };
  }

  function withGuids(file: DeckFileV1, guids: readonly string[]): DeckFileV1 {
    return { ...file, cards: file.cards.map((note, index) => ({ ...note, guid: guids[index] })) };
  }

  /** `files` merged in one call, then (in a fresh database) one call per file: both must store the same. */
  async function expectSameAsOneAfterAnother(files: DeckFileV1[], onConflict: 'separate' | 'update') {
    const options = { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW, onConflict };
    const together = await mergeDeckFiles(files, options);
    const stateTogether = await storedState();
    await deleteAppDatabase();
    const apart = [];
    for (const file of files) apart.push(...(await mergeDeckFiles([file], options)));
    expect(together).toStrictEqual(apart);
    expect(stateTogether).toStrictEqual(await storedState());
    return stateTogether;
  }

  it('files with decks and notes of their own store what one import after another would', async () => {
    const state = await expectSameAsOneAfterAnother([withGuids(smallDeckFile('a', 3), ['g-1', 'g-2', 'g-3']), smallDeckFile('b', 2)], 'separate');
    expect(state.cards).toHaveLength(5);
  });

  it('a note in two files (by guid) ends where the second puts it, as if imported one after the other', async () => {
    const first = withGuids(smallDeckFile('a', 2), ['g-1', 'g-2']);
    const second = withGuids(smallDeckFile('b', 1), ['g-2']);
    const state = await expectSameAsOneAfterAnother([first, second], 'update');
    expect(state.notes.find((note) => note.id === 'g-2')?.deckId).toBe('b');
  });

  it('two files of one deck id fill one deck, as if imported one after the other', async () => {
    const other = { ...smallDeckFile('x', 2), deck: smallDeckFile('d', 0).deck };
    const state = await expectSameAsOneAfterAnother([smallDeckFile('d', 2), other], 'separate');
    expect(state.decks.filter((deck) => deck.sourceId === 'd')).toHaveLength(1);
    expect(state.cards.filter((card) => card.deckId === 'd')).toHaveLength(4);
  });
});

describe('daily limits', () => {
  const dayEnd = endOfStudyDay(FIXED_NOW, DAY_START_HOUR);

  async function seedMixedDeck(): Promise<void> {
    await appDatabase().decks.put(deckRecord('mixed'));
    await appDatabase().cards.bulkPut([
      ...Array.from({ length: 6 }, (_, index) => cardRecord('mixed', `new-${index}`, index)),
      reviewCard('mixed', 'review-overdue', 10),
      { ...reviewCard('mixed', 'review-today', 11), due: dayEnd - MINUTE },
      { ...reviewCard('mixed', 'review-later-today', 12), due: dayEnd - 1 },
      { ...reviewCard('mixed', 'review-tomorrow', 13), due: dayEnd },
      { ...reviewCard('mixed', 'learning-now', 20), state: CardState.Learning, queue: CardQueue.Learning, due: FIXED_NOW - MINUTE },
      { ...reviewCard('mixed', 'learning-in-10m', 21), state: CardState.Learning, queue: CardQueue.Learning, due: FIXED_NOW + 10 * MINUTE },
      { ...reviewCard('mixed', 'learning-tomorrow', 22), state: CardState.Relearning, queue: CardQueue.Learning, due: dayEnd + MINUTE },
      { ...reviewCard('mixed', 'retired', 30), queue: CardQueue.Retired },
    ]);
  }

  it('counts new and due cards after the daily limits, and learning cards due before the day ends', async () => {
    await seedMixedDeck();
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 4, reviewsPerDay: 2 });

    expect(await deckCounts(FIXED_NOW, { dayStartHour: DAY_START_HOUR })).toEqual([
      { deckId: 'mixed', newCount: 4, learningCount: 2, reviewCount: 2, nextDue: null },
    ]);
  });

  it('says when the next card is due only when nothing is due today', async () => {
    await seedMixedDeck();
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 0, reviewsPerDay: 0 });
    await appDatabase().cards.bulkDelete(['learning-now', 'learning-in-10m']);

    // Tomorrow's review counts from the start of its study day; the relearning card is due a minute later.
    expect(await deckCounts(FIXED_NOW, { dayStartHour: DAY_START_HOUR })).toEqual([
      { deckId: 'mixed', newCount: 0, learningCount: 0, reviewCount: 0, nextDue: dayEnd },
    ]);
  });

  it('counts all due cards when the limits are above them', async () => {
    await seedMixedDeck();
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 50, reviewsPerDay: 50 });

    const [counts] = await deckCounts(FIXED_NOW, { dayStartHour: DAY_START_HOUR });
    expect(counts).toMatchObject({ newCount: 6, learningCount: 2, reviewCount: 3 });
  });

  it('subtracts what was already studied today from the limits', async () => {
    await seedMixedDeck();
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 4, reviewsPerDay: 2 });
    const earlier = FIXED_NOW - 30 * MINUTE;
    for (const id of ['new-0', 'review-overdue']) {
      const { card, log } = answer(await storedCard(id), Rating.Easy, earlier);
      await recordReview(card, log);
    }

    const [counts] = await deckCounts(FIXED_NOW, { dayStartHour: DAY_START_HOUR });
    expect(counts).toMatchObject({ newCount: 3, reviewCount: 1 });
  });

  it('loads a study session of at most the limits, new cards in deck order', async () => {
    await seedMixedDeck();
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 4, reviewsPerDay: 2 });

    const session = await loadStudySession(['mixed'], FIXED_NOW, { dayStartHour: DAY_START_HOUR });

    expect(session.dayEndMs).toBe(dayEnd);
    expect(session.queue.fresh.map((card) => card.id)).toEqual(['new-0', 'new-1', 'new-2', 'new-3']);
    expect(session.queue.reviews.map((card) => card.id)).toEqual(['review-overdue', 'review-today']);
    expect(session.queue.learning.map((card) => card.id)).toEqual(['learning-now', 'learning-in-10m']);
  });

  it('loads no new cards and no reviews when both limits are 0', async () => {
    await seedMixedDeck();
    await updateDeckOptions(DEFAULT_OPTIONS_ID, { newPerDay: 0, reviewsPerDay: 0 });

    const session = await loadStudySession(['mixed'], FIXED_NOW, { dayStartHour: DAY_START_HOUR });

    expect(session.queue.fresh).toEqual([]);
    expect(session.queue.reviews).toEqual([]);
    expect(session.queue.learning).toHaveLength(2);
  });
});

describe('storage errors', () => {
  it('turns a QuotaExceededError into kind "quota"', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

    expect(toStorageError(quota).kind).toBe('quota');
    // Dexie wraps the cause of an aborted transaction in `inner`.
    const wrapped = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota });
    expect(toStorageError(wrapped).kind).toBe('quota');
  });

  it('tells a database too new for this app ("too-new": update the app) apart from another tab\'s version change', () => {
    const versionError = new DOMException('The requested version is less than the existing version.', 'VersionError');
    const versionChange = Object.assign(new Error('Database version changed by other database connection'), { name: 'VersionChangeError' });

    expect(toStorageError(versionError).kind).toBe('too-new');
    expect(toStorageError(versionChange).kind).toBe('version-change');
  });

  it('keeps the kind of a storage error that Dexie wraps in a later call\'s error', () => {
    const refused = new StorageError('too-new', 'The data on this device was saved by a newer version of the app.');
    const wrapped = Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError', inner: refused });

    expect(toStorageError(wrapped)).toBe(refused);
  });

  it('fails every storage function with a StorageError through one wrapper', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

    await expect(guarded(() => Promise.reject(quota))).rejects.toMatchObject({ name: 'StorageError', kind: 'quota', cause: quota });
    await expect(guarded(() => Promise.resolve(7))).resolves.toBe(7);
    await expect(
      guarded(() => {
        throw new Error('thrown before any promise');
      }),
    ).rejects.toMatchObject({ kind: 'unknown', message: 'thrown before any promise' });
  });

  it('closes the connection and tells listeners when another connection upgrades the database', async () => {
    await getSettings(); // opens the app's connection
    const listener = vi.fn();
    const unsubscribe = onStorageEvent(listener);

    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DATABASE_NAME, 50);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
      request.onblocked = () => reject(new Error('the app did not give way to the upgrade'));
    });
    unsubscribe();
    newer.close();

    expect(listener).toHaveBeenCalledWith('version-change');
    expect(appDatabase().isOpen()).toBe(false);
    await expect(getSettings()).rejects.toMatchObject({ kind: 'closed' });
  });
});

describe('schema version 1 fixture', () => {
  const stores = v1Fixture.stores;

  const writeFixtureWithRawIndexedDb = (idbVersion: number = v1Fixture.idbVersion) => writeRawV1Database(stores, idbVersion);

  it('the raw schema above matches SCHEMA_V1', () => {
    const declared = Object.fromEntries(
      Object.entries(RAW_SCHEMA_V1).map(([name, store]) => [
        name,
        [`${store.autoIncrement ? '++' : ''}${store.keyPath}`, ...store.indexes.map(([indexName]) => indexName)].join(', '),
      ]),
    );
    expect(declared).toEqual(SCHEMA_V1);
  });

  it('opens a version-1 database with the current code and keeps every record', async () => {
    await writeFixtureWithRawIndexedDb();

    const database = appDatabase();
    const byKey = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) =>
      String(a[key]).localeCompare(String(b[key]));
    // Imported decks remember their own id as the id their file gave them.
    expect(await database.decks.toArray()).toEqual([...stores.decks].sort(byKey('id')).map((deck) => (deck.isBuiltIn ? deck : { ...deck, sourceId: deck.id })));
    // Opened as schema 2 at once: the cards as they were (their ordinals read off their ids), the logs still in schema 1's store.
    const ordinalOf = (card: { id: string; template: string }) => (card.template === 'reverse' ? 1 : card.template === 'cloze' ? Number(card.id.split('::c')[1]) : 0);
    expect(await database.cards.toArray()).toEqual([...stores.cards].sort(byKey('id')).map((card) => ({ ...card, ordinal: ordinalOf(card) })));
    expect(await database.reviews.count()).toBe(0);
    expect(await database.reviewLogs.count()).toBe(stores.reviewLogs.length);
    // The part after opening: notes made, each log moved with a global id and its note; the cards untouched.
    await finishUpgrade();
    expect(await database.cards.toArray()).toEqual([...stores.cards].sort(byKey('id')).map((card) => ({ ...card, ordinal: ordinalOf(card) })));
    const logs = await database.reviews.orderBy('reviewTime').toArray();
    expect(logs.map(({ id: _id, noteId: _noteId, ...rest }) => rest)).toEqual([...stores.reviewLogs].sort((a, b) => a.reviewTime - b.reviewTime).map(({ id: _id, ...rest }) => rest));
    expect(await database.reviewLogs.count()).toBe(0);
    expect(await database.notes.count()).toBeGreaterThan(0);
    expect(await database.deckOptions.toArray()).toEqual([...stores.deckOptions].sort(byKey('id')));
    expect(await database.settings.toArray()).toEqual(stores.settings);
    // Nothing a deck's counts depend on changed, so no counts version was stamped, and the migration's mark is gone.
    expect(await database.meta.toArray()).toEqual(stores.meta);
  });

  it('refuses a database a newer version of the app wrote ("too-new"), and leaves it as it is', async () => {
    // Schema version 5 (IndexedDB version 50), as an update of the app would leave it; this code declares 4.
    await writeFixtureWithRawIndexedDb(50);

    await expect(getSettings()).rejects.toMatchObject({ name: 'StorageError', kind: 'too-new' });
    await expect(listDecks()).rejects.toMatchObject({ kind: 'too-new' });
    await expect(loadStudySession('all', FIXED_NOW)).rejects.toMatchObject({ kind: 'too-new' });

    resetDatabaseConnection();
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DATABASE_NAME);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const decks = await new Promise<unknown[]>((resolve, reject) => {
      const request = raw.transaction('decks', 'readonly').objectStore('decks').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
    raw.close();
    expect(Math.floor(raw.version / 10)).toBe(5);
    expect(decks).toHaveLength(stores.decks.length);
  });

  it('a native version of 11 to 19 is still schema version 1 (Dexie patches an index without a new version)', () => {
    expect(isNewerThanSchema(10, 1)).toBe(false);
    expect(isNewerThanSchema(19, 1)).toBe(false);
    expect(isNewerThanSchema(20, 1)).toBe(true);
  });

  it('reads the fixture through the app: settings, options and study queues', async () => {
    await writeFixtureWithRawIndexedDb();

    // Fields added since (learn-ahead, the practice length, bury siblings, the leech threshold) read as their defaults.
    expect(await getSettings()).toEqual({ ...stores.settings[0]?.value, learnAheadMinutes: 20, practiceSeconds: 120 });
    const session = await loadStudySession(['failure-learning-red-flags', 'my-sql-basics'], FIXED_NOW, { dayStartHour: 5 });
    expect(session.optionsByDeck.get('my-sql-basics')).toEqual({
      ...stores.deckOptions.find((options) => options.id === 'intense'),
      burySiblings: true,
      leechThreshold: 8,
    });
    expect(session.queue.learning.map((card) => card.id)).toEqual(['fl-rf-blaming-others', 'fl-rf-six-red-flags::c1']);
    expect(session.queue.reviews.map((card) => card.id)).toEqual(['sql-index']);
    expect(session.queue.fresh.map((card) => card.id)).toEqual(['sql-join', 'sql-index::reverse', 'fl-rf-trivial-failure']);

    // A new answer gets a global id next to the upgraded ones.
    const card = session.queue.fresh[0];
    if (!card) throw new Error('no new card');
    const { card: answered, log } = answer(card, Rating.Good, FIXED_NOW);
    expect(await recordReview(answered, log)).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    await finishUpgrade();
    expect(await appDatabase().reviews.count()).toBe(stores.reviewLogs.length + 1);
  });
});
