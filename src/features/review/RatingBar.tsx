import { useRef, type MouseEvent, type Ref } from 'react';
import { formatInterval } from '../../ui/formatDuration';
import { useT } from '../../ui/i18n';
import type { IntervalPreview } from '../../domain/scheduler';
import { RATINGS, RATING_NAMES, type RatingValue } from '../../domain/types';

const MESSAGE_KEYS = { Again: 'again', Hard: 'hard', Good: 'good', Easy: 'easy' } as const;

/** A second tap this soon after a rating, at about the same spot, is the rest of a double tap, not "Show answer". */
const DOUBLE_TAP_MS = 400;
const DOUBLE_TAP_PX = 40;

interface Tap {
  at: number;
  x: number;
  y: number;
}

function isSecondTap(previous: Tap | null, event: MouseEvent): boolean {
  // detail 0: a click from the keyboard (Enter / Space), never part of a double tap.
  if (!previous || event.detail === 0) return false;
  return event.timeStamp - previous.at < DOUBLE_TAP_MS && Math.hypot(event.clientX - previous.x, event.clientY - previous.y) < DOUBLE_TAP_PX;
}

/** The bottom bar: "Show answer", then Again / Hard / Good / Easy with their next intervals. */
export function RatingBar({
  isRevealed,
  previews,
  onReveal,
  onRate,
  showAnswerRef,
}: {
  isRevealed: boolean;
  previews: Record<RatingValue, IntervalPreview> | null;
  onReveal: () => void;
  onRate: (rating: RatingValue) => void;
  showAnswerRef: Ref<HTMLButtonElement>;
}) {
  const translator = useT();
  const { t } = translator;
  const lastRatingTap = useRef<Tap | null>(null);
  if (!isRevealed) {
    return (
      <div className="action-bar">
        <button
          ref={showAnswerRef}
          type="button"
          className="button primary wide"
          onClick={(event) => {
            if (!isSecondTap(lastRatingTap.current, event)) onReveal();
          }}
        >
          {t('showAnswer')}
        </button>
      </div>
    );
  }
  return (
    <div className="action-bar ratings" role="group" aria-label={t('answer')}>
      {RATINGS.map((rating) => {
        const name = t(MESSAGE_KEYS[RATING_NAMES[rating]]);
        const preview = previews?.[rating];
        const interval = preview ? formatInterval(preview.due - preview.previewedAt, translator) : '';
        return (
          <button
            key={rating}
            type="button"
            className={`button rating rating-${rating}`}
            onClick={(event) => {
              lastRatingTap.current = event.detail === 0 ? null : { at: event.timeStamp, x: event.clientX, y: event.clientY };
              onRate(rating);
            }}
            aria-keyshortcuts={String(rating)}
            aria-label={interval ? t('rateWithInterval', { rating: name, interval }) : name}
          >
            <span className="rating-name">{name}</span>
            <span className="rating-interval">{interval}</span>
          </button>
        );
      })}
    </div>
  );
}
