import { useEffect, useRef } from 'react';
import { Link } from '../../ui/Link';
import { formatWait } from '../../ui/formatDuration';
import { useT } from '../../ui/i18n';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { useNow } from '../../ui/useNow';
import { reviewSessionStore, useReviewSession } from '../../state/reviewSession';

/** End of session: "All done for today" or when the next learning card is due. */
export function SessionEnd() {
  const { t } = useT();
  const phase = useReviewSession((state) => state.phase);
  const waitUntil = useReviewSession((state) => state.waitUntil);
  const reviewedCount = useReviewSession((state) => state.reviewedCount);
  const reviewedCards = useReviewSession((state) => state.reviewedCards.size);
  const error = useReviewSession((state) => state.error);
  const now = useNow(15_000);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Keyboard and screen-reader users land on the outcome, not on <body>.
  useEffect(() => {
    headingRef.current?.focus();
  }, [phase]);

  useEffect(() => {
    if (phase !== 'wait' || waitUntil === null) return;
    const timer = window.setTimeout(() => reviewSessionStore.getState().resume(), Math.max(0, waitUntil - Date.now()) + 50);
    return () => window.clearTimeout(timer);
  }, [phase, waitUntil]);

  if (phase === 'error') {
    return (
      <section className="session-end">
        <p role="alert">{t('loadError', { reason: storageErrorMessage(error, t) })}</p>
        <Link className="button primary wide" href="/">
          {t('backHome')}
        </Link>
      </section>
    );
  }
  return (
    <section className="session-end" aria-live="polite">
      <h1 ref={headingRef} tabIndex={-1}>
        {phase === 'wait' && waitUntil !== null ? t('nextCardIn', { time: formatWait(waitUntil - now, t) }) : t('allDone')}
      </h1>
      {phase === 'wait' && <p className="muted">{t('nextCardWaiting')}</p>}
      <p>
        {t('reviewedCount', { count: reviewedCards })}
        {reviewedCount !== reviewedCards && ` ${t('answersCount', { count: reviewedCount })}`}
      </p>
      <Link className="button primary wide" href="/">
        {t('backHome')}
      </Link>
    </section>
  );
}
