import { describe, expect, it } from 'vitest';
import { isLeechLapse, leechOutcome, LEECH_TAG, withLeechTag, withoutLeechTag } from '../../src/domain/leech';
import { answerCard } from '../../src/domain/scheduler';
import { CardQueue, CardState, DEFAULT_DECK_OPTIONS, Rating, type CardRecord, type RatingValue } from '../../src/domain/types';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10, 15);
const OPTIONS = { ...DEFAULT_DECK_OPTIONS, enableFuzz: false };

/** A review card due now that has lapsed `lapses` times. */
function reviewCard(lapses: number, extra: Partial<CardRecord> = {}): CardRecord {
  return {
    id: 'q1',
    noteId: 'q1',
    deckId: 'deck',
    template: 'basic',
    ordinal: 0,
    front: 'Q',
    back: 'A',
    tags: ['star'],
    position: 0,
    due: NOW,
    stability: 6,
    difficulty: 7,
    elapsedDays: 6,
    scheduledDays: 6,
    learningSteps: 0,
    reps: 20,
    lapses,
    state: CardState.Review,
    lastReview: NOW - 6 * DAY,
    queue: CardQueue.Review,
    ...extra,
  };
}

function answered(card: CardRecord, rating: RatingValue, threshold = 8) {
  return leechOutcome(card, answerCard(card, rating, OPTIONS, { nowMs: NOW, durationMs: 1000, day: 100 }), threshold);
}

describe('the leech rule (Anki’s)', () => {
  it('fires when a lapse reaches the threshold, then at every half threshold after', () => {
    const firing = [];
    for (let lapses = 1; lapses <= 30; lapses += 1) if (isLeechLapse(lapses - 1, lapses, 8)) firing.push(lapses);
    expect(firing).toEqual([8, 12, 16, 20, 24, 28]);
  });

  it('rounds half an odd threshold up', () => {
    const firing = [];
    for (let lapses = 1; lapses <= 20; lapses += 1) if (isLeechLapse(lapses - 1, lapses, 5)) firing.push(lapses);
    expect(firing).toEqual([5, 8, 11, 14, 17, 20]);
    expect([1, 2, 3].filter((lapses) => isLeechLapse(lapses - 1, lapses, 1))).toEqual([1, 2, 3]);
  });

  it('needs the lapses to go up with this answer', () => {
    expect(isLeechLapse(8, 8, 8)).toBe(false);
    expect(isLeechLapse(9, 8, 8)).toBe(false);
  });

  it('is off at threshold 0 (and for a threshold that is no positive number)', () => {
    expect(isLeechLapse(7, 8, 0)).toBe(false);
    expect(isLeechLapse(0, 1, 0)).toBe(false);
    expect(isLeechLapse(7, 8, Number.NaN)).toBe(false);
    expect(isLeechLapse(7, 8, -8)).toBe(false);
  });

  it('adds and removes the tag once', () => {
    expect(withLeechTag(['a'])).toEqual(['a', LEECH_TAG]);
    expect(withLeechTag(['a', LEECH_TAG])).toEqual(['a', LEECH_TAG]);
    expect(withoutLeechTag(['a', LEECH_TAG])).toEqual(['a']);
  });
});

describe('leechOutcome on real answers', () => {
  it('suspends and tags a review card whose 8th lapse this Again is, and says so on the log', () => {
    const outcome = answered(reviewCard(7), Rating.Again);

    expect(outcome.isLeech).toBe(true);
    expect(outcome.card).toMatchObject({ lapses: 8, state: CardState.Relearning, queue: CardQueue.Suspended, tags: ['star', LEECH_TAG] });
    expect(outcome.log).toMatchObject({ becameLeech: true, rating: Rating.Again });
    expect(outcome.log.before).toMatchObject({ lapses: 7, queue: CardQueue.Review });
  });

  it('leaves Hard, Good and Easy alone', () => {
    for (const rating of [Rating.Hard, Rating.Good, Rating.Easy]) {
      const outcome = answered(reviewCard(7), rating);
      expect(outcome.isLeech).toBe(false);
      expect(outcome.card.queue).toBe(CardQueue.Review);
      expect(outcome.log.becameLeech).toBeUndefined();
    }
  });

  it('leaves Again on a new or learning card alone (its lapses do not change), even at the count', () => {
    const fresh = reviewCard(7, { state: CardState.New, queue: CardQueue.New, reps: 0, stability: 0, difficulty: 0, lastReview: null });
    const learning = reviewCard(7, { state: CardState.Relearning, queue: CardQueue.Learning, learningSteps: 0 });
    for (const card of [fresh, learning]) {
      const outcome = answered(card, Rating.Again);
      expect(outcome.card.lapses).toBe(7);
      expect(outcome.isLeech).toBe(false);
      expect(outcome.card.queue).toBe(CardQueue.Learning);
    }
  });

  it('leaves the 9th lapse alone, fires again at the 12th, and never with the rule off', () => {
    expect(answered(reviewCard(8), Rating.Again).isLeech).toBe(false);
    expect(answered(reviewCard(11), Rating.Again).isLeech).toBe(true);
    expect(answered(reviewCard(7), Rating.Again, 0).isLeech).toBe(false);
  });
});
