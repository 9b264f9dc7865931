/** Scheduling around the browser's frames (no store, no React: the boot sequence uses it too). */

/**
 * Runs `work` once the browser has painted the next frame (so it never delays
 * the frame that shows a new card); a short timer covers hidden tabs.
 */
export function afterNextPaint(work: () => void): void {
  let isDone = false;
  const run = () => {
    if (isDone) return;
    isDone = true;
    work();
  };
  setTimeout(run, 50);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
}
