import { useId, type FormEvent } from 'react';

/**
 * A deck name with its submit button (rename a deck, create one), the
 * refusal in words under it, tied to the field for screen readers, and the
 * status line of the last success.
 */
export function DeckNameForm({
  label,
  submitLabel,
  name,
  problem,
  status,
  onNameChange,
  onSubmit,
}: {
  label: string;
  submitLabel: string;
  name: string;
  /** Why the name was refused, in words; null when it was not. */
  problem: string | null;
  status: string | null;
  onNameChange: (name: string) => void;
  onSubmit: (event: FormEvent) => void;
}) {
  const id = useId();
  const problemId = `${id}-problem`;
  return (
    <>
      <form className="deck-rename" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{label}</label>
          <input
            id={`${id}-name`}
            value={name}
            enterKeyHint="done"
            aria-invalid={problem !== null}
            aria-describedby={problem !== null ? problemId : undefined}
            onChange={(event) => onNameChange(event.target.value)}
          />
        </div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </form>
      {problem !== null && (
        <p id={problemId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <p role="status">{status}</p>
    </>
  );
}
