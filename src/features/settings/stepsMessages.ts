/** Puts a steps problem (`domain/steps.ts`) into words, for the settings fields and the backup check. */
import type { ScreenTranslate } from '../../ui/i18n';
import type { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';
import type { StepsProblem } from '../../domain/steps';

/** `t`: the settings screen's translator (`useScreenT(SETTINGS_MESSAGES)`). */
export function stepsProblemMessage(problem: StepsProblem, t: ScreenTranslate<typeof SETTINGS_MESSAGES.en>): string {
  switch (problem.code) {
    case 'step-format':
      return t('stepFormat', { step: problem.step });
    case 'step-range':
      return t('stepRange', { step: problem.step });
    case 'step-order':
      return t('stepOrder', { step: problem.step, previous: problem.previous });
  }
}
