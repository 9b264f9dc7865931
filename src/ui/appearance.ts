/** Puts the theme and the UI language on the document (the shell after settings load; the boot paint before). */
import type { AppSettings } from '../domain/types';
import type { Language } from './i18n/translate';

export function applyAppearance(theme: AppSettings['theme'], language: Language): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  root.lang = language;
}
