/** The translator for React: a context and `useT`, over the React-free `translate.ts`. */
import { createContext, useContext } from 'react';
import { createScreenTranslator, createTranslator, type Dictionary, type Language, type ScreenMessages, type ScreenTranslate, type Translator } from './translate';

export {
  createScreenTranslator,
  createTranslator,
  resolveLanguage,
  type Dictionary,
  type Language,
  type MessageKey,
  type ScreenMessages,
  type ScreenTranslate,
  type Translator,
} from './translate';

export const TranslatorContext = createContext<Translator>(createTranslator('en'));

export function useT(): Translator {
  return useContext(TranslatorContext);
}

/** One translator per dictionary and language, shared by every component that reads it (each makes an Intl.PluralRules). */
const screenTranslators = new WeakMap<object, Map<Language, ScreenTranslate<Dictionary>>>();

/** A lazy screen's own text, in the app's language (`screens/*.ts`). */
export function useScreenT<E extends Dictionary>(messages: ScreenMessages<E>): ScreenTranslate<E> {
  const { language } = useT();
  let byLanguage = screenTranslators.get(messages);
  if (!byLanguage) {
    byLanguage = new Map();
    screenTranslators.set(messages, byLanguage);
  }
  let translate = byLanguage.get(language);
  if (!translate) {
    translate = createScreenTranslator(messages, language);
    byLanguage.set(language, translate);
  }
  return translate as ScreenTranslate<E>;
}
