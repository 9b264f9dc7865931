import { useCallback, useEffect, useState } from 'react';

/** How often a running countdown reads the clock again. */
export const COUNTDOWN_TICK_MS = 250;

export interface Countdown {
  totalMs: number;
  /** Time spent so far (never more than `totalMs`). */
  elapsedMs: number;
  isRunning: boolean;
  /** The whole time has been spent. */
  isOver: boolean;
  start: () => void;
  pause: () => void;
  reset: () => void;
}

interface Clock {
  /** When the current run started (by `now`), or null while paused. */
  startedAt: number | null;
  /** Time spent in earlier runs. */
  baseMs: number;
  /** The clock's last reading. */
  nowMs: number;
}

const STOPPED: Clock = { startedAt: null, baseMs: 0, nowMs: 0 };

/**
 * A pausable countdown of `totalSeconds`, read from `now` (the wall clock;
 * tests move it) every 250 ms while it runs; it stops itself at the end.
 * Starting again after the end starts over.
 */
export function useCountdown(totalSeconds: number, now: () => number = Date.now): Countdown {
  const totalMs = totalSeconds * 1000;
  const [clock, setClock] = useState<Clock>(STOPPED);
  const isRunning = clock.startedAt !== null;

  useEffect(() => {
    if (!isRunning) return;
    const timer = window.setInterval(() => {
      const nowMs = now();
      setClock((current) => {
        if (current.startedAt === null) return current;
        if (current.baseMs + nowMs - current.startedAt >= totalMs) return { startedAt: null, baseMs: totalMs, nowMs };
        return { ...current, nowMs };
      });
    }, COUNTDOWN_TICK_MS);
    return () => window.clearInterval(timer);
  }, [isRunning, now, totalMs]);

  const start = useCallback(() => {
    const nowMs = now();
    setClock((current) => {
      if (current.startedAt !== null) return current;
      return { startedAt: nowMs, baseMs: current.baseMs >= totalMs ? 0 : current.baseMs, nowMs };
    });
  }, [now, totalMs]);

  const pause = useCallback(() => {
    const nowMs = now();
    setClock((current) => (current.startedAt === null ? current : { startedAt: null, baseMs: Math.min(totalMs, current.baseMs + nowMs - current.startedAt), nowMs }));
  }, [now, totalMs]);

  const reset = useCallback(() => setClock(STOPPED), []);

  const elapsedMs = Math.min(totalMs, Math.max(0, clock.baseMs + (clock.startedAt === null ? 0 : clock.nowMs - clock.startedAt)));
  return { totalMs, elapsedMs, isRunning, isOver: elapsedMs >= totalMs, start, pause, reset };
}
