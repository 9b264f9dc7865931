/**
 * The cost of the desired retention under its slider: the answers a day the
 * next 30 days would take at the slider's value (and at the saved value, to
 * compare), simulated over the preset's own cards (`domain/workload.ts`).
 * The cards are read once; each slider value is simulated once, deferred so
 * the slider itself never waits.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { memoryModelFor } from '../../domain/scheduler';
import type { DeckOptions } from '../../domain/types';
import { simulateWorkload, type Workload, type WorkloadInput } from '../../domain/workload';
import { loadWorkloadInput } from '../../storage/workload';
import { useScreenT, useT } from '../../ui/i18n';
import { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';
import { storageErrorMessage } from '../../ui/storageErrorMessage';

type Read = { status: 'loading' } | { status: 'ready'; input: WorkloadInput } | { status: 'failed'; error: unknown };

/** Reads the preset's cards again when the options that shape the simulation change. */
function useWorkloadInput(options: DeckOptions): Read {
  const [read, setRead] = useState<Read>({ status: 'loading' });
  const { id, newPerDay, reviewsPerDay, learningSteps, relearningSteps } = options;
  const shape = JSON.stringify([id, newPerDay, reviewsPerDay, learningSteps, relearningSteps]);
  useEffect(() => {
    let isCurrent = true;
    loadWorkloadInput(options, Date.now()).then(
      (input) => isCurrent && setRead({ status: 'ready', input }),
      (error: unknown) => isCurrent && setRead({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
    // `shape` stands for the options that matter; the desired retention does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);
  return read;
}

/** Answers a day at `percent`, once per input and value. */
function useCost(input: WorkloadInput | null, options: DeckOptions, percent: number): Workload | null {
  return useMemo(() => (input ? simulateWorkload(input, memoryModelFor(options, percent / 100)) : null), [input, options, percent]);
}

export function RetentionCost({ options, percent }: { options: DeckOptions; percent: number }) {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const { language, t } = useT();
  const read = useWorkloadInput(options);
  const input = read.status === 'ready' ? read.input : null;
  const shownPercent = useDeferredValue(percent);
  const savedPercent = Math.round(options.desiredRetention * 100);
  const shown = useCost(input, options, shownPercent);
  const saved = useCost(input, options, savedPercent);
  if (read.status === 'failed') return <p className="help" role="alert">{storageErrorMessage(read.error, t)}</p>;
  if (!input || !shown || !saved) return <p className="help">{ts('retentionCostLoading')}</p>;
  if (input.cards.length === 0 && input.newCards === 0) return <p className="help">{ts('retentionCostEmpty')}</p>;
  const number = new Intl.NumberFormat(language);
  return (
    <p className="help" aria-live="polite" data-retention-cost={`${shownPercent}:${shown.averagePerDay}`}>
      {ts('retentionCost', { percent: shownPercent, count: shown.averagePerDay, total: number.format(shown.total) })}
      {shownPercent !== savedPercent && <> {ts('retentionCostSaved', { percent: savedPercent, count: saved.averagePerDay })}</>}{' '}
      {ts('retentionCostHow')}
    </p>
  );
}
