/**
 * Backup problems (`domain/backupFormat.ts` codes, plus the file not being
 * JSON) in the user's language: one sentence per problem, naming the record
 * and field at fault and what was expected.
 */
import type { ScreenTranslate } from '../../ui/i18n';
import type { SETTINGS_MESSAGES, SettingsMessageKey } from '../../ui/i18n/screens/settings';
import { BACKUP_FORMAT, type BackupExpectation, type BackupPlace, type BackupProblem, type BackupRecordKind } from '../../domain/backupFormat';
import { stepsProblemMessage } from './stepsMessages';

/** A backup problem, or the chosen file not being JSON at all. */
export type BackupFileProblem = BackupProblem | { code: 'not-json' };

/** The settings screen's translator (`useScreenT(SETTINGS_MESSAGES)`). */
type T = ScreenTranslate<typeof SETTINGS_MESSAGES.en>;

const WHERE_KEYS = {
  deck: 'backupWhereDeck',
  note: 'backupWhereNote',
  card: 'backupWhereCard',
  review: 'backupWhereReview',
  options: 'backupWhereOptions',
  story: 'backupWhereStory',
  recording: 'backupWhereRecording',
  media: 'backupWhereMedia',
} as const satisfies Record<BackupRecordKind, SettingsMessageKey>;

const EXPECTATION_KEYS = {
  text: 'backupExpectText',
  'non-empty-text': 'backupExpectNonEmptyText',
  boolean: 'backupExpectBoolean',
  list: 'backupExpectList',
  object: 'backupExpectObject',
  'text-list': 'backupExpectTextList',
  'id-list': 'backupExpectIdList',
  'note-id-list': 'backupExpectNoteIdList',
  'non-negative': 'backupExpectNonNegative',
  whole: 'backupExpectWhole',
  'positive-whole': 'backupExpectPositiveWhole',
  'whole-range': 'backupExpectWholeRange',
  range: 'backupExpectRange',
  date: 'backupExpectDate',
  'date-or-null': 'backupExpectDateOrNull',
  template: 'backupExpectTemplate',
  state: 'backupExpectState',
  queue: 'backupExpectQueue',
  rating: 'backupExpectRating',
  theme: 'backupExpectTheme',
  language: 'backupExpectLanguage',
  'difficulty-range': 'backupExpectDifficulty',
  'stability-positive': 'backupExpectStability',
  'format-version': 'backupExpectFormatVersion',
  'note-type': 'backupExpectNoteType',
  origin: 'backupExpectOrigin',
  'owner-kind': 'backupExpectOwnerKind',
  base64: 'backupExpectBase64',
  'media-name': 'backupExpectMediaName',
  sha256: 'backupExpectSha256',
  'data-base64': 'backupExpectDataBase64',
} as const satisfies Record<BackupExpectation, SettingsMessageKey>;

type MissingReference = Extract<BackupProblem, { code: 'missing-reference' }>;

const MISSING_REFERENCE_KEYS = {
  options: 'backupMissingOptions',
  deck: 'backupMissingDeck',
  card: 'backupMissingCard',
  note: 'backupMissingNote',
  story: 'backupRecordingMissingStory',
} as const satisfies Record<MissingReference['target'], SettingsMessageKey>;

/** The sentence for a missing reference: by what is missing, and for a note also by who points at it (a card, a story or a recording). */
function missingReferenceKey({ record, target }: MissingReference): SettingsMessageKey {
  if (target === 'note' && record === 'story') return 'backupStoryMissingNote';
  if (target === 'note' && record === 'recording') return 'backupRecordingMissingNote';
  return MISSING_REFERENCE_KEYS[target];
}

/** "Card 3 (“q1”)", "Settings", "The backup". Indexes count from 1 for people. */
function where(place: BackupPlace, t: T): string {
  if (place.record === 'file') return t('backupWhereFile');
  if (place.record === 'settings') return t('backupWhereSettings');
  const label = t(WHERE_KEYS[place.record], { n: place.index + 1 });
  return place.id === undefined ? label : t('backupWhereWithId', { where: label, id: place.id });
}

function found(value: string | undefined, t: T): string {
  return value === undefined ? t('backupValueMissing') : t('backupFound', { value });
}

/**
 * One problem as a sentence in the translator's language.
 *
 * @example
 * backupProblemMessage({ code: 'duplicate-id', record: 'review', index: 3, id: '7' }, t);
 * // 'Review 4 (“7”): the id “7” is used more than once.'
 */
export function backupProblemMessage(problem: BackupFileProblem, t: T): string {
  switch (problem.code) {
    case 'not-json':
      return t('backupNotJson');
    case 'not-object':
      return problem.record === 'file' ? t('backupNotObject') : t('backupRecordNotObject', { where: where(problem, t), found: found(problem.found, t) });
    case 'not-backup':
      return t('backupNotThisApp', { format: BACKUP_FORMAT, found: found(problem.found, t) });
    case 'newer-version':
      return t('backupNewerVersion', { version: problem.version });
    case 'field': {
      const expected = t(EXPECTATION_KEYS[problem.expected], { min: problem.min ?? '', max: problem.max ?? '' });
      return t('backupField', { where: where(problem, t), field: problem.field, expected, found: found(problem.found, t) });
    }
    case 'unknown-field':
      return t('backupUnknownField', { where: where(problem, t), field: problem.field });
    case 'duplicate-id':
      return t('backupDuplicateId', { where: where(problem, t), id: problem.id });
    case 'missing-reference':
      return t(missingReferenceKey(problem), { where: where(problem, t), id: problem.targetId });
    case 'recording-size':
      return t('backupRecordingSize', { where: where(problem, t), size: problem.size, decoded: problem.decoded });
    case 'media-size':
      return t('backupMediaSize', { where: where(problem, t), size: problem.size, decoded: problem.decoded });
    case 'queue-state':
      return t('backupQueueState', { where: where(problem, t), field: problem.field, queue: problem.queue, state: problem.state });
    case 'lapses-over-reps':
      return t('backupLapsesOverReps', { where: where(problem, t), field: problem.field, lapses: problem.lapses, reps: problem.reps });
    case 'buried-day-not-buried':
      return t('backupBuriedDay', { where: where(problem, t), queue: problem.queue });
    case 'steps':
      return t('backupSteps', { where: where(problem, t), field: problem.field, reason: stepsProblemMessage(problem.problem, t) });
    case 'more':
      return t('backupMore', { count: problem.count });
  }
}
