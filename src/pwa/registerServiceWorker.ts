/**
 * Service-worker registration and the "new version" flow.
 *
 * Owns: registering /sw.js (production builds only), noticing when a new
 * version is installed and waiting, and switching to it — but only when the
 * user asks (`applyUpdate`, wired to the Reload button). The app never reloads
 * by itself. Before the reload, an optional hook runs so the review store can
 * flush pending writes (`setBeforeReload`).
 *
 * @example
 *   registerServiceWorker();                       // once, at start-up (src/pwa/boot.ts)
 *   const stop = onUpdateAvailable(() => show());  // also fires if already waiting
 *   setBeforeReload(() => reviewStore.flush());
 *   await applyUpdate();                           // on "Reload"
 */
import { Workbox } from 'workbox-window';

type Listener = () => void;

const SW_URL = '/sw.js';
/** A long-open tab looks for a new version at most this often when it becomes visible. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let workbox: Workbox | null = null;
let updateAvailable = false;
let reloading = false;
let lastUpdateCheck = 0;
let beforeReload: (() => Promise<void>) | null = null;
const listeners = new Set<Listener>();

function isSupported(): boolean {
  return import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

function setUpdateAvailable(): void {
  if (updateAvailable) return;
  updateAvailable = true;
  for (const listener of [...listeners]) listener();
}

/**
 * Registers the service worker once (later calls do nothing). Does nothing in
 * development builds or browsers without service workers.
 */
export function registerServiceWorker(): void {
  if (workbox || !isSupported()) return;
  const wb = new Workbox(SW_URL, { scope: '/' });
  workbox = wb;
  // Fires for a worker that was already waiting at start-up as well as for
  // one installed while the page is open (also when found by another tab).
  wb.addEventListener('waiting', setUpdateAvailable);
  wb.addEventListener('controlling', (event) => {
    // The new worker took over after applyUpdate: load the new version.
    if (reloading) window.location.reload();
    // Another tab switched versions under this one: offer the reload here too.
    else if (event.isUpdate) setUpdateAvailable();
  });
  lastUpdateCheck = Date.now();
  wb.register().catch((error: unknown) => {
    console.warn('Service worker registration failed; the app will not work offline.', error);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && Date.now() - lastUpdateCheck > UPDATE_CHECK_INTERVAL_MS) {
      void checkForUpdate();
    }
  });
}

/** Asks the server for a newer /sw.js now. Resolves when the check is done. */
export async function checkForUpdate(): Promise<void> {
  if (!workbox) return;
  lastUpdateCheck = Date.now();
  try {
    await workbox.update();
  } catch {
    // Offline or server unreachable: try again later.
  }
}

/** Whether a new version is installed and waiting for `applyUpdate`. */
export function isUpdateAvailable(): boolean {
  return updateAvailable;
}

/**
 * Calls `listener` once a new version is waiting (immediately, on the next
 * microtask, if one already is). Returns the unsubscribe function.
 */
export function onUpdateAvailable(listener: Listener): () => void {
  listeners.add(listener);
  if (updateAvailable) queueMicrotask(() => listeners.has(listener) && listener());
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Sets the hook `applyUpdate` awaits before switching versions (e.g. the
 * review store flushing its pending writes). Pass `null` to remove it.
 */
export function setBeforeReload(hook: (() => Promise<void>) | null): void {
  beforeReload = hook;
}

/**
 * Switches to the waiting version: runs the before-reload hook, tells the
 * waiting worker to take over, and reloads once it controls the page.
 * Only ever call this from a user action.
 */
export async function applyUpdate(): Promise<void> {
  if (reloading) return;
  reloading = true;
  try {
    if (beforeReload) await beforeReload();
  } catch (error) {
    // Do not switch while writes may be lost; let the user try again.
    reloading = false;
    throw error;
  }
  const waiting = (await navigator.serviceWorker.getRegistration('/'))?.waiting;
  if (!workbox || !waiting) {
    // Nothing waiting (another tab already switched): the new worker already
    // controls this page, so a plain reload loads the new version.
    window.location.reload();
    return;
  }
  workbox.messageSkipWaiting();
}
