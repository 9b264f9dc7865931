// validateBackup refuses what the app or the scheduler cannot use, with a
// code naming the record and field, and still restores older files.
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, validateBackup, type BackupProblem } from '../../src/domain/backupFormat';
import type { CardRecordV1 } from '../../src/domain/notes';
import { createNewCardState, toSnapshot } from '../../src/domain/cardState';
import {
  CardQueue,
  CardState,
  DEFAULT_DECK_OPTIONS,
  DEFAULT_SETTINGS,
  type DeckOptions,
  type DeckRecord,
  type ReviewLogRecord,
} from '../../src/domain/types';

const T0 = Date.UTC(2026, 2, 10, 12);
const DAY = 86_400_000;

const deck: DeckRecord = {
  id: 'd1',
  name: 'Deck one',
  description: '',
  isBuiltIn: false,
  optionsId: 'deck:d1',
  createdAt: T0 - 10 * DAY,
  updatedAt: T0 - 10 * DAY,
};

const content = (id: string, position: number) => ({
  id,
  noteId: id.split('::')[0] ?? id,
  deckId: 'd1',
  template: 'basic' as const,
  front: `Front ${id}`,
  back: `Back ${id}`,
  tags: [],
  position,
});

const newCard: CardRecordV1 = { ...content('n1', 0), ...createNewCardState(T0 - 10 * DAY) };

const learningCard: CardRecordV1 = {
  ...content('l1', 1),
  due: T0 + 10 * 60_000,
  stability: 2.3,
  difficulty: 6.4,
  elapsedDays: 0,
  scheduledDays: 0,
  learningSteps: 1,
  reps: 1,
  lapses: 0,
  state: CardState.Learning,
  lastReview: T0,
  queue: CardQueue.Learning,
};

const buriedCard: CardRecordV1 = { ...newCard, ...content('l1::reverse', 2), template: 'reverse', queue: CardQueue.Buried, buriedDay: 20522 };

/** A version-1 log: numbered, without its note. */
const log: Omit<ReviewLogRecord, 'id' | 'noteId'> & { id?: number } = {
  id: 1,
  cardId: 'l1',
  deckId: 'd1',
  rating: 3,
  state: CardState.New,
  due: T0 - 10 * DAY,
  stability: 0,
  difficulty: 0,
  elapsedDays: 0,
  lastElapsedDays: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reviewTime: T0,
  durationMs: 4200,
  day: 20522,
  // The card's scheduling fields before the answer (it was new).
  before: toSnapshot({ ...newCard, ordinal: 0 }),
  buriedSiblings: ['l1::reverse'],
};

const ownOptions: DeckOptions = { ...DEFAULT_DECK_OPTIONS, id: 'deck:d1', name: 'Deck one', burySiblings: false };

const backup = {
  format: BACKUP_FORMAT,
  version: 1,
  exportedAt: T0 + DAY,
  appVersion: '0.1.0',
  decks: [deck],
  cards: [newCard, learningCard, buriedCard],
  reviewLogs: [log],
  deckOptions: [DEFAULT_DECK_OPTIONS, ownOptions],
  settings: { ...DEFAULT_SETTINGS, learnAheadMinutes: 15 },
};

type Backup = typeof backup;

function problemsOf(change: (copy: Backup) => void): BackupProblem[] {
  const copy = structuredClone(backup);
  change(copy);
  const result = validateBackup(JSON.parse(JSON.stringify(copy)));
  return result.ok ? [] : result.problems;
}

/** Sets a field on a copy without the record's type getting in the way. */
function set(record: object, field: string, value: unknown): void {
  (record as Record<string, unknown>)[field] = value;
}

const card1 = { record: 'card', index: 1, id: 'l1' } as const;
const review0 = { record: 'review', index: 0, id: '1' } as const;

it('accepts a version-1 backup with new, learning and buried cards, a review and two presets, read into version 4', () => {
  const result = validateBackup(JSON.parse(JSON.stringify(backup)));
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const { version: _version, reviewLogs: _logs, cards: _cards, decks: _decks, ...same } = backup;
  void [_version, _logs, _cards, _decks];
  expect(result.backup).toMatchObject({ ...same, version: 4, stories: [], recordings: [], media: [] });
  // Every card kept as it was, with its place in its note; a reverse card without its forward card (a basic one here)
  // becomes the one (basic) card of a basic note of its own, which keeps the card's id as its cards' id base.
  const stray = (card: CardRecordV1) => card.id === 'l1::reverse';
  expect(result.backup.cards).toEqual(backup.cards.map((card) => (stray(card) ? { ...card, noteId: 'l1--reverse', template: 'basic', ordinal: 0 } : { ...card, ordinal: 0 })));
  expect(result.backup.notes.map((note) => note.id).sort()).toEqual([...new Set(backup.cards.map((card) => (stray(card) ? 'l1--reverse' : card.noteId)))].sort());
  expect(result.backup.notes.find((note) => note.id === 'l1--reverse')?.cardIdBase).toBe('l1::reverse');
  expect(result.backup.reviewLogs.map(({ id: _id, noteId: _noteId, ...rest }) => rest)).toEqual(backup.reviewLogs.map(({ id: _id, ...rest }) => rest));
});

describe('older files', () => {
  it('validates a backup written before sibling burying and the learn-ahead limit, filling in the defaults', () => {
    const old = structuredClone(backup) as Record<string, unknown>;
    const withoutBury = (options: DeckOptions) => {
      const copy: Partial<DeckOptions> = { ...options };
      delete copy.burySiblings;
      return copy;
    };
    old.deckOptions = [withoutBury(DEFAULT_DECK_OPTIONS), withoutBury({ ...ownOptions, newPerDay: 7 })];
    const settings: Partial<typeof DEFAULT_SETTINGS> = { ...DEFAULT_SETTINGS, theme: 'dark' };
    delete settings.learnAheadMinutes;
    old.settings = settings;
    old.cards = [newCard, learningCard];
    const oldLog: Partial<typeof log> = { ...log };
    delete oldLog.buriedSiblings;
    old.reviewLogs = [oldLog];

    const result = validateBackup(JSON.parse(JSON.stringify(old)));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.backup.deckOptions).toEqual([
      { ...DEFAULT_DECK_OPTIONS, burySiblings: true },
      { ...ownOptions, newPerDay: 7, burySiblings: true },
    ]);
    expect(result.backup.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', learnAheadMinutes: 20 });
  });
});

describe('the records point at each other', () => {
  it('refuses review logs with the same id', () => {
    const problems = problemsOf((b) => {
      b.reviewLogs = [log, { ...log, reviewTime: T0 + 1 }, { ...log, reviewTime: T0 + 2 }, { ...log, reviewTime: T0 + 3 }];
    });
    expect(problems).toEqual([
      { code: 'duplicate-id', record: 'review', index: 1, id: '1' },
      { code: 'duplicate-id', record: 'review', index: 2, id: '1' },
      { code: 'duplicate-id', record: 'review', index: 3, id: '1' },
    ]);
  });

  it('refuses a review whose card is not in the backup', () => {
    expect(problemsOf((b) => (b.reviewLogs = [{ ...log, cardId: 'gone' }]))).toEqual([
      { code: 'missing-reference', ...review0, target: 'card', targetId: 'gone' },
    ]);
  });

  it('refuses a card whose deck, and a deck whose preset, is not in the backup', () => {
    expect(
      problemsOf((b) => {
        b.deckOptions = [DEFAULT_DECK_OPTIONS];
        b.cards = [newCard, { ...learningCard, deckId: 'other' }, buriedCard];
      }),
    ).toEqual([
      { code: 'missing-reference', record: 'deck', index: 0, id: 'd1', target: 'options', targetId: 'deck:d1' },
      { code: 'missing-reference', ...card1, target: 'deck', targetId: 'other' },
    ]);
  });

  it.each([0, -1, 1.5, '7'])('refuses a review id of %j (ids are positive whole numbers)', (id) => {
    const problems = problemsOf((b) => set(b.reviewLogs[0] as object, 'id', id));
    expect(problems).toEqual([{ code: 'field', record: 'review', index: 0, field: 'id', expected: 'positive-whole', found: JSON.stringify(id) }]);
  });

  it('accepts reviews without ids (storage numbers them)', () => {
    expect(problemsOf((b) => (b.reviewLogs = [{ ...log, id: undefined }, { ...log, id: undefined }]))).toEqual([]);
  });
});

describe('FSRS values the scheduler refuses', () => {
  it('refuses a learning card with difficulty 0', () => {
    expect(problemsOf((b) => (b.cards[1]!.difficulty = 0))).toEqual([
      { code: 'field', ...card1, field: 'difficulty', expected: 'difficulty-range', found: '0' },
    ]);
  });

  it('refuses a negative stability, on a card and in a review’s snapshot', () => {
    expect(
      problemsOf((b) => {
        b.cards[1]!.stability = -1;
        b.reviewLogs[0]!.before.stability = -0.5;
      }),
    ).toEqual([
      { code: 'field', ...card1, field: 'stability', expected: 'stability-positive', found: '-1' },
      { code: 'field', ...review0, field: 'before.stability', expected: 'non-negative', found: '-0.5' },
    ]);
  });

  it('refuses fractional reps and more lapses than reps', () => {
    expect(problemsOf((b) => (b.cards[1]!.reps = 1.5))).toEqual([{ code: 'field', ...card1, field: 'reps', expected: 'whole', found: '1.5' }]);
    expect(problemsOf((b) => (b.cards[1]!.lapses = 2))).toEqual([{ code: 'lapses-over-reps', ...card1, field: 'lapses', lapses: 2, reps: 1 }]);
  });

  it.each([-1, 1.5, Date.UTC(10000, 0, 1), 1e300])('refuses the date %d', (date) => {
    expect(problemsOf((b) => (b.cards[1]!.due = date))).toEqual([{ code: 'field', ...card1, field: 'due', expected: 'date', found: String(date) }]);
  });

  it('accepts the first and last moments of the valid range', () => {
    expect(problemsOf((b) => (b.cards[1]!.lastReview = 0))).toEqual([]);
    expect(problemsOf((b) => (b.cards[1]!.due = Date.UTC(9999, 11, 31, 23, 59, 59, 999)))).toEqual([]);
  });

  it('checks the other dates too: reviews, decks, the file and the settings', () => {
    expect(
      problemsOf((b) => {
        b.exportedAt = -5;
        b.decks[0]!.updatedAt = 1.25;
        b.reviewLogs[0]!.reviewTime = Date.UTC(10000, 0, 1);
        b.settings.lastBackupAt = -1;
      }),
    ).toEqual([
      { code: 'field', record: 'file', field: 'exportedAt', expected: 'date', found: '-5' },
      { code: 'field', record: 'deck', index: 0, id: 'd1', field: 'updatedAt', expected: 'date', found: '1.25' },
      { code: 'field', ...review0, field: 'reviewTime', expected: 'date', found: String(Date.UTC(10000, 0, 1)) },
      { code: 'field', record: 'settings', field: 'lastBackupAt', expected: 'date-or-null', found: '-1' },
    ]);
  });

  it('refuses a queue that does not fit the state', () => {
    expect(problemsOf((b) => (b.cards[1]!.queue = CardQueue.Review))).toEqual([
      { code: 'queue-state', ...card1, field: 'queue', queue: CardQueue.Review, state: CardState.Learning },
    ]);
    expect(problemsOf((b) => (b.reviewLogs[0]!.before.queue = CardQueue.Learning))).toEqual([
      { code: 'queue-state', ...review0, field: 'before.queue', queue: CardQueue.Learning, state: CardState.New },
    ]);
  });

  it('lets any state be retired or buried', () => {
    expect(problemsOf((b) => (b.cards[1]!.queue = CardQueue.Retired))).toEqual([]);
    expect(problemsOf((b) => Object.assign(b.cards[1]!, { queue: CardQueue.Buried, buriedDay: 20522 }))).toEqual([]);
  });

  it('refuses buriedDay on a card that is not buried, and a buriedDay that is not a whole number', () => {
    expect(problemsOf((b) => (b.cards[1]!.buriedDay = 20522))).toEqual([
      { code: 'buried-day-not-buried', ...card1, queue: CardQueue.Learning },
    ]);
    expect(problemsOf((b) => (b.cards[2]!.buriedDay = 1.5))).toEqual([
      { code: 'field', record: 'card', index: 2, id: 'l1::reverse', field: 'buriedDay', expected: 'whole', found: '1.5' },
    ]);
  });

  it('refuses a bad rating, a negative duration and buried siblings that are not ids', () => {
    expect(
      problemsOf((b) => {
        set(b.reviewLogs[0]!, 'rating', 5);
        b.reviewLogs[0]!.durationMs = -1;
        set(b.reviewLogs[0]!, 'buriedSiblings', ['ok', 3]);
      }),
    ).toEqual([
      { code: 'field', ...review0, field: 'rating', expected: 'rating', found: '5' },
      { code: 'field', ...review0, field: 'durationMs', expected: 'non-negative', found: '-1' },
      { code: 'field', ...review0, field: 'buriedSiblings', expected: 'id-list', found: '[…]' },
    ]);
  });
});

describe('option presets and settings', () => {
  const own = { record: 'options', index: 1, id: 'deck:d1' } as const;

  it('refuses learning steps the scheduler cannot read or out of range; accepts steps out of order (older versions saved them)', () => {
    expect(problemsOf((b) => (b.deckOptions[1]!.learningSteps = ['bogus']))).toEqual([
      { code: 'steps', ...own, field: 'learningSteps', problem: { code: 'step-format', step: 'bogus' } },
    ]);
    expect(problemsOf((b) => (b.deckOptions[1]!.relearningSteps = ['99999d']))).toEqual([
      { code: 'steps', ...own, field: 'relearningSteps', problem: { code: 'step-range', step: '99999d' } },
    ]);
    expect(problemsOf((b) => (b.deckOptions[1]!.learningSteps = ['1h', '10m']))).toEqual([]);
  });

  it('accepts empty step lists', () => {
    expect(problemsOf((b) => Object.assign(b.deckOptions[1]!, { learningSteps: [], relearningSteps: [] }))).toEqual([]);
  });

  it('refuses limits, retention and intervals out of range, and unknown keys', () => {
    expect(
      problemsOf((b) => {
        Object.assign(b.deckOptions[1]!, { newPerDay: 10000, reviewsPerDay: 2.5, desiredRetention: 0.5, maximumInterval: 0, burySiblings: 'yes', colour: 'red' });
      }),
    ).toEqual([
      { code: 'unknown-field', ...own, field: 'colour' },
      { code: 'field', ...own, field: 'newPerDay', expected: 'whole-range', min: 0, max: 9999, found: '10000' },
      { code: 'field', ...own, field: 'reviewsPerDay', expected: 'whole-range', min: 0, max: 99999, found: '2.5' },
      { code: 'field', ...own, field: 'desiredRetention', expected: 'range', min: 0.7, max: 0.99, found: '0.5' },
      { code: 'field', ...own, field: 'maximumInterval', expected: 'whole-range', min: 1, max: 36500, found: '0' },
      { code: 'field', ...own, field: 'burySiblings', expected: 'boolean', found: '"yes"' },
    ]);
  });

  it('refuses a settings key the app does not have, and a learn-ahead limit out of range', () => {
    expect(
      problemsOf((b) => {
        set(b.settings, 'fontSize', 14);
        b.settings.learnAheadMinutes = 121;
      }),
    ).toEqual([
      { code: 'unknown-field', record: 'settings', field: 'fontSize' },
      { code: 'field', record: 'settings', field: 'learnAheadMinutes', expected: 'whole-range', min: 0, max: 120, found: '121' },
    ]);
  });

  it('refuses a file that is not an object, and settings that are not one', () => {
    expect(validateBackup([])).toEqual({ ok: false, problems: [{ code: 'not-object', record: 'file' }] });
    expect(problemsOf((b) => set(b, 'settings', 'dark'))).toEqual([{ code: 'not-object', record: 'settings', found: '"dark"' }]);
  });
});

describe('leeches', () => {
  const own = { record: 'options', index: 1, id: 'deck:d1' } as const;

  it('reads a preset written before leeches with the default threshold (8)', () => {
    const old = structuredClone(backup) as Record<string, unknown>;
    const withoutThreshold = (options: DeckOptions) => {
      const copy: Partial<DeckOptions> = { ...options };
      delete copy.leechThreshold;
      return copy;
    };
    old.deckOptions = [withoutThreshold(DEFAULT_DECK_OPTIONS), withoutThreshold({ ...ownOptions, newPerDay: 7 })];

    const result = validateBackup(JSON.parse(JSON.stringify(old)));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.backup.deckOptions.map((options) => options.leechThreshold)).toEqual([8, 8]);
  });

  it('accepts a threshold from 0 (off) to 99 and refuses others', () => {
    expect(problemsOf((b) => (b.deckOptions[1]!.leechThreshold = 0))).toEqual([]);
    expect(problemsOf((b) => (b.deckOptions[1]!.leechThreshold = 99))).toEqual([]);
    expect(problemsOf((b) => (b.deckOptions[1]!.leechThreshold = 100))).toEqual([
      { code: 'field', ...own, field: 'leechThreshold', expected: 'whole-range', min: 0, max: 99, found: '100' },
    ]);
    expect(problemsOf((b) => (b.deckOptions[1]!.leechThreshold = 2.5))).toEqual([
      { code: 'field', ...own, field: 'leechThreshold', expected: 'whole-range', min: 0, max: 99, found: '2.5' },
    ]);
  });

  it('accepts a log that made its card a leech (and tagged its note), and refuses flags that are not booleans', () => {
    expect(problemsOf((b) => Object.assign(b.reviewLogs[0]!, { becameLeech: true, addedLeechTag: true }))).toEqual([]);
    expect(problemsOf((b) => set(b.reviewLogs[0]!, 'becameLeech', 'yes'))).toEqual([
      { code: 'field', ...review0, field: 'becameLeech', expected: 'boolean', found: '"yes"' },
    ]);
  });
});

describe('the optimizer’s parameters', () => {
  const own = { record: 'options', index: 1, id: 'deck:d1' } as const;
  const weights = [0.5, 1.4, 3.1, 9.2, 6.1, 0.7, 2.9, 0.01, 1.8, 0.2, 0.8, 1.5, 0.06, 0.27, 1.6, 0.6, 1.9, 0.5, 0.09, 0.07, 0.15];

  it('keeps a preset’s parameters, the previous ones (or null for the defaults) and when it was optimized', () => {
    const copy = structuredClone(backup);
    Object.assign(copy.deckOptions[1]!, { fsrsWeights: weights, previousFsrsWeights: null, optimizedAt: T0, reviewsAtOptimize: 1234 });
    Object.assign(copy.deckOptions[0]!, { fsrsWeights: weights, previousFsrsWeights: [...weights].reverse() });
    const result = validateBackup(JSON.parse(JSON.stringify(copy)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.backup.deckOptions[1]).toMatchObject({ fsrsWeights: weights, previousFsrsWeights: null, optimizedAt: T0, reviewsAtOptimize: 1234 });
    expect(result.backup.deckOptions[0]?.previousFsrsWeights).toEqual([...weights].reverse());
  });

  it('refuses parameters that are not 21 numbers from 0 to 100, and a bad time or count', () => {
    expect(problemsOf((b) => set(b.deckOptions[1]!, 'fsrsWeights', weights.slice(0, 19)))).toEqual([
      { code: 'field', ...own, field: 'fsrsWeights.length', expected: 'whole-range', min: 21, max: 21, found: '19' },
    ]);
    expect(problemsOf((b) => set(b.deckOptions[1]!, 'previousFsrsWeights', weights.map((w, i) => (i === 3 ? 'x' : i === 20 ? -1 : w))))).toEqual([
      { code: 'field', ...own, field: 'previousFsrsWeights.3', expected: 'range', min: 0, max: 100, found: '"x"' },
      { code: 'field', ...own, field: 'previousFsrsWeights.20', expected: 'range', min: 0, max: 100, found: '-1' },
    ]);
    expect(problemsOf((b) => set(b.deckOptions[1]!, 'fsrsWeights', null))).toEqual([
      { code: 'field', ...own, field: 'fsrsWeights', expected: 'list', found: 'null' },
    ]);
    expect(problemsOf((b) => Object.assign(b.deckOptions[1]!, { optimizedAt: -1, reviewsAtOptimize: 1.5 }))).toEqual([
      { code: 'field', ...own, field: 'optimizedAt', expected: 'date', found: '-1' },
      { code: 'field', ...own, field: 'reviewsAtOptimize', expected: 'whole', found: '1.5' },
    ]);
  });
});
