/**
 * A light i18n: one dictionary per language, `{name}` placeholders, plural
 * forms via Intl.PluralRules. The language comes from settings or, on
 * "auto", from the browser. React-free (the boot sequence paints the home
 * with it before React has loaded); the React context is in `index.ts`.
 */
import type { LanguageSetting } from '../../domain/types';
import { MESSAGES, type Language, type MessageKey, type Messages } from './messages';

export type { Language, MessageKey };

export function resolveLanguage(setting: LanguageSetting, browserLanguages: readonly string[] = navigator.languages): Language {
  if (setting !== 'auto') return setting;
  const preferred = browserLanguages.find((tag) => /^(en|ru)\b/i.test(tag));
  return preferred?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export interface Translator {
  language: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
}

export function createTranslator(language: Language): Translator {
  const messages: Messages = MESSAGES[language];
  const plural = new Intl.PluralRules(language);
  return {
    language,
    t(key, values = {}) {
      const entry = messages[key];
      if (typeof entry === 'string') return fill(entry, values);
      const count = Number(values.count ?? 0);
      return fill(entry[plural.select(count)] ?? entry.other, values);
    },
  };
}

