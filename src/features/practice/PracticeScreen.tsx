/**
 * Practice aloud on a question (a note) or a story: what to answer, a
 * countdown with the STAR time split, recording on this device with play
 * back, keep or discard, the saved recordings, a self-check, and a rating
 * written as an answer to the card the practice is about (a story's: its
 * study note's card). Works without a microphone: the timer and the
 * self-check need none.
 */
import './practice.css';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { expandNote } from '../../domain/notes';
import { DEFAULT_PRACTICE_SECONDS, STAR_PARTS, type RecordingInfo, type StoryRecord } from '../../domain/stories';
import type { NoteRecord, RatingValue } from '../../domain/types';
import { updateSettings } from '../../storage';
import {
  answerPractice,
  getNote,
  getStory,
  linkedQuestions,
  loadQuestions,
  practiceCardOf,
  questionLineOf,
  recordingsOf,
  type PracticeCard,
  type QuestionInfo,
} from '../../storage/stories';
import { CardView, MarkdownBlock } from '../../ui/CardView';
import { useSettings } from '../../ui/data';
import { useScreenT, useT } from '../../ui/i18n';
import { PRACTICE_MESSAGES } from '../../ui/i18n/screens/practice';
import { Link } from '../../ui/Link';
import { storyPath, type PracticeTarget } from '../../ui/paths';
import { SaveFailure } from '../../ui/SaveFailure';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { useScreenReady } from '../../ui/screenReady';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { useSave } from '../../ui/useSave';
import { Countdown } from './Countdown';
import { PracticeRating, ratingLabel, type RateOutcome } from './PracticeRating';
import type { PracticeT } from './practiceFormat';
import { RecorderPanel } from './RecorderPanel';
import { RecordingList } from './RecordingList';
import { SelfCheck } from './SelfCheck';
import { useCountdown } from './useCountdown';
import { canRecord, useRecorder } from './useRecorder';
import { usePracticeKeys } from './usePracticeKeys';

/** What is practised, as loaded. */
type Subject =
  | { kind: 'story'; story: StoryRecord; questions: QuestionInfo[]; noteId: string }
  | { kind: 'note'; note: NoteRecord; noteId: string }
  | { kind: 'gone' };

async function loadSubject(target: PracticeTarget): Promise<Subject> {
  if (target.kind === 'story') {
    const story = await getStory(target.id);
    if (!story) return { kind: 'gone' };
    return { kind: 'story', story, questions: await linkedQuestions(story), noteId: story.studyNoteId };
  }
  const note = await getNote(target.id);
  return note ? { kind: 'note', note, noteId: note.id } : { kind: 'gone' };
}

export default function PracticeScreen({ target }: { target: PracticeTarget }) {
  // A new target is a new practice: nothing carries over.
  return <PracticeView key={`${target.kind}:${target.id}`} target={target} />;
}

function PracticeView({ target }: { target: PracticeTarget }) {
  const translator = useT();
  const { t, language } = translator;
  const tp = useScreenT(PRACTICE_MESSAGES);
  const settings = useSettings();
  const saver = useSave();

  const [subject, setSubject] = useState<Subject | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [checklist, setChecklist] = useState<{ signals: string[]; redFlags: string[] }>({ signals: [], redFlags: [] });
  const [recordings, setRecordings] = useState<RecordingInfo[] | undefined>(undefined);
  const [recordingsFailure, setRecordingsFailure] = useState<string | null>(null);
  const [practice, setPractice] = useState<PracticeCard | null | undefined>(undefined);
  const [chosenSeconds, setChosenSeconds] = useState<number | null>(null);
  const [isLengthSaving, setIsLengthSaving] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const [hasPlayedBack, setHasPlayedBack] = useState(false);
  const [isRating, setIsRating] = useState(false);
  const [outcome, setOutcome] = useState<RateOutcome | null>(null);
  const [openedAt] = useState(() => Date.now());
  const [isSupported] = useState(canRecord);
  const takeAudio = useRef<HTMLAudioElement | null>(null);
  const toggleLatestSaved = useRef<(() => void) | null>(null);

  const totalSeconds = chosenSeconds ?? settings?.practiceSeconds ?? DEFAULT_PRACTICE_SECONDS;
  const countdown = useCountdown(totalSeconds);
  const recorder = useRecorder();
  const noteId = subject && subject.kind !== 'gone' ? subject.noteId : null;
  const isSelfCheckShown = isDone || hasPlayedBack || countdown.isOver;

  useEffect(() => {
    let isCancelled = false;
    loadSubject(target).then(
      (loaded) => {
        if (!isCancelled) setSubject(loaded);
      },
      (error: unknown) => {
        if (!isCancelled) setLoadError(error);
      },
    );
    loadQuestions().then(
      ({ signals, redFlags }) => {
        if (!isCancelled) setChecklist({ signals, redFlags });
      },
      () => undefined, // the self-check keeps our own prompts
    );
    return () => {
      isCancelled = true;
    };
  }, [target]);

  const refreshRecordings = useCallback(() => {
    recordingsOf(target.id).then(
      (list) => {
        setRecordings(list);
        setRecordingsFailure(null);
      },
      (error: unknown) => setRecordingsFailure(tp('recordingsFailed', { reason: storageErrorMessage(error, t) })),
    );
  }, [target.id, t, tp]);
  useEffect(refreshRecordings, [refreshRecordings]);

  // The card to rate, with each rating's interval as of now: at the start and again when the self-check opens.
  const refreshPractice = useCallback(() => {
    if (noteId === null) return;
    practiceCardOf(noteId, Date.now()).then(setPractice, () => setPractice(null));
  }, [noteId]);
  useEffect(refreshPractice, [refreshPractice]);
  useEffect(() => {
    if (isSelfCheckShown) refreshPractice();
  }, [isSelfCheckShown, refreshPractice]);

  useScreenReady(subject !== undefined || loadError !== null);

  const { status: recorderStatus, start: startRecording, stop: stopRecording } = recorder;
  const { start: startCountdown } = countdown;
  const record = useCallback(() => {
    if (recorderStatus === 'recording') {
      stopRecording();
      return;
    }
    void startRecording().then((isStarted) => {
      // Recording starts the countdown too (a running one goes on).
      if (isStarted) startCountdown();
    });
  }, [recorderStatus, startRecording, stopRecording, startCountdown]);

  const playLatest = useCallback(() => {
    const audio = takeAudio.current;
    if (audio) {
      if (audio.paused) void audio.play().catch(() => undefined);
      else audio.pause();
      return;
    }
    toggleLatestSaved.current?.();
  }, []);

  const rate = useCallback(
    async (rating: RatingValue) => {
      if (!practice || isRating || outcome?.kind === 'saved') return;
      setIsRating(true);
      setOutcome(null);
      const durationMs = countdown.elapsedMs > 0 ? countdown.elapsedMs : Date.now() - openedAt;
      try {
        const result = await answerPractice(practice, rating, durationMs, Date.now());
        if (result.kind === 'conflict') {
          setOutcome({ kind: 'conflict' });
          refreshPractice();
        } else {
          setOutcome({ kind: 'saved', rating, interval: ratingLabel(practice, rating, translator).interval });
        }
      } catch (error) {
        setOutcome({ kind: 'failed', reason: storageErrorMessage(error, t) });
      } finally {
        setIsRating(false);
      }
    },
    [practice, isRating, outcome, countdown.elapsedMs, openedAt, refreshPractice, translator, t],
  );
  const rateByKey = useCallback((rating: RatingValue) => void rate(rating), [rate]);
  usePracticeKeys({ onRecord: record, onPlay: playLatest, onRate: isSelfCheckShown && practice ? rateByKey : null });

  async function changeLength(seconds: number) {
    const before = chosenSeconds;
    setChosenSeconds(seconds);
    setIsLengthSaving(true);
    const isSaved = await saver.save(() => updateSettings({ practiceSeconds: seconds }));
    if (!isSaved) setChosenSeconds(before);
    setIsLengthSaving(false);
  }

  const failure = loadError !== null ? storageErrorMessage(loadError, t) : null;
  return (
    <div className="practice-screen">
      <ScreenHeader title={tp('practiceTitle')} />
      {failure && (
        <p role="alert" className="banner error">
          {failure}
        </p>
      )}
      {subject === undefined && failure === null && <p role="status">{tp('practiceLoading')}</p>}
      {subject?.kind === 'gone' && <p role="alert">{target.kind === 'story' ? tp('practiceStoryGone') : tp('practiceNoteGone')}</p>}
      {subject && subject.kind !== 'gone' && (
        <>
          <WhatToAnswer subject={subject} tp={tp} />
          <Countdown countdown={countdown} totalSeconds={totalSeconds} onLengthChange={(seconds) => void changeLength(seconds)} isLengthSaving={isLengthSaving} language={language} tp={tp} />
          <SaveFailure saver={saver} />
          <RecorderPanel
            recorder={recorder}
            isSupported={isSupported}
            owner={{ kind: target.kind, id: target.id }}
            onRecord={record}
            onKept={refreshRecordings}
            onPlayed={() => setHasPlayedBack(true)}
            takeAudioRef={takeAudio}
            tp={tp}
          />
          <RecordingList
            recordings={recordings}
            loadFailure={recordingsFailure}
            onChanged={refreshRecordings}
            onPlayed={() => setHasPlayedBack(true)}
            toggleLatestRef={toggleLatestSaved}
            language={language}
            tp={tp}
          />
          {!isSelfCheckShown && (
            <div className="button-row start">
              <button type="button" className="button primary wide" onClick={() => setIsDone(true)}>
                {tp('doneButton')}
              </button>
            </div>
          )}
          {isSelfCheckShown && (
            <>
              <SelfCheck signals={checklist.signals} redFlags={checklist.redFlags} tp={tp} />
              <PracticeRating practice={practice} outcome={outcome} isSaving={isRating} onRate={rateByKey} tp={tp} />
            </>
          )}
          <p className="help practice-keys">{tp('keysHelp')}</p>
        </>
      )}
    </div>
  );
}

const PART_LABEL = { situation: 'practicePartSituation', task: 'practicePartTask', action: 'practicePartAction', result: 'practicePartResult' } as const;

/** The question as its card shows it, or the story: its title, the questions it answers, its STAR notes folded. */
function WhatToAnswer({ subject, tp }: { subject: Exclude<Subject, { kind: 'gone' }>; tp: PracticeT }) {
  const baseId = useId();
  if (subject.kind === 'note') {
    const card = expandNote(subject.note, 0)[0];
    return (
      <section className="practice-section practice-what" aria-labelledby={`${baseId}-title`}>
        <h2 id={`${baseId}-title`} className="visually-hidden">
          {tp('practiceWhatTitle')}
        </h2>
        {card ? <CardView card={card} isRevealed={false} /> : <p className="card-text">{questionLineOf(subject.note)}</p>}
      </section>
    );
  }
  const { story, questions } = subject;
  const extras = [
    ['practiceResultNumbers', story.resultNumbers],
    ['practiceLearned', story.learned],
  ] as const;
  return (
    <section className="practice-section practice-what" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`} className="practice-story-title">
        <span className="card-text">{story.title}</span>
      </h2>
      {questions.length > 0 ? (
        <>
          <p>{tp('practiceStoryFor')}</p>
          <ul className="practice-questions">
            {questions.map((question) => (
              <li key={question.noteId} className="card-text">
                {question.line}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{tp('practiceStoryAlone')}</p>
      )}
      <details className="practice-star">
        <summary>{tp('practiceStoryParts')}</summary>
        {STAR_PARTS.filter((part) => story[part].trim() !== '').map((part) => (
          <div key={part} className="practice-star-part">
            <h3>{tp(PART_LABEL[part])}</h3>
            <MarkdownBlock text={story[part]} className="practice-star-text" />
          </div>
        ))}
        {extras
          .filter(([, text]) => text.trim() !== '')
          .map(([label, text]) => (
            <div key={label} className="practice-star-part">
              <h3>{tp(label)}</h3>
              <MarkdownBlock text={text} className="practice-star-text" />
            </div>
          ))}
      </details>
      <p>
        <Link href={storyPath(story.id)}>{tp('practiceBackToStory')}</Link>
      </p>
    </section>
  );
}
