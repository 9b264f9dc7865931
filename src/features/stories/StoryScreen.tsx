/**
 * One story: its text rendered as on cards, its signals and tags, the
 * questions it answers (each with practice aloud), its recordings (date and
 * length; they play on the practice screen), and Edit, Duplicate, Delete
 * (after a confirmation naming what goes) and Practise aloud.
 */
import './stories.css';
import { useEffect, useRef, useState } from 'react';
import type { StoryRecord } from '../../domain/stories';
import { STORE } from '../../storage';
import { deleteStory, duplicateStory, getStory, linkedQuestions, recordingsOf } from '../../storage/stories';
import { useScreenT, useT } from '../../ui/i18n';
import { STORIES_MESSAGES } from '../../ui/i18n/screens/stories';
import { Link } from '../../ui/Link';
import { navigate } from '../../ui/navigation';
import { practicePath, storyEditPath, storyPath, STORIES_PATH } from '../../ui/paths';
import { SaveFailure } from '../../ui/SaveFailure';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { useSave } from '../../ui/useSave';
import { StoryBody } from './StoryBody';
import { bytesFormatter } from '../../ui/sizes';
import { formatLength, formatWhen, storyWording } from './storyWording';
import { useStoryRead } from './useStoryRead';

const TABLES = [STORE.stories, STORE.notes, STORE.decks, STORE.recordings] as const;

/** The story with the questions it answers and its recordings; `story` null when there is no such story. */
async function readStory(storyId: string) {
  const story = await getStory(storyId);
  if (!story) return { story: null, questions: [], recordings: [] };
  const [questions, recordings] = await Promise.all([linkedQuestions(story), recordingsOf(storyId)]);
  return { story, questions, recordings };
}

export default function StoryScreen({ storyId }: { storyId: string }) {
  const translator = useT();
  const { t, language } = translator;
  const ts = useScreenT(STORIES_MESSAGES);
  const { value, error } = useStoryRead(() => readStory(storyId), storyId, TABLES);
  const saver = useSave();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);

  const story = value?.story;
  const recordings = value?.recordings ?? [];

  async function duplicate(original: StoryRecord) {
    setIsBusy(true);
    const result: { story?: StoryRecord } = {};
    const isDone = await saver.save(async () => {
      result.story = await duplicateStory(original.id, ts('storyCopyTitle', { title: original.title }), storyWording(ts), Date.now());
    });
    setIsBusy(false);
    if (isDone && result.story) navigate(storyPath(result.story.id));
  }

  async function remove(original: StoryRecord) {
    setIsBusy(true);
    const isDone = await saver.save(() => deleteStory(original.id));
    setIsBusy(false);
    if (isDone) navigate(STORIES_PATH, { replace: true });
    else setIsConfirming(false);
  }

  return (
    <div className="story-screen">
      <ScreenHeader title={story?.title ?? ts('storiesTitle')} />
      {story && (
        <p className="story-back">
          <Link href={STORIES_PATH}>{ts('storyBackToList')}</Link>
        </p>
      )}
      {error !== null && (
        <p role="alert" className="banner error">
          {ts('storiesReadFailed', { reason: storageErrorMessage(error, t) })}
        </p>
      )}
      {value === undefined && error === null && <p className="muted">{t('loadingScreen')}</p>}
      {value && !story && (
        <div className="empty-state">
          <p>{ts('storyNotFound')}</p>
          <Link href={STORIES_PATH} className="button primary">
            {ts('storyBackToList')}
          </Link>
        </div>
      )}
      {story && (
        <>
          <div className="button-row start story-actions">
            <Link href={practicePath({ kind: 'story', id: story.id })} className="button primary">
              {ts('storyPractise')}
            </Link>
            <Link href={storyEditPath(story.id)} className="button">
              {ts('storyEdit')}
            </Link>
            <button type="button" className="button" disabled={isBusy} onClick={() => void duplicate(story)}>
              {ts('storyDuplicate')}
            </button>
            <button type="button" className="button danger-outline" disabled={isBusy} onClick={() => setIsConfirming(true)} aria-expanded={isConfirming}>
              {ts('storyDelete')}
            </button>
          </div>
          <SaveFailure saver={saver} />
          {isConfirming && (
            <DeleteConfirm
              title={story.title}
              recordings={recordings.length}
              recordingsSize={bytesFormatter(translator)(recordings.reduce((sum, recording) => sum + recording.size, 0))}
              isBusy={isBusy}
              onCancel={() => setIsConfirming(false)}
              onConfirm={() => void remove(story)}
            />
          )}

          <StoryBody story={story} />

          {story.signals.length > 0 && (
            <section aria-labelledby="story-signals">
              <h2 id="story-signals">{ts('storySignalsHeading')}</h2>
              <ul className="story-chips">
                {story.signals.map((signal) => (
                  <li key={signal}>{signal}</li>
                ))}
              </ul>
            </section>
          )}
          {story.tags.length > 0 && (
            <section aria-labelledby="story-tags">
              <h2 id="story-tags">{ts('storyTagsHeading')}</h2>
              <ul className="story-chips">
                {story.tags.map((tag) => (
                  <li key={tag}>{tag}</li>
                ))}
              </ul>
            </section>
          )}

          <section aria-labelledby="story-questions">
            <h2 id="story-questions">{ts('storyQuestionsHeading')}</h2>
            {value.questions.length === 0 ? (
              <p className="muted">{ts('storyNoQuestions')}</p>
            ) : (
              <ul className="story-question-list">
                {value.questions.map((question) => (
                  <li key={question.noteId}>
                    <p className="story-question-line">
                      {question.line}
                      <span className="story-deck-name">{question.deckName}</span>
                    </p>
                    <Link href={practicePath({ kind: 'note', id: question.noteId })} className="button" aria-label={ts('storyPractiseQuestion', { question: question.line })}>
                      {ts('storyPractise')}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="story-recordings">
            <h2 id="story-recordings">{ts('storyRecordingsHeading')}</h2>
            {recordings.length === 0 ? (
              <p className="muted">{ts('storyRecordingsNone')}</p>
            ) : (
              <>
                <ul className="story-recordings">
                  {recordings.map((recording) => (
                    <li key={recording.id}>{ts('storyRecordingLine', { date: formatWhen(recording.createdAt, language), length: formatLength(recording.durationMs) })}</li>
                  ))}
                </ul>
                <Link href={practicePath({ kind: 'story', id: story.id })}>{ts('storyRecordingsListen')}</Link>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}

/** "Delete <title>?": what goes (the story, its study card and history, its recordings and their size), Cancel and Delete. */
function DeleteConfirm({
  title,
  recordings,
  recordingsSize,
  isBusy,
  onCancel,
  onConfirm,
}: {
  title: string;
  recordings: number;
  recordingsSize: string;
  isBusy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useT();
  const ts = useScreenT(STORIES_MESSAGES);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="confirm" role="alertdialog" aria-labelledby="story-delete-title" aria-describedby="story-delete-what">
      <h2 id="story-delete-title" tabIndex={-1} ref={headingRef}>
        {ts('storyDeleteQuestion', { title })}
      </h2>
      <ul id="story-delete-what">
        <li>{ts('storyDeleteStory')}</li>
        <li>{ts('storyDeleteHistory')}</li>
        <li>{recordings > 0 ? ts('storyDeleteRecordings', { count: recordings, size: recordingsSize }) : ts('storyDeleteNoRecordings')}</li>
      </ul>
      <p>{ts('storyDeleteUndo')}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="button danger" disabled={isBusy} onClick={onConfirm}>
          {ts(isBusy ? 'storyDeleting' : 'storyDeleteConfirm')}
        </button>
      </div>
    </section>
  );
}
