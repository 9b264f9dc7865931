import { useId } from 'react';
import { useT } from '../../ui/i18n';

/** An inline confirmation for a destructive step: the question, "Cancel" and the confirming action. */
export function ConfirmPanel({
  question,
  confirmLabel,
  onCancel,
  onConfirm,
}: {
  question: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useT();
  const id = useId();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
