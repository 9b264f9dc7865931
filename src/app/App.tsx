/**
 * The app shell: installs the built-in decks on first launch, applies theme
 * and language from settings, shows storage problems, and routes screens.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../domain/builtInDecks';
import { DEFAULT_SETTINGS } from '../domain/types';
import { HomeScreen } from '../features/home/HomeScreen';
import { ensureBuiltInDecks, onStorageEvent, toStorageError, type StorageError } from '../storage';
import { useSettings } from '../ui/data';
import { createTranslator, resolveLanguage, TranslatorContext } from '../ui/i18n';
import { Link } from '../ui/Link';
import { loadedReviewScreen, loadReviewScreen, prefetchReviewScreen } from './reviewScreenLoader';
import { parseRoute, usePathname } from '../ui/router';
import { InstallButton, setBeforeReload, UpdateBanner } from '../pwa';
import { BackupReminder } from '../features/home/BackupReminder';

// Before an app update reloads the page, every answer given so far is written.
setBeforeReload(() => import('../state/reviewSession').then((module) => module.reviewSessionStore.getState().flush()));

const ImportScreen = lazy(() => import('../features/import/ImportScreen'));
const SettingsRoute = lazy(() => import('../features/settings/SettingsRoute'));
const DeckOptionsScreen = lazy(() =>
  import('../features/settings/DeckOptionsScreen').then((module) => ({ default: module.DeckOptionsScreen })),
);
// The review screen (Markdown, sanitizer, scheduler) is its own chunk, so the
// first load stays small; it is fetched while the home screen is idle, long
// before the first tap on "Study".
const ReviewScreen = lazy(() => loadReviewScreen().then((module) => ({ default: module.ReviewScreen })));

/** The review screen: rendered at once when its code is there (a cold start waited for it), else lazily. */
function StudyRoute({ deckIds, loadingText }: { deckIds: 'all' | string[]; loadingText: string }) {
  const loaded = loadedReviewScreen();
  if (loaded) return <loaded.ReviewScreen deckIds={deckIds} />;
  return (
    <Suspense fallback={<p role="status">{loadingText}</p>}>
      <ReviewScreen deckIds={deckIds} />
    </Suspense>
  );
}

/** On screens other than home (which prefetches once its counts are painted), prefetch after a pause. */
function usePrefetchReviewScreen(isHome: boolean) {
  useEffect(() => {
    if (isHome) return;
    const timer = setTimeout(prefetchReviewScreen, 1000);
    return () => clearTimeout(timer);
  }, [isHome]);
}

function useBuiltInDecks(): StorageError | null {
  const [error, setError] = useState<StorageError | null>(null);
  useEffect(() => {
    ensureBuiltInDecks(BUILT_IN_DECKS_VERSION, loadBuiltInDecks, Date.now()).catch((failure: unknown) =>
      setError(toStorageError(failure)),
    );
  }, []);
  return error;
}

function useStorageEvents(): 'version-change' | 'blocked' | null {
  const [event, setEvent] = useState<'version-change' | 'blocked' | null>(null);
  useEffect(() => onStorageEvent(setEvent), []);
  return event;
}

export function App() {
  const stored = useSettings();
  const settings = stored ?? DEFAULT_SETTINGS;
  const translator = useMemo(() => createTranslator(resolveLanguage(settings.language)), [settings.language]);
  const { t } = translator;
  const route = parseRoute(usePathname());
  const installError = useBuiltInDecks();
  const storageEvent = useStorageEvents();
  usePrefetchReviewScreen(route.name === 'home');

  useEffect(() => {
    if (!stored) return; // keep the system theme until the stored one is known
    const root = document.documentElement;
    if (settings.theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = settings.theme;
    root.lang = translator.language;
  }, [stored, settings.theme, translator.language]);


  return (
    <TranslatorContext.Provider value={translator}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <main id="main" className="app">
        <UpdateBanner labels={{ newVersion: t('newVersion'), reload: t('reload') }} />
        {installError && (
          <p role="alert" className="banner error">
            {t('loadError', { reason: installError.message })}
          </p>
        )}
        {storageEvent && (
          <div role="alert" className="banner warning">
            <p>{storageEvent === 'version-change' ? t('versionChanged') : t('upgradeBlocked')}</p>
            <button type="button" className="button" onClick={() => window.location.reload()}>
              {t('reload')}
            </button>
          </div>
        )}
        {route.name === 'study' ? (
          <StudyRoute deckIds={route.deckIds} loadingText={t('loadingSession')} />
        ) : route.name === 'settings' ? (
          stored && (
            <Suspense fallback={<p role="status">…</p>}>
              <SettingsRoute settings={settings} />
            </Suspense>
          )
        ) : route.name === 'deck-options' ? (
          <Suspense fallback={<p role="status">…</p>}>
            <DeckOptionsScreen deckId={route.deckId} />
          </Suspense>
        ) : route.name === 'import' ? (
          <Suspense fallback={<p role="status">…</p>}>
            <ImportScreen />
          </Suspense>
        ) : route.name === 'home' ? (
          <>
            {stored && <BackupReminder settings={stored} />}
            <HomeScreen />
            <InstallButton labels={{ install: t('installApp'), iosHint: t('iosInstallHint') }} />
          </>
        ) : (
          <>
            <h1>404</h1>
            <Link href="/">{t('backHome')}</Link>
          </>
        )}
      </main>
    </TranslatorContext.Provider>
  );
}
