/** Puts a steps problem (`domain/steps.ts`) into words, for the settings fields and the backup check. */
import type { Translator } from '../../ui/i18n';
import type { StepsProblem } from '../../domain/steps';

export function stepsProblemMessage(problem: StepsProblem, t: Translator['t']): string {
  switch (problem.code) {
    case 'step-format':
      return t('stepFormat', { step: problem.step });
    case 'step-range':
      return t('stepRange', { step: problem.step });
    case 'step-order':
      return t('stepOrder', { step: problem.step, previous: problem.previous });
  }
}
