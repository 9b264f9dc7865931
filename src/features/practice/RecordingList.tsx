import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { RecordingInfo } from '../../domain/stories';
import { deleteRecording, recordingAudio } from '../../storage/stories';
import { useT, type Language } from '../../ui/i18n';
import { bytesFormatter } from '../../ui/sizes';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { clockOfMs, dateOf, type PracticeT } from './practiceFormat';

interface Open {
  id: string;
  url: string;
}

/**
 * The saved recordings of a story or a question, newest first: date, length
 * and size; each can be played (its audio is read only then) and deleted
 * after a confirmation. `toggleLatestRef` is set to play / pause the newest.
 */
export function RecordingList({
  recordings,
  loadFailure,
  onChanged,
  onPlayed,
  toggleLatestRef,
  language,
  tp,
}: {
  recordings: RecordingInfo[] | undefined;
  loadFailure: string | null;
  onChanged: () => void;
  onPlayed: () => void;
  toggleLatestRef: RefObject<(() => void) | null>;
  language: Language;
  tp: PracticeT;
}) {
  const translator = useT();
  const { t } = translator;
  const formatBytes = bytesFormatter(translator);
  const baseId = useId();
  const [open, setOpen] = useState<Open | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const openUrl = useRef<string | null>(null);
  const player = useRef<HTMLAudioElement | null>(null);

  const replaceOpen = useCallback((next: Open | null) => {
    if (openUrl.current !== null) URL.revokeObjectURL(openUrl.current);
    openUrl.current = next?.url ?? null;
    setOpen(next);
  }, []);

  useEffect(
    () => () => {
      if (openUrl.current !== null) URL.revokeObjectURL(openUrl.current);
      openUrl.current = null;
    },
    [],
  );

  const play = useCallback(
    async (id: string) => {
      setFailure(null);
      try {
        const blob = await recordingAudio(id);
        if (!blob) {
          setFailure(tp('recordingGone'));
          onChanged();
          return;
        }
        replaceOpen({ id, url: URL.createObjectURL(blob) });
      } catch (error) {
        setFailure(tp('recordingsFailed', { reason: storageErrorMessage(error, t) }));
      }
    },
    [onChanged, replaceOpen, t, tp],
  );

  async function remove(id: string) {
    setFailure(null);
    try {
      await deleteRecording(id);
      if (open?.id === id) replaceOpen(null);
      setConfirming(null);
      onChanged();
    } catch (error) {
      setFailure(tp('recordingDeleteFailed', { reason: storageErrorMessage(error, t) }));
    }
  }

  const newest = recordings?.[0]?.id ?? null;
  const openId = open?.id ?? null;
  useEffect(() => {
    toggleLatestRef.current = newest === null ? null : () => {
      const audio = player.current;
      if (openId === newest && audio) {
        if (audio.paused) void audio.play().catch(() => undefined);
        else audio.pause();
      } else {
        void play(newest);
      }
    };
    return () => {
      toggleLatestRef.current = null;
    };
  }, [newest, openId, play, toggleLatestRef]);

  return (
    <section className="practice-section practice-recordings" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{tp('recordingsTitle')}</h2>
      {loadFailure && (
        <p role="alert" className="banner error">
          {loadFailure}
        </p>
      )}
      {failure && (
        <p role="alert" className="banner error">
          {failure}
        </p>
      )}
      {recordings?.length === 0 && <p className="muted">{tp('recordingsNone')}</p>}
      {recordings && recordings.length > 0 && (
        <ul className="recording-list" aria-label={tp('recordingsListLabel')}>
          {recordings.map((recording) => {
            const date = dateOf(recording.createdAt, language);
            const isOpen = open?.id === recording.id;
            return (
              <li key={recording.id} className="recording-row">
                <p className="recording-text">{tp('recordingRow', { date, time: clockOfMs(recording.durationMs), size: formatBytes(recording.size) })}</p>
                {isOpen && (
                  <audio
                    ref={player}
                    controls
                    autoPlay
                    src={open.url}
                    className="practice-audio"
                    aria-label={tp('recordingPlayNamed', { date })}
                    onPlay={onPlayed}
                  />
                )}
                <div className="button-row start">
                  {isOpen ? (
                    <button type="button" className="button" onClick={() => replaceOpen(null)}>
                      {tp('recordingHide')}
                    </button>
                  ) : (
                    <button type="button" className="button" onClick={() => void play(recording.id)} aria-label={tp('recordingPlayNamed', { date })}>
                      {tp('recordingPlay')}
                    </button>
                  )}
                  <button type="button" className="button danger-outline" onClick={() => setConfirming(recording.id)} aria-label={tp('recordingDeleteNamed', { date })}>
                    {tp('recordingDelete')}
                  </button>
                </div>
                {confirming === recording.id && (
                  <div className="confirm" role="alertdialog" aria-labelledby={`${baseId}-confirm-${recording.id}`}>
                    <p id={`${baseId}-confirm-${recording.id}`}>{tp('recordingDeleteConfirm', { date })}</p>
                    <div className="button-row start">
                      <button type="button" className="button danger" onClick={() => void remove(recording.id)}>
                        {tp('recordingDeleteYes')}
                      </button>
                      <button type="button" className="button" onClick={() => setConfirming(null)}>
                        {tp('recordingDeleteNo')}
                      </button>
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
