/**
 * Work for the browser's idle time: `requestIdleCallback` with a deadline,
 * or a timer where there is none (Safari). React-free, so the boot chunk's
 * code and the shell can use it.
 */

/**
 * Runs `work` when the browser is next idle, and within `timeoutMs` if it
 * never is; without `requestIdleCallback`, after `fallbackDelayMs`.
 *
 * @example
 * whenIdle(() => prefetch(), 2000);
 */
export function whenIdle(work: () => void, timeoutMs: number, fallbackDelayMs = 0): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: timeoutMs });
  else setTimeout(work, fallbackDelayMs);
}
