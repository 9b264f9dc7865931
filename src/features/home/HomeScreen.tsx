import { Link } from '../../ui/Link';
import { formatWait } from '../../ui/formatDuration';
import { useT } from '../../ui/i18n';
import { navigate, studyPath } from '../../ui/router';
import { useNow } from '../../ui/useNow';
import { takeHandoff } from '../../ui/handoff';
import { useScreenReady } from '../../ui/screenReady';
import type { HomeOverview } from '../../storage';
import type { DeckCounts, DeckRecord } from '../../domain/types';
import { useHomeOverview } from '../../ui/data';
import { DeckRow } from './DeckRow';

/** Today: every deck with its counts, the total due, and ways to study. */
export function HomeScreen() {
  const { t } = useT();
  const now = useNow();
  const overview = useHomeOverview(now, takeStartedOverview);
  // Once the counts are on screen the shell may use the idle time (it prefetches the review code).
  useScreenReady(overview !== undefined);

  if (!overview) {
    return <p className="muted" role="status">{t('loadingDecks')}</p>;
  }
  const { decks, counts } = overview;
  const countsById = new Map(counts.map((entry) => [entry.deckId, entry]));
  const totalDue = counts.reduce((sum, entry) => sum + entry.newCount + entry.learningCount + entry.reviewCount, 0);
  const nextDue = counts.reduce<number | null>(
    (earliest, entry) => (entry.nextDue !== null && (earliest === null || entry.nextDue < earliest) ? entry.nextDue : earliest),
    null,
  );
  const groups = groupDecks(decks);

  return (
    <>
      <header className="screen-header">
        <h1>{t('today')}</h1>
        <nav className="header-links" aria-label={t('appName')}>
          <Link href="/import">{t('importLink')}</Link>
          <Link href="/settings">{t('settingsLink')}</Link>
        </nav>
      </header>
      <section className="summary" aria-live="polite">
        {totalDue > 0 ? (
          <>
            <p className="total-due">{t('totalDueToday', { count: totalDue })}</p>
            <button type="button" className="button primary wide" onClick={() => navigate(studyPath('all'))}>
              {t('studyAll')}
            </button>
          </>
        ) : (
          <p className="empty-state">
            {decks.length === 0
              ? t('noDecks')
              : nextDue !== null
                ? `${t('nothingDue')} ${t('nextReviewIn', { time: formatWait(nextDue - now, t) })}`
                : t('nothingDueNoNext')}
          </p>
        )}
      </section>
      {groups.map(([group, groupDecks]) => (
        <section key={group} className="deck-group" aria-labelledby={`group-${slug(group)}`}>
          <h2 id={`group-${slug(group)}`}>{group}</h2>
          <ul className="deck-list">
            {groupDecks.map((deck) => (
              <DeckRow key={deck.id} deck={deck} counts={countsById.get(deck.id) ?? emptyCounts(deck.id)} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** The overview a cold start began loading before React (first render only). */
function takeStartedOverview() {
  return takeHandoff<HomeOverview>('home');
}

function emptyCounts(deckId: string): DeckCounts {
  return { deckId, newCount: 0, learningCount: 0, reviewCount: 0, nextDue: null };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9а-яё]+/gi, '-');
}

function groupDecks(decks: DeckRecord[]): [string, DeckRecord[]][] {
  const groups = new Map<string, DeckRecord[]>();
  for (const deck of decks) {
    const group = deck.group ?? 'My decks';
    groups.set(group, [...(groups.get(group) ?? []), deck]);
  }
  return [...groups.entries()];
}
