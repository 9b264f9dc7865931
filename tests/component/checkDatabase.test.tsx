// "Check database" in Settings against the real Dexie on fake IndexedDB: a
// broken collection is repaired and the report says so in words; a second run
// (and a sound collection) reports no problems and writes nothing.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expandNote } from '../../src/domain/notes';
import { answerCard, createNewCardState } from '../../src/domain/scheduler';
import {
  CardQueue,
  CardState,
  DEFAULT_DECK_OPTIONS,
  DEFAULT_OPTIONS_ID,
  Rating,
  type CardRecord,
  type DeckRecord,
  type NoteRecord,
  type RatingValue,
  type ReviewLogRecord,
} from '../../src/domain/types';
import { freshAppForEachTest } from '../helpers/componentApp';
import { DAY, FIXED_NOW, MINUTE, appDatabase } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';

freshAppForEachTest();

const MINE: DeckRecord = { id: 'mine', name: 'Mine', description: '', isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID, createdAt: FIXED_NOW - 40 * DAY, updatedAt: FIXED_NOW - 40 * DAY };

function basicNote(id: string, deckId: string, position: number): NoteRecord {
  return {
    id,
    deckId,
    sourceId: id,
    type: 'basic',
    front: `Question ${id}`,
    back: `Answer ${id}`,
    tags: [],
    origin: { kind: 'app' },
    position,
    createdAt: FIXED_NOW - 40 * DAY,
    modifiedAt: FIXED_NOW - 40 * DAY,
  };
}

function newCardOf(note: NoteRecord): CardRecord {
  const [content] = expandNote(note, note.position);
  if (!content) throw new Error(`note ${note.id} has no card`);
  return { ...content, ...createNewCardState(note.createdAt) };
}

/** The card after `ratings` (each answered when due, from 30 days ago) and its logs, as the app writes them. */
function studied(card: CardRecord, ratings: readonly RatingValue[]): { card: CardRecord; logs: (ReviewLogRecord & { id: string })[] } {
  let current = card;
  let nowMs = FIXED_NOW - 30 * DAY;
  const logs: (ReviewLogRecord & { id: string })[] = [];
  ratings.forEach((rating, index) => {
    nowMs = Math.max(nowMs + MINUTE, current.due);
    const answer = answerCard(current, rating, DEFAULT_DECK_OPTIONS, { nowMs, durationMs: 2000, day: Math.floor(nowMs / DAY) });
    current = answer.card;
    logs.push({ ...answer.log, id: `${card.id}-answer-${index}` });
  });
  return { card: current, logs };
}

/** Every stored record, to tell whether anything was written. */
async function everything(): Promise<string> {
  const database = appDatabase();
  const tables = [database.decks, database.notes, database.cards, database.reviews, database.deckOptions, database.settings, database.meta];
  return JSON.stringify(await Promise.all(tables.map((table) => table.toArray())));
}

async function openCheck() {
  const user = renderAppAt('/settings');
  const section = await screen.findByRole('region', { name: 'Check database' });
  return { user, section, button: within(section).getByRole('button', { name: 'Check database' }), status: within(section).getByRole('status') };
}

/**
 * A collection with one of each kind of damage, next to the built-in decks:
 * a studied card without its note; a note (and its card) in a deck that is
 * gone; two answers whose card is gone (its note is there); a card whose last
 * answer's write was lost; a card whose schedule is not a number, without
 * answers.
 */
async function seedBrokenCollection() {
  const orphan = studied(newCardOf(basicNote('orphan', 'mine', 0)), [Rating.Good, Rating.Good]);
  const strayNote = basicNote('stray', 'vanished', 0);
  const lostNote = basicNote('lost', 'mine', 1);
  const lost = studied(newCardOf(lostNote), [Rating.Again, Rating.Good]);
  const behindNote = basicNote('behind', 'mine', 2);
  const behind = studied(newCardOf(behindNote), [Rating.Good, Rating.Good, Rating.Easy]);
  const lastBefore = behind.logs[2]?.before;
  if (!lastBefore) throw new Error('no log');
  const brokenNote = basicNote('broken', 'mine', 3);
  const broken: CardRecord = { ...studied(newCardOf(brokenNote), [Rating.Good]).card, stability: Number.NaN };

  const database = appDatabase();
  await database.decks.add(MINE);
  await database.notes.bulkAdd([strayNote, lostNote, behindNote, brokenNote]);
  await database.cards.bulkAdd([orphan.card, newCardOf(strayNote), { ...behind.card, ...lastBefore }, broken]);
  await database.reviews.bulkAdd([...orphan.logs, ...lost.logs, ...behind.logs]);
  return { orphan, lost, behind };
}

describe('Check database', () => {
  it('repairs a broken collection, says what it did, and finds nothing the second time', async () => {
    const { orphan, lost, behind } = await seedBrokenCollection();
    const versionBefore = (await appDatabase().meta.get('counts-version:mine'))?.value;
    const { user, button, status } = await openCheck();

    await user.click(button);

    expect(await within(status).findByText('Problems found and repaired:')).toBeInTheDocument();
    expect(within(status).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '1 card had no note: it got a note from its own text.',
      '1 note was in a deck that no longer exists: the deck was made again as “Recovered cards”, with its cards.',
      '2 answers had no card: their cards were made again from their notes, scheduled by those answers.',
      '1 card did not match its last answer: its schedule was rebuilt from its answers.',
      '1 card had a schedule that cannot be used and no answers to rebuild it from: it starts again as a new card.',
    ]);

    const database = appDatabase();
    expect(await database.notes.get('orphan')).toMatchObject({ deckId: 'mine', type: 'basic', front: 'Question orphan', back: 'Answer orphan' });
    expect(await database.cards.get('orphan')).toEqual(orphan.card);
    expect(await database.decks.get('vanished')).toMatchObject({ name: 'Recovered cards', isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID });
    expect(await database.cards.get('lost')).toEqual(lost.card);
    expect(await database.cards.get('behind')).toEqual(behind.card);
    expect(await database.cards.get('broken')).toMatchObject({ state: CardState.New, queue: CardQueue.New, reps: 0, stability: 0, due: FIXED_NOW });
    expect(await database.reviews.count()).toBe(orphan.logs.length + lost.logs.length + behind.logs.length); // no answer lost
    expect((await database.meta.get('counts-version:mine'))?.value).not.toBe(versionBefore);

    const repaired = await everything();
    await user.click(button);
    expect(await within(status).findByText('No problems found.')).toBeInTheDocument();
    expect(await everything()).toBe(repaired);
  });

  it('says there are no problems in a sound collection, and writes nothing', async () => {
    const before = await everything();
    const { user, button, status } = await openCheck();

    await user.click(button);

    expect(await within(status).findByText('No problems found.')).toBeInTheDocument();
    expect(await everything()).toBe(before);
  });
});
