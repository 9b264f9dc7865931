/**
 * "Your story" on a card's answer side (the review loads it after the
 * reveal): each story linked to the note, its short version rendered and the
 * STAR parts folded, with practice aloud; for a question with no story yet,
 * a way to write one. Never throws: a failed read shows a short message.
 */
import './stories.css';
import { STORE } from '../../storage';
import { storiesForNote } from '../../storage/stories';
import { MarkdownBlock } from '../../ui/CardView';
import { useScreenT } from '../../ui/i18n';
import { STORIES_MESSAGES } from '../../ui/i18n/screens/stories';
import { Link } from '../../ui/Link';
import { practicePath, storyEditPath, storyPath } from '../../ui/paths';
import { StoryBody } from './StoryBody';
import { useStoryRead } from './useStoryRead';

const TABLES = [STORE.stories] as const;

export default function StoryPanel({ noteId, isQuestion }: { noteId: string; isQuestion: boolean }) {
  const ts = useScreenT(STORIES_MESSAGES);
  const { value: stories, error } = useStoryRead(() => storiesForNote(noteId), noteId, TABLES);
  const practise = (
    <Link href={practicePath({ kind: 'note', id: noteId })} className="button">
      {ts('storyPractise')}
    </Link>
  );

  if (error !== null) {
    return isQuestion ? <p className="story-panel muted">{ts('panelReadFailed')}</p> : null;
  }
  if (stories === undefined) return null;
  if (stories.length === 0) {
    if (!isQuestion) return null;
    return (
      <section className="story-panel" aria-labelledby={`story-panel-${noteId}`}>
        <p id={`story-panel-${noteId}`} className="story-panel-title">
          {ts('panelNoStory')}
        </p>
        <div className="button-row start">
          <Link href={storyEditPath(null, noteId)} className="button primary">
            {ts('panelWriteOne')}
          </Link>
          {practise}
        </div>
      </section>
    );
  }
  return (
    <div className="story-panels">
      {stories.map((story) => (
        <section key={story.id} className="story-panel" aria-labelledby={`story-panel-${story.id}`}>
          <h2 id={`story-panel-${story.id}`} className="story-panel-title">
            {ts('panelYourStory', { title: story.title })}
          </h2>
          {story.short.trim() !== '' && <MarkdownBlock text={story.short} className="story-text" />}
          <details className="story-panel-details">
            <summary>{ts('panelWholeStory')}</summary>
            <StoryBody story={story} withShort={false} headingLevel={3} />
          </details>
          <div className="button-row start">
            {practise}
            <Link href={storyPath(story.id)} className="button ghost">
              {ts('panelOpenStory')}
            </Link>
          </div>
        </section>
      ))}
    </div>
  );
}
