/** The story bank's words for storage (the study note's labels, the deck's name) and its small formats (sizes, lengths). */
import { STAR_PARTS, type StarPart, type StoryProblem } from '../../domain/stories';
import type { StoryWording } from '../../storage/stories';
import type { ScreenTranslate } from '../../ui/i18n';
import type { STORIES_MESSAGES, StoriesMessageKey } from '../../ui/i18n/screens/stories';

export type StoriesTranslate = ScreenTranslate<(typeof STORIES_MESSAGES)['en']>;

export const PART_KEYS = { situation: 'partSituation', task: 'partTask', action: 'partAction', result: 'partResult' } as const satisfies Record<StarPart, StoriesMessageKey>;
export const PART_HELP_KEYS = {
  situation: 'partSituationHelp',
  task: 'partTaskHelp',
  action: 'partActionHelp',
  result: 'partResultHelp',
} as const satisfies Record<StarPart, StoriesMessageKey>;
export const PROBLEM_KEYS = {
  'no-title': 'problemNoTitle',
  'title-too-long': 'problemTitleTooLong',
  'field-too-long': 'problemFieldTooLong',
} as const satisfies Record<StoryProblem, StoriesMessageKey>;

/** What the study note and the stories deck are made with, in the user's language. */
export function storyWording(ts: StoriesTranslate): StoryWording {
  const parts = Object.fromEntries(STAR_PARTS.map((part) => [part, ts(PART_KEYS[part])])) as Record<StarPart, string>;
  return {
    labels: { tellFor: ts('storyTellFor'), tellAlone: ts('storyTellAlone'), parts, resultNumbers: ts('storyNumbers'), learned: ts('storyLearned') },
    deckName: ts('storiesDeckName'),
  };
}

/** A recording's length as "1:05" (minutes and seconds). */
export function formatLength(durationMs: number): string {
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A recording's date and time, as the user's language writes them. */
export function formatWhen(ms: number, language: string): string {
  return new Date(ms).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}
