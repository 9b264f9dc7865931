/**
 * In the note editor, in place of the form for a story's study note: the
 * note is made from the story (which owns its text), so the user is sent to
 * edit the story. The story-bank code is loaded only for such a note.
 */
import '../stories/stories.css';
import { useEffect, useState } from 'react';
import type { StoryRecord } from '../../domain/stories';
import { useScreenT } from '../../ui/i18n';
import { STORIES_MESSAGES } from '../../ui/i18n/screens/stories';
import { Link } from '../../ui/Link';
import { storyEditPath, STORIES_PATH } from '../../ui/paths';

export function StoryNoteNotice({ storyId }: { storyId: string }) {
  const ts = useScreenT(STORIES_MESSAGES);
  // undefined while loading; null when the story is gone or could not be read.
  const [story, setStory] = useState<StoryRecord | null | undefined>(undefined);
  useEffect(() => {
    let isCurrent = true;
    import('../../storage/stories')
      .then((stories) => stories.getStory(storyId))
      .then(
        (found) => isCurrent && setStory(found),
        () => isCurrent && setStory(null),
      );
    return () => {
      isCurrent = false;
    };
  }, [storyId]);
  if (story === undefined) return null;
  return (
    <div className="banner story-note-notice">
      <p>{story ? ts('noticeStoryNote', { title: story.title }) : ts('noticeStoryGone')}</p>
      <Link href={story ? storyEditPath(story.id) : STORIES_PATH} className="button primary">
        {story ? ts('noticeEditStory') : ts('noticeAllStories')}
      </Link>
    </div>
  );
}
