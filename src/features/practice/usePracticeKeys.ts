import { useEffect } from 'react';
import { RATINGS, type RatingValue } from '../../domain/types';

/** Inputs whose keys are not text (a checkbox, a radio button) leave the shortcuts on. */
const NOT_TEXT = ['checkbox', 'radio', 'button', 'submit', 'reset', 'range'];

function isTyping(target: HTMLElement): boolean {
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.includes(target.type);
}

/** Desktop keys: R record / stop, P play / pause the latest recording, 1-4 rate (when `onRate` is given); none while typing or in a dialog. */
export function usePracticeKeys({ onRecord, onPlay, onRate }: { onRecord: () => void; onPlay: () => void; onRate: ((rating: RatingValue) => void) | null }) {
  useEffect(() => {
    function handleKey(event: KeyboardEvent) {
      if (event.altKey || event.metaKey || event.ctrlKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target && isTyping(target)) return;
      if (target?.closest('dialog[open]') || document.querySelector('dialog[open]')) return;
      if (event.key === 'r' || event.key === 'R') {
        event.preventDefault();
        onRecord();
      } else if (event.key === 'p' || event.key === 'P') {
        event.preventDefault();
        onPlay();
      } else if (onRate && /^[1-4]$/.test(event.key)) {
        const rating = RATINGS[Number(event.key) - 1];
        if (rating !== undefined) {
          event.preventDefault();
          onRate(rating);
        }
      }
    }
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, [onRecord, onPlay, onRate]);
}
