import { Link } from '../../ui/Link';
import { useT } from '../../ui/i18n';
import { navigate, studyPath } from '../../ui/router';
import { useNow } from '../../ui/useNow';
import { takeHandoff } from '../../ui/handoff';
import { useScreenReady } from '../../ui/screenReady';
import type { HomeOverview } from '../../storage';
import { useHomeOverview } from '../../ui/data';
import { BackupReminder } from './BackupReminder';
import { DeckGroup } from './DeckGroup';
import { homeModel } from './homeModel';

/**
 * Today: every deck with its counts, the total due, and ways to study. A cold
 * start paints the same markup before React has loaded (`paintHome.ts`; a
 * test holds the two equal).
 */
export function HomeScreen() {
  const translator = useT();
  const { t } = translator;
  const now = useNow();
  const overview = useHomeOverview(now, takeStartedOverview);
  // Once the counts are on screen the shell may use the idle time (it prefetches the review code).
  useScreenReady(overview !== undefined);

  if (!overview) {
    return <p className="muted" role="status">{t('loadingDecks')}</p>;
  }
  const model = homeModel(overview, now, translator);

  return (
    <>
      {model.remindBackup && <BackupReminder />}
      <header className="screen-header">
        <h1>{t('today')}</h1>
        <nav className="header-links" aria-label={t('appName')}>
          <Link href="/browse">{t('browseLink')}</Link>
          <Link href="/stories">{t('storiesLink')}</Link>
          <Link href="/stats">{t('statsLink')}</Link>
          <Link href="/import">{t('importLink')}</Link>
          <Link href="/settings">{t('settingsLink')}</Link>
        </nav>
      </header>
      <section className="summary" aria-live="polite">
        {model.totalDue > 0 ? (
          <>
            <p className="total-due">{model.totalText}</p>
            <button type="button" className="button primary wide" onClick={() => navigate(studyPath('all'))}>
              {t('studyAll')}
            </button>
          </>
        ) : (
          <p className="empty-state">{model.emptyText}</p>
        )}
      </section>
      {model.showLegend && (
        <p className="counts-legend" aria-hidden="true">
          <span className="legend new">{t('newLabel')}</span>
          <span className="legend learning">{t('learningLabel')}</span>
          <span className="legend due">{t('dueLabel')}</span>
        </p>
      )}
      {model.groups.map((group) => (
        <DeckGroup key={group.headingId} group={group} />
      ))}
      {model.hiddenDecksText !== null && (
        <p className="hidden-decks">
          <Link href="/settings">{model.hiddenDecksText}</Link>
        </p>
      )}
    </>
  );
}

/** The overview a cold start began loading before React (first render only). */
function takeStartedOverview() {
  return takeHandoff<HomeOverview>('home');
}
