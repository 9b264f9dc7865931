import { useEffect } from 'react';
import { RATINGS, type RatingValue } from '../../domain/types';

/** Desktop shortcuts: Space/Enter show the answer, 1-4 rate, U or Ctrl+Z undo, E edit the note, S or ! suspend, - bury (Anki's keys); none while a dialog is open. */
export function useReviewKeys({
  onReveal,
  onRate,
  onUndo,
  onEdit,
  onSuspend,
  onBury,
}: {
  onReveal: () => void;
  onRate: (rating: RatingValue) => void;
  onUndo: () => void;
  onEdit?: () => void;
  onSuspend?: () => void;
  onBury?: () => void;
}) {
  useEffect(() => {
    function handleKey(event: KeyboardEvent) {
      if (event.altKey || event.metaKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (target?.closest('dialog[open]') || document.querySelector('dialog[open]')) return;
      const isButton = target?.tagName === 'BUTTON' || target?.tagName === 'A';
      if ((event.key === 'z' || event.key === 'Z') && event.ctrlKey) {
        event.preventDefault();
        onUndo();
        return;
      }
      if (event.ctrlKey) return;
      if (event.key === 'u' || event.key === 'U') {
        event.preventDefault();
        onUndo();
      } else if ((event.key === 'e' || event.key === 'E') && onEdit) {
        event.preventDefault();
        onEdit();
      } else if ((event.key === 's' || event.key === 'S' || event.key === '!') && onSuspend) {
        event.preventDefault();
        onSuspend();
      } else if (event.key === '-' && onBury) {
        event.preventDefault();
        onBury();
      } else if ((event.key === ' ' || event.key === 'Enter') && !isButton) {
        event.preventDefault();
        onReveal();
      } else if (/^[1-4]$/.test(event.key)) {
        const rating = RATINGS[Number(event.key) - 1];
        if (rating !== undefined) {
          event.preventDefault();
          onRate(rating);
        }
      }
    }
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, [onReveal, onRate, onUndo, onEdit, onSuspend, onBury]);
}
