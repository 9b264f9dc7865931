import { useId } from 'react';
import { RATINGS, RATING_NAMES, type RatingValue } from '../../domain/types';
import type { PracticeCard } from '../../storage/stories';
import { formatInterval } from '../../ui/formatDuration';
import { useT } from '../../ui/i18n';
import type { PracticeT } from './practiceFormat';

const MESSAGE_KEYS = { Again: 'again', Hard: 'hard', Good: 'good', Easy: 'easy' } as const;

/** What a rating did, or why it did nothing. */
export type RateOutcome = { kind: 'saved'; rating: RatingValue; interval: string } | { kind: 'conflict' } | { kind: 'failed'; reason: string };

/** A rating's button label parts: its name and the interval its preview schedules. */
export function ratingLabel(practice: PracticeCard, rating: RatingValue, translator: ReturnType<typeof useT>): { name: string; interval: string } {
  const preview = practice.previews[rating];
  return { name: translator.t(MESSAGE_KEYS[RATING_NAMES[rating]]), interval: formatInterval(preview.due - preview.previewedAt, translator) };
}

/**
 * Again / Hard / Good / Easy with the interval each schedules (as the
 * review's rating bar shows them); what it did once tapped; nothing to rate
 * when the note has no card in a study queue.
 */
export function PracticeRating({
  practice,
  outcome,
  isSaving,
  onRate,
  tp,
}: {
  practice: PracticeCard | null | undefined;
  outcome: RateOutcome | null;
  isSaving: boolean;
  onRate: (rating: RatingValue) => void;
  tp: PracticeT;
}) {
  const translator = useT();
  const { t } = translator;
  const baseId = useId();
  const isSaved = outcome?.kind === 'saved';
  return (
    <section className="practice-section practice-rate" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{tp('rateTitle')}</h2>
      {practice === null && <p>{tp('rateNoCard')}</p>}
      {practice && !isSaved && (
        <>
          <p className="help">{tp('rateHelp')}</p>
          <div className="practice-ratings" role="group" aria-label={tp('rateGroup')}>
            {RATINGS.map((rating) => {
              const { name, interval } = ratingLabel(practice, rating, translator);
              return (
                <button
                  key={rating}
                  type="button"
                  className={`button rating rating-${rating}`}
                  onClick={() => onRate(rating)}
                  disabled={isSaving}
                  aria-keyshortcuts={String(rating)}
                  aria-label={t('rateWithInterval', { rating: name, interval })}
                >
                  <span className="rating-name">{name}</span>
                  <span className="rating-interval">{interval}</span>
                </button>
              );
            })}
          </div>
        </>
      )}
      <p role="status" className="status-line">
        {outcome?.kind === 'saved' ? tp('rateSaved', { rating: t(MESSAGE_KEYS[RATING_NAMES[outcome.rating]]), interval: outcome.interval }) : ''}
      </p>
      {outcome?.kind === 'conflict' && (
        <p role="alert" className="banner warning">
          {tp('rateConflict')}
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p role="alert" className="banner error">
          {tp('rateFailed', { reason: outcome.reason })}
        </p>
      )}
    </section>
  );
}
