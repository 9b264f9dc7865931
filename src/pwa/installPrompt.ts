/**
 * Install prompt: keeps Chromium's `beforeinstallprompt` event (which fires
 * early, often before React has mounted) so a button can show the browser's
 * install dialog later, and tells whether the app already runs installed.
 * `listenForInstallPrompt()` runs at start-up from src/pwa/boot.ts.
 */

/** Chromium's event; not in TypeScript's DOM types. */
export interface BeforeInstallPromptEvent extends Event {
  readonly platforms: string[];
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
  prompt(): Promise<void>;
}

export interface InstallState {
  /** The browser offered installation (Chromium) and it has not been used yet. */
  canPrompt: boolean;
  /** The app runs as an installed app (standalone window or iOS home screen). */
  isStandalone: boolean;
  /** iPhone/iPad, where installing goes through Share → Add to Home Screen. */
  isIos: boolean;
}

let deferredPrompt: BeforeInstallPromptEvent | null = null;
let listening = false;
let state: InstallState = { canPrompt: false, isStandalone: false, isIos: false };
const listeners = new Set<() => void>();

function readStandalone(): boolean {
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || window.matchMedia('(display-mode: standalone)').matches;
}

function readIos(): boolean {
  // iPadOS reports itself as a Mac; a touch screen gives it away.
  return /iPad|iPhone|iPod/.test(navigator.userAgent) || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
}

function update(next: Partial<InstallState>): void {
  state = { ...state, ...next };
  for (const listener of [...listeners]) listener();
}

/** Starts listening for the browser's install events. Safe to call twice. */
export function listenForInstallPrompt(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  state = { canPrompt: false, isStandalone: readStandalone(), isIos: readIos() };
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // show our own button instead of the mini-infobar
    deferredPrompt = event as BeforeInstallPromptEvent;
    update({ canPrompt: true });
  });
  window.addEventListener('appinstalled', () => {
    deferredPrompt = null;
    update({ canPrompt: false });
  });
  window.matchMedia('(display-mode: standalone)').addEventListener('change', () => {
    update({ isStandalone: readStandalone() });
  });
}

export function getInstallState(): InstallState {
  return state;
}

/** For `useSyncExternalStore`. Returns the unsubscribe function. */
export function subscribeInstallState(listener: () => void): () => void {
  listenForInstallPrompt();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Shows the browser's install dialog. Resolves to true if the user accepted. */
export async function promptInstall(): Promise<boolean> {
  const event = deferredPrompt;
  if (!event) return false;
  // The event can be used once only.
  deferredPrompt = null;
  update({ canPrompt: false });
  await event.prompt();
  const choice = await event.userChoice;
  return choice.outcome === 'accepted';
}
