import type { Distribution } from '../../domain/stats';
import { type Language, useScreenT, useT } from '../../ui/i18n';
import { STATS_MESSAGES, type StatsMessageKey } from '../../ui/i18n/screens/stats';
import { BarChart } from './BarChart';
import { ChartFigure } from './ChartFigure';
import { formatDays, formatNumber, formatPercent, type StatsT } from './statsFormat';

export type DistributionKind = 'stability' | 'difficulty' | 'retrievability';

const WORDS = {
  stability: { heading: 'statsStabilityHeading', help: 'statsStabilityHelp', range: 'statsStabilityRange' },
  difficulty: { heading: 'statsDifficultyHeading', help: 'statsDifficultyHelp', range: 'statsDifficultyRange' },
  retrievability: { heading: 'statsRetrievabilityHeading', help: 'statsRetrievabilityHelp', range: 'statsRetrievabilityRange' },
} as const satisfies Record<DistributionKind, Record<'heading' | 'help' | 'range', StatsMessageKey>>;

/** A value of the distribution as shown: days, a difficulty, or a share. */
function valueText(kind: DistributionKind, value: number, language: Language, ts: StatsT): string {
  if (kind === 'retrievability') return formatPercent(value, language, ts, 0);
  return formatNumber(value, language, kind === 'difficulty' ? 1 : 0);
}

/** A bucket as shown: "7–14", "365+", "90%–95%". */
function rangeText(kind: DistributionKind, from: number, to: number | null, language: Language, ts: StatsT): string {
  return to === null ? `${valueText(kind, from, language, ts)}+` : `${valueText(kind, from, language, ts)}–${valueText(kind, to, language, ts)}`;
}

/** How the studied cards spread over stability, difficulty or retrievability: bars per range, the average, a table. */
export function DistributionSection({ kind, distribution }: { kind: DistributionKind; distribution: Distribution }) {
  const { language } = useT();
  const ts = useScreenT(STATS_MESSAGES);
  const words = WORDS[kind];
  const headingId = `stats-${kind}-heading`;
  const bars = distribution.buckets.map(({ from, to, count }) => ({ label: rangeText(kind, from, to, language, ts), value: count }));
  const last = bars.length - 1;
  const ticks = kind === 'retrievability' ? [0, 10, last] : kind === 'stability' ? [0, 4, 8, last] : [0, 4, last];
  const mean = distribution.mean === null ? null : kind === 'stability' ? formatDays(distribution.mean, language, ts) : valueText(kind, distribution.mean, language, ts);
  const n = (value: number) => formatNumber(value, language);
  return (
    <section className="stats-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{ts(words.heading)}</h2>
      <p className="help">{ts(words.help)}</p>
      {distribution.count === 0 ? (
        <p className="muted">{ts('statsNoStudiedCards')}</p>
      ) : (
        <ChartFigure
          chart={<BarChart bars={bars} label={ts('statsDistributionChart', { name: ts(words.heading) })} tickAt={ticks} formatValue={n} />}
          caption={mean === null ? '' : ts('statsAverage', { value: mean })}
          table={() => (
              <table className="stats-table">
                <caption className="visually-hidden">{ts('statsDistributionChart', { name: ts(words.heading) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{ts(words.range)}</th>
                    <th scope="col">{ts('statsCardsColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {bars.map((bar) => (
                    <tr key={bar.label}>
                      <th scope="row">{bar.label}</th>
                      <td>{n(bar.value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
          )}
        />
      )}
    </section>
  );
}
