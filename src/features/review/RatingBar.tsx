import type { Ref } from 'react';
import { useT } from '../../app/i18n';
import type { IntervalPreview } from '../../domain/scheduler';
import { RATINGS, RATING_NAMES, type RatingValue } from '../../domain/types';

const MESSAGE_KEYS = { Again: 'again', Hard: 'hard', Good: 'good', Easy: 'easy' } as const;

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
  const { t } = useT();
  if (!isRevealed) {
    return (
      <div className="action-bar">
        <button ref={showAnswerRef} type="button" className="button primary wide" onClick={onReveal}>
          {t('showAnswer')}
        </button>
      </div>
    );
  }
  return (
    <div className="action-bar ratings" role="group" aria-label={t('answer')}>
      {RATINGS.map((rating) => {
        const name = t(MESSAGE_KEYS[RATING_NAMES[rating]]);
        const interval = previews?.[rating].label ?? '';
        return (
          <button
            key={rating}
            type="button"
            className={`button rating rating-${rating}`}
            onClick={() => onRate(rating)}
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
