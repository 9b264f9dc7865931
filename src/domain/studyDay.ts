/**
 * Study days: the unit daily limits and "due today" are counted in.
 *
 * A study day starts at a set local hour (default 4:00, as in Anki) in a time
 * zone, so a late-night session still counts toward the evening's day. Day
 * numbers are local calendar dates counted from 1970-01-01, which keeps them
 * consecutive across DST changes and changes of time zone: a day is never
 * lost or counted twice, only made 23 or 25 hours long.
 *
 * Pure: the current time is always passed in. Wall-clock parts come from
 * `Date`'s local getters for the runtime's own zone (the app's case: cheap,
 * and it follows the device when it changes zone), or from a cached
 * `Intl.DateTimeFormat#formatToParts` per explicit `timeZone`.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Local wall-clock reading of an instant in some time zone. */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * The runtime's time zone. Omitting `timeZone` in the functions below means
 * this zone, read through `Date`'s local getters (no Intl on that path).
 *
 * @example
 * runtimeTimeZone(); // 'Europe/Berlin'
 */
export function runtimeTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall clock in the runtime's own zone: Date's local getters, no Intl (whose first use costs ~150 ms on a slow phone). */
function localWallClock(ms: number): WallClock {
  const date = new Date(ms);
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
  };
}

/** Wall clock in `timeZone`, or in the runtime's zone when it is undefined. */
function wallClock(ms: number, timeZone: string | undefined): WallClock {
  if (timeZone === undefined) return localWallClock(ms);
  const wall: WallClock = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'minute':
      case 'second':
        wall[part.type] = Number(part.value);
        break;
      case 'hour':
        // Some engines print midnight as 24 even with h23.
        wall.hour = Number(part.value) % 24;
        break;
      default:
        break;
    }
  }
  return wall;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The instant's local wall-clock time read as if it were UTC, in ms
 * (sub-second part kept from the instant; offsets are whole seconds).
 */
function wallMs(ms: number, timeZone: string | undefined): number {
  const w = wallClock(ms, timeZone);
  const subSecond = ((ms % 1000) + 1000) % 1000;
  return (
    daysFromCivil(w.year, w.month, w.day) * MS_PER_DAY +
    w.hour * MS_PER_HOUR +
    w.minute * MS_PER_MINUTE +
    w.second * 1000 +
    subSecond
  );
}

function checkHour(dayStartHour: number): void {
  if (!Number.isInteger(dayStartHour) || dayStartHour < 0 || dayStartHour > 23) {
    throw new RangeError(`dayStartHour must be an integer 0-23, got ${dayStartHour}`);
  }
}

/**
 * Study-day number: days since 1970-01-01 of the local calendar date, where
 * times before `dayStartHour` count to the previous date.
 *
 * @example
 * const tz = 'America/New_York';
 * studyDayOf(Date.UTC(2026, 0, 10, 8, 59), 4, tz); // 03:59 local -> 20462 (Jan 9)
 * studyDayOf(Date.UTC(2026, 0, 10, 9, 1), 4, tz);  // 04:01 local -> 20463 (Jan 10)
 */
export function studyDayOf(nowMs: number, dayStartHour: number, timeZone?: string): number {
  checkHour(dayStartHour);
  const w = wallClock(nowMs, timeZone);
  const date = daysFromCivil(w.year, w.month, w.day);
  return w.hour < dayStartHour ? date - 1 : date;
}

/**
 * Epoch ms at which study day `day` begins (local `dayStartHour`:00 of that
 * date in `timeZone`). If that local time happens twice (clocks set back),
 * the first one; if it does not exist (clocks set forward), the first instant
 * after it, i.e. the moment of the change.
 *
 * @example
 * // 2026-03-08 in New York: 02:00 does not exist, the day starts at 03:00 EDT.
 * startOfStudyDay(20520, 2, 'America/New_York'); // Date.UTC(2026, 2, 8, 7)
 */
export function startOfStudyDay(day: number, dayStartHour: number, timeZone?: string): number {
  checkHour(dayStartHour);
  const zone = timeZone;
  const target = day * MS_PER_DAY + dayStartHour * MS_PER_HOUR;
  // Offsets in force a day either side; one of them applies at the target.
  const offsetBefore = wallMs(target - MS_PER_DAY, zone) - (target - MS_PER_DAY);
  const offsetAfter = wallMs(target + MS_PER_DAY, zone) - (target + MS_PER_DAY);
  let best: number | null = null;
  for (const offset of [offsetBefore, offsetAfter]) {
    const candidate = target - offset;
    if (wallMs(candidate, zone) === target && (best === null || candidate < best)) best = candidate;
  }
  if (best !== null) return best;
  // The local time falls in a gap: find the first instant whose wall time is
  // at or past the target (wall time only increases inside a gap's span).
  let lo = target - Math.max(offsetBefore, offsetAfter);
  let hi = target - Math.min(offsetBefore, offsetAfter);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallMs(mid, zone) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Epoch ms when the study day containing `nowMs` ends (= start of the next one).
 *
 * @example
 * // 15:00 in New York on 2026-01-10 -> the day ends at 04:00 on Jan 11.
 * endOfStudyDay(Date.UTC(2026, 0, 10, 20), 4, 'America/New_York'); // Date.UTC(2026, 0, 11, 9)
 */
export function endOfStudyDay(nowMs: number, dayStartHour: number, timeZone?: string): number {
  const zone = timeZone;
  return startOfStudyDay(studyDayOf(nowMs, dayStartHour, zone) + 1, dayStartHour, zone);
}
