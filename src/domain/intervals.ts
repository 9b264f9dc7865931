/**
 * Time spans as the rating buttons show them: an amount of one unit. Free of
 * ts-fsrs, so the UI kit's formatting can use it without the scheduler.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** One decimal below 10 (1.5, 3), whole numbers from 10 up (12). */
function shortNumber(value: number): number {
  if (value >= 9.95) return Math.round(value);
  return Math.round(value * 10) / 10;
}

export type IntervalUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

/** A time span as a button shows it: an amount of one unit, or under a minute. */
export type IntervalParts = { unit: 'under-minute' } | { unit: IntervalUnit; amount: number };

/**
 * A time span in the unit a short label uses: minutes, hours, days, months
 * (30 d) or years (365 d), with one decimal below 10 hours, months or years.
 * The words are the UI's (`ui/formatDuration.ts`); the scheduler's
 * `formatInterval` is the English short form.
 *
 * @example
 * intervalParts(90 * 60_000);       // { unit: 'hour', amount: 1.5 }
 * intervalParts(4 * 86_400_000);    // { unit: 'day', amount: 4 }
 * intervalParts(20_000);            // { unit: 'under-minute' }
 */
export function intervalParts(ms: number): IntervalParts {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return { unit: 'under-minute' };
  if (minutes < 60) return { unit: 'minute', amount: minutes };
  if (Math.round(ms / HOUR) < 24) return { unit: 'hour', amount: shortNumber(ms / HOUR) };
  const days = Math.round(ms / DAY);
  if (days < 30) return { unit: 'day', amount: days };
  if (days < 365) return { unit: 'month', amount: shortNumber(ms / MONTH) };
  return { unit: 'year', amount: shortNumber(ms / YEAR) };
}
