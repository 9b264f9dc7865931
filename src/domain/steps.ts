/**
 * Learning and relearning steps as the user writes them ("1m 10m 1d"):
 * which lists the scheduler can use, and why a list is refused. ts-fsrs
 * reads a step with `ConvertStepUnitToMinutes` (the number before the unit
 * through `parseInt`, so "1.5h" would silently become 1 h and "1e3m" 1 m);
 * here a step must be written so that ts-fsrs reads exactly what it says.
 * Problems are codes; the screens put them into words.
 */
import { ConvertStepUnitToMinutes, type StepUnit } from 'ts-fsrs';

/** Why a list of steps was refused, naming the step at fault. */
export type StepsProblem =
  /** Not a whole positive number followed by m, h or d. */
  | { code: 'step-format'; step: string }
  /** Shorter than 1 minute or longer than 30 days. */
  | { code: 'step-range'; step: string }
  /** Not longer than the step before it. */
  | { code: 'step-order'; step: string; previous: string };

export type StepsResult = { ok: true; steps: string[] } | { ok: false; problem: StepsProblem };

/** The shortest step, in minutes. */
export const MIN_STEP_MINUTES = 1;
/** The longest step, in minutes (30 days). */
export const MAX_STEP_MINUTES = 30 * 24 * 60;
const DAY_MINUTES = 24 * 60;

/** A whole positive number without leading zeros, then the unit. */
const STEP_PATTERN = /^[1-9]\d*[mhd]$/;

/**
 * Whether `step` is written as a step ts-fsrs reads exactly: a whole
 * positive number and a unit, m (minutes), h (hours) or d (days). Says
 * nothing about its length (see `validateSteps`).
 *
 * @example
 * isStepText('10m'); // true
 * isStepText('1.5h'); // false (ts-fsrs would read 1h)
 * isStepText('10 min'); // false
 */
export function isStepText(step: string): step is StepUnit {
  return STEP_PATTERN.test(step);
}

/**
 * The length of a well-written step in minutes, as ts-fsrs computes it.
 *
 * @example
 * stepMinutes('2h'); // 120
 * stepMinutes('1d'); // 1440
 */
export function stepMinutes(step: StepUnit): number {
  return ConvertStepUnitToMinutes(step);
}

/**
 * Checks a list of steps: each well written (`isStepText`), from 1 minute
 * to 30 days, and each strictly longer than the one before. The first
 * problem found is returned. An empty list is valid: FSRS then schedules
 * the card in days at once.
 *
 * @example
 * validateSteps(['1m', '10m']); // { ok: true, steps: ['1m', '10m'] }
 * validateSteps(['1h', '10m']); // { ok: false, problem: { code: 'step-order', step: '10m', previous: '1h' } }
 * validateSteps(['99999d']); // { ok: false, problem: { code: 'step-range', step: '99999d' } }
 * validateSteps([]); // { ok: true, steps: [] }
 */
export function validateSteps(steps: readonly string[]): StepsResult {
  let previous: { step: string; minutes: number } | null = null;
  for (const step of steps) {
    if (!isStepText(step)) return { ok: false, problem: { code: 'step-format', step } };
    const minutes = stepMinutes(step);
    if (minutes < MIN_STEP_MINUTES || minutes > MAX_STEP_MINUTES) return { ok: false, problem: { code: 'step-range', step } };
    if (previous && minutes <= previous.minutes) return { ok: false, problem: { code: 'step-order', step, previous: previous.step } };
    previous = { step, minutes };
  }
  return { ok: true, steps: [...steps] };
}

/**
 * Reads steps as typed in a settings field: separated by any whitespace,
 * then checked as `validateSteps` does. Blank text is the empty list.
 *
 * @example
 * parseStepsText(' 1m  10m '); // { ok: true, steps: ['1m', '10m'] }
 * parseStepsText('1m 1.5h'); // { ok: false, problem: { code: 'step-format', step: '1.5h' } }
 * parseStepsText(''); // { ok: true, steps: [] }
 */
export function parseStepsText(text: string): StepsResult {
  return validateSteps(text.split(/\s+/).filter((step) => step !== ''));
}

/**
 * Whether any well-written step lasts a day or more. FSRS schedules such
 * intervals better by itself than a learning step does (Anki's advice:
 * keep steps under a day).
 *
 * @example
 * hasDayLongStep(['1m', '1d']); // true
 * hasDayLongStep(['10m', '23h']); // false
 */
export function hasDayLongStep(steps: readonly string[]): boolean {
  return steps.some((step) => isStepText(step) && stepMinutes(step) >= DAY_MINUTES);
}
