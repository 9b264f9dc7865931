// A package's review history brought in as review logs (domain/importHistory.ts):
// each imported answer given again through the scheduler at its time, with
// deterministic ids, so importing twice adds nothing and a card's own answers
// here are replayed with the imported ones in time order.
import { describe, expect, it } from 'vitest';
import { recordedOutcomes, replayCardLog } from '../../src/domain/collectionMerge';
import { seededUlid } from '../../src/domain/ids';
import { importedLogId, replayImportedAnswers, type StoredLog } from '../../src/domain/importHistory';
import type { ImportedReview } from '../../src/domain/importers/types';
import { answerCard, answerFromPreview, createNewCardState, previewAnswers } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, Rating, type CardRecord, type RatingValue } from '../../src/domain/types';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Monday 2026-03-02 15:00 UTC. */
const T0 = Date.UTC(2026, 2, 2, 15);
const NOW = T0 + 60 * DAY;
const ZONE = 'America/New_York';
const CONTEXT = { nowMs: NOW, dayStartHour: 4, timeZone: ZONE };
/** The defaults, fuzz on: the fuzz is seeded by the card, so the replay gives the same intervals. */
const OPTIONS = DEFAULT_DECK_OPTIONS;

function newCard(id = 'anki-note-1'): CardRecord {
  return {
    id,
    noteId: id,
    deckId: 'deck',
    template: 'basic',
    ordinal: 0,
    front: 'Q?',
    back: 'A.',
    tags: [],
    position: 0,
    ...createNewCardState(T0 - 10 * DAY),
  };
}

function review(reviewTime: number, rating: RatingValue, durationMs = 4000): ImportedReview {
  return { sourceId: String(reviewTime), reviewTime, rating, durationMs };
}

/** The card and logs answering it directly gives, each answer at its time. */
function answeredDirectly(card: CardRecord, reviews: readonly ImportedReview[]): { card: CardRecord; logs: StoredLog[] } {
  let current = card;
  const logs: StoredLog[] = [];
  for (const answer of reviews) {
    const day = studyDayOf(answer.reviewTime, CONTEXT.dayStartHour, ZONE);
    const answered = answerCard(current, answer.rating, OPTIONS, { nowMs: answer.reviewTime, durationMs: answer.durationMs, day });
    current = answered.card;
    logs.push({ ...answered.log, id: importedLogId(card.id, answer) });
  }
  return { card: current, logs };
}

/** An answer given here as the review screen gives it: previewed when shown, taken at the tap. */
function answeredHere(card: CardRecord, rating: RatingValue, nowMs: number, name: string): { card: CardRecord; log: StoredLog } {
  const shownAt = nowMs - 8000;
  const answered = answerFromPreview(previewAnswers(card, OPTIONS, shownAt)[rating], { nowMs, durationMs: 8000, day: studyDayOf(nowMs, 4, ZONE) });
  return { card: answered.card, log: { ...answered.log, id: seededUlid(nowMs, name) } };
}

/** Good, Good, Again, Good over four days. */
const HISTORY: ImportedReview[] = [
  review(T0, Rating.Good),
  review(T0 + 10 * MINUTE, Rating.Good),
  review(T0 + 3 * DAY, Rating.Again),
  review(T0 + 3 * DAY + 10 * MINUTE, Rating.Good),
];

function replayed(card: CardRecord, existing: readonly StoredLog[], imported: readonly ImportedReview[]) {
  const result = replayImportedAnswers(card, existing, imported, OPTIONS, CONTEXT);
  if (!result) throw new Error('nothing was replayed');
  return result;
}

describe('imported answers on a new card', () => {
  it('end in the state answering the card directly gives, with the same logs', () => {
    const card = newCard();
    const direct = answeredDirectly(card, HISTORY);
    const { card: imported, added, updated } = replayed(card, [], HISTORY);

    expect(imported).toEqual(direct.card);
    expect(imported.state).toBe(CardState.Review);
    expect(imported.reps).toBe(4);
    expect(imported.lapses).toBe(1);
    expect(imported.queue).toBe(CardQueue.Review);
    expect(added).toEqual(direct.logs);
    expect(added.map((log) => log.rating)).toEqual([Rating.Good, Rating.Good, Rating.Again, Rating.Good]);
    expect(added.map((log) => log.durationMs)).toEqual([4000, 4000, 4000, 4000]);
    expect(added[0]?.state).toBe(CardState.New);
    expect(added[0]?.before).toEqual({ ...createNewCardState(T0 - 10 * DAY) });
    expect(updated).toEqual([]);
  });

  it('give each answer an id seeded by the card and the answer, the same on every import', () => {
    const card = newCard();
    const first = replayed(card, [], HISTORY).added.map((log) => log.id);
    const again = replayed(card, [], [...HISTORY].reverse()).added.map((log) => log.id);
    expect(first).toEqual(HISTORY.map((answer) => seededUlid(answer.reviewTime, `anki-revlog|${card.id}|${answer.sourceId}`)));
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(4);
    // Another card's answer with the same source id is another log.
    expect(replayed(newCard('anki-note-2'), [], HISTORY).added[0]?.id).not.toBe(first[0]);
  });

  it('add nothing when the same answers are imported again', () => {
    const { card, added } = replayed(newCard(), [], HISTORY);
    expect(replayImportedAnswers(card, added, HISTORY, OPTIONS, CONTEXT)).toBeNull();
    // Stored logs come back in any order.
    expect(replayImportedAnswers(card, [...added].reverse(), HISTORY.slice(1), OPTIONS, CONTEXT)).toBeNull();
  });

  it('add only the answer a newer package has more', () => {
    const { card, added } = replayed(newCard(), [], HISTORY);
    const newer = [...HISTORY, review(T0 + 20 * DAY, Rating.Hard)];
    const second = replayed(card, added, newer);
    expect(second.added).toHaveLength(1);
    expect(second.added[0]?.rating).toBe(Rating.Hard);
    expect(second.added[0]?.id).toBe(importedLogId(card.id, newer[4]!));
    expect(second.updated).toEqual([]);
    expect(second.card).toEqual(answeredDirectly(newCard(), newer).card);
  });

  it('leave out answers after now and ratings outside 1-4', () => {
    const card = newCard();
    const odd = [
      ...HISTORY,
      { ...review(T0 + 4 * DAY, Rating.Good), rating: 0 as RatingValue },
      { ...review(T0 + 5 * DAY, Rating.Good), rating: 5 as RatingValue },
      review(NOW + MINUTE, Rating.Easy),
    ];
    const { card: imported, added } = replayed(card, [], odd);
    expect(added).toHaveLength(4);
    expect(imported).toEqual(answeredDirectly(card, HISTORY).card);
    expect(replayImportedAnswers(card, [], [review(NOW + MINUTE, Rating.Good)], OPTIONS, CONTEXT)).toBeNull();
    expect(replayImportedAnswers(card, [], [], OPTIONS, CONTEXT)).toBeNull();
  });

  it('keep a suspended or buried card where it is, its state following the answers', () => {
    const direct = answeredDirectly(newCard(), HISTORY).card;
    const suspended = replayed({ ...newCard(), queue: CardQueue.Suspended }, [], HISTORY).card;
    expect(suspended).toEqual({ ...direct, queue: CardQueue.Suspended });
    const buried = replayed({ ...newCard(), queue: CardQueue.Buried, buriedDay: 20_600 }, [], HISTORY).card;
    expect(buried).toEqual({ ...direct, queue: CardQueue.Buried, buriedDay: 20_600 });
  });
});

describe('imported answers and the card own answers here', () => {
  it('replay the combined log when an imported answer comes before one given here', () => {
    // Studied here from new on day 3; the package has answers on days 0, 1 and 5.
    const start = newCard();
    const own = answeredHere(start, Rating.Good, T0 + 3 * DAY, 'own-1');
    const imported = [review(T0, Rating.Good), review(T0 + DAY, Rating.Good), review(T0 + 5 * DAY, Rating.Again)];
    const result = replayed(own.card, [own.log], imported);

    const combined = [imported[0]!, imported[1]!, { ...review(own.log.reviewTime, Rating.Good, 8000), sourceId: 'own' }, imported[2]!];
    const direct = answeredDirectly(start, combined);
    expect(result.card).toEqual(direct.card);
    expect(result.card.reps).toBe(4);
    expect(result.added.map((log) => log.id)).toEqual(imported.map((answer) => importedLogId(start.id, answer)));
    // The answer given here is no longer a new card's first answer: its log says so, and keeps what it was.
    expect(result.updated).toHaveLength(1);
    const rewritten = result.updated[0]!;
    expect(rewritten).toEqual({ ...direct.logs[2]!, id: own.log.id, day: own.log.day });
    expect(rewritten.state).not.toBe(CardState.New);
    expect(rewritten.before.reps).toBe(2);
    // As a merge replays it.
    const logs = [...result.added, rewritten].sort((a, b) => a.reviewTime - b.reviewTime);
    expect({ ...start, ...replayCardLog(start, logs, OPTIONS), queue: result.card.queue }).toEqual(result.card);
    // And once in, nothing more.
    expect(replayImportedAnswers(result.card, logs, imported, OPTIONS, CONTEXT)).toBeNull();
  });

  it('keep the outcomes recorded here of the answers before the first imported one', () => {
    // Studied here: the third answer shown at 23:59 UTC and given at 00:03, so the screen scheduled it
    // from the day before (a replay at the tap would give another interval); the package has one answer
    // between the third and the fourth.
    const start = newCard();
    const a1 = answeredHere(start, Rating.Good, T0, 'own-1');
    const a2 = answeredHere(a1.card, Rating.Good, T0 + 10 * MINUTE, 'own-2');
    const shownAt = Date.UTC(2026, 2, 5, 23, 59);
    const a3at = shownAt + 4 * MINUTE;
    const shown = answerFromPreview(previewAnswers(a2.card, OPTIONS, shownAt)[Rating.Good], { nowMs: a3at, durationMs: 4 * MINUTE, day: studyDayOf(a3at, 4, ZONE) });
    const a3 = { card: shown.card, log: { ...shown.log, id: seededUlid(a3at, 'own-3') } };
    const a4 = answeredHere(a3.card, Rating.Good, T0 + 20 * DAY, 'own-4');
    const ownLogs = [a4.log, a2.log, a3.log, a1.log];
    const imported = [review(T0 + 10 * DAY, Rating.Hard)];
    const result = replayed(a4.card, ownLogs, imported);

    const importedDay = studyDayOf(T0 + 10 * DAY, 4, ZONE);
    const afterImported = answerCard(a3.card, Rating.Hard, OPTIONS, { nowMs: T0 + 10 * DAY, durationMs: 4000, day: importedDay });
    const afterOwn = answerCard(afterImported.card, Rating.Good, OPTIONS, { nowMs: a4.log.reviewTime, durationMs: 8000, day: a4.log.day });
    expect(result.card).toEqual(afterOwn.card);
    expect(result.added).toEqual([{ ...afterImported.log, id: importedLogId(start.id, imported[0]!) }]);
    expect(result.updated).toEqual([{ ...afterOwn.log, id: a4.log.id }]);
    // As a merge replays it, with the outcomes recorded here; without them the third answer would come out otherwise.
    const logs = [a1.log, a2.log, a3.log, ...result.added, ...result.updated];
    const recorded = recordedOutcomes([a4.card], ownLogs);
    expect({ ...start, ...replayCardLog(start, logs, OPTIONS, recorded), queue: result.card.queue }).toEqual(result.card);
    expect(replayCardLog(start, logs, OPTIONS).stability).not.toBe(result.card.stability);
  });

  it('continue from the card as it is when every imported answer is later than its own', () => {
    // Answered here, then reset to new here: a later package's answers start from new again.
    const own = answeredHere(newCard(), Rating.Good, T0 - 2 * DAY, 'own-1');
    const reset: CardRecord = { ...own.card, ...createNewCardState(T0 - DAY) };
    const result = replayed(reset, [own.log], HISTORY);
    expect(result.card).toEqual(answeredDirectly(reset, HISTORY).card);
    expect(result.updated).toEqual([]);
  });

  it('leave out answers from before the earliest state known here', () => {
    // A card studied before its log began (no logs): the package's older answers have no state to start from.
    const studied = answeredDirectly(newCard(), HISTORY).card;
    const later = review(T0 + 30 * DAY, Rating.Good);
    const result = replayed(studied, [], [review(T0 - DAY, Rating.Good), review(studied.lastReview ?? 0, Rating.Good), later]);
    expect(result.added.map((log) => log.reviewTime)).toEqual([later.reviewTime]);
  });
});

describe('study days of imported answers', () => {
  it('follow the day start hour in the given time zone across a DST change, whatever the runtime zone', () => {
    const dayOfDate = (month: number, date: number) => Date.UTC(2026, month - 1, date) / DAY;
    // New York moves to EDT at 07:00 UTC on 2026-03-08.
    const newYork = [
      review(Date.UTC(2026, 2, 7, 20), Rating.Good), // 15:00 EST Mar 7
      review(Date.UTC(2026, 2, 8, 7, 30), Rating.Good), // 03:30 EDT Mar 8: still Mar 7's study day
      review(Date.UTC(2026, 2, 8, 8, 0), Rating.Good), // 04:00 EDT Mar 8
      review(Date.UTC(2026, 2, 9, 7, 59), Rating.Again), // 03:59 EDT Mar 9: Mar 8's
    ];
    const inNewYork = replayImportedAnswers(newCard(), [], newYork, OPTIONS, { nowMs: NOW, dayStartHour: 4, timeZone: 'America/New_York' });
    expect(inNewYork?.added.map((log) => log.day)).toEqual([dayOfDate(3, 7), dayOfDate(3, 7), dayOfDate(3, 8), dayOfDate(3, 8)]);

    // Berlin moves to CEST at 01:00 UTC on 2026-03-29; a day starting at 3:00 begins at 01:00 UTC that morning.
    const berlin = [
      review(Date.UTC(2026, 2, 28, 1, 59), Rating.Good), // 02:59 CET Mar 28: Mar 27's
      review(Date.UTC(2026, 2, 28, 2, 0), Rating.Good), // 03:00 CET Mar 28
      review(Date.UTC(2026, 2, 29, 0, 59), Rating.Good), // 01:59 CET Mar 29: Mar 28's
      review(Date.UTC(2026, 2, 29, 1, 0), Rating.Good), // 03:00 CEST Mar 29
    ];
    const inBerlin = replayImportedAnswers(newCard(), [], berlin, OPTIONS, { nowMs: NOW, dayStartHour: 3, timeZone: 'Europe/Berlin' });
    expect(inBerlin?.added.map((log) => log.day)).toEqual([dayOfDate(3, 27), dayOfDate(3, 28), dayOfDate(3, 28), dayOfDate(3, 29)]);
    // The schedule itself runs on the answers' times, not their days.
    expect(inBerlin?.card).toEqual(replayImportedAnswers(newCard(), [], berlin, OPTIONS, { nowMs: NOW, dayStartHour: 3, timeZone: 'Asia/Tokyo' })?.card);
    expect(inBerlin?.card.lastReview).toBe(Date.UTC(2026, 2, 29, 1, 0));
  });
});
