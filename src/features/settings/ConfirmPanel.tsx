import { useId } from 'react';
import { useT } from '../../ui/i18n';

/** An inline confirmation for a step that changes data: the question (and what it will do), "Cancel" and the confirming action. */
export function ConfirmPanel({
  question,
  details = [],
  confirmLabel,
  isDestructive = true,
  onCancel,
  onConfirm,
}: {
  question: string;
  /** Sentences listed under the question, e.g. what a merge changes. */
  details?: readonly string[];
  confirmLabel: string;
  /** A step that removes or replaces data (the confirming button is red). */
  isDestructive?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useT();
  const id = useId();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{question}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail, index) => (
            <li key={index}>{detail}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className={isDestructive ? 'button danger' : 'button primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
