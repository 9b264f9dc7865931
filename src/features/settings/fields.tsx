/**
 * Form fields for settings. Text fields check what is typed as it is typed
 * (shown invalid, with the reason) but save only when the user is done: on
 * Enter or when the field loses focus, and only a valid value. An invalid
 * value is never saved; it stays in the field with its reason until fixed.
 * The retention slider saves when it is let go (pointer up, key up, blur).
 * Saves go through the screen's `Saver` (`ui/useSave`): a save that fails
 * puts the field back to the stored value, and the screen says why.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { useScreenT } from '../../ui/i18n';
import { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';
import { hasDayLongStep, parseStepsText, type StepsProblem } from '../../domain/steps';
import { MAX_LEECH_THRESHOLD } from '../../domain/leech';
import { DEFAULT_DECK_OPTIONS, type DeckOptions } from '../../domain/types';
import { updateDeckOptions } from '../../storage';
import type { Saver } from '../../ui/useSave';
import { RetentionCost } from './RetentionCost';
import { stepsProblemMessage } from './stepsMessages';

/** Why typed text is not a whole number in range, or the number. */
export type WholeNumberCheck = { ok: true; value: number } | { ok: false; problem: 'empty' | 'not-whole' | 'out-of-range' };

/**
 * Reads typed text as a whole number from `min` to `max`: digits only
 * (no sign, decimal point or exponent, so "1.5" and "1e3" are refused).
 */
export function checkWholeNumber(text: string, min: number, max: number): WholeNumberCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, problem: 'not-whole' };
  const value = Number(trimmed);
  return value >= min && value <= max ? { ok: true, value } : { ok: false, problem: 'out-of-range' };
}

/**
 * Text that follows the stored value while the user is not editing it
 * (another tab, a reset): a stored value that arrives mid-edit (a slider
 * being dragged) leaves the user's text alone. `restore` puts the stored
 * value back (a failed save).
 */
function useFieldText(stored: string): [text: string, setText: (text: string) => void, restore: () => void] {
  const [field, setField] = useState({ text: stored, seen: stored });
  if (stored !== field.seen) setField({ text: field.text === field.seen ? stored : field.text, seen: stored });
  const setText = (text: string) => setField((current) => ({ ...current, text }));
  const restore = () => setField((current) => ({ ...current, text: current.seen }));
  return [field.text, setText, restore];
}

/** Saves `value` with `onCommit`, and puts the field back to the stored value if that failed. */
function commitOrRestore<T>(onCommit: (value: T) => Promise<boolean>, value: T, restore: () => void): void {
  void onCommit(value).then((isSaved) => {
    if (!isSaved) restore();
  });
}

const onEnter = (commit: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key === 'Enter') commit();
};

/** The scheduling options of one preset: limits, desired retention, learning and relearning steps, sibling burying, the leech threshold. */
export function OptionFields({ options, saver }: { options: DeckOptions; saver: Saver }) {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const save = (patch: Partial<DeckOptions>) => saver.save(() => updateDeckOptions(options.id, patch));
  return (
    <>
      <NumberField label={ts('newPerDay')} value={options.newPerDay} min={0} max={9999} onCommit={(newPerDay) => save({ newPerDay })} />
      <NumberField
        label={ts('reviewsPerDay')}
        value={options.reviewsPerDay}
        min={0}
        max={99999}
        onCommit={(reviewsPerDay) => save({ reviewsPerDay })}
      />
      <RetentionField options={options} onCommit={(desiredRetention) => save({ desiredRetention })} />
      <StepsField label={ts('learningSteps')} value={options.learningSteps} onCommit={(learningSteps) => save({ learningSteps })} />
      <StepsField
        label={ts('relearningSteps')}
        value={options.relearningSteps}
        onCommit={(relearningSteps) => save({ relearningSteps })}
      />
      <CheckboxField
        label={ts('burySiblings')}
        help={ts('burySiblingsHelp')}
        checked={options.burySiblings ?? true}
        onChange={(burySiblings) => void save({ burySiblings })}
      />
      <NumberField
        label={ts('leechThreshold')}
        help={ts('leechThresholdHelp')}
        value={options.leechThreshold ?? DEFAULT_DECK_OPTIONS.leechThreshold}
        min={0}
        max={MAX_LEECH_THRESHOLD}
        onCommit={(leechThreshold) => save({ leechThreshold })}
      />
    </>
  );
}

/** A whole number from `min` to `max`, saved on Enter or blur when valid. */
export function NumberField({
  label,
  value,
  min,
  max,
  help,
  onCommit,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  help?: string;
  /** Saves the value; resolves false when it was not saved. */
  onCommit: (value: number) => Promise<boolean>;
}) {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const id = useId();
  const [text, setText, restore] = useFieldText(String(value));
  const check = checkWholeNumber(text, min, max);
  const commit = () => {
    if (check.ok && check.value !== value) commitOrRestore(onCommit, check.value, restore);
  };
  const error = check.ok
    ? null
    : check.problem === 'not-whole'
      ? ts('numberNotWhole', { text: text.trim(), min, max })
      : check.problem === 'out-of-range'
        ? ts('numberOutOfRange', { value: text.trim(), min, max })
        : ts('invalidNumber', { min, max });
  const describedBy = [error && `${id}-error`, help && `${id}-help`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        enterKeyHint="done"
        value={text}
        aria-invalid={!check.ok}
        aria-describedby={describedBy || undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={onEnter(commit)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
    </div>
  );
}

/** Desired retention in percent; the label and its cost follow the slider, the value is saved when the slider is let go. */
function RetentionField({ options, onCommit }: { options: DeckOptions; onCommit: (value: number) => Promise<boolean> }) {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const value = options.desiredRetention;
  const id = useId();
  const [text, setText, restore] = useFieldText(String(Math.round(value * 100)));
  const percent = Number(text);
  const commit = (event: { currentTarget: HTMLInputElement }) => {
    const next = Number(event.currentTarget.value) / 100;
    if (next !== value) commitOrRestore(onCommit, next, restore);
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {ts('desiredRetention')}: <output htmlFor={id}>{percent}%</output>
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
        onChange={(event) => setText(event.target.value)}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <p id={`${id}-help`} className="help">
        {ts('desiredRetentionHelp')}
      </p>
      <RetentionCost options={options} percent={percent} />
    </div>
  );
}

function sameSteps(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((step, index) => step === b[index]);
}

/** Learning or relearning steps ("1m 10m"), saved on Enter or blur when valid; a day-long step shows FSRS's advice. */
function StepsField({ label, value, onCommit }: { label: string; value: string[]; onCommit: (steps: string[]) => Promise<boolean> }) {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const id = useId();
  const [text, setText, restore] = useFieldText(value.join(' '));
  const result = parseStepsText(text);
  const problem: StepsProblem | null = result.ok ? null : result.problem;
  const showsHint = result.ok && hasDayLongStep(result.steps);
  const commit = () => {
    if (result.ok && !sameSteps(result.steps, value)) commitOrRestore(onCommit, result.steps, restore);
  };
  const describedBy = [problem && `${id}-error`, `${id}-help`, showsHint && `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        enterKeyHint="done"
        value={text}
        aria-invalid={!result.ok}
        aria-describedby={describedBy}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={onEnter(commit)}
      />
      {problem && (
        <p id={`${id}-error`} className="field-error">
          {stepsProblemMessage(problem, ts)}
        </p>
      )}
      <p id={`${id}-help`} className="help">
        {ts('learningStepsHelp')}
      </p>
      {showsHint && (
        <p id={`${id}-hint`} className="help">
          {ts('stepsDayLongHint')}
        </p>
      )}
    </div>
  );
}

/** A checkbox saved as soon as it changes. */
function CheckboxField({ label, help, checked, onChange }: { label: string; help: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field checkbox-field">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-help`} onChange={(event) => onChange(event.target.checked)} />
        {label}
      </label>
      <p id={`${id}-help`} className="help">
        {help}
      </p>
    </div>
  );
}

/** One of `choices`, saved as soon as it changes; `onChange` gets the chosen value with its type (no cast). */
export function SelectField<T extends string>({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: T;
  choices: readonly { value: T; text: string }[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  const choose = (selected: string) => {
    const choice = choices.find((candidate) => candidate.value === selected);
    if (choice) onChange(choice.value);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => choose(event.target.value)}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.text}
          </option>
        ))}
      </select>
    </div>
  );
}
