import { describe, expect, it } from 'vitest';
import { endOfStudyDay, runtimeTimeZone, startOfStudyDay, studyDayOf } from '../../src/domain/studyDay';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const TOKYO = 'Asia/Tokyo';

/** Day number of a calendar date (month 1-12), as studyDayOf counts them. */
const dateNumber = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / 86_400_000;

describe('studyDayOf', () => {
  it('counts days since 1970-01-01', () => {
    expect(studyDayOf(Date.UTC(1970, 0, 1, 12), 4, 'UTC')).toBe(0);
    expect(studyDayOf(Date.UTC(2026, 0, 10, 12), 0, 'UTC')).toBe(dateNumber(2026, 1, 10));
  });

  it('puts 03:59 and 04:01 local on different days', () => {
    // New York is UTC-5 in January.
    const before = studyDayOf(Date.UTC(2026, 0, 10, 8, 59), 4, NY);
    const after = studyDayOf(Date.UTC(2026, 0, 10, 9, 1), 4, NY);
    expect(before).toBe(dateNumber(2026, 1, 9));
    expect(after).toBe(dateNumber(2026, 1, 10));
  });

  it('honours every start hour 0-23', () => {
    const day = dateNumber(2026, 1, 10);
    for (let hour = 0; hour < 24; hour += 1) {
      // Berlin is UTC+1 in January.
      const start = Date.UTC(2026, 0, 10, hour) - HOUR;
      expect(startOfStudyDay(day, hour, BERLIN)).toBe(start);
      expect(studyDayOf(start - 1, hour, BERLIN)).toBe(day - 1);
      expect(studyDayOf(start, hour, BERLIN)).toBe(day);
      expect(studyDayOf(start + 24 * HOUR - 1, hour, BERLIN)).toBe(day);
    }
  });

  it('rejects a start hour outside 0-23', () => {
    expect(() => studyDayOf(0, 24, 'UTC')).toThrow(RangeError);
    expect(() => startOfStudyDay(0, -1, 'UTC')).toThrow(RangeError);
    expect(() => studyDayOf(0, 4.5, 'UTC')).toThrow(RangeError);
  });

  it('uses the runtime time zone by default', () => {
    expect(runtimeTimeZone()).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
    const t = Date.UTC(2026, 5, 1, 19, 30);
    expect(studyDayOf(t, 4)).toBe(studyDayOf(t, 4, runtimeTimeZone()));
    expect(endOfStudyDay(t, 4)).toBe(endOfStudyDay(t, 4, runtimeTimeZone()));
  });
});

describe('startOfStudyDay / endOfStudyDay', () => {
  it('gives the local start hour and the start of the next day', () => {
    const t = Date.UTC(2026, 0, 10, 20); // 15:00 in New York
    expect(startOfStudyDay(dateNumber(2026, 1, 10), 4, NY)).toBe(Date.UTC(2026, 0, 10, 9));
    expect(endOfStudyDay(t, 4, NY)).toBe(Date.UTC(2026, 0, 11, 9));
    expect(endOfStudyDay(Date.UTC(2026, 0, 11, 8, 59), 4, NY)).toBe(Date.UTC(2026, 0, 11, 9));
    expect(endOfStudyDay(Date.UTC(2026, 0, 11, 9), 4, NY)).toBe(Date.UTC(2026, 0, 12, 9));
  });
});

/** The DST changes of 2026 tested below, with the study day they fall in (start hour 4). */
const DST_CASES = [
  { name: 'New York spring forward', zone: NY, day: dateNumber(2026, 3, 7), length: 23 },
  { name: 'New York fall back', zone: NY, day: dateNumber(2026, 10, 31), length: 25 },
  { name: 'Berlin spring forward', zone: BERLIN, day: dateNumber(2026, 3, 28), length: 23 },
  { name: 'Berlin fall back', zone: BERLIN, day: dateNumber(2026, 10, 24), length: 25 },
] as const;

describe('DST changes', () => {
  for (const { name, zone, day, length } of DST_CASES) {
    it(`${name}: consecutive days, none lost or doubled`, () => {
      // Walk minute-by-minute-ish (every 7 minutes) over three days around the change.
      const from = startOfStudyDay(day - 1, 4, zone);
      const to = startOfStudyDay(day + 2, 4, zone);
      let previous = studyDayOf(from, 4, zone);
      const seen = [previous];
      for (let t = from; t < to; t += 7 * MINUTE) {
        const current = studyDayOf(t, 4, zone);
        expect(current - previous === 0 || current - previous === 1).toBe(true);
        if (current !== previous) seen.push(current);
        previous = current;
      }
      expect(seen).toEqual([day - 1, day, day + 1]);
    });

    it(`${name}: the day is ${length} hours long and starts at 04:00 local`, () => {
      const start = startOfStudyDay(day, 4, zone);
      const end = startOfStudyDay(day + 1, 4, zone);
      expect(end - start).toBe(length * HOUR);
      expect(endOfStudyDay(start, 4, zone)).toBe(end);
      expect(endOfStudyDay(end - 1, 4, zone)).toBe(end);
      for (const boundary of [start, end]) {
        const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        expect(local.format(boundary)).toBe('04:00');
      }
      expect(studyDayOf(start - 1, 4, zone)).toBe(day - 1);
      expect(studyDayOf(start, 4, zone)).toBe(day);
      expect(studyDayOf(end - 1, 4, zone)).toBe(day);
      expect(studyDayOf(end, 4, zone)).toBe(day + 1);
    });
  }

  it('starts the day at the moment of the change when the start hour is skipped', () => {
    // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00Z.
    const ny = dateNumber(2026, 3, 8);
    expect(startOfStudyDay(ny, 2, NY)).toBe(Date.UTC(2026, 2, 8, 7));
    expect(studyDayOf(Date.UTC(2026, 2, 8, 7) - 1, 2, NY)).toBe(ny - 1);
    expect(studyDayOf(Date.UTC(2026, 2, 8, 7), 2, NY)).toBe(ny);
    // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST at 01:00Z.
    const berlin = dateNumber(2026, 3, 29);
    expect(startOfStudyDay(berlin, 2, BERLIN)).toBe(Date.UTC(2026, 2, 29, 1));
    expect(endOfStudyDay(Date.UTC(2026, 2, 28, 12), 2, BERLIN)).toBe(Date.UTC(2026, 2, 29, 1));
  });

  it('starts the day at the first of two equal local times when clocks go back', () => {
    // New York 2026-11-01: 01:00-02:00 happens twice; the first 01:00 is EDT (05:00Z).
    expect(startOfStudyDay(dateNumber(2026, 11, 1), 1, NY)).toBe(Date.UTC(2026, 10, 1, 5));
    expect(studyDayOf(Date.UTC(2026, 10, 1, 6, 30), 1, NY)).toBe(dateNumber(2026, 11, 1)); // second 01:30
    // Berlin 2026-10-25: 02:00-03:00 happens twice; the first 02:00 is CEST (00:00Z).
    expect(startOfStudyDay(dateNumber(2026, 10, 25), 2, BERLIN)).toBe(Date.UTC(2026, 9, 25, 0));
  });

  it('round-trips every start hour over a whole year of days', () => {
    for (const zone of [NY, BERLIN]) {
      for (let day = dateNumber(2026, 1, 1); day <= dateNumber(2026, 12, 31); day += 1) {
        const hour = day % 24;
        const start = startOfStudyDay(day, hour, zone);
        expect(studyDayOf(start, hour, zone)).toBe(day);
        expect(studyDayOf(start - 1, hour, zone)).toBe(day - 1);
      }
    }
  });
});

describe('a change of time zone', () => {
  it('counts the local calendar date of each zone for the same instant', () => {
    const morningUtc = Date.UTC(2026, 4, 10, 12); // NY 08:00 May 10, Tokyo 21:00 May 10
    expect(studyDayOf(morningUtc, 4, NY)).toBe(dateNumber(2026, 5, 10));
    expect(studyDayOf(morningUtc, 4, TOKYO)).toBe(dateNumber(2026, 5, 10));
    const eveningUtc = Date.UTC(2026, 4, 10, 20); // NY 16:00 May 10, Tokyo 05:00 May 11
    expect(studyDayOf(eveningUtc, 4, NY)).toBe(dateNumber(2026, 5, 10));
    expect(studyDayOf(eveningUtc, 4, TOKYO)).toBe(dateNumber(2026, 5, 11));
  });

  it('neither loses nor doubles a day when travelling', () => {
    // Study in New York, fly to Tokyo (local clocks jump 13 h ahead), keep studying:
    // the day numbers move on by whole calendar dates, never skip one and
    // never go back.
    const lastInNewYork = Date.UTC(2026, 4, 10, 2); // NY 22:00 May 9 -> day May 9
    const firstInTokyo = Date.UTC(2026, 4, 10, 22); // Tokyo 07:00 May 11 -> day May 11
    const dNy = studyDayOf(lastInNewYork, 4, NY);
    const dTokyo = studyDayOf(firstInTokyo, 4, TOKYO);
    expect(dNy).toBe(dateNumber(2026, 5, 9));
    expect(dTokyo).toBe(dateNumber(2026, 5, 11));
    // Every instant in between, in either zone, lies on a day between the two.
    for (let t = lastInNewYork; t <= firstInTokyo; t += 15 * MINUTE) {
      for (const zone of [NY, TOKYO]) {
        const d = studyDayOf(t, 4, zone);
        expect(d).toBeGreaterThanOrEqual(dNy);
        expect(d).toBeLessThanOrEqual(dTokyo);
      }
    }
    // Same instant, two zones: at most one date apart, and each is its own zone's calendar date.
    for (let t = lastInNewYork; t <= firstInTokyo; t += HOUR) {
      const diff = studyDayOf(t, 4, TOKYO) - studyDayOf(t, 4, NY);
      expect(diff === 0 || diff === 1).toBe(true);
    }
  });

  it('gives each zone its own day start', () => {
    const day = dateNumber(2026, 5, 10);
    expect(startOfStudyDay(day, 4, TOKYO)).toBe(Date.UTC(2026, 4, 9, 19));
    expect(startOfStudyDay(day, 4, NY)).toBe(Date.UTC(2026, 4, 10, 8));
  });
});
