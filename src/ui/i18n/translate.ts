/**
 * A light i18n: one dictionary per language, `{name}` placeholders, plural
 * forms via Intl.PluralRules. The language comes from settings or, on
 * "auto", from the browser. React-free (the boot sequence paints the home
 * with it before React has loaded); the React context is in `index.ts`.
 */
import type { LanguageSetting } from '../../domain/types';
import { MESSAGES, type Language, type MessageKey, type Messages, type Plural } from './messages';

export type { Language, MessageKey };

/** A screen's own dictionary: English, and Russian with every key (a lazy screen's text stays out of the first load). */
export type Dictionary = Record<string, string | Plural>;
export interface ScreenMessages<E extends Dictionary> {
  en: E;
  ru: { [K in keyof E]: E[K] extends string ? string : Plural };
}
export type ScreenTranslate<E extends Dictionary> = (key: keyof E & string, values?: Record<string, string | number>) => string;

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

/** A message of a dictionary with its placeholders filled and its plural form chosen. */
function translated(entry: string | Plural, values: Record<string, string | number>, plural: Intl.PluralRules): string {
  if (typeof entry === 'string') return fill(entry, values);
  const count = Number(values.count ?? 0);
  return fill(entry[plural.select(count)] ?? entry.other, values);
}

export function createTranslator(language: Language): Translator {
  const messages: Messages = MESSAGES[language];
  const plural = new Intl.PluralRules(language);
  return {
    language,
    t: (key, values = {}) => translated(messages[key], values, plural),
  };
}

/**
 * The translator of a screen's own dictionary.
 *
 * @example
 * createScreenTranslator(BROWSE_MESSAGES, 'ru')('browseCount', { count: 3 }); // '3 карточки'
 */
export function createScreenTranslator<E extends Dictionary>(messages: ScreenMessages<E>, language: Language): ScreenTranslate<E> {
  const dictionary: Dictionary = messages[language];
  const plural = new Intl.PluralRules(language);
  return (key, values = {}) => translated(dictionary[key] ?? key, values, plural);
}

