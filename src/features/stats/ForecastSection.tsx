import type { CollectionStats } from '../../domain/stats';
import { type Language, useScreenT, useT } from '../../ui/i18n';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { BarChart } from './BarChart';
import { ChartFigure } from './ChartFigure';
import { formatNumber, formatWeekday, type StatsT } from './statsFormat';

/** Three labels: five (every week) ran into one another at 360 px in Russian ("Через 14 дн."). */
const TICKS = [0, 14, 29] as const;

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** "Today", "Tomorrow", then dates. */
function dayName(offset: number, today: number, language: Language, ts: StatsT): string {
  if (offset === 0) return ts('statsToday');
  if (offset === 1) return ts('statsTomorrow');
  return formatWeekday(today + offset, language);
}

/** Reviews due per study day over the next 30 days (overdue ones today), as bars. */
export function ForecastSection({ stats }: { stats: CollectionStats }) {
  const { language } = useT();
  const ts = useScreenT(STATS_MESSAGES);
  const { due, overdue } = stats.forecast;
  const n = (value: number) => formatNumber(value, language);
  const bars = due.map((value, offset) => ({ label: offset === 0 ? ts('statsToday') : ts('statsInDays', { n: n(offset) }), value }));
  return (
    <section className="stats-section" aria-labelledby="stats-forecast-heading">
      <h2 id="stats-forecast-heading">{ts('statsForecastHeading')}</h2>
      <ChartFigure
        chart={<BarChart bars={bars} label={ts('statsForecastChart')} tickAt={TICKS} formatValue={n} />}
        caption={
          <ul className="stats-facts">
            <li>{ts('statsForecastToday', { count: n(due[0] ?? 0), overdue: n(overdue) })}</li>
            <li>{ts('statsForecastTomorrow', { count: n(due[1] ?? 0) })}</li>
            <li>{ts('statsForecastWeek', { count: n(sum(due.slice(0, 7))) })}</li>
            <li>{ts('statsForecastMonth', { count: n(sum(due)) })}</li>
          </ul>
        }
        table={() => (
            <table className="stats-table">
              <caption className="visually-hidden">{ts('statsForecastChart')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ts('statsDayColumn')}</th>
                  <th scope="col">{ts('statsDueColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {due.map((value, offset) => (
                  <tr key={offset}>
                    <th scope="row">{dayName(offset, stats.today, language, ts)}</th>
                    <td>{n(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
        )}
      />
    </section>
  );
}
