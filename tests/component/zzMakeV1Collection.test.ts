// One-off generator (run once, then removed; kept in git history): writes
// tests/fixtures/db/v1-collection.json, a schema-1 collection made by the
// schema-1 app code itself, for the schema-2 upgrade tests (issue 13).
import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { parseImportFile, toDeckFile } from '../../src/domain/importers';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { DEFAULT_DECK_OPTIONS, Rating, type RatingValue } from '../../src/domain/types';
import { DATABASE_NAME, getDeckOptions, loadStudySession, mergeDeckFiles, recordReview, setOwnDeckOptions, updateDeckOptions, updateSettings } from '../../src/storage';
import { freezeClock, freshAppWithBuiltInDecks, setClock, tearDownApp } from '../helpers/componentApp';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0); // 2026-11-02 09:00 UTC
const DAY_START = 4;

async function importFile(path: string, fileName: string, nowMs: number) {
  const parsed = await parseImportFile(new Uint8Array(readFileSync(path)), { fileName });
  const errors = parsed.messages.filter((message) => message.severity === 'error');
  if (errors.length > 0) throw new Error(`${fileName}: ${JSON.stringify(errors)}`);
  await mergeDeckFiles(parsed.decks.map(toDeckFile), { isBuiltIn: false, retireMissing: false, nowMs });
}

async function dump(): Promise<Record<string, unknown[]>> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  const stores: Record<string, unknown[]> = {};
  for (const name of ['decks', 'cards', 'reviewLogs', 'deckOptions', 'settings', 'meta']) {
    stores[name] = await new Promise<unknown[]>((resolve, reject) => {
      const request = database.transaction(name, 'readonly').objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
  }
  database.close();
  return stores;
}

it('makes the v1 collection fixture', async () => {
  freezeClock(T0);
  await freshAppWithBuiltInDecks(T0);
  await updateSettings({ dayStartHour: DAY_START, language: 'ru' });
  await importFile('tests/fixtures/import/comma-with-names.csv', 'comma-with-names.csv', T0);
  await importFile('tests/fixtures/import/deck-good.json', 'deck-good.json', T0);
  await importFile('tests/fixtures/import/05-leadership.md', '05-leadership.md', T0);
  await importFile('tests/fixtures/import/anki-export.txt', 'anki-export.txt', T0);
  await setOwnDeckOptions('star-basics', true);
  await updateDeckOptions('deck:star-basics', { newPerDay: 5, learningSteps: ['2m', '15m'] });

  // Twelve days of study: each day every deck's session, a few answers per deck with a pattern of ratings.
  const ratings: RatingValue[] = [Rating.Good, Rating.Again, Rating.Good, Rating.Easy, Rating.Hard, Rating.Good];
  let turn = 0;
  for (let day = 0; day < 12; day += 1) {
    let nowMs = T0 + day * DAY;
    setClock(nowMs);
    const session = await loadStudySession('all', nowMs);
    const options = new Map(session.optionsByDeck);
    const picked = [...session.queue.learning, ...session.queue.reviews, ...session.queue.fresh.slice(0, 8)];
    for (const card of picked) {
      nowMs += 40_000;
      setClock(nowMs);
      const preset = options.get(card.deckId) ?? (await getDeckOptions('default')) ?? DEFAULT_DECK_OPTIONS;
      const rating = ratings[turn % ratings.length] as RatingValue;
      turn += 1;
      const { card: answered, log } = answerCard(card, rating, preset, { nowMs, durationMs: 4000 + (turn % 7) * 1000, day: studyDayOf(nowMs, DAY_START) });
      await recordReview(answered, log);
    }
  }
  const stores = await dump();
  const fixture = {
    _comment:
      'A schema-1 collection written by the schema-1 app code (the one-off generator tests/component/zzMakeV1Collection.test.ts, in git history): the built-in decks and four imports (CSV with names, deck JSON with basic, reversible and cloze notes, a chapter in Markdown, an Anki text export with guids), a deck with its own preset, Russian UI, day start 4:00 (written under TZ=UTC), and twelve days of answers. For the schema-2 upgrade tests (issue 13).',
    schemaVersion: 1,
    idbVersion: 10,
    generatedAt: new Date(T0 + 12 * DAY).toISOString(),
    stores,
  };
  writeFileSync('tests/fixtures/db/v1-collection.json', `${JSON.stringify(fixture, null, 1)}\n`);
  await tearDownApp();
}, 120_000);
