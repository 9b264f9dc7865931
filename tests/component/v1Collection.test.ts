// A fuller schema-1 collection (tests/fixtures/db/v1-collection.json: built-in
// decks with twelve days of answers, CSV, deck JSON, chapter and Anki-text
// imports, an own preset), written with raw IndexedDB by the schema-1 code,
// is upgraded to schema 2 by the current code: every card and log kept
// record by record, notes rebuilt (cloze siblings into one `{{cN::...}}`
// note that renders the very same cards), home counts every deck the same
// before and after the part of the upgrade that runs after opening, and
// study goes on meanwhile.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandNote } from '../../src/domain/notes';
import { answerCard } from '../../src/domain/scheduler';
import { Rating, type CardRecord } from '../../src/domain/types';
import { finishUpgrade, homeOverview, loadStudySession, recordReview } from '../../src/storage';
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
  it('keeps every card and review log, record by record, and rebuilds the notes behind the cards', async () => {
    const database = appDatabase();
    await finishUpgrade();
    expect(await database.decks.count()).toBe(stores.decks.length);
    const cards = await database.cards.toArray();
    // Every card as it was (id, content, FSRS state, queue), with its place in its note added.
    const ordinalOf = (card: { id: string; template: string }) => (card.template === 'reverse' ? 1 : card.template === 'cloze' ? Number(card.id.split('::c')[1]) : 0);
    expect(cards).toEqual([...stores.cards].sort((a, b) => (a.id < b.id ? -1 : 1)).map((card) => ({ ...card, ordinal: ordinalOf(card) })));
    // Every log: the same answer, now with a global id and its note.
    const logs = await database.reviews.toArray();
    expect(logs).toHaveLength(stores.reviewLogs.length);
    const byAnswer = new Map(logs.map((log) => [`${log.cardId}@${log.reviewTime}`, log]));
    for (const old of stores.reviewLogs) {
      const { id: _id, ...rest } = old;
      void _id;
      const upgraded = byAnswer.get(`${old.cardId}@${old.reviewTime}`);
      expect(upgraded?.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(upgraded).toEqual({ ...rest, id: upgraded?.id, noteId: cards.find((card) => card.id === old.cardId)?.noteId });
    }
    expect(new Set(logs.map((log) => log.id)).size).toBe(logs.length);
    expect(await database.deckOptions.toArray()).toEqual(stores.deckOptions);

    // Notes: one per note id and deck; each yields exactly its stored cards (text, template, ordinal, ids).
    const notes = await database.notes.toArray();
    expect(notes.length).toBe(new Set(stores.cards.map((card) => `${card.noteId}|${card.deckId}`)).size);
    const cardsOf = new Map<string, CardRecord[]>();
    for (const card of cards) cardsOf.set(card.noteId, [...(cardsOf.get(card.noteId) ?? []), card]);
    for (const note of notes) {
      const stored = (cardsOf.get(note.id) ?? []).sort((a, b) => a.position - b.position);
      const expanded = expandNote(note, stored[0]?.position ?? 0);
      expect(expanded.map((card) => [card.id, card.template, card.ordinal, card.front, card.back])).toEqual(
        stored.map((card) => [card.id, card.template, card.ordinal, card.front, card.back]),
      );
    }
    const cloze = notes.filter((note) => note.type === 'cloze');
    expect(cloze.length).toBeGreaterThan(0);
    for (const note of cloze) expect(note.type === 'cloze' && note.text).toMatch(/\{\{c1::/);
    expect(notes.filter((note) => note.type === 'reversible').length).toBe(stores.cards.filter((card) => card.template === 'reverse').length);
    // Built-in decks' notes are built-in; imported decks remember their file id.
    const builtIn = new Set(stores.decks.filter((deck) => deck.isBuiltIn).map((deck) => deck.id));
    for (const note of notes) expect(note.origin.kind).toBe(builtIn.has(note.deckId) ? 'built-in' : 'upgrade');
    for (const deck of await database.decks.toArray()) expect(deck.sourceId).toBe(deck.isBuiltIn ? undefined : deck.id);
  });

  it('holds what the upgrade must carry over: every card type, history in every deck studied, an own preset', () => {
    expect(new Set(stores.cards.map((card) => card.template))).toEqual(new Set(['basic', 'forward', 'reverse', 'cloze']));
    const deckIds = new Set(stores.decks.map((deck) => deck.id));
    const studied = new Set(stores.reviewLogs.map((log) => log.deckId));
    expect([...deckIds].filter((id) => !studied.has(id))).toEqual([]);
    expect(stores.decks.find((deck) => deck.id === 'star-basics')?.optionsId).toBe('deck:star-basics');
  });

  it('shows every deck on home with its counts, the same before the logs have moved and after, and a study session continues the history', async () => {
    // Before the part after opening: the day's answers are still in schema 1's store, and count.
    const overview = await homeOverview(NOW, undefined, { useCache: false });
    expect(overview.decks.map((deck) => deck.id).sort()).toEqual(stores.decks.map((deck) => deck.id).sort());
    expect(overview.counts).toHaveLength(stores.decks.length);
    expect(overview.settings?.language).toBe('ru');
    expect(overview.firstReviewTime).toBe(Math.min(...stores.reviewLogs.map((log) => log.reviewTime)));
    const answeredToday = stores.reviewLogs.filter((log) => log.day === Math.max(...stores.reviewLogs.map((each) => each.day)));
    expect(answeredToday.length).toBeGreaterThan(0);

    const session = await loadStudySession('all', NOW);
    const card = session.queue.learning[0] ?? session.queue.reviews[0] ?? session.queue.fresh[0];
    if (!card) throw new Error('nothing to study');
    const options = session.optionsByDeck.get(card.deckId);
    if (!options) throw new Error('no options');
    const { card: answered, log } = answerCard(card, Rating.Good, options, { nowMs: NOW, durationMs: 3000, day: session.day });
    const id = await recordReview(answered, log);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const afterAnswer = await homeOverview(NOW, undefined, { useCache: false });

    await finishUpgrade();
    expect(await appDatabase().reviews.count()).toBe(stores.reviewLogs.length + 1);
    expect(await appDatabase().reviewLogs.count()).toBe(0);
    expect((await homeOverview(NOW, undefined, { useCache: false })).counts).toEqual(afterAnswer.counts);
    expect((await homeOverview(NOW, undefined, { useCache: false })).firstReviewTime).toBe(overview.firstReviewTime);
  });
});
