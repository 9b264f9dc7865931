import { CARD_COUNT_KINDS, type CardCountKind, type CollectionStats } from '../../domain/stats';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { useScreenT, useT } from '../../ui/i18n';
import type { StatsMessageKey } from '../../ui/i18n/screens/stats';
import { formatNumber, formatPercent } from './statsFormat';

const KIND_KEYS = {
  new: 'statsStateNew',
  learning: 'statsStateLearning',
  review: 'statsStateReview',
  relearning: 'statsStateRelearning',
  suspended: 'statsStateSuspended',
  buried: 'statsStateBuried',
} as const satisfies Record<CardCountKind, StatsMessageKey>;

/** How many cards are in each state (suspended and buried ones apart), with a bar of the shares. */
export function CardCountsSection({ stats }: { stats: CollectionStats }) {
  const { language } = useT();
  const ts = useScreenT(STATS_MESSAGES);
  const { cardCounts } = stats;
  const { total } = cardCounts;
  // Each state's share of the bar and where it starts.
  const shares = CARD_COUNT_KINDS.map((kind, index) => ({
    kind,
    x: CARD_COUNT_KINDS.slice(0, index).reduce((sum, before) => sum + (cardCounts[before] / total) * 100, 0),
    width: (cardCounts[kind] / total) * 100,
  }));
  return (
    <section className="stats-section" aria-labelledby="stats-counts-heading">
      <h2 id="stats-counts-heading">{ts('statsCountsHeading')}</h2>
      {total > 0 && (
        <svg className="stats-share" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          {shares.map(({ kind, x, width }) => (width > 0 ? <rect key={kind} className={`stats-state-${kind}`} x={x} y={0} width={width} height={8} /> : null))}
        </svg>
      )}
      <table className="stats-table">
        <thead>
          <tr>
            <th scope="col">{ts('statsStateColumn')}</th>
            <th scope="col">{ts('statsCardsColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {CARD_COUNT_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">
                <span className={`stats-key stats-state-${kind}`} aria-hidden="true" />
                {ts(KIND_KEYS[kind])}
              </th>
              <td>
                {formatNumber(cardCounts[kind], language)}
                {total > 0 && <span className="muted"> ({formatPercent(cardCounts[kind] / total, language, ts, 0)})</span>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{ts('statsTotal')}</th>
            <td>{formatNumber(total, language)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
