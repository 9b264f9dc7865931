/**
 * The route table: for every route of `ui/paths.ts`, its screen's code (a
 * lazy loader), the screen's props from the route, and the first reads a cold
 * start begins before React has loaded (handed to the screen, `ui/handoff`).
 * The boot sequence (`launch.ts`), the shell (`App.tsx`) and prefetching read
 * this table; a new screen is one entry here plus its folder in features/.
 * React-free (types only), so the boot chunk can read it.
 */
import type { ComponentType } from 'react';
import { DEFAULT_SETTINGS } from '../domain/types';
import { paintHome } from '../features/home/paintHome';
import { homeOverview, loadStudySession, type HomeOverview } from '../storage';
import { applyAppearance } from '../ui/appearance';
import { createTranslator, resolveLanguage } from '../ui/i18n/translate';
import { handOver, studyHandoffKey } from '../ui/handoff';
import type { PracticeTarget, Route } from '../ui/paths';

export type RouteName = Route['name'];
type RouteOf<N extends RouteName> = Extract<Route, { name: N }>;

/** The props each route's screen takes. */
interface ScreenProps {
  home: object;
  study: { deckIds: 'all' | string[] };
  settings: object;
  import: object;
  'deck-options': { deckId: string };
  browse: { deckId: string | null };
  stats: { deckId: string | null };
  'edit-note': { noteId: string };
  'add-note': { deckId: string | null };
  stories: object;
  'story-coverage': object;
  story: { storyId: string };
  'story-edit': { storyId: string | null; forNoteId: string | null };
  practice: { target: PracticeTarget };
  'not-found': object;
}

interface RouteEntry<N extends RouteName> {
  /** The screen component (its own chunk, except home's, which is in the first load). */
  load: () => Promise<ComponentType<ScreenProps[N]>>;
  props: (route: RouteOf<N>) => ScreenProps[N];
  /**
   * At a cold start on this route: start the screen's first reads (after the
   * answer journal has been replayed) and hand them over.
   */
  startReads?: (route: RouteOf<N>, nowMs: number) => Promise<unknown>;
  /**
   * At a cold start: paint the screen from its first reads with the DOM alone,
   * before React's code has loaded (React replaces it on its first commit).
   */
  paintBeforeReact?: (root: HTMLElement, reads: unknown, nowMs: number) => void;
  /** Fetch its code while the browser is idle after the first screen, long before the first tap. */
  prefetch?: boolean;
}

const noProps = () => ({});

export const ROUTES: { [N in RouteName]: RouteEntry<N> } = {
  home: {
    load: () => import('../features/home/HomeRoute').then((module) => module.default),
    props: noProps,
    startReads: (_route, nowMs) => {
      const overview = homeOverview(nowMs);
      handOver('home', overview);
      return overview;
    },
    paintBeforeReact: (root, reads, nowMs) => {
      const overview = reads as HomeOverview;
      const appearance = overview.settings ?? DEFAULT_SETTINGS;
      const translator = createTranslator(resolveLanguage(appearance.language));
      applyAppearance(appearance.theme, translator);
      paintHome(root, overview, nowMs, translator);
    },
  },
  study: {
    load: () => import('../features/review/ReviewScreen').then((module) => module.ReviewScreen),
    props: (route) => ({ deckIds: route.deckIds }),
    // The session store starts with the reads, so the first card is chosen before React renders.
    startReads: (route, nowMs) => {
      const session = loadStudySession(route.deckIds, nowMs);
      const started = import('../state/reviewSession').then((module) => module.startSession(route.deckIds, session));
      handOver(studyHandoffKey(route.deckIds), started);
      return started; // settles once the session's reads have
    },
    prefetch: true,
  },
  settings: {
    load: () => import('../features/settings/SettingsRoute').then((module) => module.default),
    props: noProps,
  },
  import: {
    load: () => import('../features/import/ImportScreen').then((module) => module.default),
    props: noProps,
  },
  'deck-options': {
    load: () => import('../features/settings/DeckOptionsScreen').then((module) => module.DeckOptionsScreen),
    props: (route) => ({ deckId: route.deckId }),
  },
  browse: {
    load: () => import('../features/browse/BrowseScreen').then((module) => module.default),
    props: (route) => ({ deckId: route.deckId }),
    // Fetched in idle time after the first screen, so opening Browse from home waits for data only.
    prefetch: true,
  },
  stats: {
    // Loading the screen also starts its worker, idle, so opening Stats does not wait for a thread to start.
    load: () =>
      import('../features/stats/StatsScreen').then((module) => {
        module.prepareStats();
        return module.default;
      }),
    props: (route) => ({ deckId: route.deckId }),
    // Fetched in idle time after the first screen, so opening Stats from home waits for its figures only.
    prefetch: true,
  },
  'edit-note': {
    load: () => import('../features/editor/NoteEditorScreen').then((module) => module.EditNoteScreen),
    props: (route) => ({ noteId: route.noteId }),
  },
  'add-note': {
    load: () => import('../features/editor/NoteEditorScreen').then((module) => module.AddNoteScreen),
    props: (route) => ({ deckId: route.deckId }),
  },
  stories: {
    load: () => import('../features/stories/StoriesScreen').then((module) => module.default),
    props: noProps,
  },
  'story-coverage': {
    load: () => import('../features/stories/CoverageScreen').then((module) => module.default),
    props: noProps,
  },
  story: {
    load: () => import('../features/stories/StoryScreen').then((module) => module.default),
    props: (route) => ({ storyId: route.storyId }),
  },
  'story-edit': {
    load: () => import('../features/stories/StoryEditorScreen').then((module) => module.default),
    props: (route) => ({ storyId: route.storyId, forNoteId: route.forNoteId }),
  },
  practice: {
    load: () => import('../features/practice/PracticeScreen').then((module) => module.default),
    props: (route) => ({ target: route.target }),
  },
  'not-found': {
    load: () => import('../ui/NotFound').then((module) => module.NotFound),
    props: noProps,
  },
};

/** A route's entry, typed loosely for code that handles every route alike (TypeScript cannot tie an entry to its route's name). */
type AnyRouteEntry = Omit<RouteEntry<RouteName>, 'load' | 'props' | 'startReads'> & {
  load: () => Promise<ComponentType<object>>;
  props: (route: Route) => object;
  startReads?: (route: Route, nowMs: number) => Promise<unknown>;
};

export function routeEntry(name: RouteName): AnyRouteEntry {
  return ROUTES[name] as unknown as AnyRouteEntry;
}

const loadedScreens = new Map<RouteName, ComponentType<object>>();
const loadingScreens = new Map<RouteName, Promise<ComponentType<object>>>();

/** Loads a route's screen code (once). */
export function loadScreen(name: RouteName): Promise<ComponentType<object>> {
  let loading = loadingScreens.get(name);
  if (!loading) {
    loading = routeEntry(name).load().then((screen) => {
      loadedScreens.set(name, screen);
      return screen;
    });
    loadingScreens.set(name, loading);
    loading.catch(() => loadingScreens.delete(name)); // a failed load (offline, no cache) may be tried again
  }
  return loading;
}

/** The screen's component if its code has loaded already (then the shell renders it without a fallback). */
export function loadedScreen(name: RouteName): ComponentType<object> | null {
  return loadedScreens.get(name) ?? null;
}

/** The routes whose code is fetched in idle time once the first screen is ready. */
export const PREFETCHED_ROUTES = (Object.keys(ROUTES) as RouteName[]).filter((name) => ROUTES[name].prefetch);
