/**
 * The bench's cold-start reference for the home screen (never part of the
 * app): React and Dexie only. It opens the app's database (same name and
 * schema, seeded by `bench/seed.ts`), counts three decks' new, learning and
 * review cards with index look-ups capped at the default daily limits, as the
 * home screen does, and renders them once with React. `scripts/bench.mjs`
 * builds it into dist-bench/__bare/, serves it offline through a minimal
 * precaching service worker (bench/reference-sw.js) and reports the app's
 * home as a ratio to it. The list uses the home screen's class names
 * (`.deck-list .deck-row .count.due`), so the bench's "counts in the DOM"
 * mark is taken by the same code for both pages.
 */
import Dexie, { type EntityTable } from 'dexie';
import { createElement as h, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { CardQueue, DEFAULT_DECK_OPTIONS, DEFAULT_SETTINGS, type CardRecord, type DeckRecord } from '../../src/domain/types';
import { DATABASE_NAME, SCHEMA_V1 } from '../../src/storage/db';

interface DeckRow {
  id: string;
  name: string;
  newCount: number;
  learningCount: number;
  reviewCount: number;
}

/** The end of today's study day: the next local `dayStartHour`:00. */
function endOfStudyDay(nowMs: number, dayStartHour: number): number {
  const end = new Date(nowMs);
  end.setHours(dayStartHour, 0, 0, 0);
  if (end.getTime() <= nowMs) end.setDate(end.getDate() + 1);
  return end.getTime();
}

async function readDecks(): Promise<DeckRow[]> {
  const db = new Dexie(DATABASE_NAME) as Dexie & { decks: EntityTable<DeckRecord, 'id'>; cards: EntityTable<CardRecord, 'id'> };
  db.version(1).stores(SCHEMA_V1);
  const dayEnd = endOfStudyDay(Date.now(), DEFAULT_SETTINGS.dayStartHour);
  const { newPerDay, reviewsPerDay } = DEFAULT_DECK_OPTIONS;
  return db.transaction('r', db.decks, db.cards, async () => {
    const decks = await db.decks.limit(3).toArray();
    return Promise.all(
      decks.map(async ({ id, name }): Promise<DeckRow> => {
        const due = (queue: number) => db.cards.where('[deckId+queue+due]').between([id, queue, Dexie.minKey], [id, queue, dayEnd]);
        const [newKeys, learningCount, reviewKeys] = await Promise.all([
          db.cards
            .where('[deckId+queue+position]')
            .between([id, CardQueue.New, Dexie.minKey], [id, CardQueue.New, Dexie.maxKey], true, true)
            .limit(newPerDay)
            .primaryKeys(),
          due(CardQueue.Learning).count(),
          due(CardQueue.Review).limit(reviewsPerDay).primaryKeys(),
        ]);
        return { id, name, newCount: newKeys.length, learningCount, reviewCount: reviewKeys.length };
      }),
    );
  });
}

function Home({ decks }: { decks: readonly DeckRow[] }) {
  useLayoutEffect(() => {
    performance.mark('bare:counts-dom');
  }, []);
  return h(
    'main',
    null,
    h('h1', null, 'Decks'),
    h(
      'ul',
      { className: 'deck-list' },
      decks.map((deck) =>
        h(
          'li',
          { key: deck.id, className: 'deck-row' },
          h('span', { className: 'deck-name' }, deck.name),
          ' ',
          h('span', { className: 'count new' }, `${deck.newCount} new`),
          ' ',
          h('span', { className: 'count learning' }, `${deck.learningCount} learning`),
          ' ',
          h('span', { className: 'count due' }, `${deck.reviewCount} due`),
        ),
      ),
    ),
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(h(Home, { decks: await readDecks() }));
