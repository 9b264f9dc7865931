import { useId } from 'react';
import { starPartAt, starTimeMarks, STAR_TIME_SHARES } from '../../domain/stories';
import type { Language } from '../../ui/i18n';
import { clockOf, minutesOf, type PracticeT } from './practiceFormat';
import type { Countdown as CountdownState } from './useCountdown';

/** The answer lengths offered (seconds); a stored length not among them is offered too. */
export const PRACTICE_LENGTHS = [60, 90, 120, 180] as const;
/** From this many seconds left, the screen says time is running out. */
export const ENDING_SECONDS = 15;

type Segment = 'situation-task' | 'action' | 'result';
const SEGMENTS: readonly Segment[] = ['situation-task', 'action', 'result'];
const SEGMENT_NAME = { 'situation-task': 'starSituationTask', action: 'starAction', result: 'starResult' } as const;
const SEGMENT_SHARE = { 'situation-task': STAR_TIME_SHARES.situationTask, action: STAR_TIME_SHARES.action, result: STAR_TIME_SHARES.result } as const;

/** Where each segment starts and ends, in seconds. */
function segmentRanges(totalSeconds: number): Record<Segment, [number, number]> {
  const marks = starTimeMarks(totalSeconds);
  return { 'situation-task': [0, marks.situationTaskEnd], action: [marks.situationTaskEnd, marks.actionEnd], result: [marks.actionEnd, marks.resultEnd] };
}

/**
 * What the live region says: the part to be in now and its end, that time is
 * running out, that it is over. It changes only at those moments, so a
 * screen reader is not told every second.
 */
export function countdownAnnouncement(elapsedMs: number, totalSeconds: number, hasStarted: boolean, tp: PracticeT): string {
  if (!hasStarted) return '';
  const elapsedSeconds = elapsedMs / 1000;
  const part = starPartAt(elapsedSeconds, totalSeconds);
  if (part === 'over') return tp('timerOver');
  const [, until] = segmentRanges(totalSeconds)[part];
  const now = tp('timerPartNow', { part: tp(SEGMENT_NAME[part]), until: clockOf(until) });
  return totalSeconds - elapsedSeconds <= ENDING_SECONDS ? `${now} ${tp('timerEnding', { seconds: ENDING_SECONDS })}` : now;
}

/** The countdown: the answer's length, the time left, the STAR split as a bar and a legend, start / pause / reset. */
export function Countdown({
  countdown,
  totalSeconds,
  onLengthChange,
  isLengthSaving,
  language,
  tp,
}: {
  countdown: CountdownState;
  totalSeconds: number;
  onLengthChange: (seconds: number) => void;
  isLengthSaving: boolean;
  language: Language;
  tp: PracticeT;
}) {
  const baseId = useId();
  const { elapsedMs, isRunning, isOver } = countdown;
  const hasStarted = isRunning || elapsedMs > 0;
  const elapsedSeconds = elapsedMs / 1000;
  const leftSeconds = Math.max(0, Math.ceil(totalSeconds - elapsedSeconds));
  const part = hasStarted ? starPartAt(elapsedSeconds, totalSeconds) : null;
  const ranges = segmentRanges(totalSeconds);
  const isEnding = hasStarted && !isOver && leftSeconds <= ENDING_SECONDS;
  const lengths: number[] = (PRACTICE_LENGTHS as readonly number[]).includes(totalSeconds) ? [...PRACTICE_LENGTHS] : [...PRACTICE_LENGTHS, totalSeconds].sort((a, b) => a - b);
  const progress = Math.min(100, (elapsedMs / (totalSeconds * 1000)) * 100);

  return (
    <section className="practice-section practice-timer" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{tp('timerTitle')}</h2>
      <fieldset className="practice-lengths" disabled={isLengthSaving}>
        <legend>{tp('timerLength')}</legend>
        {lengths.map((seconds) => (
          <label key={seconds} className="practice-length">
            <input type="radio" name={`${baseId}-length`} value={seconds} checked={seconds === totalSeconds} onChange={() => onLengthChange(seconds)} />
            <span>{minutesOf(seconds, language, tp)}</span>
          </label>
        ))}
      </fieldset>
      <p role="timer" className={`practice-time${isEnding ? ' is-ending' : ''}${isOver ? ' is-over' : ''}`}>
        {tp('timerLeft', { time: clockOf(leftSeconds) })}
      </p>
      <div className="star-bar" aria-hidden="true">
        {SEGMENTS.map((segment) => (
          <span key={segment} className={`star-segment star-${segment}${part === segment ? ' is-current' : ''}`} style={{ flexGrow: SEGMENT_SHARE[segment] }} />
        ))}
        {hasStarted && <span className="star-progress" style={{ left: `${progress}%` }} />}
      </div>
      <ol className="star-legend" aria-label={tp('timerSplit')}>
        {SEGMENTS.map((segment) => {
          const [from, to] = ranges[segment];
          const isCurrent = part === segment;
          return (
            <li key={segment} className={`star-${segment}${isCurrent ? ' is-current' : ''}`} {...(isCurrent ? { 'aria-current': 'step' as const } : {})}>
              <span className="star-legend-name">{tp(SEGMENT_NAME[segment])}</span>{' '}
              <span className="star-legend-range">{tp('starRange', { from: clockOf(from), to: clockOf(to) })}</span>
              {isCurrent && <span className="star-legend-now"> · {tp('starNow')}</span>}
            </li>
          );
        })}
      </ol>
      <p role="status" className={`practice-part${isEnding || isOver ? ' is-ending' : ''}`}>
        {countdownAnnouncement(elapsedMs, totalSeconds, hasStarted, tp)}
      </p>
      {!hasStarted && <p className="help">{tp('timerReady')}</p>}
      <div className="button-row start">
        {isRunning ? (
          <button type="button" className="button" onClick={countdown.pause}>
            {tp('timerPause')}
          </button>
        ) : (
          <button type="button" className="button primary" onClick={countdown.start}>
            {hasStarted && !isOver ? tp('timerResume') : tp('timerStart')}
          </button>
        )}
        <button type="button" className="button" onClick={countdown.reset} disabled={!hasStarted}>
          {tp('timerReset')}
        </button>
      </div>
    </section>
  );
}
