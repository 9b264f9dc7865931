/**
 * Starts an optimizer run in its Web Worker and stops it on Cancel (the
 * worker is terminated: fsrs-browser's training cannot be interrupted
 * otherwise). The section takes any `OptimizerRunner`, so a test can run the
 * same job on the page, where there are no workers.
 */
import type { OptimizerFailure, OptimizerOutcome, OptimizerProgress, OptimizerReply, OptimizerRequest } from './optimizerProtocol';

/** A run that failed, with why. */
export class OptimizerFailedError extends Error {
  constructor(readonly failure: OptimizerFailure) {
    super(`The optimizer failed (${failure.reason}).`);
    this.name = 'OptimizerFailedError';
  }
}

export interface OptimizerRun {
  /** Resolves with the outcome; rejects with `OptimizerFailedError`; never settles once cancelled. */
  done: Promise<OptimizerOutcome>;
  cancel(): void;
}

export type OptimizerRunner = (request: OptimizerRequest, onProgress: (progress: OptimizerProgress) => void) => OptimizerRun;

/** The app's runner: one worker per run. */
export const runInWorker: OptimizerRunner = (request, onProgress) => {
  const worker = new Worker(new URL('./optimizer.worker.ts', import.meta.url), { type: 'module' });
  const done = new Promise<OptimizerOutcome>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<OptimizerReply>) => {
      const reply = event.data;
      if (reply.kind === 'progress') return onProgress(reply.progress);
      worker.terminate();
      if (reply.kind === 'done') resolve(reply.outcome);
      else reject(new OptimizerFailedError(reply.failure));
    });
    worker.addEventListener('error', () => {
      worker.terminate();
      reject(new OptimizerFailedError({ reason: 'load' }));
    });
  });
  worker.postMessage(request);
  return { done, cancel: () => worker.terminate() };
};
