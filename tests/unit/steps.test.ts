import { describe, expect, it } from 'vitest';
import { hasDayLongStep, isStepText, parseStepsText, stepMinutes, validateSteps } from '../../src/domain/steps';

describe('parseStepsText', () => {
  it('splits on any whitespace and keeps valid steps in order', () => {
    expect(parseStepsText('  1m\t10m \n 1h 2d ')).toEqual({ ok: true, steps: ['1m', '10m', '1h', '2d'] });
  });

  it('reads blank text as no steps (FSRS then schedules in days at once)', () => {
    expect(parseStepsText('')).toEqual({ ok: true, steps: [] });
    expect(parseStepsText('   ')).toEqual({ ok: true, steps: [] });
  });

  it.each(['1.5h', '1e3m', '10', 'm', '0m', '010m', '-1m', '30s', '1M', '10min', '1h30m', '+5m'])(
    'refuses %s as a badly written step',
    (step) => {
      expect(parseStepsText(`1m ${step}`)).toEqual({ ok: false, problem: { code: 'step-format', step } });
    },
  );

  it('refuses "10 min" at the word that is not a step', () => {
    expect(parseStepsText('10 min')).toEqual({ ok: false, problem: { code: 'step-format', step: '10' } });
  });

  it('refuses a step longer than 30 days', () => {
    expect(parseStepsText('99999d')).toEqual({ ok: false, problem: { code: 'step-range', step: '99999d' } });
    expect(parseStepsText('1m 31d')).toEqual({ ok: false, problem: { code: 'step-range', step: '31d' } });
    expect(parseStepsText('43201m')).toEqual({ ok: false, problem: { code: 'step-range', step: '43201m' } });
  });

  it('accepts the bounds: 1 minute and 30 days', () => {
    expect(parseStepsText('1m 30d')).toEqual({ ok: true, steps: ['1m', '30d'] });
    expect(parseStepsText('43200m')).toEqual({ ok: true, steps: ['43200m'] });
    expect(parseStepsText('720h')).toEqual({ ok: true, steps: ['720h'] });
  });

  it('refuses steps that do not increase, naming the step and the one before', () => {
    expect(parseStepsText('1h 10m')).toEqual({ ok: false, problem: { code: 'step-order', step: '10m', previous: '1h' } });
    expect(parseStepsText('1m 60m 1h')).toEqual({ ok: false, problem: { code: 'step-order', step: '1h', previous: '60m' } });
    expect(parseStepsText('10m 10m')).toEqual({ ok: false, problem: { code: 'step-order', step: '10m', previous: '10m' } });
  });

  it('reports the first problem in the list', () => {
    expect(parseStepsText('5m 1m 99999d bogus')).toEqual({ ok: false, problem: { code: 'step-order', step: '1m', previous: '5m' } });
  });
});

describe('validateSteps', () => {
  it('applies the same checks to a stored list', () => {
    expect(validateSteps(['1m', '10m'])).toEqual({ ok: true, steps: ['1m', '10m'] });
    expect(validateSteps([])).toEqual({ ok: true, steps: [] });
    expect(validateSteps(['bogus'])).toEqual({ ok: false, problem: { code: 'step-format', step: 'bogus' } });
    expect(validateSteps([' 1m'])).toEqual({ ok: false, problem: { code: 'step-format', step: ' 1m' } });
    expect(validateSteps(['1d', '12h'])).toEqual({ ok: false, problem: { code: 'step-order', step: '12h', previous: '1d' } });
  });

  it('returns a copy, not the list it was given', () => {
    const steps = ['1m'];
    const result = validateSteps(steps);
    expect(result.ok && result.steps).not.toBe(steps);
  });
});

describe('isStepText and stepMinutes', () => {
  it('measures steps as ts-fsrs does', () => {
    expect(stepMinutes('1m')).toBe(1);
    expect(stepMinutes('2h')).toBe(120);
    expect(stepMinutes('3d')).toBe(3 * 1440);
  });

  it('accepts only what ts-fsrs reads exactly', () => {
    expect(isStepText('10m')).toBe(true);
    expect(isStepText('1.5h')).toBe(false);
    expect(isStepText('10 min')).toBe(false);
  });
});

describe('hasDayLongStep', () => {
  it('is true when a step lasts a day or more', () => {
    expect(hasDayLongStep(['1m', '1d'])).toBe(true);
    expect(hasDayLongStep(['24h'])).toBe(true);
    expect(hasDayLongStep(['1440m'])).toBe(true);
  });

  it('is false for steps under a day, an empty list and badly written steps', () => {
    expect(hasDayLongStep(['1m', '10m', '23h'])).toBe(false);
    expect(hasDayLongStep(['1439m'])).toBe(false);
    expect(hasDayLongStep([])).toBe(false);
    expect(hasDayLongStep(['1.5d'])).toBe(false);
  });
});
