import { describe, expect, it } from 'vitest';
import { isUlid, reviewIdFromVersion1, seededUlid } from '../../src/domain/ids';

describe('seeded ULIDs', () => {
  it('gives the same id for the same seed and time, a valid ULID that sorts by time', () => {
    expect(seededUlid(1_700_000_000_000, 'a')).toBe(seededUlid(1_700_000_000_000, 'a'));
    expect(isUlid(seededUlid(1_700_000_000_000, 'a'))).toBe(true);
    expect(seededUlid(1_700_000_000_000, 'z') < seededUlid(1_700_000_000_001, 'a')).toBe(true);
  });

  it('never repeats among 200,000 version-1 logs of the same millisecond (numbered 1 to 200,000)', () => {
    const ids = new Set<string>();
    for (let id = 1; id <= 200_000; id += 1) ids.add(reviewIdFromVersion1({ id, cardId: `card-${id % 997}`, reviewTime: 1_700_000_000_000, rating: 3 }));
    expect(ids.size).toBe(200_000);
  });
});
