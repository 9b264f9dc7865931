import { intervalParts, type IntervalUnit } from '../domain/intervals';
import type { MessageKey, Translator } from './i18n';

/** "8 min", "3 h", "2 d": how long until a time, rounded up to the unit. */
export function formatWait(ms: number, t: Translator['t']): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return t('minutesShort', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return t('hoursShort', { n: hours });
  return t('daysShort', { n: Math.round(hours / 24) });
}

const INTERVAL_MESSAGES = {
  minute: 'intervalMinutes',
  hour: 'intervalHours',
  day: 'intervalDays',
  month: 'intervalMonths',
  year: 'intervalYears',
} as const satisfies Record<IntervalUnit, MessageKey>;

/**
 * A rating button's interval in the user's language, by `intervalParts`:
 * "10m", "1.5h", "3mo" in English; "10 мин", "1,5 ч", "3 мес" in Russian.
 */
export function formatInterval(ms: number, { t, language }: Translator): string {
  const parts = intervalParts(ms);
  if (parts.unit === 'under-minute') return t('intervalUnderMinute');
  const amount = parts.amount.toLocaleString(language, { useGrouping: false, maximumFractionDigits: 1 });
  return t(INTERVAL_MESSAGES[parts.unit], { n: amount });
}
