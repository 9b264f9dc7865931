/** Practice's numbers in words: a clock ("1:05"), a size ("320 KB"), minutes ("1.5 min"), a date. */
import type { Language } from '../../ui/i18n';
import type { ScreenTranslate } from '../../ui/i18n';
import type { PRACTICE_MESSAGES } from '../../ui/i18n/screens/practice';

export type PracticeT = ScreenTranslate<(typeof PRACTICE_MESSAGES)['en']>;

/** Whole seconds as m:ss, e.g. 65 -> "1:05" (rounded down; negative is 0). */
export function clockOf(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A duration in ms as m:ss. */
export function clockOfMs(ms: number): string {
  return clockOf(ms / 1000);
}

/** Bytes as KB (under a MB) or MB with one decimal, in the user's language. */
export function sizeOf(bytes: number, language: Language, tp: PracticeT): string {
  if (bytes < 1024 * 1024) return tp('sizeKb', { n: Math.max(1, Math.round(bytes / 1024)).toLocaleString(language) });
  return tp('sizeMb', { n: (bytes / (1024 * 1024)).toLocaleString(language, { maximumFractionDigits: 1 }) });
}

/** Seconds as minutes, e.g. 90 -> "1.5 min" ("1,5 мин"). */
export function minutesOf(seconds: number, language: Language, tp: PracticeT): string {
  return tp('timerMinutes', { n: (seconds / 60).toLocaleString(language, { maximumFractionDigits: 1 }) });
}

/** A recording's date and time, short, in the user's language. */
export function dateOf(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
