/** The translator for React: a context and `useT`, over the React-free `translate.ts`. */
import { createContext, useContext } from 'react';
import { createTranslator, type Translator } from './translate';

export { createTranslator, resolveLanguage, type Language, type MessageKey, type Translator } from './translate';

export const TranslatorContext = createContext<Translator>(createTranslator('en'));

export function useT(): Translator {
  return useContext(TranslatorContext);
}
