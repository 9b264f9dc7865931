/**
 * The Stats screen's numbers, shares, durations and dates in the user's
 * language, with Intl. The first Intl format of a page loads ICU's locale
 * data (about 250 ms of a slow phone's main thread), so the screen uses few
 * formats, made once per language, and the Stats worker makes the same
 * formats first while it counts (`storage/stats`, `formatsLocale`); units
 * and the percent sign come from the screen's dictionary.
 */
import type { Language, ScreenTranslate } from '../../ui/i18n';
import type { STATS_MESSAGES } from '../../ui/i18n/screens/stats';

export type StatsT = ScreenTranslate<(typeof STATS_MESSAGES)['en']>;

const DAY_MS = 86_400_000;

const numberFormats = new Map<Language, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The language's number format: grouping, up to one decimal. */
function numbersIn(language: Language): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    numberFormats.set(language, format);
  }
  return format;
}

function datesIn(language: Language, kind: 'short' | 'weekday' | 'full'): Intl.DateTimeFormat {
  const key = `${language}:${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'short'
        ? { timeZone: 'UTC', month: 'short', day: 'numeric' }
        : kind === 'weekday'
          ? { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }
          : { timeZone: 'UTC', dateStyle: 'medium' };
    format = new Intl.DateTimeFormat(language, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** 1234 -> "1,234" ("1 234"); rounded to `digits` (0 or 1) places. */
export function formatNumber(value: number, language: Language, digits: 0 | 1 = 0): string {
  return numbersIn(language).format(digits === 0 ? Math.round(value) : Math.round(value * 10) / 10);
}

/** 0.923 -> "92.3%" ("92,3 %"). */
export function formatPercent(share: number, language: Language, ts: StatsT, digits: 0 | 1 = 1): string {
  return ts('statsPercent', { n: formatNumber(share * 100, language, digits) });
}

/** Time spent: "45 sec", "12 min", "1.5 h" ("45 с", "12 мин", "1,5 ч"). */
export function formatTimeSpent(ms: number, language: Language, ts: StatsT): string {
  const seconds = ms / 1000;
  if (seconds < 60) return ts('statsSeconds', { n: formatNumber(seconds, language) });
  if (seconds < 3600) return ts('statsMinutes', { n: formatNumber(seconds / 60, language) });
  return ts('statsHours', { n: formatNumber(seconds / 3600, language, 1) });
}

/** A number of days: "4.8 days" ("4,8 дня"). */
export function formatDays(days: number, language: Language, ts: StatsT): string {
  const rounded = Math.round(days * 10) / 10;
  return ts('statsDays', { count: rounded, n: formatNumber(rounded, language, 1) });
}

/** A study day (its calendar date) as a short date: "Mar 10" ("10 мар."). */
export function formatDay(day: number, language: Language): string {
  return datesIn(language, 'short').format(day * DAY_MS);
}

/** A study day with its weekday, for tables: "Tue, Mar 10" ("вт, 10 мар."). */
export function formatWeekday(day: number, language: Language): string {
  return datesIn(language, 'weekday').format(day * DAY_MS);
}

/** A study day as a full date, for tables: "Mar 10, 2026" ("10 мар. 2026 г."). */
export function formatDate(day: number, language: Language): string {
  return datesIn(language, 'full').format(day * DAY_MS);
}

/** The month of a study day, short: "Mar" ("мар."). */
export function formatMonth(day: number, language: Language): string {
  return (
    datesIn(language, 'short')
      .formatToParts(day * DAY_MS)
      .find((part) => part.type === 'month')?.value ?? ''
  );
}

/** The day of the week of a study day: 0 Sunday ... 6 Saturday (1970-01-01, day 0, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
