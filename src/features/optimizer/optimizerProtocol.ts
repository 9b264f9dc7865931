/**
 * What the optimizer's page side and its worker say to each other: the
 * request, progress by stage, the outcome, and failures as codes the
 * section words.
 */
import type { FitScore } from '../../domain/optimizerInput';
import type { DeckOptions } from '../../domain/types';
import type { StorageErrorKind } from '../../storage';

export interface OptimizerRequest {
  databaseName: string;
  /** The preset as it is now: its decks' answers are read, its parameters are the current ones. */
  options: DeckOptions;
  /** The settings' day start hour (the worker shares the page's time zone). */
  dayStartHour: number;
}

/**
 * Reading the answers, scoring the current parameters, training (fsrs-browser
 * reports once per epoch: `done` of `total` batches), scoring the new ones.
 */
export type OptimizerStage = 'reading' | 'scoring' | 'training' | 'checking';

export interface OptimizerProgress {
  stage: OptimizerStage;
  done: number;
  total: number;
}

export type OptimizerOutcome =
  /** Fewer training items than `MIN_TRAINING_ITEMS`: nothing was trained. */
  | { kind: 'too-few'; items: number; reviews: number; needed: number }
  /** Trained on `items` items from `reviews` answers; `isBetter` when the new parameters fit the same items better. */
  | { kind: 'trained'; items: number; reviews: number; weights: number[]; current: FitScore; trained: FitScore; isBetter: boolean };

/** Why a run failed: the storage error's kind, the wasm that would not load, or the training itself. */
export type OptimizerFailure = { reason: 'storage'; kind: StorageErrorKind } | { reason: 'load' } | { reason: 'training' };

export type OptimizerReply =
  | { kind: 'progress'; progress: OptimizerProgress }
  | { kind: 'done'; outcome: OptimizerOutcome }
  | { kind: 'failed'; failure: OptimizerFailure };

/** Where each stage sits on the progress bar (0-1): training is most of the time. */
const STAGE_SPANS: Record<OptimizerStage, [from: number, to: number]> = {
  reading: [0, 0.15],
  scoring: [0.15, 0.2],
  training: [0.2, 0.95],
  checking: [0.95, 1],
};

/**
 * The whole run's progress, 0-100, from one stage's.
 *
 * @example
 * overallPercent({ stage: 'training', done: 2, total: 5 }); // 50
 */
export function overallPercent(progress: OptimizerProgress): number {
  const [from, to] = STAGE_SPANS[progress.stage];
  const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return Math.round((from + (to - from) * share) * 100);
}
