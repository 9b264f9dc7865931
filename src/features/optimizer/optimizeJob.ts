/**
 * One optimizer run, wherever it runs (the worker in the app, the page in
 * component tests): read the preset's answers, build the training items,
 * stop with "too few" below `MIN_TRAINING_ITEMS`, score the current
 * parameters, train with fsrs-browser, score the new ones on the same items.
 */
import { Fsrs, Progress, getProgress, type InitOutput } from 'fsrs-browser';
import {
  evaluateParameters,
  flattenItems,
  isBetterFit,
  reviewsStillNeeded,
  trainingSetOf,
  type FsrsItem,
} from '../../domain/optimizerInput';
import type { FlashcardsDatabase } from '../../storage/db';
import { readPresetLogs } from '../../storage/optimizer';
import type { OptimizerOutcome, OptimizerProgress, OptimizerRequest } from './optimizerProtocol';

/** Trains FSRS-6 parameters on items; `onProgress(done, total)` while it runs. */
export interface FsrsTrainer {
  train(items: readonly FsrsItem[], onProgress: (done: number, total: number) => void): number[];
}

/** Parameters as stored: four decimals, as Anki shows them. */
const toStoredWeight = (weight: number) => Math.round(weight * 10_000) / 10_000;

/**
 * fsrs-browser's training (single-threaded, after `initSync` returned `wasm`),
 * short-term parameters on as Anki trains. The call is synchronous, so its
 * progress ([batches done, batches in all] in wasm memory) can only be read
 * from inside it: fsrs-browser logs each epoch with `console.info`, and
 * that is when it is read (five times a run). Without those logs the run
 * still finishes, with no progress in between.
 */
export function fsrsTrainer(wasm: Pick<InitOutput, 'memory'>): FsrsTrainer {
  return {
    train(items, onProgress) {
      const { ratings, deltaTs, lengths } = flattenItems(items);
      const progress = Progress.new();
      const pointer = progress.pointer();
      const info = console.info;
      console.info = () => {
        const { itemsProcessed, itemsTotal } = getProgress(wasm.memory.buffer, pointer);
        if (itemsTotal > 0) onProgress(itemsProcessed, itemsTotal);
      };
      try {
        return Array.from(new Fsrs().computeParameters(ratings, deltaTs, lengths, progress, true), toStoredWeight);
      } finally {
        console.info = info;
      }
    },
  };
}

export interface OptimizationContext {
  database: FlashcardsDatabase;
  /** The trainer, or its loading (the wasm loads while the answers are read). */
  trainer: FsrsTrainer | Promise<FsrsTrainer>;
  onProgress: (progress: OptimizerProgress) => void;
}

/**
 * Runs the optimizer for `request.options`' preset.
 *
 * @example
 * const outcome = await runOptimization(request, { database, trainer: fsrsTrainer(wasm), onProgress: post });
 * if (outcome.kind === 'trained' && outcome.isBetter) offer(outcome.weights);
 */
export async function runOptimization(request: OptimizerRequest, { database, trainer, onProgress }: OptimizationContext): Promise<OptimizerOutcome> {
  const { options } = request;
  const logs = await readPresetLogs(database, options.id, (done, total) => onProgress({ stage: 'reading', done, total }));
  const { items, reviews } = trainingSetOf(logs, { dayStartHour: request.dayStartHour });
  const needed = reviewsStillNeeded(items.length);
  if (needed > 0) return { kind: 'too-few', items: items.length, reviews, needed };
  onProgress({ stage: 'scoring', done: 0, total: 1 });
  const current = evaluateParameters(options, items);
  const ready = await trainer;
  onProgress({ stage: 'training', done: 0, total: 1 });
  const weights = ready.train(items, (done, total) => onProgress({ stage: 'training', done, total }));
  onProgress({ stage: 'checking', done: 0, total: 1 });
  const trained = evaluateParameters({ ...options, fsrsWeights: weights }, items);
  onProgress({ stage: 'checking', done: 1, total: 1 });
  return { kind: 'trained', items: items.length, reviews, weights, current, trained, isBetter: isBetterFit(trained, current) };
}
