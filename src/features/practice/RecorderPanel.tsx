import { useEffect, useId, useState, type Ref } from 'react';
import { MAX_RECORDING_BYTES, MAX_RECORDING_MS, type RecordingOwnerKind } from '../../domain/stories';
import { addRecording } from '../../storage/stories';
import { useT } from '../../ui/i18n';
import { bytesFormatter } from '../../ui/sizes';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { clockOfMs, type PracticeT } from './practiceFormat';
import { markPractice, type MicProblem, type Recorder } from './useRecorder';

const PROBLEM_MESSAGE = {
  'no-support': 'micNoSupport',
  refused: 'micRefused',
  'no-microphone': 'micNotFound',
  failed: 'micFailed',
} as const satisfies Record<MicProblem, string>;

type Notice = { kind: 'kept' } | { kind: 'discarded' } | { kind: 'too-large' } | { kind: 'empty' } | { kind: 'failed'; reason: string };

/**
 * Record, Stop, then the take to play back and Keep or Discard. Says why
 * recording is off when it is (no API, refused, no microphone), and that a
 * recording stays on this device before the browser asks for the microphone.
 */
export function RecorderPanel({
  recorder,
  isSupported,
  owner,
  onRecord,
  onKept,
  onPlayed,
  takeAudioRef,
  tp,
}: {
  recorder: Recorder;
  isSupported: boolean;
  owner: { kind: RecordingOwnerKind; id: string };
  onRecord: () => void;
  onKept: () => void;
  onPlayed: () => void;
  takeAudioRef: Ref<HTMLAudioElement>;
  tp: PracticeT;
}) {
  const translator = useT();
  const { t } = translator;
  const formatBytes = bytesFormatter(translator);
  const baseId = useId();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isKeeping, setIsKeeping] = useState(false);
  const { status, take, problem } = recorder;
  const isRecording = status === 'recording';
  const shownProblem: MicProblem | null = isSupported ? problem : 'no-support';

  // Measuring: the indicator's first paint after the microphone was granted.
  useEffect(() => {
    if (!isRecording) return;
    const frame = requestAnimationFrame(() => setTimeout(() => markPractice('practice:indicator-painted'), 0));
    return () => cancelAnimationFrame(frame);
  }, [isRecording]);

  async function keep() {
    if (!take || isKeeping) return;
    setIsKeeping(true);
    setNotice(null);
    try {
      const result = await addRecording(owner, take.blob, take.durationMs, Date.now());
      if (result.ok) {
        recorder.dropTake();
        setNotice({ kind: 'kept' });
        onKept();
      } else {
        setNotice({ kind: result.problem });
      }
    } catch (error) {
      setNotice({ kind: 'failed', reason: storageErrorMessage(error, t) });
    } finally {
      setIsKeeping(false);
    }
  }

  function discard() {
    recorder.dropTake();
    setNotice({ kind: 'discarded' });
  }

  function record() {
    setNotice(null);
    onRecord();
  }

  const maxSize = formatBytes(MAX_RECORDING_BYTES);
  const status_ = isRecording ? tp('recordingNow') : notice?.kind === 'kept' ? tp('recordKept') : notice?.kind === 'discarded' ? tp('recordDiscarded') : '';
  const failure =
    notice?.kind === 'too-large' ? tp('recordTooLarge', { size: maxSize })
    : notice?.kind === 'empty' ? tp('recordEmpty')
    : notice?.kind === 'failed' ? tp('recordKeepFailed', { reason: notice.reason })
    : take?.isTooLarge ? tp('recordTooLarge', { size: maxSize })
    : null;

  return (
    <section className="practice-section practice-record" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{tp('recordTitle')}</h2>
      {shownProblem && (
        <p className="banner warning" role={isSupported ? 'alert' : undefined}>
          {tp(PROBLEM_MESSAGE[shownProblem])}
        </p>
      )}
      {isSupported && (
        <div className="practice-record-row">
          <button
            type="button"
            className={`button record-button${isRecording ? ' is-recording' : ' primary'}`}
            onClick={isRecording ? recorder.stop : record}
            disabled={status === 'asking'}
            aria-keyshortcuts="R"
            aria-describedby={`${baseId}-privacy`}
          >
            {isRecording ? tp('recordStop') : status === 'asking' ? tp('recordAsking') : take ? tp('recordAgain') : tp('recordStart')}
          </button>
          <p id={`${baseId}-privacy`} className="help">
            {tp('recordPrivacy')}
          </p>
        </div>
      )}
      {isRecording && (
        <p className="recording-indicator">
          <span className="recording-dot" aria-hidden="true" />
          <span>{tp('recordingElapsed', { time: clockOfMs(recorder.elapsedMs) })}</span>
        </p>
      )}
      <p role="status" className="status-line">
        {status_}
      </p>
      {failure && (
        <p role="alert" className="banner error">
          {failure}
        </p>
      )}
      {take && (
        <div className="practice-take" role="group" aria-labelledby={`${baseId}-take`}>
          <h3 id={`${baseId}-take`}>{tp('recordTakeTitle')}</h3>
          <audio
            ref={takeAudioRef}
            controls
            src={take.url}
            className="practice-audio"
            aria-labelledby={`${baseId}-take`}
            onPlay={onPlayed}
            onCanPlay={() => markPractice('practice:take-playable')}
            onLoadedMetadata={() => markPractice('practice:take-metadata')}
          />
          <p className="help">{tp('recordTakeInfo', { time: clockOfMs(take.durationMs), size: formatBytes(take.blob.size) })}</p>
          {take.stoppedBy === 'time-limit' && <p className="help">{tp('recordStoppedTime', { minutes: MAX_RECORDING_MS / 60_000 })}</p>}
          {take.stoppedBy === 'size-limit' && <p className="help">{tp('recordStoppedSize', { size: maxSize })}</p>}
          <div className="button-row start">
            <button type="button" className="button primary" onClick={() => void keep()} disabled={isKeeping || take.isTooLarge}>
              {tp('recordKeep')}
            </button>
            <button type="button" className="button" onClick={discard} disabled={isKeeping}>
              {tp('recordDiscard')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
