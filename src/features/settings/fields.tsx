/**
 * Form fields for settings: each validates as the user types and reports
 * only valid values, so changes apply at once and nothing invalid is saved.
 */
import { useId, useState } from 'react';
import { useT } from '../../app/i18n';
import { isStepUnit } from '../../domain/scheduler';
import type { DeckOptions } from '../../domain/types';
import { updateDeckOptions } from '../../storage';

/** Learning steps as the scheduler accepts them ("1m 10m"), or null if any step is invalid. */
export function parseSteps(text: string): string[] | null {
  const steps = text.trim().split(/\s+/).filter(Boolean);
  return steps.every(isStepUnit) ? steps : null;
}

/** Settings: study limits and FSRS options (the default preset), day start, theme, language. */
/** The scheduling options of one preset: limits, desired retention, learning and relearning steps. */
export function OptionFields({ options }: { options: DeckOptions }) {
  const { t } = useT();
  const save = (patch: Partial<DeckOptions>) => void updateDeckOptions(options.id, patch);
  return (
    <>
      <NumberField label={t('newPerDay')} value={options.newPerDay} min={0} max={9999} onValid={(newPerDay) => save({ newPerDay })} />
      <NumberField
        label={t('reviewsPerDay')}
        value={options.reviewsPerDay}
        min={0}
        max={99999}
        onValid={(reviewsPerDay) => save({ reviewsPerDay })}
      />
      <RetentionField value={options.desiredRetention} onValid={(desiredRetention) => save({ desiredRetention })} />
      <StepsField label={t('learningSteps')} value={options.learningSteps} onValid={(learningSteps) => save({ learningSteps })} />
      <StepsField
        label={t('relearningSteps')}
        value={options.relearningSteps}
        onValid={(relearningSteps) => save({ relearningSteps })}
      />
    </>
  );
}

function NumberField({ label, value, min, max, onValid }: { label: string; value: number; min: number; max: number; onValid: (value: number) => void }) {
  const { t } = useT();
  const id = useId();
  const [text, setText] = useState(String(value));
  const parsed = Number(text);
  const isValid = /^\d+$/.test(text.trim()) && parsed >= min && parsed <= max;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        value={text}
        aria-invalid={!isValid}
        aria-describedby={isValid ? undefined : `${id}-error`}
        onChange={(event) => {
          setText(event.target.value);
          const next = Number(event.target.value);
          if (/^\d+$/.test(event.target.value.trim()) && next >= min && next <= max) onValid(next);
        }}
      />
      {!isValid && (
        <p id={`${id}-error`} className="field-error">
          {t('invalidNumber', { min, max })}
        </p>
      )}
    </div>
  );
}

function RetentionField({ value, onValid }: { value: number; onValid: (value: number) => void }) {
  const { t } = useT();
  const id = useId();
  const [percent, setPercent] = useState(Math.round(value * 100));
  return (
    <div className="field">
      <label htmlFor={id}>
        {t('desiredRetention')}: <output htmlFor={id}>{percent}%</output>
      </label>
      <input
        id={id}
        type="range"
        min={70}
        max={97}
        step={1}
        value={percent}
        aria-describedby={`${id}-help`}
        aria-valuetext={`${percent}%`}
        onChange={(event) => {
          const next = Number(event.target.value);
          setPercent(next);
          onValid(next / 100);
        }}
      />
      <p id={`${id}-help`} className="help">
        {t('desiredRetentionHelp')}
      </p>
    </div>
  );
}

function StepsField({ label, value, onValid }: { label: string; value: string[]; onValid: (steps: string[]) => void }) {
  const { t } = useT();
  const id = useId();
  const [text, setText] = useState(value.join(' '));
  const isValid = parseSteps(text) !== null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={text}
        aria-invalid={!isValid}
        aria-describedby={`${id}-help`}
        onChange={(event) => {
          setText(event.target.value);
          const steps = parseSteps(event.target.value);
          if (steps) onValid(steps);
        }}
      />
      <p id={`${id}-help`} className={isValid ? 'help' : 'field-error'}>
        {isValid ? t('learningStepsHelp') : t('invalidSteps')}
      </p>
    </div>
  );
}

export function SelectField({ label, value, choices, onChange }: { label: string; value: string; choices: [string, string][]; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {choices.map(([choice, text]) => (
          <option key={choice} value={choice}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
