/** Practice's numbers in words: a clock ("1:05"), minutes ("1.5 min"), a date (sizes: `ui/sizes.ts`). */
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

/** Seconds as minutes, e.g. 90 -> "1.5 min" ("1,5 мин"). */
export function minutesOf(seconds: number, language: Language, tp: PracticeT): string {
  return tp('timerMinutes', { n: (seconds / 60).toLocaleString(language, { maximumFractionDigits: 1 }) });
}

/** A recording's date and time, short, in the user's language. */
export function dateOf(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
