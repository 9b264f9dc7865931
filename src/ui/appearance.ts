/**
 * Puts the theme, the UI language and the window title in that language on
 * the document (the shell after settings load; the boot paint before).
 */
import type { AppSettings } from '../domain/types';
import type { Translator } from './i18n/translate';

export function applyAppearance(theme: AppSettings['theme'], { language, t }: Translator): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  root.lang = language;
  document.title = t('appName');
}
