/**
 * "My stories": the story bank's list (each story's title, its signals and
 * tags, how many questions it answers), with New story and Coverage; when
 * there is none yet, what a story bank is for and a way to write the first.
 */
import './stories.css';
import { listStories } from '../../storage/stories';
import { STORE } from '../../storage';
import { useScreenT, useT } from '../../ui/i18n';
import { STORIES_MESSAGES } from '../../ui/i18n/screens/stories';
import { Link } from '../../ui/Link';
import { storyEditPath, storyPath, STORY_COVERAGE_PATH } from '../../ui/paths';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { useStoryRead } from './useStoryRead';

const TABLES = [STORE.stories] as const;

export default function StoriesScreen() {
  const { t } = useT();
  const ts = useScreenT(STORIES_MESSAGES);
  const { value: stories, error } = useStoryRead(listStories, 'stories', TABLES);

  return (
    <div className="stories-screen">
      <ScreenHeader title={ts('storiesTitle')} />
      {error !== null && (
        <p role="alert" className="banner error">
          {ts('storiesReadFailed', { reason: storageErrorMessage(error, t) })}
        </p>
      )}
      {stories === undefined && error === null && <p className="muted">{ts('storiesLoading')}</p>}
      {stories && stories.length === 0 && (
        <section className="empty-state" aria-labelledby="stories-empty-title">
          <h2 id="stories-empty-title">{ts('storiesEmptyTitle')}</h2>
          <p>{ts('storiesEmptyText')}</p>
          <div className="button-row start">
            <Link href={storyEditPath(null)} className="button primary">
              {ts('storiesWriteFirst')}
            </Link>
          </div>
        </section>
      )}
      {stories && stories.length > 0 && (
        <>
          <div className="button-row start story-actions">
            <Link href={storyEditPath(null)} className="button primary">
              {ts('storiesNew')}
            </Link>
            <Link href={STORY_COVERAGE_PATH} className="button">
              {ts('storiesCoverage')}
            </Link>
          </div>
          <p className="muted">{ts('storiesCount', { count: stories.length })}</p>
          <ul className="story-list" aria-label={ts('storiesListLabel')}>
            {stories.map((story) => (
              <li key={story.id} className="story-row">
                <Link href={storyPath(story.id)} className="story-row-title">
                  {story.title}
                </Link>
                <p className="story-row-meta">
                  {story.noteIds.length > 0 ? ts('storiesAnswers', { count: story.noteIds.length }) : ts('storiesAnswersNone')}
                </p>
                {story.signals.length > 0 && <p className="story-row-meta">{ts('storiesSignals', { list: story.signals.join(', ') })}</p>}
                {story.tags.length > 0 && <p className="story-row-meta">{ts('storiesTags', { list: story.tags.join(', ') })}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
