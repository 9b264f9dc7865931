/**
 * The app shell: installs the built-in decks on first launch, applies theme
 * and language from settings, shows storage problems, and renders the
 * route's screen from the route table (`routes.ts`).
 */
import { lazy, Suspense, useEffect, useMemo, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../domain/builtInDecks';
import { DEFAULT_SETTINGS } from '../domain/types';
import { ensureBuiltInDecks, onStorageEvent, toStorageError, type StorageError } from '../storage';
import { useSettings } from '../ui/data';
import { createTranslator, resolveLanguage, TranslatorContext } from '../ui/i18n';
import { parseRoute, usePathname, type Route } from '../ui/router';
import { ScreenReadyContext } from '../ui/screenReady';
import { startAppBadgeSync } from './appBadgeSync';
import { applyAppearance } from '../ui/appearance';
import { storageErrorMessage } from '../ui/storageErrorMessage';
import { UpgradeStatus } from '../ui/UpgradeStatus';
import { whenIdle } from '../ui/whenIdle';
import { setBeforeReload, UpdateBanner } from '../pwa';
import { loadedScreen, loadScreen, PREFETCHED_ROUTES, routeEntry, ROUTES, type RouteName } from './routes';

// Before an app update reloads the page, every answer given so far is written.
setBeforeReload(() => import('../state/reviewSession').then((module) => module.reviewSessionStore.getState().flush()));

/** Every route's screen as a lazy component (made once, outside render). */
const LAZY_SCREENS = Object.fromEntries(
  (Object.keys(ROUTES) as RouteName[]).map((name) => [name, lazy(() => loadScreen(name).then((component) => ({ default: component })))]),
) as Record<RouteName, LazyExoticComponent<ComponentType<object>>>;

/** The route's screen: rendered at once when its code is there (a cold start waited for it), else lazily. */
function RouteScreen({ route, loadingText }: { route: Route; loadingText: string }) {
  const props = routeEntry(route.name).props(route);
  const Loaded = loadedScreen(route.name);
  // One identity per route (the route table's cache), not a component made in render.
  // eslint-disable-next-line react-hooks/static-components
  if (Loaded) return <Loaded {...props} />;
  const Lazy = LAZY_SCREENS[route.name];
  return (
    <Suspense fallback={<p role="status">{loadingText}</p>}>
      <Lazy {...props} />
    </Suspense>
  );
}

/**
 * The code of the prefetched routes (the review screen) loads in idle time:
 * on home once its counts are painted (the screen reports it ready), on other
 * screens after a pause.
 */
function prefetchRoutes(): void {
  whenIdle(() => PREFETCHED_ROUTES.forEach((name) => void loadScreen(name).catch(() => undefined)), 2000, 200);
}

function usePrefetchAfterPause(isHome: boolean) {
  useEffect(() => {
    if (isHome) return;
    const timer = setTimeout(prefetchRoutes, 1000);
    return () => clearTimeout(timer);
  }, [isHome]);
}

/** Whether the screen of `path` is loaded, so a change to it can render as a transition (`ui/router.ts`). */
function isScreenLoaded(path: string): boolean {
  return loadedScreen(parseRoute(path).name) !== null;
}

/** Installs or updates the built-in decks (after the schema upgrade's part after opening, which this starts when due). */
function useBuiltInDecks(): StorageError | null {
  const [error, setError] = useState<StorageError | null>(null);
  useEffect(() => {
    ensureBuiltInDecks(BUILT_IN_DECKS_VERSION, loadBuiltInDecks, Date.now()).catch((failure: unknown) =>
      setError(toStorageError(failure)),
    );
  }, []);
  return error;
}

/** The app icon's badge follows today's total from the first idle moment on (`appBadgeSync.ts`). */
function useAppBadge(): void {
  useEffect(startAppBadgeSync, []);
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
  const route = parseRoute(usePathname(isScreenLoaded));
  const installError = useBuiltInDecks();
  const storageEvent = useStorageEvents();
  useAppBadge();
  usePrefetchAfterPause(route.name === 'home');

  useEffect(() => {
    if (!stored) return; // keep the system theme (or the boot paint's) until the stored one is known
    applyAppearance(settings.theme, translator);
  }, [stored, settings.theme, translator]);


  return (
    <TranslatorContext.Provider value={translator}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <main id="main" className="app">
        <UpdateBanner labels={{ newVersion: t('newVersion'), reload: t('reload'), reloading: t('reloading') }} />
        <UpgradeStatus />
        {installError && (
          <p role="alert" className="banner error">
            {t('loadError', { reason: storageErrorMessage(installError, t) })}
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
        <ScreenReadyContext.Provider value={prefetchRoutes}>
          <RouteScreen key={route.name} route={route} loadingText={route.name === 'study' ? t('loadingSession') : t('loadingScreen')} />
        </ScreenReadyContext.Provider>
      </main>
    </TranslatorContext.Provider>
  );
}
