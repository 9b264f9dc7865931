/**
 * Recording a practice answer with the microphone (MediaRecorder, Opus at a
 * speech bitrate), on this device only. The microphone is asked for only
 * when recording starts; its tracks are released when the recording stops
 * and when the screen goes away, and every object URL made is revoked.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_RECORDING_BYTES, MAX_RECORDING_MS, RECORDING_BITS_PER_SECOND } from '../../domain/stories';

/** Why recording is off. */
export type MicProblem = 'no-support' | 'refused' | 'no-microphone' | 'failed';
/** Why a recording stopped. */
export type StopReason = 'user' | 'time-limit' | 'size-limit';
export type RecorderStatus = 'idle' | 'asking' | 'recording';

/** A finished recording, not stored yet. */
export interface Take {
  blob: Blob;
  /** An object URL of `blob` (revoked when the take is dropped). */
  url: string;
  durationMs: number;
  stoppedBy: StopReason;
  /** Over `MAX_RECORDING_BYTES`: it cannot be kept. */
  isTooLarge: boolean;
}

export interface Recorder {
  status: RecorderStatus;
  /** Time recorded so far, while recording (refreshed every 250 ms). */
  elapsedMs: number;
  problem: MicProblem | null;
  take: Take | null;
  /** Asks for the microphone and starts; resolves true once recording. */
  start: () => Promise<boolean>;
  stop: () => void;
  /** Drops the take (its URL is revoked). */
  dropTake: () => void;
}

export const OPUS_MIME_TYPE = 'audio/webm;codecs=opus';
/** Each chunk's length: the recording is mostly in memory already when Stop is tapped. */
const TIMESLICE_MS = 1000;
const TICK_MS = 250;

/** Whether this browser can record here at all (a secure page with a microphone API and MediaRecorder). */
export function canRecord(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function' && typeof MediaRecorder !== 'undefined';
}

/** A getUserMedia failure as a reason the screen can say. */
export function micProblemOf(error: unknown): MicProblem {
  const name = error && typeof error === 'object' && 'name' in error ? String(error.name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'refused';
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return 'no-microphone';
  return 'failed';
}

/** A performance mark for measuring the recorder's latencies (no-op where the API is missing). */
export function markPractice(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

function releaseTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

interface Session {
  recorder: MediaRecorder;
  stream: MediaStream;
  timer: number;
  stopReason: StopReason;
}

export function useRecorder(): Recorder {
  const [status, setStatus] = useState<RecorderStatus>('idle');
  const [startedAt, setStartedAt] = useState(0);
  const [nowMs, setNowMs] = useState(0);
  const [problem, setProblem] = useState<MicProblem | null>(null);
  const [take, setTake] = useState<Take | null>(null);
  const session = useRef<Session | null>(null);
  const isAsking = useRef(false);
  const takeUrl = useRef<string | null>(null);
  const isMounted = useRef(true);

  const replaceTake = useCallback((next: Take | null) => {
    if (takeUrl.current !== null) URL.revokeObjectURL(takeUrl.current);
    takeUrl.current = next?.url ?? null;
    setTake(next);
  }, []);

  // Gone from the screen: stop recording, release the microphone, revoke the URL.
  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
      const current = session.current;
      session.current = null;
      if (current) {
        window.clearTimeout(current.timer);
        current.recorder.ondataavailable = null;
        current.recorder.onstop = null;
        if (current.recorder.state !== 'inactive') {
          try {
            current.recorder.stop();
          } catch {
            // Already stopping: the tracks are released below either way.
          }
        }
        releaseTracks(current.stream);
      }
      if (takeUrl.current !== null) URL.revokeObjectURL(takeUrl.current);
      takeUrl.current = null;
    };
  }, []);

  useEffect(() => {
    if (status !== 'recording') return;
    const timer = window.setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, [status]);

  const stopWith = useCallback((reason: StopReason) => {
    const current = session.current;
    if (!current || current.recorder.state === 'inactive') return;
    current.stopReason = reason;
    markPractice('practice:stop');
    current.recorder.stop();
  }, []);

  const start = useCallback(async (): Promise<boolean> => {
    if (session.current || isAsking.current) return false;
    if (!canRecord()) {
      setProblem('no-support');
      return false;
    }
    isAsking.current = true;
    setProblem(null);
    setStatus('asking');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      isAsking.current = false;
      if (isMounted.current) {
        setStatus('idle');
        setProblem(micProblemOf(error));
      }
      return false;
    }
    isAsking.current = false;
    markPractice('practice:mic-granted');
    if (!isMounted.current) {
      releaseTracks(stream);
      return false;
    }
    const mimeType = typeof MediaRecorder.isTypeSupported === 'function' && MediaRecorder.isTypeSupported(OPUS_MIME_TYPE) ? OPUS_MIME_TYPE : '';
    const chunks: Blob[] = [];
    let bytes = 0;
    let current: Session;
    try {
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: RECORDING_BITS_PER_SECOND } : { audioBitsPerSecond: RECORDING_BITS_PER_SECOND });
      current = { recorder, stream, timer: 0, stopReason: 'user' };
      const startedAtMs = Date.now();
      recorder.ondataavailable = (event: BlobEvent) => {
        if (event.data.size === 0) return;
        chunks.push(event.data);
        bytes += event.data.size;
        if (bytes > MAX_RECORDING_BYTES) stopWith('size-limit');
      };
      recorder.onstop = () => {
        window.clearTimeout(current.timer);
        releaseTracks(stream);
        if (session.current === current) session.current = null;
        if (!isMounted.current) return;
        // The chunks are already here (timeslice): the blob is ready at once.
        const blob = new Blob(chunks, { type: recorder.mimeType || mimeType || 'audio/webm' });
        replaceTake({ blob, url: URL.createObjectURL(blob), durationMs: Date.now() - startedAtMs, stoppedBy: current.stopReason, isTooLarge: blob.size > MAX_RECORDING_BYTES });
        setStatus('idle');
      };
      recorder.start(TIMESLICE_MS);
      session.current = current;
      current.timer = window.setTimeout(() => stopWith('time-limit'), MAX_RECORDING_MS);
      // The indicator is set now, not at the first chunk.
      replaceTake(null);
      setStartedAt(startedAtMs);
      setNowMs(startedAtMs);
      setStatus('recording');
      return true;
    } catch {
      releaseTracks(stream);
      setStatus('idle');
      setProblem('failed');
      return false;
    }
  }, [replaceTake, stopWith]);

  const stop = useCallback(() => stopWith('user'), [stopWith]);
  const dropTake = useCallback(() => replaceTake(null), [replaceTake]);

  return { status, elapsedMs: status === 'recording' ? Math.max(0, nowMs - startedAt) : 0, problem, take, start, stop, dropTake };
}
