/** The translator for React: a context and `useT`, over the React-free `translate.ts`. */
import { createContext, useContext, useMemo } from 'react';
import { createScreenTranslator, createTranslator, type Dictionary, type ScreenMessages, type ScreenTranslate, type Translator } from './translate';

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

/** A lazy screen's own text, in the app's language (`screens/*.ts`). */
export function useScreenT<E extends Dictionary>(messages: ScreenMessages<E>): ScreenTranslate<E> {
  const { language } = useT();
  return useMemo(() => createScreenTranslator(messages, language), [messages, language]);
}
