import type { CollectionStats } from '../../domain/stats';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { useScreenT, useT } from '../../ui/i18n';
import { formatNumber, formatPercent, formatTimeSpent } from './statsFormat';

/** Today's answers: how many, in how long, and how many were Again. */
export function TodaySection({ stats }: { stats: CollectionStats }) {
  const { language } = useT();
  const ts = useScreenT(STATS_MESSAGES);
  const { count, timeMs, again } = stats.todayAnswers;
  return (
    <section className="stats-section" aria-labelledby="stats-today-heading">
      <h2 id="stats-today-heading">{ts('statsTodayHeading')}</h2>
      {count === 0 ? (
        <p className="muted">{ts('statsTodayNone')}</p>
      ) : (
        <>
          <p className="stats-lead">{ts('statsTodayStudied', { count, n: formatNumber(count, language), time: formatTimeSpent(timeMs, language, ts) })}</p>
          <p>{ts('statsTodayAgain', { count: formatNumber(again, language), percent: formatPercent(again / count, language, ts) })}</p>
        </>
      )}
    </section>
  );
}
