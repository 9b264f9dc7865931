/**
 * Statistics of one deck or of every deck the home shows: today's answers,
 * the 30-day forecast, the year's calendar with the streak, true retention,
 * cards by state and the spread of stability, difficulty and
 * retrievability. The figures are counted in a worker (`storage/stats`);
 * the charts are SVG in the theme's colours, each with its numbers as text.
 * When every chart is on screen the screen sets the performance mark
 * `stats:charts-painted` (the bench waits for it).
 */
import './stats.css';
import { memo, startTransition, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { CollectionStats } from '../../domain/stats';
import { prepareStatsWorker } from '../../storage/stats';
import { useDecks } from '../../ui/data';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { resolveLanguage, useScreenT, useT } from '../../ui/i18n';
import { Link } from '../../ui/Link';
import { navigate } from '../../ui/navigation';
import { NotFound } from '../../ui/NotFound';
import { statsPath } from '../../ui/paths';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { CalendarSection } from './CalendarSection';
import { CardCountsSection } from './CardCountsSection';
import { DistributionSection } from './DistributionSection';
import { ForecastSection } from './ForecastSection';
import { RetentionSection } from './RetentionSection';
import { TodaySection } from './TodaySection';
import { layOutStatsType } from './typeSpecimen';
import { useStats } from './useStats';

/**
 * Starts the Stats worker ahead of the screen, warming the Intl formats of
 * the app's language (`<html lang>`), and lays out the screen's type in
 * idle time (`typeSpecimen.ts`): the route table calls it when the screen's
 * code loads, mostly while the app is idle on home.
 */
export function prepareStats(): void {
  const language = document.documentElement.lang;
  prepareStatsWorker(language || undefined);
  void layOutStatsType(resolveLanguage('auto', [language]));
}

/** The mark set once every chart is painted (the frame after the last section is in the DOM). */
export const CHARTS_PAINTED_MARK = 'stats:charts-painted';

/** Runs `work` in a task after the next frame is painted; returns a cancel. */
function afterPaint(work: () => void): () => void {
  let timer = 0;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

// Each section drawn again only when its own figures change (one taking new figures leaves the others as they are).
const Today = memo(TodaySection);
const Forecast = memo(ForecastSection);
const Calendar = memo(CalendarSection);
const Retention = memo(RetentionSection);
const CardCounts = memo(CardCountsSection);
const Distribution = memo(DistributionSection);

/**
 * The sections, added one a frame once the figures are counted: each frame
 * lays out and paints one part of the screen, so the page is never held up
 * by the whole of it. Nothing is drawn while the worker counts (the screen
 * says it is counting), so the page's frames never compete with the count
 * for the CPU. After a write a section keeps the figures it shows until its
 * turn to take the new ones. The mark is set in the frame after every
 * section shows the latest figures.
 */
const SECTIONS: readonly ((stats: CollectionStats) => ReactNode)[] = [
  (stats) => <Today key="today" stats={stats} />,
  (stats) => <Forecast key="forecast" stats={stats} />,
  (stats) => <Calendar key="calendar" stats={stats} />,
  (stats) => <Retention key="retention" stats={stats} />,
  (stats) => <CardCounts key="counts" stats={stats} />,
  (stats) => <Distribution key="stability" kind="stability" distribution={stats.stability} />,
  (stats) => <Distribution key="difficulty" kind="difficulty" distribution={stats.difficulty} />,
  (stats) => <Distribution key="retrievability" kind="retrievability" distribution={stats.retrievability} />,
];

function StatsSections({ stats }: { stats: CollectionStats }) {
  // What each section on screen shows; a section is added, or takes `stats`, one per frame (the first after the screen's frame is painted).
  const [shownFigures, setShownFigures] = useState<readonly CollectionStats[]>([]);
  useEffect(
    () =>
      afterPaint(() => {
        // Transitions: React draws the section in slices, so only the commit is one task.
        if (shownFigures.length < SECTIONS.length) {
          startTransition(() => setShownFigures([...shownFigures, stats]));
          return;
        }
        const stale = shownFigures.findIndex((figures) => figures !== stats);
        if (stale !== -1) startTransition(() => setShownFigures(shownFigures.map((figures, index) => (index === stale ? stats : figures))));
        else if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(CHARTS_PAINTED_MARK);
      }),
    [shownFigures, stats],
  );
  const isDrawing = shownFigures.length < SECTIONS.length || shownFigures.some((figures) => figures !== stats);
  return <div aria-busy={isDrawing}>{shownFigures.map((figures, index) => SECTIONS[index]?.(figures))}</div>;
}

/** Whether there is anything to count: a card, or an answer in the last year. */
function hasAnything(stats: CollectionStats): boolean {
  return stats.cardCounts.total > 0 || stats.calendar.answers.some((count) => count > 0);
}

export default function StatsScreen({ deckId = null }: { deckId?: string | null }) {
  const { t } = useT();
  const ts = useScreenT(STATS_MESSAGES);
  const pickerId = useId();
  const decks = useDecks();
  const { result, error } = useStats(deckId);
  const stats = result?.kind === 'stats' ? result.stats : null;

  // The picker: the decks the home shows (and the one shown, even if hidden), in the home's order.
  const choices = useMemo(() => (decks ?? []).filter((deck) => !deck.isHidden || deck.id === deckId), [decks, deckId]);

  if ((decks && deckId !== null && !decks.some((deck) => deck.id === deckId)) || result?.kind === 'no-deck') {
    return <NotFound text={t('deckNotFound')} />;
  }

  return (
    <div className="stats-screen">
      <ScreenHeader title={ts('statsTitle')} />
      <div className="field stats-picker">
        <label htmlFor={pickerId}>{ts('statsDeckLabel')}</label>
        <select id={pickerId} value={deckId ?? ''} onChange={(event) => navigate(statsPath(event.target.value || null), { replace: true })}>
          <option value="">{ts('statsAllDecks')}</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
      </div>
      {error !== null && (
        <p role="alert" className="banner error">
          {ts('statsReadFailed', { reason: storageErrorMessage(error, t) })}
        </p>
      )}
      {!result && error === null && (
        <p role="status" className="muted">
          {ts('statsLoading')}
        </p>
      )}
      {stats && !hasAnything(stats) && (
        <section className="empty-state" aria-labelledby="stats-empty-title">
          <h2 id="stats-empty-title">{ts('statsEmptyTitle')}</h2>
          <p>{ts('statsEmptyText')}</p>
          <Link href="/import" className="button primary">
            {ts('statsImportLink')}
          </Link>
        </section>
      )}
      {error === null && stats && hasAnything(stats) && <StatsSections stats={stats} />}
    </div>
  );
}
