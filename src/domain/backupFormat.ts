/**
 * The full-backup file format: everything needed to restore the app on
 * another device (decks, notes, cards with their FSRS state, the review
 * log, option presets, settings, from version 3 the story bank: stories
 * and practice recordings, their audio as base64, and from version 4 the
 * media files cards show, their bytes as base64) in one versioned
 * envelope. A backup from a newer app version is refused, never guessed at.
 * Before anything is restored, every record is checked for what the app and
 * the scheduler need (whole numbers where ts-fsrs counts, dates a `Date` can
 * hold, a memory state FSRS accepts, a queue that fits the state, steps
 * ts-fsrs reads as written) and the records are checked against each other
 * (unique ids, every log's card, every card's deck, every deck's preset,
 * every note a story links and every recording's story or note present; a
 * recording's audio strict base64 of the size it states, within
 * `MAX_RECORDING_BYTES`; a media file's name a plain file name
 * (`isMediaName`), unique, its hash 64 hex digits and its bytes strict base64
 * of the size it states). The hash is not computed again here (that needs the
 * asynchronous Web Crypto): a merge only compares hashes, so a wrong one at
 * worst keeps this device's file.
 *
 * Problems are returned as codes with parameters (`BackupProblem`), never as
 * sentences: the settings screen puts them into the user's language.
 * Files written before sibling burying and the learn-ahead limit existed
 * (no `burySiblings`, no `learnAheadMinutes`) or leeches (no `leechThreshold`)
 * still restore, with defaults. A preset's optimized FSRS parameters
 * (`fsrsWeights`, `previousFsrsWeights`: 21 numbers from 0 to 100) are kept.
 */
import { base64DecodedLength } from './base64';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupFileV4, type BackupMedia, type BackupRecording } from './backupFile';
import { logsFromVersion1, type ReviewLogV1 } from './ids';
import { MAX_LEECH_THRESHOLD } from './leech';
import { isMediaName } from './media';
import { notesFromCards, type CardRecordV1 } from './notes';
import { validateSteps, type StepsProblem } from './steps';
import { MAX_RECORDING_BYTES, RECORDING_OWNER_KINDS, type StoryRecord } from './stories';
import type { AppSettings, CardRecord, DeckOptions, DeckRecord, NoteRecord, ReviewLogRecord } from './types';
import {
  CardQueue,
  CardState,
  DEFAULT_DECK_OPTIONS,
  DEFAULT_OPTIONS_ID,
  DEFAULT_SETTINGS,
  isCardQueue,
  isCardState,
  isCardTemplate,
  isLanguageSetting,
  isNoteType,
  isRating,
  isThemeSetting,
} from './types';

export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupFileV4, type BackupMedia, type BackupRecording, type MediaInfo } from './backupFile';

// ---------------------------------------------------------------------------
// Problems

/** The kinds of record a backup lists. */
export type BackupRecordKind = 'deck' | 'note' | 'card' | 'review' | 'options' | 'story' | 'recording' | 'media';

/** A record in one of the backup's lists: its index in the list (from 0) and its id (a media file's name), if it has a usable one. */
export interface BackupRecordPlace {
  record: BackupRecordKind;
  index: number;
  id?: string;
}

/** Where a problem is: a record, the settings, or the file's envelope (format, version, the lists themselves). */
export type BackupPlace = BackupRecordPlace | { record: 'settings' } | { record: 'file' };

/**
 * What a field should have held. `whole-range` and `range` come with `min`
 * and `max`; `difficulty-range` and `stability-positive` apply to a card that
 * has been studied (a state other than New).
 */
export type BackupExpectation =
  | 'text'
  | 'non-empty-text'
  | 'boolean'
  | 'list'
  | 'object'
  | 'text-list'
  | 'id-list'
  | 'note-id-list'
  | 'non-negative'
  | 'whole'
  | 'positive-whole'
  | 'whole-range'
  | 'range'
  | 'date'
  | 'date-or-null'
  | 'template'
  | 'state'
  | 'queue'
  | 'rating'
  | 'theme'
  | 'language'
  | 'difficulty-range'
  | 'stability-positive'
  | 'format-version'
  | 'note-type'
  | 'origin'
  | 'owner-kind'
  | 'base64'
  | 'media-name'
  | 'sha256'
  | 'data-base64';

/**
 * One reason a backup was refused. `field` names a key of the record as it
 * is written in the file (`before.difficulty` for the snapshot in a review);
 * `found` is the value found, written as JSON (`0`, `"soon"`, `null`, `[…]`,
 * `{…}`), absent when the field is missing.
 */
export type BackupProblem =
  /** The file, a record or the settings is not a JSON object. */
  | ({ code: 'not-object'; found?: string } & BackupPlace)
  /** `format` is not this app's backup format. */
  | { code: 'not-backup'; found?: string }
  /** Written by a newer app, with format version `version`. */
  | { code: 'newer-version'; version: number }
  | ({ code: 'field'; field: string; expected: BackupExpectation; min?: number; max?: number; found?: string } & BackupPlace)
  /** A key the app does not have (settings and option presets). */
  | ({ code: 'unknown-field'; field: string } & BackupPlace)
  /** A second record of the same kind with the same id (`id`; a media file's name). */
  | ({ code: 'duplicate-id'; id: string } & BackupRecordPlace)
  /** A deck's preset, a card's deck, a review's card, a story's note or a recording's story or note that is not in the backup. */
  | ({ code: 'missing-reference'; target: 'options' | 'deck' | 'note' | 'card' | 'story'; targetId: string } & BackupRecordPlace)
  /** A recording whose audio holds `decoded` bytes, not the `size` it states. */
  | ({ code: 'recording-size'; size: number; decoded: number } & BackupRecordPlace)
  /** A media file whose data holds `decoded` bytes, not the `size` it states. */
  | ({ code: 'media-size'; size: number; decoded: number } & BackupRecordPlace)
  /** A queue that does not fit the FSRS state. */
  | ({ code: 'queue-state'; field: string; queue: number; state: number } & BackupRecordPlace)
  /** More lapses than reviews. */
  | ({ code: 'lapses-over-reps'; field: string; lapses: number; reps: number } & BackupRecordPlace)
  /** `buriedDay` on a card that is not buried (queue `queue`). */
  | ({ code: 'buried-day-not-buried'; queue: number } & BackupRecordPlace)
  /** Learning or relearning steps the scheduler cannot use. */
  | ({ code: 'steps'; field: 'learningSteps' | 'relearningSteps'; problem: StepsProblem } & BackupRecordPlace)
  /** Problems beyond the first 20, counted. */
  | { code: 'more'; count: number };

export type BackupValidation = { ok: true; backup: BackupFileV4 } | { ok: false; problems: BackupProblem[] };

/** Most problems listed; the rest are counted in one last `more`. */
const MAX_PROBLEMS = 20;

class Problems {
  readonly list: BackupProblem[] = [];
  private extra = 0;

  add(problem: BackupProblem): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem);
    else this.extra++;
  }

  result(): BackupProblem[] {
    return this.extra > 0 ? [...this.list, { code: 'more', count: this.extra }] : this.list;
  }
}

/** The value as the problem shows it: JSON for scalars, `[…]` / `{…}` for lists and objects, undefined when missing. */
function shown(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (Array.isArray(value)) return '[…]';
  if (typeof value === 'object') return '{…}';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value; // never from JSON
}

// ---------------------------------------------------------------------------
// Field rules

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The last millisecond of the year 9999: later dates are not sane (and near the limit of `Date`). */
const LATEST_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const isText = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isWhole = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isDate = (v: unknown): v is number => isWhole(v) && v <= LATEST_DATE_MS;
const isTextList = (v: unknown): boolean => Array.isArray(v) && v.every(isText);
const isIdList = (v: unknown): boolean => Array.isArray(v) && v.every(isId);

interface Rule {
  check: (v: unknown) => boolean;
  expected: BackupExpectation;
  min?: number;
  max?: number;
}

const rule = (check: (v: unknown) => boolean, expected: BackupExpectation): Rule => ({ check, expected });
const optional = (base: Rule): Rule => ({ ...base, check: (v) => v === undefined || base.check(v) });
const wholeRange = (min: number, max: number): Rule => ({ check: (v) => isWhole(v) && v >= min && v <= max, expected: 'whole-range', min, max });
const range = (min: number, max: number): Rule => ({ check: (v) => isFiniteNumber(v) && v >= min && v <= max, expected: 'range', min, max });

const TEXT = rule(isText, 'text');
const ID = rule(isId, 'non-empty-text');
const BOOLEAN = rule((v) => typeof v === 'boolean', 'boolean');
const WHOLE = rule(isWhole, 'whole');
const NON_NEGATIVE = rule((v) => isFiniteNumber(v) && v >= 0, 'non-negative');
const DATE = rule(isDate, 'date');
const DATE_OR_NULL = rule((v) => v === null || isDate(v), 'date-or-null');
const STATE = rule(isCardState, 'state');
const QUEUE = rule(isCardQueue, 'queue');
/** Difficulty of a card never studied (ts-fsrs sets it at the first answer). */
const NEW_DIFFICULTY = range(0, 10);
const STUDIED_DIFFICULTY: Rule = { check: (v) => isFiniteNumber(v) && v >= 1 && v <= 10, expected: 'difficulty-range' };
const STUDIED_STABILITY: Rule = { check: (v) => isFiniteNumber(v) && v > 0, expected: 'stability-positive' };
const STEPS = rule(isTextList, 'text-list');

/** FSRS fields whose rule does not depend on the state; `difficulty` and `stability` are checked with it. */
const SCHEDULING_RULES: Record<string, Rule> = {
  due: DATE,
  elapsedDays: WHOLE,
  scheduledDays: WHOLE,
  learningSteps: WHOLE,
  reps: WHOLE,
  lapses: WHOLE,
  state: STATE,
  lastReview: DATE_OR_NULL,
  queue: QUEUE,
};

const DECK_RULES: Record<string, Rule> = {
  id: ID,
  name: TEXT,
  description: TEXT,
  group: optional(TEXT),
  isBuiltIn: BOOLEAN,
  isHidden: optional(BOOLEAN),
  optionsId: ID,
  contentVersion: optional(TEXT),
  sourceId: optional(TEXT),
  sourceName: optional(TEXT),
  createdAt: DATE,
  updatedAt: DATE,
};

const NOTE_ORIGINS = new Set(['built-in', 'import', 'app', 'upgrade', 'story']);

/** Fields every note has; the content fields depend on its type (`NOTE_CONTENT_RULES`). */
const NOTE_RULES: Record<string, Rule> = {
  id: ID,
  deckId: ID,
  sourceId: ID,
  type: rule(isNoteType, 'note-type'),
  tags: rule(isTextList, 'text-list'),
  source: optional(TEXT),
  origin: rule((v) => isRecord(v) && NOTE_ORIGINS.has(v.kind as string), 'origin'),
  position: WHOLE,
  createdAt: DATE,
  modifiedAt: DATE,
};

const NOTE_CONTENT_RULES = {
  basic: { front: TEXT, back: TEXT },
  reversible: { front: TEXT, back: TEXT },
  cloze: { text: rule((v) => isText(v) && v.trim() !== '', 'non-empty-text'), extra: optional(TEXT) },
} as const satisfies Record<string, Record<string, Rule>>;

const CARD_CONTENT_RULES: Record<string, Rule> = {
  id: ID,
  noteId: ID,
  deckId: ID,
  template: rule(isCardTemplate, 'template'),
  front: TEXT,
  back: TEXT,
  tags: rule(isTextList, 'text-list'),
  source: optional(TEXT),
  position: WHOLE,
  buriedDay: optional(WHOLE),
};

/** Version 2 cards also name their place in the note. */
const CARD_V2_RULES: Record<string, Rule> = { ...CARD_CONTENT_RULES, ordinal: WHOLE };

const LOG_V1_RULES: Record<string, Rule> = {
  id: optional(rule((v) => isWhole(v) && v >= 1, 'positive-whole')),
  cardId: ID,
  deckId: ID,
  rating: rule(isRating, 'rating'),
  state: STATE,
  due: DATE,
  stability: NON_NEGATIVE,
  difficulty: NEW_DIFFICULTY,
  elapsedDays: WHOLE,
  lastElapsedDays: WHOLE,
  scheduledDays: WHOLE,
  learningSteps: WHOLE,
  reviewTime: DATE,
  durationMs: NON_NEGATIVE,
  day: WHOLE,
  before: rule(isRecord, 'object'),
  buriedSiblings: optional(rule(isIdList, 'id-list')),
  becameLeech: optional(BOOLEAN),
  addedLeechTag: optional(BOOLEAN),
};

/** Version 2 logs have a globally unique text id and name their note. */
const LOG_V2_RULES: Record<string, Rule> = { ...LOG_V1_RULES, id: ID, noteId: ID };

/** A story (version 3); `studyNoteId` is empty while the story has no study note (it gets one at its next save). */
const STORY_RULES: Record<keyof StoryRecord, Rule> = {
  id: ID,
  title: TEXT,
  situation: TEXT,
  task: TEXT,
  action: TEXT,
  result: TEXT,
  resultNumbers: TEXT,
  learned: TEXT,
  short: TEXT,
  signals: rule(isTextList, 'text-list'),
  tags: rule(isTextList, 'text-list'),
  noteIds: rule(isIdList, 'note-id-list'),
  studyNoteId: TEXT,
  createdAt: DATE,
  modifiedAt: DATE,
};

const isOwnerKind = (v: unknown): boolean => (RECORDING_OWNER_KINDS as readonly unknown[]).includes(v);

/** A recording (version 3): its audio as strict base64, at most `MAX_RECORDING_BYTES`, never empty. */
const RECORDING_RULES: Record<keyof BackupRecording, Rule> = {
  id: ID,
  ownerKind: rule(isOwnerKind, 'owner-kind'),
  ownerId: ID,
  createdAt: DATE,
  durationMs: WHOLE,
  mimeType: TEXT,
  size: wholeRange(1, MAX_RECORDING_BYTES),
  audio: rule((v) => isText(v) && base64DecodedLength(v) !== null, 'base64'),
};

const isBase64 = (v: unknown): boolean => isText(v) && base64DecodedLength(v) !== null;

/** A media file (version 4): a plain file name, its hash as 64 hex digits, its bytes as strict base64 (an empty file is a file). */
const MEDIA_RULES: Record<keyof BackupMedia, Rule> = {
  name: rule((v) => isText(v) && isMediaName(v), 'media-name'),
  mime: TEXT,
  size: WHOLE,
  hash: rule((v) => isText(v) && /^[0-9a-f]{64}$/i.test(v), 'sha256'),
  addedAt: DATE,
  data: rule(isBase64, 'data-base64'),
};

/** Every key an options preset may have; `burySiblings` and `leechThreshold` may be missing (older files). */
const OPTIONS_RULES: Record<keyof DeckOptions, Rule> = {
  id: ID,
  name: TEXT,
  newPerDay: wholeRange(0, 9999),
  reviewsPerDay: wholeRange(0, 99999),
  desiredRetention: range(0.7, 0.99),
  learningSteps: STEPS,
  relearningSteps: STEPS,
  maximumInterval: wholeRange(1, 36500),
  enableFuzz: BOOLEAN,
  burySiblings: optional(BOOLEAN),
  leechThreshold: optional(wholeRange(0, MAX_LEECH_THRESHOLD)),
  // The optimizer's parameters (each list checked further by `checkWeights`); older files have none.
  fsrsWeights: optional(rule(Array.isArray, 'list')),
  previousFsrsWeights: optional(rule((v) => v === null || Array.isArray(v), 'list')),
  optimizedAt: optional(DATE),
  reviewsAtOptimize: optional(WHOLE),
};

/** FSRS-6 has 21 parameters, each within 0-100 (ts-fsrs clamps each into a narrower range inside that). */
const FSRS_WEIGHT_COUNT = 21;
const FSRS_WEIGHT = range(0, 100);

/** Every key the settings may have; a missing one gets its default. */
const SETTINGS_RULES: Record<keyof AppSettings, Rule> = {
  dayStartHour: wholeRange(0, 23),
  theme: rule(isThemeSetting, 'theme'),
  language: rule(isLanguageSetting, 'language'),
  lastBackupAt: DATE_OR_NULL,
  backupReminderDismissedAt: DATE_OR_NULL,
  hasAskedPersistence: BOOLEAN,
  learnAheadMinutes: wholeRange(0, 120),
  practiceSeconds: wholeRange(15, 600),
};

/** The queues a card in each FSRS state may be in: its own, or set aside (retired, buried, suspended). */
const SET_ASIDE = [CardQueue.Retired, CardQueue.Buried, CardQueue.Suspended];
const QUEUES_FOR_STATE: Record<number, readonly number[]> = {
  [CardState.New]: [CardQueue.New, ...SET_ASIDE],
  [CardState.Learning]: [CardQueue.Learning, ...SET_ASIDE],
  [CardState.Relearning]: [CardQueue.Learning, ...SET_ASIDE],
  [CardState.Review]: [CardQueue.Review, ...SET_ASIDE],
};

// ---------------------------------------------------------------------------
// Checks

function checkRule(obj: Json, field: string, { check, expected, min, max }: Rule, place: BackupPlace, problems: Problems, prefix = ''): boolean {
  const value = obj[field];
  if (check(value)) return true;
  problems.add({
    code: 'field',
    ...place,
    field: `${prefix}${field}`,
    expected,
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...(value === undefined ? {} : { found: shown(value) }),
  });
  return false;
}

function checkFields(obj: Json, rules: Record<string, Rule>, place: BackupPlace, problems: Problems, prefix = ''): void {
  for (const [field, fieldRule] of Object.entries(rules)) checkRule(obj, field, fieldRule, place, problems, prefix);
}

function checkKnownKeys(obj: Json, rules: Record<string, Rule>, place: BackupPlace, problems: Problems): void {
  for (const field of Object.keys(obj)) {
    if (!Object.hasOwn(rules, field)) problems.add({ code: 'unknown-field', ...place, field });
  }
}

/**
 * A card's (or a review's `before`) FSRS state, as ts-fsrs needs it: the
 * rules above, then a memory state FSRS accepts for the card's state
 * (studied cards: difficulty 1-10, stability above 0), no more lapses than
 * reviews, and a queue that fits the state.
 */
function checkScheduling(obj: Json, place: BackupRecordPlace, problems: Problems, prefix = ''): void {
  checkFields(obj, SCHEDULING_RULES, place, problems, prefix);
  const state = obj.state;
  const isKnownState = STATE.check(state);
  const isStudied = isKnownState && state !== CardState.New;
  checkRule(obj, 'difficulty', isStudied ? STUDIED_DIFFICULTY : NEW_DIFFICULTY, place, problems, prefix);
  checkRule(obj, 'stability', isStudied ? STUDIED_STABILITY : NON_NEGATIVE, place, problems, prefix);
  const { reps, lapses, queue } = obj;
  if (isWhole(reps) && isWhole(lapses) && lapses > reps) {
    problems.add({ code: 'lapses-over-reps', ...place, field: `${prefix}lapses`, lapses, reps });
  }
  if (isKnownState && QUEUE.check(queue) && !QUEUES_FOR_STATE[state as number]?.includes(queue as number)) {
    problems.add({ code: 'queue-state', ...place, field: `${prefix}queue`, queue: queue as number, state: state as number });
  }
}

const LIST_KINDS = {
  deckOptions: 'options',
  decks: 'deck',
  notes: 'note',
  cards: 'card',
  reviewLogs: 'review',
  stories: 'story',
  recordings: 'recording',
  media: 'media',
} as const;

/**
 * Checks one list of records with `each`; reports a second record with an
 * id (a media file: a name) already seen. Returns the ids seen (for the cross-checks), or null when
 * the list itself is missing or not a list.
 */
function checkList(
  input: Json,
  key: keyof typeof LIST_KINDS,
  version: number,
  problems: Problems,
  each: (record: Json, place: BackupRecordPlace) => void,
): Set<string> | null {
  const value = input[key];
  if (!Array.isArray(value)) {
    problems.add({ code: 'field', record: 'file', field: key, expected: 'list', ...(value === undefined ? {} : { found: shown(value) }) });
    return null;
  }
  const kind = LIST_KINDS[key];
  const ids = new Set<string>();
  value.forEach((record: unknown, index) => {
    if (!isRecord(record)) {
      problems.add({ code: 'not-object', record: kind, index, ...(record === undefined ? {} : { found: shown(record) }) });
      return;
    }
    // Version 1 review ids are numbers (positive and whole when present), every other id is text; a media file's key is its name.
    const rawId = kind === 'media' ? record.name : record.id;
    const id = kind === 'review' && version === 1 ? (isWhole(rawId) && rawId >= 1 ? String(rawId) : undefined) : isId(rawId) ? rawId : undefined;
    const place: BackupRecordPlace = id === undefined ? { record: kind, index } : { record: kind, index, id };
    each(record, place);
    if (id !== undefined) {
      if (ids.has(id)) problems.add({ code: 'duplicate-id', ...place, id });
      ids.add(id);
    }
  });
  return ids;
}

function checkOptions(options: Json, place: BackupRecordPlace, problems: Problems): void {
  checkKnownKeys(options, OPTIONS_RULES, place, problems);
  checkFields(options, OPTIONS_RULES, place, problems);
  for (const field of ['learningSteps', 'relearningSteps'] as const) {
    const steps = options[field];
    if (!Array.isArray(steps) || !steps.every(isText)) continue; // already reported
    const result = validateSteps(steps);
    // Steps out of order still schedule (earlier versions of the app saved them): the settings screen flags them.
    if (!result.ok && result.problem.code !== 'step-order') problems.add({ code: 'steps', ...place, field, problem: result.problem });
  }
  for (const field of ['fsrsWeights', 'previousFsrsWeights'] as const) {
    const weights = options[field];
    if (Array.isArray(weights)) checkWeights(weights, field, place, problems);
  }
}

/** A preset's FSRS-6 parameters: exactly `FSRS_WEIGHT_COUNT` numbers (`fsrsWeights.length`), each in range (`fsrsWeights.3`). */
function checkWeights(weights: readonly unknown[], field: string, place: BackupRecordPlace, problems: Problems): void {
  checkRule({ length: weights.length }, 'length', wholeRange(FSRS_WEIGHT_COUNT, FSRS_WEIGHT_COUNT), place, problems, `${field}.`);
  weights.forEach((weight, index) => checkRule({ [index]: weight }, String(index), FSRS_WEIGHT, place, problems, `${field}.`));
}

function checkNote(note: Json, place: BackupRecordPlace, problems: Problems): void {
  checkFields(note, NOTE_RULES, place, problems);
  if (isNoteType(note.type)) checkFields(note, NOTE_CONTENT_RULES[note.type], place, problems);
}

function checkCard(card: Json, version: number, place: BackupRecordPlace, problems: Problems): void {
  checkFields(card, version === 1 ? CARD_CONTENT_RULES : CARD_V2_RULES, place, problems);
  checkScheduling(card, place, problems);
  if (card.buriedDay !== undefined && QUEUE.check(card.queue) && card.queue !== CardQueue.Buried) {
    problems.add({ code: 'buried-day-not-buried', ...place, queue: card.queue as number });
  }
}

/** A story's fields, and the notes it links (and its study note) present in the backup. */
function checkStory(story: Json, place: BackupRecordPlace, problems: Problems, noteIds: ReadonlySet<string> | null): void {
  checkFields(story, STORY_RULES, place, problems);
  if (!noteIds) return;
  if (Array.isArray(story.noteIds)) {
    for (const noteId of new Set(story.noteIds.filter(isId))) {
      if (!noteIds.has(noteId)) problems.add({ code: 'missing-reference', ...place, target: 'note', targetId: noteId });
    }
  }
  if (isId(story.studyNoteId) && !noteIds.has(story.studyNoteId)) problems.add({ code: 'missing-reference', ...place, target: 'note', targetId: story.studyNoteId });
}

/** A recording's fields, its owner (a story or a note) present, and audio of the size it states. */
function checkRecording(
  recording: Json,
  place: BackupRecordPlace,
  problems: Problems,
  owners: { story: ReadonlySet<string> | null; note: ReadonlySet<string> | null },
): void {
  checkFields(recording, RECORDING_RULES, place, problems);
  const { ownerKind, ownerId, size, audio } = recording;
  if (isOwnerKind(ownerKind) && isId(ownerId)) {
    const kind = ownerKind as keyof typeof owners;
    const ids = owners[kind];
    if (ids && !ids.has(ownerId)) problems.add({ code: 'missing-reference', ...place, target: kind, targetId: ownerId });
  }
  const decoded = isText(audio) ? base64DecodedLength(audio) : null;
  if (decoded !== null && RECORDING_RULES.size.check(size) && decoded !== size) problems.add({ code: 'recording-size', ...place, size: size as number, decoded });
}

/** A media file's fields, and data of the size it states. */
function checkMedia(media: Json, place: BackupRecordPlace, problems: Problems): void {
  checkFields(media, MEDIA_RULES, place, problems);
  const { size, data } = media;
  const decoded = isText(data) ? base64DecodedLength(data) : null;
  if (decoded !== null && isWhole(size) && decoded !== size) problems.add({ code: 'media-size', ...place, size, decoded });
}

function checkLog(log: Json, version: number, place: BackupRecordPlace, problems: Problems): void {
  checkFields(log, version === 1 ? LOG_V1_RULES : LOG_V2_RULES, place, problems);
  if (isRecord(log.before)) checkScheduling(log.before, place, problems, 'before.');
}

/**
 * Checks an untrusted value (usually `JSON.parse` of a backup file) before
 * a restore. Refuses another format or a newer version; checks every record
 * as described in the module header and that the records point at each
 * other. At most 20 problems are listed, then `{ code: 'more', count }`.
 * Settings, `burySiblings` and `leechThreshold` missing from the file get their defaults.
 * A version-1 or version-2 file is read as version 4 with no stories, no
 * recordings and no media; a version-3 file with no media.
 *
 * @example
 * const result = validateBackup(JSON.parse(text));
 * if (!result.ok) show(result.problems.map(toSentence));
 * // e.g. { code: 'field', record: 'card', index: 2, id: 'q1', field: 'difficulty', expected: 'difficulty-range', found: '0' }
 * else restore(result.backup);
 */
export function validateBackup(input: unknown): BackupValidation {
  if (!isRecord(input)) return { ok: false, problems: [{ code: 'not-object', record: 'file' }] };
  if (input.format !== BACKUP_FORMAT) {
    return { ok: false, problems: [{ code: 'not-backup', ...(input.format === undefined ? {} : { found: shown(input.format) }) }] };
  }
  const version = input.version;
  if (!isWhole(version) || version < 1) {
    return {
      ok: false,
      problems: [{ code: 'field', record: 'file', field: 'version', expected: 'format-version', ...(version === undefined ? {} : { found: shown(version) }) }],
    };
  }
  if (version > BACKUP_FORMAT_VERSION) return { ok: false, problems: [{ code: 'newer-version', version }] };

  const problems = new Problems();
  const file: BackupPlace = { record: 'file' };
  checkRule(input, 'exportedAt', DATE, file, problems);
  checkRule(input, 'appVersion', TEXT, file, problems);

  const optionIds = checkList(input, 'deckOptions', version, problems, (options, place) => checkOptions(options, place, problems));
  const deckIds = checkList(input, 'decks', version, problems, (deck, place) => {
    checkFields(deck, DECK_RULES, place, problems);
    const optionsId = deck.optionsId;
    // The shared preset need not be stored: the app reads defaults for it.
    if (isId(optionsId) && optionsId !== DEFAULT_OPTIONS_ID && optionIds && !optionIds.has(optionsId)) {
      problems.add({ code: 'missing-reference', ...place, target: 'options', targetId: optionsId });
    }
  });
  // Version 1 had no notes: they are rebuilt from the cards below.
  const noteIds =
    version === 1
      ? null
      : checkList(input, 'notes', version, problems, (note, place) => {
          checkNote(note, place, problems);
          if (isId(note.deckId) && deckIds && !deckIds.has(note.deckId)) {
            problems.add({ code: 'missing-reference', ...place, target: 'deck', targetId: note.deckId });
          }
        });
  const cardIds = checkList(input, 'cards', version, problems, (card, place) => {
    checkCard(card, version, place, problems);
    if (isId(card.deckId) && deckIds && !deckIds.has(card.deckId)) {
      problems.add({ code: 'missing-reference', ...place, target: 'deck', targetId: card.deckId });
    }
    if (isId(card.noteId) && noteIds && !noteIds.has(card.noteId)) {
      problems.add({ code: 'missing-reference', ...place, target: 'note', targetId: card.noteId });
    }
  });
  checkList(input, 'reviewLogs', version, problems, (log, place) => {
    checkLog(log, version, place, problems);
    if (isId(log.cardId) && cardIds && !cardIds.has(log.cardId)) {
      problems.add({ code: 'missing-reference', ...place, target: 'card', targetId: log.cardId });
    }
  });
  // Versions 1 and 2 had no story bank.
  if (version >= 3) {
    const storyIds = checkList(input, 'stories', version, problems, (story, place) => checkStory(story, place, problems, noteIds));
    checkList(input, 'recordings', version, problems, (recording, place) => checkRecording(recording, place, problems, { story: storyIds, note: noteIds }));
  }
  // Versions 1 to 3 had no media.
  if (version >= 4) checkList(input, 'media', version, problems, (media, place) => checkMedia(media, place, problems));

  let settings: AppSettings = { ...DEFAULT_SETTINGS };
  const givenSettings = input.settings;
  if (!isRecord(givenSettings)) {
    problems.add({ code: 'not-object', record: 'settings', ...(givenSettings === undefined ? {} : { found: shown(givenSettings) }) });
  } else {
    const place: BackupPlace = { record: 'settings' };
    checkKnownKeys(givenSettings, SETTINGS_RULES, place, problems);
    for (const [field, fieldRule] of Object.entries(SETTINGS_RULES)) {
      if (givenSettings[field] !== undefined) checkRule(givenSettings, field, fieldRule, place, problems);
    }
    settings = { ...DEFAULT_SETTINGS, ...givenSettings };
  }

  if (problems.list.length > 0) return { ok: false, problems: problems.result() };
  // The checks above establish each record's shape; the casts only name it.
  const deckOptions = (
    input.deckOptions as (Omit<DeckOptions, 'burySiblings' | 'leechThreshold'> & { burySiblings?: boolean; leechThreshold?: number })[]
  ).map((options) => ({
    ...options,
    burySiblings: options.burySiblings ?? DEFAULT_DECK_OPTIONS.burySiblings,
    leechThreshold: options.leechThreshold ?? DEFAULT_DECK_OPTIONS.leechThreshold,
  }));
  const decks = input.decks as DeckRecord[];
  const common = {
    format: BACKUP_FORMAT,
    version: 4,
    exportedAt: input.exportedAt as number,
    appVersion: input.appVersion as string,
    deckOptions,
    settings,
    stories: version >= 3 ? (input.stories as StoryRecord[]) : [],
    recordings: version >= 3 ? (input.recordings as BackupRecording[]) : [],
    // Hashes lower case, as storage keeps them.
    media: version >= 4 ? (input.media as BackupMedia[]).map((media) => ({ ...media, hash: media.hash.toLowerCase() })) : [],
  } as const;
  if (version === 1) return { ok: true, backup: { ...common, ...fromVersion1(decks, input.cards as CardRecordV1[], input.reviewLogs as ReviewLogV1[]) } };
  return {
    ok: true,
    backup: {
      ...common,
      decks,
      notes: input.notes as NoteRecord[],
      cards: input.cards as CardRecord[],
      reviewLogs: input.reviewLogs as (ReviewLogRecord & { id: string })[],
    },
  };
}

/**
 * A checked version-1 backup's records as version 2 has them: notes rebuilt
 * from the cards (as the database upgrade does), each log with a globally
 * unique id and its note; imported decks remember their own id as the file id.
 */
function fromVersion1(v1Decks: readonly DeckRecord[], v1Cards: readonly CardRecordV1[], v1Logs: readonly ReviewLogV1[]): Pick<BackupFileV4, 'decks' | 'notes' | 'cards' | 'reviewLogs'> {
  const builtIn = new Set(v1Decks.filter((deck) => deck.isBuiltIn).map((deck) => deck.id));
  const { notes, cards } = notesFromCards(v1Cards, (deckId) => (builtIn.has(deckId) ? { kind: 'built-in' } : { kind: 'upgrade' }));
  const noteOfCard = new Map(cards.map((card) => [card.id, card.noteId]));
  const reviewLogs = logsFromVersion1(v1Logs, noteOfCard);
  const decks = v1Decks.map((deck) => (deck.isBuiltIn || deck.sourceId !== undefined ? deck : { ...deck, sourceId: deck.id }));
  return { decks, notes, cards, reviewLogs };
}
