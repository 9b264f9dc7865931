/**
 * The due count on the installed app's icon (the Badging API). Browsers
 * without the API get nothing; a browser that has it shows the badge only on
 * an installed app's icon, so a call from a tab is harmless and keeps the
 * icon right when the app is installed but used in a tab. Failures (a
 * browser that refuses the badge) are swallowed: a badge is a hint.
 */

type BadgingNavigator = Navigator & {
  setAppBadge?: (contents?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
};

/** Whether this browser has the Badging API. */
export function canSetAppBadge(): boolean {
  return typeof navigator !== 'undefined' && typeof (navigator as BadgingNavigator).setAppBadge === 'function';
}

/** Shows `count` on the app icon, or clears the badge at 0. */
export async function showAppBadge(count: number): Promise<void> {
  if (!canSetAppBadge()) return;
  const badging = navigator as BadgingNavigator;
  try {
    if (count > 0) await badging.setAppBadge?.(Math.floor(count));
    else await badging.clearAppBadge?.();
  } catch {
    // Not installed, or the user turned badges off: nothing to say.
  }
}
