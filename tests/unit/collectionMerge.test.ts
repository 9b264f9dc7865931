// Merging another device's backup: logs combined by id, cards rebuilt by
// replaying their combined log, newer notes winning; merging twice changes
// nothing, and A into B gives the same cards and logs as B into A.
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, validateBackup, type BackupFileV4 } from '../../src/domain/backupFormat';
import { mergeCollections, recordedOutcomes, replayCardLog, type CollectionRecords } from '../../src/domain/collectionMerge';
import { seededUlid } from '../../src/domain/ids';
import { expandNote } from '../../src/domain/notes';
import { answerCard, answerFromPreview, createNewCardState, previewAnswers } from '../../src/domain/scheduler';
import {
  CardQueue,
  DEFAULT_DECK_OPTIONS,
  DEFAULT_SETTINGS,
  Rating,
  type CardRecord,
  type DeckRecord,
  type NoteContent,
  type NoteRecord,
  type RatingValue,
  type ReviewLogRecord,
} from '../../src/domain/types';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Tuesday 2026-03-10 12:00 UTC. */
const T0 = Date.UTC(2026, 2, 10, 12);
const TODAY = Math.floor(T0 / DAY);

type Log = ReviewLogRecord & { id: string };

const deck: DeckRecord = {
  id: 'd1',
  name: 'Deck one',
  description: '',
  isBuiltIn: false,
  optionsId: DEFAULT_DECK_OPTIONS.id,
  createdAt: T0 - 30 * DAY,
  updatedAt: T0 - 30 * DAY,
};

function note(id: string, position: number, content: NoteContent): NoteRecord {
  return {
    ...content,
    id,
    deckId: deck.id,
    sourceId: id,
    tags: [],
    origin: { kind: 'app' },
    position,
    createdAt: T0 - 30 * DAY,
    modifiedAt: T0 - 30 * DAY,
  };
}

/** A collection both devices started from: four notes (a reversible and a cloze among them), never studied. */
function baseCollection(): CollectionRecords {
  const notes = [
    note('n1', 0, { type: 'basic', front: 'One?', back: 'One.' }),
    note('n2', 1, { type: 'reversible', front: 'Two?', back: 'Two.' }),
    note('n3', 3, { type: 'basic', front: 'Three?', back: 'Three.' }),
    note('n4', 4, { type: 'cloze', text: '{{c1::Four}} and {{c2::five}}' }),
  ];
  const cards = notes.flatMap((n) => expandNote(n, n.position).map((content): CardRecord => ({ ...content, ...createNewCardState(T0 - 30 * DAY) })));
  return { decks: [deck], notes, cards, reviewLogs: [], deckOptions: [{ ...DEFAULT_DECK_OPTIONS }], settings: { ...DEFAULT_SETTINGS }, stories: [], recordings: [], media: [] };
}

/** A device's collection and the answers it gives, as the review screen gives them: previewed when shown, taken at the tap. */
class Device {
  private count = 0;

  constructor(
    readonly name: string,
    public collection: CollectionRecords = baseCollection(),
  ) {}

  answer(cardId: string, rating: RatingValue, nowMs: number, shownAt = nowMs - 5000): Log {
    const card = this.collection.cards.find((candidate) => candidate.id === cardId);
    if (!card) throw new Error(`no card ${cardId}`);
    const previews = previewAnswers(card, DEFAULT_DECK_OPTIONS, shownAt);
    const answered = answerFromPreview(previews[rating], { nowMs, durationMs: nowMs - shownAt, day: Math.floor(nowMs / DAY) });
    this.count += 1;
    const log: Log = { ...answered.log, id: seededUlid(nowMs, `${this.name}:${this.count}`) };
    this.collection = {
      ...this.collection,
      cards: this.collection.cards.map((candidate) => (candidate.id === cardId ? answered.card : candidate)),
      reviewLogs: [...this.collection.reviewLogs, log],
    };
    return log;
  }

  card(cardId: string): CardRecord {
    const card = this.collection.cards.find((candidate) => candidate.id === cardId);
    if (!card) throw new Error(`no card ${cardId}`);
    return card;
  }
}

const sortedById = <T extends { id: string }>(records: readonly T[]): T[] => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));

/** Two devices that each studied their own cards, and both studied `n1` (histories that interleave). */
function twoDevices(): { a: Device; b: Device } {
  const a = new Device('A');
  const b = new Device('B');
  a.answer('n1', Rating.Good, T0);
  a.answer('n2', Rating.Again, T0 + MINUTE);
  a.answer('n2', Rating.Good, T0 + 3 * MINUTE);
  b.answer('n1', Rating.Easy, T0 + 2 * MINUTE);
  b.answer('n3', Rating.Hard, T0 + 4 * MINUTE);
  b.answer('n4::c2', Rating.Good, T0 + 5 * MINUTE);
  a.answer('n1', Rating.Good, T0 + 2 * DAY);
  b.answer('n1', Rating.Again, T0 + 3 * DAY);
  return { a, b };
}

describe('replaying a card log', () => {
  it('gives the very card the answers gave, fuzz and all', () => {
    const start: CardRecord = { ...baseCollection().cards[0]!, ...createNewCardState(T0) };
    const ratings: RatingValue[] = [Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Good, Rating.Easy, Rating.Good, Rating.Again, Rating.Good];
    let card = start;
    let nowMs = T0;
    const logs: Log[] = [];
    for (const [index, rating] of ratings.entries()) {
      nowMs = Math.max(nowMs + MINUTE, card.due + (index % 3) * DAY);
      const answered = answerCard(card, rating, DEFAULT_DECK_OPTIONS, { nowMs, durationMs: 4000, day: Math.floor(nowMs / DAY) });
      card = answered.card;
      logs.push({ ...answered.log, id: seededUlid(nowMs, `log${index}`) });
    }
    expect(DEFAULT_DECK_OPTIONS.enableFuzz).toBe(true);
    expect(card.scheduledDays).toBeGreaterThan(2); // fuzz applies from here on

    const { queue: _queue, buriedDay: _buried, ...expected } = card;
    void _queue;
    void _buried;
    expect({ ...start, ...replayCardLog(start, logs, DEFAULT_DECK_OPTIONS) }).toEqual({ ...expected, queue: start.queue });
  });

  it('takes the outcome a device recorded when it was shown earlier than it was answered', () => {
    const b = new Device('B');
    // Shown at 23:59 UTC, answered at 00:03 UTC: the review screen scheduled from the moment it was shown.
    const firstDay = Date.UTC(2026, 2, 10, 23, 59);
    b.answer('n1', Rating.Good, firstDay + 4 * MINUTE, firstDay);
    const due = b.card('n1').due;
    b.answer('n1', Rating.Good, due + 20 * MINUTE, due + 10 * MINUTE);
    const reviewDue = b.card('n1').due;
    b.answer('n1', Rating.Hard, reviewDue + 2 * DAY - 3 * MINUTE, reviewDue + 2 * DAY - 4 * 60 * MINUTE);

    const onA = mergeCollections(new Device('A').collection, b.collection, { studyDay: TODAY });
    expect(onA.merged.cards.find((card) => card.id === 'n1')).toEqual(b.card('n1'));
    // Given again at the review times alone, the answers would schedule differently.
    expect(replayCardLog(b.card('n1'), b.collection.reviewLogs, DEFAULT_DECK_OPTIONS)).not.toEqual(replayCardLog(b.card('n1'), b.collection.reviewLogs, DEFAULT_DECK_OPTIONS, recordedOutcomes(b.collection.cards, b.collection.reviewLogs)));
  });
});

describe('mergeCollections', () => {
  it('combines the logs by id and rebuilds only the cards whose log grew', () => {
    const { a, b } = twoDevices();
    const { merged, changes, summary } = mergeCollections(a.collection, b.collection, { studyDay: TODAY });

    expect(merged.reviewLogs.map((log) => log.id).sort()).toEqual([...a.collection.reviewLogs, ...b.collection.reviewLogs].map((log) => log.id).sort());
    expect(summary).toEqual({
      decksAdded: 0,
      decksUpdated: 0,
      notesAdded: 0,
      notesUpdated: 0,
      cardsAdded: 0,
      cardsUpdated: 0,
      cardsRescheduled: 3,
      logsAdded: 4,
      presetsChanged: 0,
      storiesAdded: 0,
      storiesUpdated: 0,
      recordingsAdded: 0,
      mediaAdded: 0,
      mediaConflicts: 0,
      settingsTaken: false,
    });
    expect(changes.cards.map((card) => card.id).sort()).toEqual(['n1', 'n3', 'n4::c2']);
    expect(changes.rescheduledCardIds.sort()).toEqual(['n1', 'n3', 'n4::c2']);
    // Only B answered these: A now has B's cards exactly.
    expect(merged.cards.find((card) => card.id === 'n3')).toEqual(b.card('n3'));
    expect(merged.cards.find((card) => card.id === 'n4::c2')).toEqual(b.card('n4::c2'));
    // Only A answered n2: it stays as it was.
    expect(merged.cards.find((card) => card.id === 'n2')).toEqual(a.card('n2'));
    // n1 was answered on both: its four answers, in time order, from a new card.
    const n1 = merged.cards.find((card) => card.id === 'n1');
    expect(n1?.reps).toBe(4);
    expect(n1?.lastReview).toBe(T0 + 3 * DAY);
    expect(n1?.lapses).toBe(1);
  });

  it('changes nothing when merged twice', () => {
    const { a, b } = twoDevices();
    const first = mergeCollections(a.collection, b.collection, { studyDay: TODAY });
    expect(first.hasChanges).toBe(true);

    const second = mergeCollections(first.merged, b.collection, { studyDay: TODAY });
    expect(second.hasChanges).toBe(false);
    expect(second.changes.cards).toEqual([]);
    expect(second.summary).toEqual({ ...first.summary, cardsRescheduled: 0, logsAdded: 0 });
    expect(second.merged).toEqual(first.merged);
  });

  it('gives the same cards and logs merging A into B as B into A', () => {
    const { a, b } = twoDevices();
    const onA = mergeCollections(a.collection, b.collection, { studyDay: TODAY }).merged;
    const onB = mergeCollections(b.collection, a.collection, { studyDay: TODAY }).merged;

    expect(sortedById(onA.cards)).toEqual(sortedById(onB.cards));
    expect(sortedById(onA.reviewLogs)).toEqual(sortedById(onB.reviewLogs));
    expect(sortedById(onA.notes)).toEqual(sortedById(onB.notes));
    // And each side merging the other's result has nothing left to do.
    expect(mergeCollections(onA, onB, { studyDay: TODAY }).hasChanges).toBe(false);
    expect(mergeCollections(onB, onA, { studyDay: TODAY }).hasChanges).toBe(false);
  });

  it('takes the newer side of each note, and the cards follow their note', () => {
    const { a, b } = twoDevices();
    const edit = (device: Device, id: string, patch: Partial<NoteRecord>, at: number) => {
      device.collection = { ...device.collection, notes: device.collection.notes.map((n) => (n.id === id ? ({ ...n, ...patch, modifiedAt: at } as NoteRecord) : n)) };
    };
    edit(a, 'n1', { front: 'One (edited on A)?' }, T0 + DAY);
    edit(b, 'n1', { front: 'One (edited on B, earlier)?' }, T0 + 10 * MINUTE);
    edit(b, 'n3', { front: 'Three (edited on B)?' }, T0 + DAY);
    // The same text on both sides, stamped at different times: nothing to take.
    edit(b, 'n4', {}, T0 + 2 * DAY);
    b.collection = { ...b.collection, cards: b.collection.cards.map((card) => (card.id === 'n3' ? { ...card, front: 'Three (edited on B)?' } : card)) };
    a.collection = { ...a.collection, cards: a.collection.cards.map((card) => (card.id === 'n1' ? { ...card, front: 'One (edited on A)?' } : card)) };

    const { merged, summary } = mergeCollections(a.collection, b.collection, { studyDay: TODAY });
    const noteOf = (id: string) => merged.notes.find((n) => n.id === id) as NoteRecord & { front?: string };
    expect(noteOf('n1').front).toBe('One (edited on A)?');
    expect(noteOf('n3').front).toBe('Three (edited on B)?');
    expect(noteOf('n4').modifiedAt).toBe(T0 - 30 * DAY);
    expect(merged.cards.find((card) => card.id === 'n3')?.front).toBe('Three (edited on B)?');
    expect(merged.cards.find((card) => card.id === 'n1')?.front).toBe('One (edited on A)?');
    expect(summary.notesUpdated).toBe(1);
    expect(summary.cardsUpdated).toBe(1);

    const reverse = mergeCollections(b.collection, a.collection, { studyDay: TODAY }).merged;
    expect(sortedById(reverse.notes).map((n) => (n as { front?: string }).front)).toEqual(sortedById(merged.notes).map((n) => (n as { front?: string }).front));
    expect(sortedById(reverse.cards)).toEqual(sortedById(merged.cards));
  });

  it('adds decks, notes and cards only the other side has, with their history', () => {
    const a = new Device('A');
    const b = new Device('B');
    const extraDeck: DeckRecord = { ...deck, id: 'd2', name: 'Deck two', createdAt: T0, updatedAt: T0 };
    const extraNote: NoteRecord = { ...note('x1', 0, { type: 'basic', front: 'X?', back: 'X.' }), deckId: 'd2' };
    const [extraCard] = expandNote(extraNote, 0).map((content): CardRecord => ({ ...content, ...createNewCardState(T0) }));
    b.collection = { ...b.collection, decks: [...b.collection.decks, extraDeck], notes: [...b.collection.notes, extraNote], cards: [...b.collection.cards, extraCard!] };
    b.answer('x1', Rating.Good, T0 + MINUTE);

    const { merged, summary, changes } = mergeCollections(a.collection, b.collection, { studyDay: TODAY });
    expect(summary).toMatchObject({ decksAdded: 1, notesAdded: 1, cardsAdded: 1, logsAdded: 1, cardsRescheduled: 0 });
    expect(merged.cards.find((card) => card.id === 'x1')).toEqual(b.card('x1'));
    expect(changes.touchedDeckIds).toEqual(['d2']);
  });

  it('keeps a card retired on either side retired, and a card buried today on either side buried', () => {
    const { a, b } = twoDevices();
    a.collection = {
      ...a.collection,
      cards: a.collection.cards.map((card) =>
        card.id === 'n1' ? { ...card, queue: CardQueue.Retired } : card.id === 'n2::reverse' ? { ...card, queue: CardQueue.Buried, buriedDay: TODAY } : card,
      ),
    };
    b.collection = {
      ...b.collection,
      cards: b.collection.cards.map((card) =>
        card.id === 'n4::c1'
          ? { ...card, queue: CardQueue.Buried, buriedDay: TODAY }
          : // A burial from an earlier day is over.
            card.id === 'n2'
            ? { ...card, queue: CardQueue.Buried, buriedDay: TODAY - 1 }
            : card,
      ),
    };

    for (const [mine, theirs] of [
      [a, b],
      [b, a],
    ] as const) {
      const cards = mergeCollections(mine.collection, theirs.collection, { studyDay: TODAY }).merged.cards;
      const queueOf = (id: string) => cards.find((card) => card.id === id)?.queue;
      expect(queueOf('n1')).toBe(CardQueue.Retired);
      expect(queueOf('n2::reverse')).toBe(CardQueue.Buried);
      expect(queueOf('n4::c1')).toBe(CardQueue.Buried);
      expect(queueOf('n2')).toBe(CardQueue.Learning);
      // Rebuilt from B's answers: the queue of its state.
      expect(queueOf('n3')).toBe(CardQueue.Learning);
    }
  });

  it('takes the study settings of the side that answered last, and keeps this device its own preferences', () => {
    const { a, b } = twoDevices();
    a.collection = { ...a.collection, settings: { ...a.collection.settings, dayStartHour: 6, theme: 'dark', lastBackupAt: T0 } };
    b.collection = {
      ...b.collection,
      settings: { ...b.collection.settings, dayStartHour: 3, learnAheadMinutes: 5, theme: 'light', language: 'ru', lastBackupAt: T0 + DAY },
      deckOptions: [{ ...DEFAULT_DECK_OPTIONS, newPerDay: 7 }],
    };

    // B answered last (day 3).
    const onA = mergeCollections(a.collection, b.collection, { studyDay: TODAY });
    expect(onA.summary.settingsTaken).toBe(true);
    expect(onA.summary.presetsChanged).toBe(1);
    expect(onA.merged.settings).toEqual({ ...a.collection.settings, dayStartHour: 3, learnAheadMinutes: 5 });
    expect(onA.merged.deckOptions).toEqual([{ ...DEFAULT_DECK_OPTIONS, newPerDay: 7 }]);

    const onB = mergeCollections(b.collection, a.collection, { studyDay: TODAY });
    expect(onB.summary.settingsTaken).toBe(false);
    expect(onB.merged.settings).toEqual(b.collection.settings);
    expect(onB.merged.deckOptions).toEqual(onA.merged.deckOptions);
  });

  it('merges a version-1 backup into a version-2 collection', () => {
    /** A version-1 backup of one device: cards without ordinals, numbered logs. */
    const v1Backup = (answers: number) => {
      const cards = baseCollection()
        .cards.filter((card) => card.template !== 'cloze')
        .map(({ ordinal: _ordinal, ...card }) => {
          void _ordinal;
          return card;
        });
      const logs: object[] = [];
      let q1 = cards.find((card) => card.id === 'n1') as CardRecord;
      for (let n = 1; n <= answers; n += 1) {
        const nowMs = Math.max(T0 + n * MINUTE, q1.due);
        const answered = answerCard({ ...q1, ordinal: 0 }, Rating.Good, DEFAULT_DECK_OPTIONS, { nowMs, durationMs: 3000, day: Math.floor(nowMs / DAY) });
        const { noteId: _noteId, id: _id, ...log } = answered.log;
        void _noteId;
        void _id;
        logs.push({ ...log, id: n });
        q1 = answered.card;
      }
      const { ordinal: _o, ...q1v1 } = q1;
      void _o;
      return {
        format: BACKUP_FORMAT,
        version: 1,
        exportedAt: T0 + DAY,
        appVersion: '0.1.0',
        decks: [deck],
        cards: cards.map((card) => (card.id === 'n1' ? q1v1 : card)),
        reviewLogs: logs,
        deckOptions: [DEFAULT_DECK_OPTIONS],
        settings: DEFAULT_SETTINGS,
      };
    };
    const read = (file: unknown): BackupFileV4 => {
      const result = validateBackup(JSON.parse(JSON.stringify(file)));
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.backup;
    };
    // This device was upgraded after one answer; the other device's version-1 file has three.
    const local = read(v1Backup(1));
    const incoming = read(v1Backup(3));

    const { merged, summary } = mergeCollections(local, incoming, { studyDay: TODAY });
    expect(summary).toMatchObject({ notesAdded: 0, notesUpdated: 0, cardsAdded: 0, logsAdded: 2, cardsRescheduled: 1 });
    expect(merged.reviewLogs).toHaveLength(3);
    expect(merged.cards.find((card) => card.id === 'n1')).toEqual(incoming.cards.find((card) => card.id === 'n1'));
    expect(merged.notes).toEqual(local.notes);
    expect(mergeCollections(merged, incoming, { studyDay: TODAY }).hasChanges).toBe(false);
  });
});
