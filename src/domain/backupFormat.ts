/**
 * The full-backup file format, version 1: everything needed to restore the
 * app on another device (decks, cards with their FSRS state, the review
 * log, option presets, settings) in one versioned envelope. A backup from a
 * newer app version is refused, never guessed at; every record's key fields
 * are checked before anything is restored.
 */
import type { AppSettings, CardRecord, DeckOptions, DeckRecord, ReviewLogRecord } from './types';
import { DEFAULT_OPTIONS_ID, DEFAULT_SETTINGS } from './types';

export const BACKUP_FORMAT = 'interview-flashcards/backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupFileV1 {
  format: typeof BACKUP_FORMAT;
  version: 1;
  /** Epoch ms when the backup was written. */
  exportedAt: number;
  /** The app version that wrote it, e.g. '0.1.0'. */
  appVersion: string;
  decks: DeckRecord[];
  cards: CardRecord[];
  reviewLogs: ReviewLogRecord[];
  deckOptions: DeckOptions[];
  settings: AppSettings;
}

export type BackupValidation = { ok: true; backup: BackupFileV1 } | { ok: false; errors: string[] };

/** Most errors listed; the rest are counted in one last line. */
const MAX_ERRORS = 20;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (v: unknown): boolean => typeof v === 'string';
const isId = (v: unknown): boolean => typeof v === 'string' && v !== '';
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isNumberOrNull = (v: unknown): boolean => v === null || isNumber(v);
const isTextList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const oneOf =
  (...values: unknown[]) =>
  (v: unknown): boolean =>
    values.includes(v);
const optional =
  (check: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === undefined || check(v);

type Rules = Record<string, [check: (v: unknown) => boolean, expected: string]>;

const TEXT: [typeof isText, string] = [isText, 'text'];
const ID: [typeof isId, string] = [isId, 'non-empty text'];
const NUMBER: [typeof isNumber, string] = [isNumber, 'a number'];
const STATE: [(v: unknown) => boolean, string] = [oneOf(0, 1, 2, 3), '0, 1, 2 or 3'];

const SCHEDULING: Rules = {
  due: NUMBER,
  stability: NUMBER,
  difficulty: NUMBER,
  elapsedDays: NUMBER,
  scheduledDays: NUMBER,
  learningSteps: NUMBER,
  reps: NUMBER,
  lapses: NUMBER,
  state: STATE,
  lastReview: [isNumberOrNull, 'a number or null'],
};

const DECK_RULES: Rules = {
  id: ID,
  name: TEXT,
  description: TEXT,
  group: [optional(isText), 'text'],
  isBuiltIn: [isBoolean, 'true or false'],
  optionsId: ID,
  contentVersion: [optional(isText), 'text'],
  createdAt: NUMBER,
  updatedAt: NUMBER,
};

const CARD_RULES: Rules = {
  id: ID,
  noteId: ID,
  deckId: ID,
  template: [oneOf('basic', 'forward', 'reverse', 'cloze'), '"basic", "forward", "reverse" or "cloze"'],
  front: TEXT,
  back: TEXT,
  tags: [isTextList, 'a list of text'],
  source: [optional(isText), 'text'],
  position: NUMBER,
  ...SCHEDULING,
  queue: [oneOf(-1, 0, 1, 2), '-1, 0, 1 or 2'],
};

const LOG_RULES: Rules = {
  id: [optional(isNumber), 'a number'],
  cardId: ID,
  deckId: ID,
  rating: [oneOf(1, 2, 3, 4), '1, 2, 3 or 4'],
  state: STATE,
  due: NUMBER,
  stability: NUMBER,
  difficulty: NUMBER,
  elapsedDays: NUMBER,
  lastElapsedDays: NUMBER,
  scheduledDays: NUMBER,
  learningSteps: NUMBER,
  reviewTime: NUMBER,
  durationMs: NUMBER,
  day: NUMBER,
  before: [isRecord, 'an object'],
};

const SNAPSHOT_RULES: Rules = { ...SCHEDULING, queue: CARD_RULES.queue ?? NUMBER };

const OPTIONS_RULES: Rules = {
  id: ID,
  name: TEXT,
  newPerDay: NUMBER,
  reviewsPerDay: NUMBER,
  desiredRetention: [(v) => isNumber(v) && (v as number) > 0 && (v as number) < 1, 'a number between 0 and 1'],
  learningSteps: [isTextList, 'a list of steps such as "10m"'],
  relearningSteps: [isTextList, 'a list of steps such as "10m"'],
  maximumInterval: NUMBER,
  enableFuzz: [isBoolean, 'true or false'],
};

const SETTINGS_RULES: Rules = {
  dayStartHour: [(v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 23, 'a whole hour from 0 to 23'],
  theme: [oneOf('system', 'light', 'dark'), '"system", "light" or "dark"'],
  language: [oneOf('auto', 'en', 'ru'), '"auto", "en" or "ru"'],
  lastBackupAt: [isNumberOrNull, 'a number or null'],
  backupReminderDismissedAt: [isNumberOrNull, 'a number or null'],
  hasAskedPersistence: [isBoolean, 'true or false'],
};

function describe(value: unknown): string {
  if (value === undefined) return 'it is missing';
  if (value === null) return 'found null';
  if (Array.isArray(value)) return 'found a list';
  if (typeof value === 'string') return `found ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `found ${value}`;
  return `found ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}`;
}

class Errors {
  readonly list: string[] = [];
  private extra = 0;

  add(message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(message);
    else this.extra++;
  }

  result(): string[] {
    return this.extra > 0 ? [...this.list, `…and ${this.extra} more problem${this.extra === 1 ? '' : 's'}.`] : this.list;
  }
}

function checkFields(obj: Json, rules: Rules, label: string, errors: Errors): void {
  for (const [field, [check, expected]] of Object.entries(rules)) {
    if (!check(obj[field])) errors.add(`${label}: "${field}" must be ${expected}; ${describe(obj[field])}.`);
  }
}

/** Checks one array of records; returns the ids seen (for cross-checks). */
function checkRecords(
  input: Json,
  key: keyof BackupFileV1,
  noun: string,
  rules: Rules,
  errors: Errors,
  more?: (record: Json, label: string) => void,
): Set<string> {
  const ids = new Set<string>();
  const value = input[key];
  if (!Array.isArray(value)) {
    errors.add(`"${key}" must be a list of ${noun.toLowerCase()}s; ${describe(value)}.`);
    return ids;
  }
  value.forEach((record: unknown, index) => {
    if (!isRecord(record)) {
      errors.add(`${noun} ${index + 1} must be an object; ${describe(record)}.`);
      return;
    }
    const label = typeof record.id === 'string' && record.id !== '' ? `${noun} ${index + 1} ("${record.id}")` : `${noun} ${index + 1}`;
    checkFields(record, rules, label, errors);
    more?.(record, label);
    if (typeof record.id === 'string') {
      if (ids.has(record.id)) errors.add(`${label}: the id "${record.id}" is used twice.`);
      ids.add(record.id);
    }
  });
  return ids;
}

/**
 * Checks an untrusted value (usually `JSON.parse` of a backup file) before
 * a restore. Refuses another format or a newer version; checks every
 * record's key fields and that cards point at decks and decks at option
 * presets. At most 20 errors are listed. Settings missing from the file are
 * filled with defaults.
 *
 * @example
 * const result = validateBackup(JSON.parse(text));
 * if (!result.ok) show(result.errors); // e.g. ['Card 3 ("q1"): "due" must be a number; found "soon".']
 * else restore(result.backup);
 */
export function validateBackup(input: unknown): BackupValidation {
  if (!isRecord(input)) return { ok: false, errors: ['This is not a backup file: it must be a JSON object.'] };
  if (input.format !== BACKUP_FORMAT) {
    return {
      ok: false,
      errors: [`This is not a backup of this app: "format" should be "${BACKUP_FORMAT}"; ${describe(input.format)}.`],
    };
  }
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, errors: [`The backup's "version" must be a whole number such as 1; ${describe(version)}.`] };
  }
  if (version > BACKUP_FORMAT_VERSION) {
    return {
      ok: false,
      errors: [`This backup was made by a newer version of the app (format version ${version}). Update the app to restore it.`],
    };
  }

  const errors = new Errors();
  if (!isNumber(input.exportedAt)) errors.add(`"exportedAt" must be a time in epoch milliseconds; ${describe(input.exportedAt)}.`);
  if (!isText(input.appVersion)) errors.add(`"appVersion" must be text; ${describe(input.appVersion)}.`);

  const optionIds = checkRecords(input, 'deckOptions', 'Options preset', OPTIONS_RULES, errors);
  const deckIds = checkRecords(input, 'decks', 'Deck', DECK_RULES, errors, (deck, label) => {
    const optionsId = deck.optionsId;
    if (typeof optionsId === 'string' && optionsId !== DEFAULT_OPTIONS_ID && Array.isArray(input.deckOptions) && !optionIds.has(optionsId)) {
      errors.add(`${label}: it uses the options preset "${optionsId}", which is not in the backup.`);
    }
  });
  checkRecords(input, 'cards', 'Card', CARD_RULES, errors, (card, label) => {
    const deckId = card.deckId;
    if (typeof deckId === 'string' && deckId !== '' && Array.isArray(input.decks) && !deckIds.has(deckId)) {
      errors.add(`${label}: it belongs to the deck "${deckId}", which is not in the backup.`);
    }
  });
  checkRecords(input, 'reviewLogs', 'Review', LOG_RULES, errors, (log, label) => {
    if (isRecord(log.before)) checkFields(log.before, SNAPSHOT_RULES, `${label}, "before"`, errors);
  });

  let settings: AppSettings = { ...DEFAULT_SETTINGS };
  if (!isRecord(input.settings)) {
    errors.add(`"settings" must be an object; ${describe(input.settings)}.`);
  } else {
    const given = input.settings;
    const present = Object.fromEntries(Object.keys(SETTINGS_RULES).filter((k) => given[k] !== undefined).map((k) => [k, SETTINGS_RULES[k]!]));
    checkFields(given, present, 'Settings', errors);
    settings = { ...DEFAULT_SETTINGS, ...given };
  }

  if (errors.list.length > 0) return { ok: false, errors: errors.result() };
  // The checks above establish each record's shape; the casts only name it.
  return {
    ok: true,
    backup: {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: input.exportedAt as number,
      appVersion: input.appVersion as string,
      decks: input.decks as DeckRecord[],
      cards: input.cards as CardRecord[],
      reviewLogs: input.reviewLogs as ReviewLogRecord[],
      deckOptions: input.deckOptions as DeckOptions[],
      settings,
    },
  };
}
