import { describe, expect, it } from 'vitest';
import {
  checkCollection,
  countFindings,
  hasRepairs,
  isPossibleSchedule,
  type CollectionCheck,
  type CollectionRecords,
} from '../../src/domain/collectionCheck';
import { expandNote } from '../../src/domain/notes';
import { answerCard, createNewCardState, toSnapshot } from '../../src/domain/scheduler';
import {
  CardQueue,
  CardState,
  DEFAULT_DECK_OPTIONS,
  DEFAULT_OPTIONS_ID,
  Rating,
  type CardRecord,
  type DeckOptions,
  type DeckRecord,
  type NoteContent,
  type NoteRecord,
  type RatingValue,
  type ReviewLogRecord,
} from '../../src/domain/types';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 15, 0, 0);
const NOW = T0 + 60 * DAY;
const CONTEXT = { nowMs: NOW, recoveredDeckName: 'Recovered cards' };
/** The deck's own preset: fuzz on, so replays must reproduce the seeded fuzz too. */
const OWN_OPTIONS: DeckOptions = { ...DEFAULT_DECK_OPTIONS, id: 'deck:main', name: 'Main', desiredRetention: 0.85 };

function deck(id: string, overrides: Partial<DeckRecord> = {}): DeckRecord {
  return { id, name: `Deck ${id}`, description: '', isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID, createdAt: T0, updatedAt: T0, ...overrides };
}

function note(id: string, deckId: string, content: NoteContent, position: number): NoteRecord {
  return { ...content, id, deckId, sourceId: id, tags: [], origin: { kind: 'app' }, position, createdAt: T0, modifiedAt: T0 };
}

function newCardsOf(source: NoteRecord): CardRecord[] {
  return expandNote(source, source.position).map((content) => ({ ...content, ...createNewCardState(T0) }));
}

/** Answers `card` with `ratings`, each when it is due; the card after them and their logs (with ids). */
function study(card: CardRecord, ratings: readonly RatingValue[], options: DeckOptions = DEFAULT_DECK_OPTIONS): { card: CardRecord; logs: ReviewLogRecord[] } {
  let current = card;
  let nowMs = T0;
  const logs: ReviewLogRecord[] = [];
  ratings.forEach((rating, index) => {
    nowMs = Math.max(nowMs + 60_000, current.due);
    const result = answerCard(current, rating, options, { nowMs, durationMs: 3000, day: Math.floor(nowMs / DAY) });
    current = result.card;
    logs.push({ ...result.log, id: `${card.id}@${index}` });
  });
  return { card: current, logs };
}

/**
 * A sound collection: a deck with its own preset and a deck on the shared
 * one; a studied basic note, a reversible note (forward studied, reverse
 * buried by it), a cloze note with one card retired, and a new note.
 */
function soundCollection() {
  const main = deck('main', { optionsId: OWN_OPTIONS.id });
  const other = deck('other');
  const basic = note('basic', 'main', { type: 'basic', front: 'Q', back: 'A' }, 0);
  const pair = note('pair', 'main', { type: 'reversible', front: 'Dog', back: 'Hund' }, 1);
  const cloze = note('cloze', 'other', { type: 'cloze', text: '{{c1::Paris}} is in {{c2::France}}' }, 0);
  const fresh = note('fresh', 'other', { type: 'basic', front: 'New?', back: 'Yes' }, 2);
  const [basicCard] = newCardsOf(basic);
  const [forward, reverse] = newCardsOf(pair);
  const [c1, c2] = newCardsOf(cloze);
  const [freshCard] = newCardsOf(fresh);
  if (!basicCard || !forward || !reverse || !c1 || !c2 || !freshCard) throw new Error('cards');
  const basicStudied = study(basicCard, [Rating.Good, Rating.Good, Rating.Again, Rating.Good], OWN_OPTIONS);
  const forwardStudied = study(forward, [Rating.Good, Rating.Easy], OWN_OPTIONS);
  const buriedReverse: CardRecord = { ...reverse, queue: CardQueue.Buried, buriedDay: 20_460 };
  const c1Studied = study(c1, [Rating.Hard, Rating.Good]);
  const retiredC2: CardRecord = { ...c2, queue: CardQueue.Retired };
  const records: CollectionRecords = {
    decks: [main, other],
    notes: [basic, pair, cloze, fresh],
    cards: [basicStudied.card, forwardStudied.card, buriedReverse, c1Studied.card, retiredC2, freshCard],
    reviews: [...basicStudied.logs, ...forwardStudied.logs, ...c1Studied.logs],
    deckOptions: [OWN_OPTIONS],
    buriedSince: 20_460,
    stories: [],
    recordings: [],
    media: [],
  };
  return { records, basicStudied, forwardStudied, c1Studied };
}

/** The records after the repairs are written (as `storage/check.ts` does). */
function withRepairs(records: CollectionRecords, { repairs }: CollectionCheck): CollectionRecords {
  const byId = <T extends { id: string }>(stored: readonly T[], written: readonly T[]): T[] => [
    ...new Map([...stored, ...written].map((record) => [record.id, record])).values(),
  ];
  return {
    decks: byId(records.decks, repairs.decks),
    notes: byId(records.notes, repairs.notes),
    cards: byId(records.cards, repairs.cards),
    reviews: records.reviews,
    deckOptions: byId(records.deckOptions, repairs.deckOptions),
    buriedSince: repairs.buriedSince ?? records.buriedSince,
    stories: byId(records.stories, repairs.stories),
    recordings: records.recordings.filter((recording) => !repairs.deletedRecordingIds.includes(recording.id)),
    media: records.media.filter((file) => !repairs.deletedMediaNames.includes(file.name)),
  };
}

/** Checks, then checks the repaired records again: the second check must find nothing. */
function checkAndRecheck(records: CollectionRecords): CollectionCheck {
  const check = checkCollection(records, CONTEXT);
  const again = checkCollection(withRepairs(records, check), CONTEXT);
  expect(again.findings).toEqual([]);
  expect(hasRepairs(again.repairs)).toBe(false);
  return check;
}

function cardOf(check: CollectionCheck, id: string): CardRecord {
  const card = check.repairs.cards.find((candidate) => candidate.id === id);
  if (!card) throw new Error(`card ${id} not repaired`);
  return card;
}

function replace(records: CollectionRecords, card: CardRecord): CollectionRecords {
  return { ...records, cards: records.cards.map((stored) => (stored.id === card.id ? card : stored)) };
}

describe('checkCollection on a sound collection', () => {
  it('finds nothing and repairs nothing', () => {
    const { records } = soundCollection();
    const check = checkCollection(records, CONTEXT);
    expect(check.findings).toEqual([]);
    expect(check.repairs).toEqual({ decks: [], deckOptions: [], notes: [], cards: [], decksLeft: [], stories: [], deletedRecordingIds: [], deletedMediaNames: [] });
    expect(hasRepairs(check.repairs)).toBe(false);
  });

  it('leaves a card reviewed later than its newest answer (answers whose logs are missing): going back would undo progress', () => {
    const { records, basicStudied } = soundCollection();
    const withoutLastLog = { ...records, reviews: records.reviews.filter((log) => log.id !== `basic@3`) };
    expect(checkCollection(withoutLastLog, CONTEXT).findings).toEqual([]);
    expect(basicStudied.card.lastReview).toBe(basicStudied.logs[3]?.reviewTime);
  });

  it('accepts a studied card without any answers (a state brought in without its history)', () => {
    const { records } = soundCollection();
    expect(checkCollection({ ...records, reviews: [] }, CONTEXT).findings).toEqual([]);
  });
});

describe('cards and notes without their note or deck', () => {
  it('gives a card without its note a basic note from its own text, in its deck, under its note id', () => {
    const { records } = soundCollection();
    const check = checkAndRecheck({ ...records, notes: records.notes.filter((stored) => stored.id !== 'basic') });

    expect(check.findings).toEqual([{ code: 'card-without-note', cardId: 'basic', noteId: 'basic' }]);
    expect(check.repairs.notes).toEqual([
      expect.objectContaining({ id: 'basic', deckId: 'main', type: 'basic', front: 'Q', back: 'A', origin: { kind: 'app' } }),
    ]);
    expect(check.repairs.cards).toEqual([]); // the card already names that note
  });

  it('rebuilds a reversible note from its forward and reverse cards, and a cloze note from its cloze cards', () => {
    const { records } = soundCollection();
    const check = checkAndRecheck({ ...records, notes: records.notes.filter((stored) => stored.id !== 'pair' && stored.id !== 'cloze') });

    expect(countFindings(check.findings)).toEqual([{ code: 'card-without-note', count: 4 }]);
    expect(check.repairs.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'pair', type: 'reversible', front: 'Dog', back: 'Hund' }),
        expect.objectContaining({ id: 'cloze', type: 'cloze', text: '{{c1::Paris}} is in {{c2::France}}' }),
      ]),
    );
  });

  it('makes a missing deck again under its id, named by the caller, for the notes still in it', () => {
    const { records } = soundCollection();
    const check = checkAndRecheck({ ...records, decks: records.decks.filter((stored) => stored.id !== 'other') });

    expect(countFindings(check.findings)).toEqual([{ code: 'note-without-deck', count: 2 }]);
    expect(check.findings).toContainEqual({ code: 'note-without-deck', noteId: 'cloze', deckId: 'other' });
    expect(check.repairs.decks).toEqual([
      { id: 'other', name: 'Recovered cards', description: '', isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID, createdAt: NOW, updatedAt: NOW },
    ]);
    expect(check.repairs.cards).toEqual([]); // its cards are in it again as they were
  });

  it('numbers a second made-again deck, and one whose name is taken', () => {
    const { records } = soundCollection();
    const check = checkCollection({ ...records, decks: [deck('x', { name: 'Recovered cards' })] }, CONTEXT);
    expect(check.repairs.decks.map((made) => [made.id, made.name])).toEqual([
      ['main', 'Recovered cards 2'],
      ['other', 'Recovered cards 3'],
    ]);
  });

  it('moves a card whose deck is gone to its note’s deck', () => {
    const { records, basicStudied } = soundCollection();
    const check = checkAndRecheck(replace(records, { ...basicStudied.card, deckId: 'gone' }));

    expect(check.findings).toEqual([{ code: 'card-without-deck', cardId: 'basic', deckId: 'gone', movedTo: 'main' }]);
    expect(check.repairs.cards).toEqual([basicStudied.card]);
    expect(check.repairs.decksLeft).toEqual(['gone']);
  });

  it('moves a card that is in another deck than its note to the note’s deck', () => {
    const { records, basicStudied } = soundCollection();
    const check = checkAndRecheck(replace(records, { ...basicStudied.card, deckId: 'other' }));

    expect(check.findings).toEqual([{ code: 'card-outside-note-deck', cardId: 'basic', deckId: 'other', movedTo: 'main' }]);
    expect(check.repairs.cards).toEqual([basicStudied.card]);
    expect(check.repairs.decksLeft).toEqual(['other']);
  });
});

describe('answers without their card', () => {
  it('makes the card again from its note, scheduled by its answers exactly as they left it', () => {
    const { records, basicStudied } = soundCollection();
    const check = checkAndRecheck({ ...records, cards: records.cards.filter((card) => card.id !== 'basic') });

    expect(countFindings(check.findings)).toEqual([{ code: 'review-without-card-rebuilt', count: 4 }]);
    expect(check.findings).toContainEqual({ code: 'review-without-card-rebuilt', logId: 'basic@0', cardId: 'basic' });
    expect(check.repairs.cards).toEqual([basicStudied.card]);
  });

  it('keeps the answers of a card whose note is gone too on a retired card under a note without text', () => {
    const { records, basicStudied } = soundCollection();
    const check = checkAndRecheck({
      ...records,
      notes: records.notes.filter((stored) => stored.id !== 'basic'),
      cards: records.cards.filter((card) => card.id !== 'basic'),
    });

    expect(countFindings(check.findings)).toEqual([{ code: 'review-without-card-kept', count: 4 }]);
    expect(check.repairs.notes).toEqual([expect.objectContaining({ id: 'basic', deckId: 'main', type: 'basic', front: '', back: '' })]);
    const kept = cardOf(check, 'basic');
    expect(kept).toMatchObject({ noteId: 'basic', deckId: 'main', template: 'basic', front: '', back: '', queue: CardQueue.Retired });
    expect(toSnapshot(kept)).toEqual({ ...toSnapshot(basicStudied.card), queue: CardQueue.Retired });
  });

  it('keeps the answers of a card its note no longer yields on a retired card of that note', () => {
    const { records, c1Studied } = soundCollection();
    const narrowed = records.notes.map((stored) => (stored.id === 'cloze' ? { ...stored, text: 'Paris is in {{c2::France}}' } : stored));
    const check = checkAndRecheck({ ...records, notes: narrowed, cards: records.cards.filter((card) => card.id !== 'cloze::c1') });

    expect(countFindings(check.findings)).toEqual([{ code: 'review-without-card-kept', count: 2 }]);
    expect(check.repairs.notes).toEqual([]);
    expect(cardOf(check, 'cloze::c1')).toMatchObject({ noteId: 'cloze', template: 'cloze', ordinal: 1, queue: CardQueue.Retired, reps: c1Studied.card.reps });
  });
});

describe('schedules', () => {
  it('rebuilds a card whose last answer’s write was lost (an older last review) from its answers', () => {
    const { records, basicStudied } = soundCollection();
    const beforeLast = basicStudied.logs[3]?.before;
    if (!beforeLast) throw new Error('log');
    const check = checkAndRecheck(replace(records, { ...basicStudied.card, ...beforeLast }));

    expect(check.findings).toEqual([{ code: 'schedule-disagrees-with-history', cardId: 'basic' }]);
    expect(check.repairs.cards).toEqual([basicStudied.card]);
  });

  it('rebuilds a card that has answers but is new', () => {
    const { records, c1Studied } = soundCollection();
    const check = checkAndRecheck(replace(records, { ...c1Studied.card, ...createNewCardState(T0) }));

    expect(check.findings).toEqual([{ code: 'schedule-disagrees-with-history', cardId: 'cloze::c1' }]);
    expect(check.repairs.cards).toEqual([c1Studied.card]);
  });

  it('rebuilds a card with its newest answer’s time but not its review count', () => {
    const { records, basicStudied } = soundCollection();
    const check = checkAndRecheck(replace(records, { ...basicStudied.card, reps: basicStudied.card.reps + 3 }));

    expect(check.findings).toEqual([{ code: 'schedule-disagrees-with-history', cardId: 'basic' }]);
    expect(check.repairs.cards).toEqual([basicStudied.card]);
  });

  it('replays every answer from a new card when the newest answer’s own `before` is not sound', () => {
    const { records, basicStudied } = soundCollection();
    const reviews = records.reviews.map((log) => (log.id === 'basic@3' ? { ...log, before: { ...log.before, stability: Number.NaN } } : log));
    const check = checkAndRecheck({ ...replace(records, { ...basicStudied.card, lastReview: T0, reps: 1 }), reviews });

    expect(check.findings).toEqual([{ code: 'schedule-disagrees-with-history', cardId: 'basic' }]);
    expect(toSnapshot(cardOf(check, 'basic'))).toEqual(toSnapshot(basicStudied.card));
  });

  it('rebuilds an impossible schedule from the card’s answers', () => {
    const { records, forwardStudied } = soundCollection();
    const check = checkAndRecheck(replace(records, { ...forwardStudied.card, stability: Number.NaN, reps: -2 }));

    expect(check.findings).toEqual([{ code: 'schedule-impossible-rebuilt', cardId: 'pair' }]);
    expect(check.repairs.cards).toEqual([forwardStudied.card]);
  });

  it('without answers, sets impossible values to the nearest possible ones and keeps the memory state', () => {
    const { records, c1Studied } = soundCollection();
    const broken: CardRecord = { ...c1Studied.card, elapsedDays: -3, scheduledDays: 2.6, lapses: 9, due: Number.NaN };
    const check = checkAndRecheck({ ...replace(records, broken), reviews: [] });

    expect(check.findings).toEqual([{ code: 'schedule-impossible-fixed', cardId: 'cloze::c1' }]);
    expect(cardOf(check, 'cloze::c1')).toEqual({ ...c1Studied.card, elapsedDays: 0, scheduledDays: 3, lapses: c1Studied.card.reps, due: NOW });
  });

  it('without answers, starts a card whose memory state FSRS cannot use again as new', () => {
    const { records, c1Studied } = soundCollection();
    const check = checkAndRecheck({ ...replace(records, { ...c1Studied.card, difficulty: 42 }), reviews: [] });

    expect(check.findings).toEqual([{ code: 'schedule-impossible-reset', cardId: 'cloze::c1' }]);
    expect(toSnapshot(cardOf(check, 'cloze::c1'))).toEqual(createNewCardState(NOW));
  });

  it('says which schedules are possible', () => {
    const fresh = { ...createNewCardState(T0) };
    expect(isPossibleSchedule(fresh)).toBe(true);
    expect(isPossibleSchedule({ ...fresh, reps: -1 })).toBe(false);
    expect(isPossibleSchedule({ ...fresh, due: Number.NaN })).toBe(false);
    expect(isPossibleSchedule({ ...fresh, state: CardState.Review, stability: 0, difficulty: 5 })).toBe(false);
  });
});

describe('queues and burying', () => {
  it('puts a card in a queue that does not fit its state in its own queue', () => {
    const { records, c1Studied } = soundCollection();
    const check = checkAndRecheck(replace(records, { ...c1Studied.card, queue: CardQueue.New }));

    expect(check.findings).toEqual([{ code: 'queue-does-not-fit-state', cardId: 'cloze::c1', queue: CardQueue.New, state: c1Studied.card.state }]);
    expect(check.repairs.cards).toEqual([c1Studied.card]);
  });

  it('puts back a buried card without its burial day', () => {
    const { records } = soundCollection();
    const reverse = records.cards.find((card) => card.id === 'pair::reverse');
    if (!reverse) throw new Error('card');
    const { buriedDay: _day, ...withoutDay } = reverse;
    void _day;
    const check = checkAndRecheck(replace(records, withoutDay));

    expect(check.findings).toEqual([{ code: 'buried-without-day', cardId: 'pair::reverse' }]);
    expect(cardOf(check, 'pair::reverse')).toEqual({ ...withoutDay, queue: CardQueue.New });
  });

  it('drops a burial day from a card that is not buried', () => {
    const { records, c1Studied } = soundCollection();
    const check = checkAndRecheck(replace(records, { ...c1Studied.card, buriedDay: 20_000 }));

    expect(check.findings).toEqual([{ code: 'buried-day-not-buried', cardId: 'cloze::c1' }]);
    expect(check.repairs.cards).toEqual([c1Studied.card]);
  });

  it('sets the buried-since marker when buried cards are not covered by it, so they come back', () => {
    const { records } = soundCollection();
    const missing = checkAndRecheck({ ...records, buriedSince: null });
    expect(missing.findings).toEqual([{ code: 'buried-marker-missing', cardId: 'pair::reverse' }]);
    expect(missing.repairs.buriedSince).toBe(20_460);

    expect(checkCollection({ ...records, buriedSince: 20_461 }, CONTEXT).repairs.buriedSince).toBe(20_460);
    expect(checkCollection({ ...records, buriedSince: 20_400 }, CONTEXT).findings).toEqual([]); // earlier: it comes back, only sooner
  });
});

describe('deck options', () => {
  it('makes a missing preset again with the default values the app already used for it', () => {
    const { records } = soundCollection();
    const check = checkAndRecheck({ ...records, deckOptions: [] });

    expect(check.findings).toEqual([{ code: 'deck-options-missing', deckId: 'main', optionsId: OWN_OPTIONS.id }]);
    expect(check.repairs.deckOptions).toEqual([{ ...DEFAULT_DECK_OPTIONS, id: OWN_OPTIONS.id, name: 'Deck main' }]);
  });
});

describe('countFindings', () => {
  it('counts each code once, in report order', () => {
    const { records, basicStudied } = soundCollection();
    const broken = {
      ...replace(records, { ...basicStudied.card, queue: CardQueue.Learning }),
      notes: records.notes.filter((stored) => stored.id !== 'fresh' && stored.id !== 'pair'),
    };
    expect(countFindings(checkAndRecheck(broken).findings)).toEqual([
      { code: 'card-without-note', count: 3 },
      { code: 'queue-does-not-fit-state', count: 1 },
    ]);
  });
});
