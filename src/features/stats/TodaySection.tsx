import type { CollectionStats } from '../../domain/stats';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { useScreenT, useT } from '../../ui/i18n';
import { formatNumber, formatPercent, formatTimeSpent, PENDING } from './statsFormat';

/** Today's answers: how many, in how long, and how many were Again (`stats` null: being counted). */
export function TodaySection({ stats }: { stats: CollectionStats | null }) {
  const { language } = useT();
  const ts = useScreenT(STATS_MESSAGES);
  const { count, timeMs, again } = stats?.todayAnswers ?? { count: 0, timeMs: 0, again: 0 };
  return (
    <section className="stats-section" aria-labelledby="stats-today-heading">
      <h2 id="stats-today-heading">{ts('statsTodayHeading')}</h2>
      {stats === null ? (
        <p className="stats-lead">{PENDING}</p>
      ) : count === 0 ? (
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
