// A fuller schema-1 collection (tests/fixtures/db/v1-collection.json: built-in
// decks with twelve days of answers, CSV, deck JSON, chapter and Anki-text
// imports, an own preset) written with raw IndexedDB opens in the current
// code with every record kept, home counts every deck, and study goes on.
// The schema-2 upgrade (issue 13) will check its notes against this file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerCard } from '../../src/domain/scheduler';
import { Rating } from '../../src/domain/types';
import { homeOverview, loadStudySession, recordReview } from '../../src/storage';
import collection from '../fixtures/db/v1-collection.json';
import { freezeClock, tearDownApp } from '../helpers/componentApp';
import { appDatabase, deleteAppDatabase } from '../helpers/componentDb';
import { writeRawV1Database } from '../helpers/rawV1Database';

const { stores } = collection;
const NOW = Date.parse(collection.generatedAt);

beforeEach(async () => {
  freezeClock(NOW);
  await deleteAppDatabase();
  await writeRawV1Database(stores, collection.idbVersion);
});

afterEach(async () => {
  await tearDownApp();
});

describe('a schema-1 collection with history', () => {
  it('keeps every record', async () => {
    const database = appDatabase();
    expect(await database.decks.count()).toBe(stores.decks.length);
    expect(await database.cards.count()).toBe(stores.cards.length);
    expect(await database.reviewLogs.count()).toBe(stores.reviewLogs.length);
    expect(await database.cards.toArray()).toEqual([...stores.cards].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await database.reviewLogs.toArray()).toEqual(stores.reviewLogs);
    expect(await database.deckOptions.toArray()).toEqual(stores.deckOptions);
  });

  it('holds what the upgrade must carry over: every card type, history in every deck studied, an own preset', () => {
    expect(new Set(stores.cards.map((card) => card.template))).toEqual(new Set(['basic', 'forward', 'reverse', 'cloze']));
    const deckIds = new Set(stores.decks.map((deck) => deck.id));
    const studied = new Set(stores.reviewLogs.map((log) => log.deckId));
    expect([...deckIds].filter((id) => !studied.has(id))).toEqual([]);
    expect(stores.decks.find((deck) => deck.id === 'star-basics')?.optionsId).toBe('deck:star-basics');
  });

  it('shows every deck on home with its counts, and a study session continues the history', async () => {
    const overview = await homeOverview(NOW);
    expect(overview.decks.map((deck) => deck.id).sort()).toEqual(stores.decks.map((deck) => deck.id).sort());
    expect(overview.counts).toHaveLength(stores.decks.length);
    expect(overview.settings?.language).toBe('ru');

    const session = await loadStudySession('all', NOW);
    const card = session.queue.learning[0] ?? session.queue.reviews[0] ?? session.queue.fresh[0];
    if (!card) throw new Error('nothing to study');
    const options = session.optionsByDeck.get(card.deckId);
    if (!options) throw new Error('no options');
    const { card: answered, log } = answerCard(card, Rating.Good, options, { nowMs: NOW, durationMs: 3000, day: session.day });
    expect(await recordReview(answered, log)).toBe(Math.max(...stores.reviewLogs.map((entry) => entry.id)) + 1);
  });
});
