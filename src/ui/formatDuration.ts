import type { Translator } from './i18n';

/** "8 min", "3 h", "2 d": how long until a time, rounded up to the unit. */
export function formatWait(ms: number, t: Translator['t']): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return t('minutesShort', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return t('hoursShort', { n: hours });
  return t('daysShort', { n: Math.round(hours / 24) });
}
