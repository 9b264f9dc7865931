import type { CollectionStats } from '../../domain/stats';
import { type Language, useScreenT, useT } from '../../ui/i18n';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { ChartFigure } from './ChartFigure';
import { formatDate, formatMonth, formatNumber, weekdayOf } from './statsFormat';

const CELL = 11;
const STEP = 13;
const LEFT = 2;
/** Room above the squares for the months' names. */
const TOP = 26;
/** Shades of the accent colour for 1+ answers (no answers: the border colour). */
const LEVELS = 4;
const DAY_MS = 86_400_000;

/** The drawing's units for a year of `weeks` columns: the month names' size on screen follows them. */
export function calendarViewBox(weeks: number): string {
  return `0 0 ${LEFT + weeks * STEP} ${TOP + 7 * STEP}`;
}

/** Which shade a day gets: 0 for none, else 1-4 by its share of the busiest day. */
function levelOf(count: number, max: number): number {
  if (count === 0) return 0;
  return Math.min(LEVELS, Math.max(1, Math.ceil((count / max) * LEVELS)));
}

/**
 * The year as a calendar: a column per week, a square per study day shaded
 * by its answers; with the current streak.
 */
export function CalendarSection({ stats }: { stats: CollectionStats }) {
  const { language } = useT();
  const ts = useScreenT(STATS_MESSAGES);
  const { firstDay, answers } = stats.calendar;
  const weekStart = language === 'ru' ? 1 : 0;
  const lead = (weekdayOf(firstDay) - weekStart + 7) % 7;
  const weeks = Math.ceil((lead + answers.length) / 7);
  const max = Math.max(1, ...answers);
  const total = answers.reduce((sum, count) => sum + count, 0);
  const studiedDays = answers.filter((count) => count > 0).length;
  // Every other month's name over the column of its 1st day (all twelve ran into one another in Russian on a phone; none in the last three columns: no room).
  const months: { day: number; column: number }[] = [];
  const start = new Date(firstDay * DAY_MS);
  for (let month = 0; month <= 12; month += 2) {
    const day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, 1) / DAY_MS;
    const column = Math.floor((lead + day - firstDay) / 7);
    if (day >= firstDay && day - firstDay < answers.length && column < weeks - 3) months.push({ day, column });
  }
  // One path per shade (a square per day), so a year is five elements, not 365.
  const levelPaths = Array.from({ length: LEVELS + 1 }, () => [] as string[]);
  for (let index = 0; index < answers.length; index += 1) {
    const cell = lead + index;
    levelPaths[levelOf(answers[index] as number, max)]?.push(`M${LEFT + Math.floor(cell / 7) * STEP} ${TOP + (cell % 7) * STEP}h${CELL}v${CELL}h-${CELL}z`);
  }
  const n = (value: number) => formatNumber(value, language);
  const { streak } = stats;
  const streakText =
    streak.days === 0
      ? ts('statsStreakNone')
      : `${ts(streak.reachesYearStart ? 'statsStreakAtLeast' : 'statsStreak', { count: streak.days, n: n(streak.days) })}${streak.includesToday ? '' : `. ${ts('statsStreakKeep')}`}`;
  return (
    <section className="stats-section" aria-labelledby="stats-calendar-heading">
      <h2 id="stats-calendar-heading">{ts('statsCalendarHeading')}</h2>
      <p className="stats-lead">{streakText}</p>
      <ChartFigure
        chart={
          <>
            <svg className="stats-chart stats-calendar" viewBox={calendarViewBox(weeks)} role="img" aria-label={ts('statsCalendarChart')}>
              {months.map(({ day, column }) => (
                <text key={day} className="stats-tick" x={LEFT + column * STEP} y={TOP - 6}>
                  {formatMonth(day, language)}
                </text>
              ))}
              {levelPaths.map((cells, level) => (cells.length > 0 ? <path key={level} className={`stats-day level-${level}`} d={cells.join('')} /> : null))}
            </svg>
            <p className="stats-legend" aria-hidden="true">
              <span>{ts('statsLess')}</span>
              {Array.from({ length: LEVELS + 1 }, (_, level) => (
                <span key={level} className={`stats-swatch level-${level}`} />
              ))}
              <span>{ts('statsMore')}</span>
            </p>
          </>
        }
        caption={`${ts('statsCalendarAnswers', { count: total, n: n(total) })} ${ts('statsCalendarDays', { count: studiedDays, n: n(studiedDays) })}`}
        table={() => <StudiedDaysTable firstDay={firstDay} answers={answers} language={language} />}
      />
    </section>
  );
}

/** The days with answers, newest first. */
function StudiedDaysTable({ firstDay, answers, language }: { firstDay: number; answers: readonly number[]; language: Language }) {
  const ts = useScreenT(STATS_MESSAGES);
  const days = answers.flatMap((count, index) => (count > 0 ? [{ day: firstDay + index, count }] : [])).reverse();
  if (days.length === 0) return <p className="muted">{ts('statsNoAnswersYear')}</p>;
  return (
    <table className="stats-table">
      <caption className="visually-hidden">{ts('statsCalendarChart')}</caption>
      <thead>
        <tr>
          <th scope="col">{ts('statsDateColumn')}</th>
          <th scope="col">{ts('statsAnswersColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map(({ day, count }) => (
          <tr key={day}>
            <th scope="row">{formatDate(day, language)}</th>
            <td>{formatNumber(count, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
