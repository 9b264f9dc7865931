import { RETENTION_PERIODS, retentionRate, type CollectionStats, type RetentionCounts, type RetentionPeriod } from '../../domain/stats';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { useScreenT, useT } from '../../ui/i18n';
import type { StatsMessageKey } from '../../ui/i18n/screens/stats';
import { formatNumber, formatPercent } from './statsFormat';

const PERIOD_KEYS = {
  day: 'statsPeriodDay',
  week: 'statsPeriodWeek',
  month: 'statsPeriodMonth',
  year: 'statsPeriodYear',
} as const satisfies Record<RetentionPeriod, StatsMessageKey>;

const COLUMNS = [
  ['young', 'statsYoung'],
  ['mature', 'statsMature'],
  ['total', 'statsTotal'],
] as const satisfies readonly (readonly ['young' | 'mature' | 'total', StatsMessageKey])[];

/**
 * One cell: the share passed, then passed / failed. The figures read out in words through an image's name instead of
 * a hidden copy of them: a table of twelve such cells is then about 40
 * fewer boxes to lay out in the frame that shows it.
 */
function RetentionCell({ counts, which }: { counts: RetentionCounts; which: 'young' | 'mature' | 'total' }) {
  const { language } = useT();
  const ts = useScreenT(STATS_MESSAGES);
  const { passed, failed, rate } = retentionRate(counts, which);
  if (rate === null) {
    return (
      <td>
        <span role="img" aria-label={ts('statsNoReviews')}>
          —
        </span>
      </td>
    );
  }
  const [passedText, failedText] = [formatNumber(passed, language), formatNumber(failed, language)];
  return (
    <td>
      <span className="stats-rate">{formatPercent(rate, language, ts)}</span>
      <span className="stats-counts muted" role="img" aria-label={ts('statsPassedFailed', { passed: passedText, failed: failedText })}>
        {`${passedText} / ${failedText}`}
      </span>
    </td>
  );
}

/** True retention as Anki counts it, for the last day, week, month and year: young, mature and both. */
export function RetentionSection({ stats }: { stats: CollectionStats }) {
  const ts = useScreenT(STATS_MESSAGES);
  return (
    <section className="stats-section" aria-labelledby="stats-retention-heading">
      <h2 id="stats-retention-heading">{ts('statsRetentionHeading')}</h2>
      <p className="help">{ts('statsRetentionHelp')}</p>
      <table className="stats-table stats-retention">
        <caption>{ts('statsRetentionCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{ts('statsPeriodColumn')}</th>
            {COLUMNS.map(([which, key]) => (
              <th key={which} scope="col">
                {ts(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {RETENTION_PERIODS.map((period) => (
            <tr key={period}>
              <th scope="row">{ts(PERIOD_KEYS[period])}</th>
              {COLUMNS.map(([which]) => (
                <RetentionCell key={which} counts={stats.retention[period]} which={which} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
