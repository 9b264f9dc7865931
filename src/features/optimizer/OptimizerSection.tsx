/**
 * "Optimize FSRS parameters" on the deck options screen: how many reviews
 * the preset's decks hold, how many more are needed below the threshold,
 * otherwise Optimize (a run in its worker, with a progress bar and Cancel),
 * then the log loss and RMSE of the current and the new parameters on the
 * same reviews, "Use the new parameters" only when they are better, "Go
 * back to the previous parameters", and a nudge to optimize again after
 * about 1,000 reviews or 30 days.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { MIN_TRAINING_ITEMS, OFFER_AGAIN_AFTER_DAYS, optimizeAgainReason, reviewsStillNeeded, type FitScore } from '../../domain/optimizerInput';
import { DATABASE_NAME, finishUpgrade, StorageError } from '../../storage';
import { applyFsrsWeights, presetReviewCount, restorePreviousFsrsWeights, saveOptimizerRun } from '../../storage/optimizer';
import { useDeckOptions, useSettings } from '../../ui/data';
import { useScreenT, useT } from '../../ui/i18n';
import { OPTIMIZER_MESSAGES } from '../../ui/i18n/screens/optimizer';
import { SaveFailure } from '../../ui/SaveFailure';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { useNow } from '../../ui/useNow';
import { useSave } from '../../ui/useSave';
import { overallPercent, type OptimizerFailure, type OptimizerOutcome, type OptimizerProgress } from './optimizerProtocol';
import { OptimizerFailedError, runInWorker, type OptimizerRun, type OptimizerRunner } from './runOptimizer';
import './optimizer.css';

type Trained = Extract<OptimizerOutcome, { kind: 'trained' }>;

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: OptimizerProgress | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; failure: OptimizerFailure }
  | Extract<OptimizerOutcome, { kind: 'too-few' }>
  /** `reviewCount`: the preset's review count when the run started (noted with the parameters). */
  | (Trained & { isApplied: boolean; reviewCount: number });

function failureOf(error: unknown): OptimizerFailure {
  if (error instanceof OptimizerFailedError) return error.failure;
  if (error instanceof StorageError) return { reason: 'storage', kind: error.kind };
  return { reason: 'training' };
}

/** The preset's review count, read once per preset and again after each run (the last count stays while it is read again). */
function usePresetReviewCount(presetId: string, version: number): number | undefined {
  const [counted, setCounted] = useState<{ presetId: string; count: number } | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void presetReviewCount(presetId).then(
      (count) => {
        if (isCurrent) setCounted({ presetId, count });
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [presetId, version]);
  return counted?.presetId === presetId ? counted.count : undefined;
}

export function OptimizerSection({ presetId, runner = runInWorker }: { presetId: string; runner?: OptimizerRunner }) {
  const translator = useT();
  const { language } = translator;
  const t = useScreenT(OPTIMIZER_MESSAGES);
  const id = useId();
  const options = useDeckOptions(presetId);
  const settings = useSettings();
  const saver = useSave();
  const nowMs = useNow();
  const [runs, setRuns] = useState(0);
  const reviewCount = usePresetReviewCount(presetId, runs);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const [wentBack, setWentBack] = useState(false);
  const current = useRef<OptimizerRun | null>(null);
  /** Counts runs started and cancelled: a run whose number is no longer the latest was cancelled and says nothing more. */
  const attempt = useRef(0);

  // Leaving the screen stops a run.
  useEffect(
    () => () => {
      attempt.current += 1;
      current.current?.cancel();
    },
    [],
  );

  if (!options || !settings) return null;
  const preset = options;
  const isRunning = run.kind === 'running';
  const number = (value: number, digits: number) => value.toLocaleString(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const count = (value: number) => value.toLocaleString(language);
  /** A number for a message with plural forms: `count` picks the form, `n` is how it is written. */
  const counted = (value: number) => ({ count: value, n: count(value) });

  async function start(dayStartHour: number, reviews: number) {
    const mine = ++attempt.current;
    const isCancelled = () => attempt.current !== mine;
    setWentBack(false);
    setRun({ kind: 'running', progress: null });
    try {
      await finishUpgrade();
      if (isCancelled()) return;
      const started = runner({ databaseName: DATABASE_NAME, options: preset, dayStartHour }, (progress) => {
        if (!isCancelled()) setRun({ kind: 'running', progress });
      });
      current.current = started;
      const outcome = await started.done;
      if (isCancelled()) return;
      current.current = null;
      setRuns((value) => value + 1);
      if (outcome.kind === 'too-few') return setRun(outcome);
      setRun({ ...outcome, isApplied: false, reviewCount: reviews });
      await saver.save(() => saveOptimizerRun(preset.id, { nowMs: Date.now(), reviewCount: reviews }));
    } catch (error) {
      if (isCancelled()) return;
      current.current = null;
      setRun({ kind: 'failed', failure: failureOf(error) });
    }
  }

  function cancel() {
    attempt.current += 1;
    current.current?.cancel();
    current.current = null;
    setRun({ kind: 'cancelled' });
  }

  async function applyNew(trained: Trained & { reviewCount: number }) {
    if (await saver.save(() => applyFsrsWeights(preset.id, trained.weights, { nowMs: Date.now(), reviewCount: trained.reviewCount }))) {
      setRun({ ...trained, isApplied: true });
    }
  }

  async function goBack() {
    if (await saver.save(() => restorePreviousFsrsWeights(preset.id))) {
      setWentBack(true);
      setRun((state) => (state.kind === 'trained' ? { ...state, isApplied: false } : state));
    }
  }

  const failureText = (failure: OptimizerFailure) =>
    failure.reason === 'storage'
      ? t('optimizerFailedStorage', { reason: storageErrorMessage(new StorageError(failure.kind, failure.kind), translator.t) })
      : t(failure.reason === 'load' ? 'optimizerFailedLoad' : 'optimizerFailedTraining');
  const stageText = (progress: OptimizerProgress | null) => {
    if (!progress || progress.stage === 'reading') return t('optimizerReading', { done: count(progress?.done ?? 0), total: count(progress?.total ?? reviewCount ?? 0) });
    if (progress.stage === 'scoring') return t('optimizerScoring');
    if (progress.stage === 'training') return t('optimizerTraining');
    return t('optimizerChecking');
  };
  const scoreRow = (label: string, score: FitScore) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{number(score.logLoss, 4)}</td>
      <td>{score.rmseBins.toLocaleString(language, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>
    </tr>
  );

  const againReason = reviewCount === undefined ? null : optimizeAgainReason(preset, reviewCount, nowMs);
  const newReviews = Math.max(0, (reviewCount ?? 0) - (preset.reviewsAtOptimize ?? 0));
  const isBelowThreshold = reviewCount !== undefined && reviewCount < MIN_TRAINING_ITEMS;
  const headingId = `${id}-heading`;

  return (
    <section className="optimizer" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('optimizerTitle')}</h3>
      <p className="help">{t('optimizerHelp')}</p>
      <p>{reviewCount === undefined ? t('optimizerCounting') : t('optimizerReviewCount', counted(reviewCount))}</p>
      <p>{preset.fsrsWeights ? t('optimizerUsingOwn') : t('optimizerUsingDefaults')}</p>
      {preset.optimizedAt !== undefined && reviewCount !== undefined && (
        <p>
          {t('optimizerLastRun', {
            date: new Date(preset.optimizedAt).toLocaleDateString(language, { dateStyle: 'medium' }),
            ...counted(newReviews),
          })}
        </p>
      )}
      {againReason && !isRunning && (
        <p className="banner">
          {againReason === 'reviews'
            ? t('optimizerAgainReviews', counted(newReviews))
            : t('optimizerAgainDays', { days: OFFER_AGAIN_AFTER_DAYS })}
        </p>
      )}
      {isBelowThreshold ? (
        <>
          <p className="optimizer-need">{t('optimizerNeedMore', counted(reviewsStillNeeded(reviewCount)))}</p>
          <p className="help">{t('optimizerNeedMoreHelp', { min: MIN_TRAINING_ITEMS })}</p>
        </>
      ) : (
        reviewCount !== undefined && (
          <div className="button-row start">
            {/* One button, Optimize or Cancel: it keeps the focus while the run starts and ends. */}
            <button
              type="button"
              className={isRunning ? 'button' : 'button primary'}
              onClick={() => (isRunning ? cancel() : void start(settings.dayStartHour, reviewCount))}
            >
              {isRunning ? t('optimizerCancel') : t('optimizerButton')}
            </button>
          </div>
        )
      )}
      <div role="status" className="optimizer-status">
        {run.kind === 'running' && (
          <div className="optimizer-progress">
            <p id={`${id}-stage`}>{stageText(run.progress)}</p>
            <progress max={100} value={run.progress ? overallPercent(run.progress) : 0} aria-label={t('optimizerProgress')} aria-describedby={`${id}-stage`} />
          </div>
        )}
        {run.kind === 'cancelled' && <p>{t('optimizerCancelled')}</p>}
        {run.kind === 'too-few' && (
          <>
            <p>{t('optimizerTooFew', { items: count(run.items) })}</p>
            <p className="optimizer-need">{t('optimizerNeedMore', counted(run.needed))}</p>
          </>
        )}
        {run.kind === 'trained' && (
          <>
            <table className="optimizer-scores">
              <caption>{t('optimizerResultCaption', { items: count(run.items) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('optimizerParameters')}</th>
                  <th scope="col">{t('optimizerLogLoss')}</th>
                  <th scope="col">{t('optimizerRmse')}</th>
                </tr>
              </thead>
              <tbody>
                {scoreRow(t('optimizerCurrent'), run.current)}
                {scoreRow(t('optimizerNew'), run.trained)}
              </tbody>
            </table>
            {!run.isBetter && <p>{t('optimizerAlreadyGood')}</p>}
            {run.isBetter && !run.isApplied && <p>{t('optimizerBetter')}</p>}
            {run.isApplied && <p>{t('optimizerApplied')}</p>}
          </>
        )}
        {wentBack && <p>{t('optimizerWentBack')}</p>}
      </div>
      {run.kind === 'failed' && (
        <p role="alert" className="banner error">
          {failureText(run.failure)}
        </p>
      )}
      {((run.kind === 'trained' && run.isBetter && !run.isApplied) || preset.previousFsrsWeights !== undefined) && (
        <div className="button-row start">
          {run.kind === 'trained' && run.isBetter && !run.isApplied && (
            <button type="button" className="button primary" onClick={() => void applyNew(run)}>
              {t('optimizerUseNew')}
            </button>
          )}
          {preset.previousFsrsWeights !== undefined && (
            <button type="button" className="button" onClick={() => void goBack()}>
              {t('optimizerGoBack')}
            </button>
          )}
        </div>
      )}
      <SaveFailure saver={saver} />
    </section>
  );
}
