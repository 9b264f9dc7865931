// Anki packages from file to storage (parse -> preview -> write) against the
// real Dexie on fake IndexedDB, with packages built by sql.js and zstd
// (scripts/apkgBuilder.mjs): everything lands with its media and, when
// asked, its history; a second import of the same package changes nothing;
// a newer version of it updates its notes in place and keeps their answers;
// a stored file of the same name with other bytes keeps its name and the
// package's file is renamed with its references.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApkg, type PackageSpec } from '../../scripts/apkgBuilder.mjs';
import { parseImportFile } from '../../src/domain/importers';
import { buildPreview, confirmImport } from '../../src/features/import/importFlow';
import { recordReview } from '../../src/storage';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { DEFAULT_DECK_OPTIONS, Rating } from '../../src/domain/types';
import { addMedia } from '../../src/storage/media';
import { DAY, FIXED_NOW, appDatabase, deleteAppDatabase } from '../helpers/componentDb';

const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64'),
);

function spec(version: 1 | 2): PackageSpec {
  return {
    notes: [
      { noteType: 'Basic', guid: 'pm-chart', deck: 'Interview::Failure', fields: ['What does the chart show? <img src="chart.png">', version === 1 ? 'Detection got faster' : 'Detection got faster after the review'] },
      { noteType: 'Basic (and reversed card)', guid: 'pm-blameless', deck: 'Interview::Failure', fields: ['Blameless postmortem', 'Causes in the system, not a culprit'] },
      { noteType: 'Cloze', guid: 'pm-star', deck: 'Interview::Failure', fields: ['STAR: {{c1::Situation}}, Task, Action, {{c2::Result}}', ''] },
    ],
    media: [{ name: 'chart.png', bytes: PNG }],
    revlog: [
      { note: 'pm-blameless', ord: 0, id: FIXED_NOW - 20 * DAY, ease: 3, type: 0 },
      { note: 'pm-blameless', ord: 0, id: FIXED_NOW - 17 * DAY, ease: 3, type: 1, ivl: 3, lastIvl: 1 },
      { note: 'pm-blameless', ord: 0, id: FIXED_NOW - 16 * DAY, ease: 3, type: 4 },
    ],
  };
}

async function importPackage(bytes: Uint8Array, withHistory: boolean, nowMs = FIXED_NOW) {
  const parse = await parseImportFile(bytes, { fileName: 'interview.apkg' });
  expect(parse.messages.filter((message) => message.severity === 'error')).toEqual([]);
  const preview = await buildPreview(parse, 'interview.apkg');
  const outcome = await confirmImport(preview, preview.decks.map((deck) => deck.file.deck.name), nowMs, withHistory);
  return { preview, outcome };
}

async function snapshot() {
  const database = appDatabase();
  const [notes, cards, reviews, media, decks] = await Promise.all([
    database.notes.toArray(),
    database.cards.toArray(),
    database.reviews.toArray(),
    database.media.toArray(),
    database.decks.toArray(),
  ]);
  return { notes, cards, reviews, media: media.map(({ name, size, hash }) => ({ name, size, hash })), decks };
}

describe('an Anki package written to storage', () => {
  beforeEach(deleteAppDatabase);
  afterEach(deleteAppDatabase);

  for (const format of ['anki21b', 'anki21', 'anki2'] as const) {
    it(`${format}: every note, card, deck and image lands with its history; a second import changes nothing`, async () => {
      const bytes = await buildApkg(spec(1), { format });
      const { preview, outcome } = await importPackage(bytes, true);
      expect(preview.parse.package?.reviewCount).toBe(2); // the manual entry is left out
      expect(outcome.decks).toHaveLength(1);
      expect(outcome.decks[0]).toMatchObject({ added: 5, updated: 0, unchanged: 0 });
      expect(outcome.media).toMatchObject({ added: 1, unchanged: 0, renamed: 0 });
      expect(outcome.history).toMatchObject({ cards: 1, answers: 2 });

      const first = await snapshot();
      expect(first.decks.map((deck) => ({ name: deck.name, group: deck.group }))).toEqual([{ name: 'Failure', group: 'Interview' }]);
      expect(first.notes.map((note) => note.type).sort()).toEqual(['basic', 'cloze', 'reversible']);
      expect(first.media.map(({ name, size }) => ({ name, size }))).toEqual([{ name: 'chart.png', size: PNG.length }]);
      expect(first.media[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(first.reviews.map((log) => log.rating)).toEqual([Rating.Good, Rating.Good]);
      const answered = first.cards.filter((card) => card.reps > 0);
      expect(answered).toHaveLength(1);
      expect(answered[0]?.template).toBe('forward');

      const again = await importPackage(bytes, true, FIXED_NOW + DAY);
      expect(again.outcome.decks[0]).toMatchObject({ added: 0, updated: 0, unchanged: 5 });
      expect(again.outcome.media).toMatchObject({ added: 0, unchanged: 1 });
      expect(again.outcome.history).toMatchObject({ answers: 0 });
      const second = await snapshot();
      expect(second.cards).toEqual(first.cards);
      expect(second.reviews).toEqual(first.reviews);
      expect(second.media).toEqual(first.media);
      expect(second.notes.map(({ modifiedAt: _, ...note }) => note)).toEqual(first.notes.map(({ modifiedAt: _, ...note }) => note));
    });
  }

  it('a newer version of the package updates its notes in place and keeps the answers given here', async () => {
    await importPackage(await buildApkg(spec(1), { format: 'anki21b' }), false);
    const before = await snapshot();
    const chart = before.cards.find((card) => card.front.includes('chart.png'));
    if (!chart) throw new Error('no picture card');
    const nowMs = FIXED_NOW + DAY;
    const { card, log } = answerCard(chart, Rating.Good, DEFAULT_DECK_OPTIONS, { nowMs, durationMs: 3000, day: studyDayOf(nowMs, 4) });
    await recordReview(card, log);

    const { outcome } = await importPackage(await buildApkg(spec(2), { format: 'anki21b' }), false, nowMs + DAY);
    expect(outcome.decks[0]).toMatchObject({ added: 0, updated: 1, unchanged: 4 });
    const after = await snapshot();
    const updated = after.cards.find((stored) => stored.id === chart.id);
    expect(updated?.back).toContain('after the review');
    expect(updated?.reps).toBe(1);
    expect(after.reviews).toHaveLength(1);
    expect(after.notes.map((note) => note.id).sort()).toEqual(before.notes.map((note) => note.id).sort());
  });

  it('a stored file of the same name with other bytes stays; the package’s file is stored under a new name its cards use', async () => {
    const other = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await addMedia([{ name: 'chart.png', bytes: other, mime: 'image/png', kind: 'image', hash: 'f'.repeat(64) }], FIXED_NOW);
    const { outcome } = await importPackage(await buildApkg(spec(1), { format: 'anki21b' }), false);
    expect(outcome.media).toMatchObject({ added: 1, renamed: 1 });
    const stored = await snapshot();
    const names = stored.media.map((media) => media.name).sort();
    expect(names).toHaveLength(2);
    expect(names).toContain('chart.png');
    const renamed = names.find((name) => name !== 'chart.png') ?? '';
    expect(renamed).toMatch(/^chart-[0-9a-f]{8}\.png$/);
    const pictureNote = stored.notes.find((note) => note.type === 'basic');
    expect(pictureNote && 'front' in pictureNote ? pictureNote.front : '').toContain(`src="${renamed}"`);
    expect(stored.media.find((media) => media.name === 'chart.png')?.size).toBe(other.length);
  });
});
