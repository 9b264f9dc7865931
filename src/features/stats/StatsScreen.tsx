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
import { Fragment, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { CollectionStats } from '../../domain/stats';
import { prepareStatsWorker } from '../../storage/stats';
import { useDecks } from '../../ui/data';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { useScreenT, useT } from '../../ui/i18n';
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
import { useStats } from './useStats';

/**
 * Starts the Stats worker ahead of the screen, warming the Intl formats of
 * the app's language (`<html lang>`): the route table calls it when the
 * screen's code loads, mostly while the app is idle on home.
 */
export function prepareStats(): void {
  prepareStatsWorker(document.documentElement.lang || undefined);
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

/**
 * The sections, shown a group a frame from the moment the screen opens, with
 * placeholders while the worker counts: each frame lays out and paints a
 * part of the screen (the page is never held up by the whole of it), and
 * most of the screen is on it before the figures arrive, which then only
 * fill it in. The mark is set in the frame after the figures are in every
 * section.
 */
const SECTION_GROUPS: readonly ((stats: CollectionStats | null) => ReactNode)[] = [
  (stats) => (
    <Fragment key="top">
      <TodaySection stats={stats} />
      <ForecastSection stats={stats} />
    </Fragment>
  ),
  (stats) => <CalendarSection key="calendar" stats={stats} />,
  (stats) => (
    <Fragment key="tables">
      <RetentionSection stats={stats} />
      <CardCountsSection stats={stats} />
    </Fragment>
  ),
  (stats) => (
    <Fragment key="memory">
      <DistributionSection kind="stability" distribution={stats?.stability ?? null} />
      <DistributionSection kind="difficulty" distribution={stats?.difficulty ?? null} />
      <DistributionSection kind="retrievability" distribution={stats?.retrievability ?? null} />
    </Fragment>
  ),
];

/** The sections (`stats` null: being counted). */
function StatsSections({ stats }: { stats: CollectionStats | null }) {
  const [shown, setShown] = useState(1);
  useEffect(
    () =>
      afterPaint(() => {
        if (shown < SECTION_GROUPS.length) setShown(shown + 1);
        else if (stats && typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(CHARTS_PAINTED_MARK);
      }),
    [shown, stats],
  );
  return <div aria-busy={stats === null}>{SECTION_GROUPS.slice(0, shown).map((group) => group(stats))}</div>;
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
      {error === null && !(stats && !hasAnything(stats)) && <StatsSections stats={stats} />}
    </div>
  );
}
