/** A backup merge's summary (`storage` `CollectionMergeSummary`) in the user's language: one sentence per kind of change. */
import type { ScreenTranslate } from '../../ui/i18n';
import type { SETTINGS_MESSAGES, SettingsMessageKey } from '../../ui/i18n/screens/settings';
import type { CollectionMergeSummary } from '../../storage/collectionMerge';

type CountedChange = Exclude<keyof CollectionMergeSummary, 'settingsTaken'>;

/** The sentence for each count, in the order the preview lists them. */
const COUNT_KEYS = {
  decksAdded: 'mergeDecksAdded',
  decksUpdated: 'mergeDecksUpdated',
  notesAdded: 'mergeNotesAdded',
  notesUpdated: 'mergeNotesUpdated',
  cardsAdded: 'mergeCardsAdded',
  cardsUpdated: 'mergeCardsUpdated',
  cardsRescheduled: 'mergeCardsRescheduled',
  logsAdded: 'mergeLogsAdded',
  presetsChanged: 'mergePresetsChanged',
  storiesAdded: 'mergeStoriesAdded',
  storiesUpdated: 'mergeStoriesUpdated',
  recordingsAdded: 'mergeRecordingsAdded',
  mediaAdded: 'mergeMediaAdded',
  mediaConflicts: 'mergeMediaConflicts',
} as const satisfies Record<CountedChange, SettingsMessageKey>;

/**
 * One sentence per change the merge makes, counts of 0 left out; a merge
 * that writes only small corrections says so.
 *
 * @example
 * mergeSummaryLines({ ...summary, logsAdded: 12, cardsRescheduled: 5 }, t);
 * // ['5 cards rescheduled from the answers of both devices.', '12 answers added to the history.']
 */
export function mergeSummaryLines(summary: CollectionMergeSummary, t: ScreenTranslate<typeof SETTINGS_MESSAGES.en>): string[] {
  const lines = (Object.keys(COUNT_KEYS) as CountedChange[]).flatMap((change) =>
    summary[change] > 0 ? [t(COUNT_KEYS[change], { count: summary[change] })] : [],
  );
  if (summary.settingsTaken) lines.push(t('mergeSettingsTaken'));
  return lines.length > 0 ? lines : [t('mergeMinorChanges')];
}
