import { createScreenTranslator, useT, type Language } from '../../ui/i18n';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import type { StatsT } from './statsFormat';

const translators = new Map<Language, StatsT>();

/**
 * The Stats screen's own text (`STATS_MESSAGES`), as `useScreenT` gives it,
 * with one translator per language for all of the screen's components:
 * each `useScreenT` makes its own, with an Intl.PluralRules, and the
 * screen's sections and table cells would make dozens.
 */
export function useStatsT(): StatsT {
  const { language } = useT();
  let translate = translators.get(language);
  if (!translate) {
    translate = createScreenTranslator(STATS_MESSAGES, language);
    translators.set(language, translate);
  }
  return translate;
}
