import { STAR_PARTS, type StoryContent } from '../../domain/stories';
import { MarkdownBlock } from '../../ui/CardView';
import { useScreenT } from '../../ui/i18n';
import { STORIES_MESSAGES, type StoriesMessageKey } from '../../ui/i18n/screens/stories';
import { PART_KEYS } from './storyWording';

type Section = { key: StoriesMessageKey; text: string };

/** The sections a story has text for: the short version (unless left out), the STAR parts, the numbers and the lesson. */
function sectionsOf(story: StoryContent, withShort: boolean): Section[] {
  const sections: Section[] = [
    ...(withShort ? [{ key: 'storyShort' as const, text: story.short }] : []),
    ...STAR_PARTS.map((part) => ({ key: PART_KEYS[part], text: story[part] })),
    { key: 'storyNumbers', text: story.resultNumbers },
    { key: 'storyLearned', text: story.learned },
  ];
  return sections.filter((section) => section.text.trim() !== '');
}

/**
 * A story's text as on cards (Markdown rendered by `ui/markdown.ts`), each
 * written section under its heading; empty sections are left out.
 */
export function StoryBody({ story, withShort = true, headingLevel = 2 }: { story: StoryContent; withShort?: boolean; headingLevel?: 2 | 3 }) {
  const ts = useScreenT(STORIES_MESSAGES);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const sections = sectionsOf(story, withShort);
  if (sections.length === 0) return <p className="muted">{ts('storyNothingWritten')}</p>;
  return (
    <div className="story-body">
      {sections.map((section) => (
        <section key={section.key} className="story-section">
          <Heading>{ts(section.key)}</Heading>
          <MarkdownBlock text={section.text} className="story-text" />
        </section>
      ))}
    </div>
  );
}
