/**
 * The upgrade a user really gets: the version-1 build (a fixed build of the
 * commit before the schema-2 work, tests/fixtures/e2e/v1-build.md) writes a
 * collection in a real Chromium, then this build opens it on the same origin
 * (IndexedDB is per origin, so both builds are served in turn on one fixed
 * port). Every answer the old build stored must still be there, named by
 * card, time and rating (a log's id changes with the schema), and every
 * answered card keeps its scheduling.
 *
 *   BUILD_OUT_DIR=dist-upg npx vite build
 *   BUILD_OUT_DIR=dist-upg E2E_PORT=4391 npx playwright test tests/e2e/upgrade.spec.ts --output=/tmp/pw-upg
 *
 * E2E_UPGRADE_PORT (default 4392) is the port both builds are served on.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../helpers/pwa-static-server';
import { AppBrowser, type KeptCollection, type KeptLog } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import type { RatingName } from './pages/ReviewPage';

const V1_BUILD = fileURLToPath(new URL('../fixtures/e2e/v1-build', import.meta.url));
const CURRENT_BUILD = resolve(process.env.BUILD_OUT_DIR ?? 'dist');
const CAPITALS_CSV = fileURLToPath(new URL('../fixtures/e2e/world-capitals.csv', import.meta.url));
const CAPITALS = 'world-capitals';
const PORT = Number(process.env.E2E_UPGRADE_PORT ?? 4392);
/** Answers given with the old build: no Again, so nothing becomes due again during the test. */
const ANSWERS: RatingName[] = ['Good', 'Easy', 'Hard', 'Good'];

// No service worker: the old one would otherwise keep serving the old build after the switch.
test.use({ serviceWorkers: 'block' });
test.describe.configure({ timeout: 90_000 });

/** An answer by what it is, not by its id. */
const logKey = ({ cardId, reviewTime, rating }: KeptLog) => `${cardId} @${reviewTime} rated ${rating}`;

function cardsPerDeckName({ decks, cards }: KeptCollection): Record<string, number> {
  const nameOf = new Map(decks.map((deck) => [deck.id, deck.name]));
  const counts: Record<string, number> = {};
  for (const card of cards) {
    const name = nameOf.get(card.deckId) ?? `(no deck ${card.deckId})`;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

test('a collection written by the version-1 build opens in this build with every review kept', async ({ page }) => {
  expect(existsSync(resolve(V1_BUILD, 'index.html')), `no version-1 build in ${V1_BUILD}`).toBe(true);
  expect(existsSync(resolve(CURRENT_BUILD, 'index.html')), `no build of this code in ${CURRENT_BUILD}`).toBe(true);
  expect(PORT, 'the upgrade port must differ from the config’s server').not.toBe(Number(process.env.E2E_PORT ?? 4317));

  let server: StaticServer | null = await startStaticServer(V1_BUILD, {}, PORT);
  try {
    // The old build: study the first built-in deck, import a CSV and study one of its cards.
    const app = new AppBrowser(page, server.url);
    const home = new HomePage(page);
    await app.goto('/');
    await home.waitForDecks();
    const [firstDeck] = Object.keys(await home.allCounts());
    if (!firstDeck) throw new Error('The version-1 build lists no deck.');

    const review = await home.openDeck(firstDeck);
    for (const rating of ANSWERS) {
      await expect(review.showAnswerButton).toBeVisible();
      await review.studyCard(rating);
    }
    await app.expectStoredLogCount(ANSWERS.length);
    await review.goHome();

    const importer = await home.openImport();
    await importer.choose(CAPITALS_CSV);
    await expect(importer.deckNameField).toHaveValue(CAPITALS);
    await importer.confirm();
    await importer.goHome();
    const capitals = await home.openDeck(CAPITALS);
    await capitals.studyCard('Good');
    await app.expectStoredLogCount(ANSWERS.length + 1);
    await capitals.goHome();

    await expect.poll(() => home.countsOf(CAPITALS)).toBe('2 new, 1 learning, 0 due');
    const countsBefore = await home.allCounts();
    const before = await app.storedCollection();
    expect(before.logsByStore).toEqual({ reviewLogs: ANSWERS.length + 1 });
    expect(before.logs).toHaveLength(ANSWERS.length + 1);
    const answeredBefore = before.cards.filter((card) => card.reps > 0);
    expect(answeredBefore).toHaveLength(ANSWERS.length + 1);
    expect(cardsPerDeckName(before)[CAPITALS]).toBe(3);

    // This build on the same origin. The old page's connection closes with the reload.
    await server.close();
    server = null;
    server = await startStaticServer(CURRENT_BUILD, {}, PORT);
    await page.reload();

    // The first start upgrades the database: the schema change at once, then the notes and the logs' move while the app runs.
    await expect(home.deckHeading(firstDeck)).toBeVisible({ timeout: 30_000 });
    await home.waitForDecks();
    await expect.poll(() => home.allCounts()).toEqual(countsBefore);
    expect(Object.keys(await home.allCounts())).toEqual(Object.keys(countsBefore));
    await expect.poll(async () => (await app.storedCollection()).logsByStore, { timeout: 30_000 }).toEqual({ reviews: ANSWERS.length + 1, reviewLogs: 0 });
    await expect.poll(() => home.allCounts()).toEqual(countsBefore);

    const after = await app.storedCollection();
    expect(after.logs.map(logKey).sort()).toEqual(before.logs.map(logKey).sort());
    const cardsAfter = new Map(after.cards.map((card) => [card.id, card]));
    for (const card of answeredBefore) expect(cardsAfter.get(card.id), `card ${card.id}`).toEqual(card);
    // No card is lost; the only cards added are this build's new built-in cards (its built-in update retires the
    // dropped ones with their history and adds the new ones), all of them new, in the built-in decks.
    const idsBefore = new Set(before.cards.map((card) => card.id));
    for (const id of idsBefore) expect(cardsAfter.has(id), `card ${id} kept`).toBe(true);
    const added = after.cards.filter((card) => !idsBefore.has(card.id));
    const builtInDeckIds = new Set(before.decks.filter((deck) => deck.id.startsWith('failure-learning')).map((deck) => deck.id));
    expect(builtInDeckIds.size).toBeGreaterThan(0);
    for (const card of added) {
      expect(builtInDeckIds.has(card.deckId), `added card ${card.id} is in a built-in deck`).toBe(true);
      expect(card.reps, `added card ${card.id} is new`).toBe(0);
    }
    expect(after.decks.map((deck) => deck.name).sort()).toEqual(before.decks.map((deck) => deck.name).sort());
    expect(cardsPerDeckName(after)[CAPITALS]).toBe(cardsPerDeckName(before)[CAPITALS]);
  } finally {
    await server?.close();
  }
});
