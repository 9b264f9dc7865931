/**
 * The app shell: installs the built-in decks on first launch, applies theme
 * and language from settings, shows storage problems, and routes screens.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../domain/builtInDecks';
import { refreshRuntimeTimeZone } from '../domain/studyDay';
import { DEFAULT_SETTINGS } from '../domain/types';
import { HomeScreen } from '../features/home/HomeScreen';
import { DeckOptionsScreen } from '../features/settings/DeckOptionsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ensureBuiltInDecks, onStorageEvent, toStorageError, useSettings, type StorageError } from '../storage';
import { createTranslator, resolveLanguage, TranslatorContext } from './i18n';
import { Link } from './Link';
import { parseRoute, usePathname } from './router';
import { InstallButton, setBeforeReload, StorageStatus, UpdateBanner } from '../pwa';
import { BackupSection } from '../features/settings/BackupSection';
import { BackupReminder } from '../features/home/BackupReminder';

// Before an app update reloads the page, every answer given so far is written.
setBeforeReload(() => import('../state/reviewSession').then((module) => module.reviewSessionStore.getState().flush()));

const ImportScreen = lazy(() => import('../features/import/ImportScreen'));
// The review screen (Markdown, sanitizer, scheduler) is its own chunk, so the
// first load stays small; it is fetched while the home screen is idle, long
// before the first tap on "Study".
const loadReviewScreen = () => import('../features/review/ReviewScreen');
const ReviewScreen = lazy(() => loadReviewScreen().then((module) => ({ default: module.ReviewScreen })));

function usePrefetchReviewScreen() {
  useEffect(() => {
    const prefetch = () => void loadReviewScreen();
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(prefetch);
    else setTimeout(prefetch, 200);
  }, []);
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
  usePrefetchReviewScreen();

  useEffect(() => {
    if (!stored) return; // keep the system theme until the stored one is known
    const root = document.documentElement;
    if (settings.theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = settings.theme;
    root.lang = translator.language;
  }, [stored, settings.theme, translator.language]);

  // A phone that travelled to another time zone starts its study day there.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') refreshRuntimeTimeZone();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

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
          <Suspense fallback={<p role="status">{t('loadingSession')}</p>}>
            <ReviewScreen deckIds={route.deckIds} />
          </Suspense>
        ) : route.name === 'settings' ? (
          stored && (
            <SettingsScreen settings={settings}>
              <BackupSection settings={settings} />
              <StorageStatus labels={{ heading: t('storageSection') }} />
              <InstallButton labels={{ install: t('installApp'), iosHint: t('iosInstallHint') }} />
            </SettingsScreen>
          )
        ) : route.name === 'deck-options' ? (
          <DeckOptionsScreen deckId={route.deckId} />
        ) : route.name === 'import' ? (
          <Suspense fallback={<p role="status">…</p>}>
            <ImportScreen />
          </Suspense>
        ) : route.name === 'home' ? (
          <>
            {stored && <BackupReminder settings={stored} />}
            <HomeScreen dayStartHour={settings.dayStartHour} />
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
