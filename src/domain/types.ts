/**
 * The app's own data types, shared by every layer. Plain values only
 * (epoch milliseconds, numbers, strings) so records store as they are in
 * IndexedDB and compare byte for byte in tests. ts-fsrs types stay at the
 * boundary in `scheduler.ts`.
 */

/** Whether `value` is one of `values` (the check behind every `isX` below). */
function isOneOf<T>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/** How a note turns into cards: one per basic note, two per reversible, one per cloze number. */
const CARD_TEMPLATES = ['basic', 'forward', 'reverse', 'cloze'] as const;
export type CardTemplate = (typeof CARD_TEMPLATES)[number];
export const isCardTemplate = (value: unknown): value is CardTemplate => isOneOf(CARD_TEMPLATES, value);

/** The kinds of note a deck file holds (`deckFormat.ts`); each turns into cards of the templates above. */
const NOTE_TYPES = ['basic', 'reversible', 'cloze'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];
export const isNoteType = (value: unknown): value is NoteType => isOneOf(NOTE_TYPES, value);

/** FSRS learning state, same numbering as ts-fsrs `State`. */
export const CardState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type CardStateValue = (typeof CardState)[keyof typeof CardState];
export const CARD_STATES: readonly CardStateValue[] = Object.values(CardState);
export const isCardState = (value: unknown): value is CardStateValue => isOneOf(CARD_STATES, value);

/**
 * Which study queue a card sits in; indexed together with `deckId` and `due`.
 * Buried: a sibling of a card answered on study day `buriedDay`, or a card
 * the user buried, kept out of the queues until the next study day (then put
 * back by its FSRS state). Suspended: set aside by the user (or as a leech)
 * until the user unsuspends it; its FSRS state is kept.
 */
export const CardQueue = { Suspended: -3, Buried: -2, Retired: -1, New: 0, Learning: 1, Review: 2 } as const;
export type CardQueueValue = (typeof CardQueue)[keyof typeof CardQueue];
export const CARD_QUEUES: readonly CardQueueValue[] = Object.values(CardQueue);
export const isCardQueue = (value: unknown): value is CardQueueValue => isOneOf(CARD_QUEUES, value);

/** Again / Hard / Good / Easy, same numbering as ts-fsrs `Rating`. */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type RatingValue = (typeof Rating)[keyof typeof Rating];
/** A rating by name, as the buttons say it: 'Again' | 'Hard' | 'Good' | 'Easy'. */
export type RatingName = keyof typeof Rating;
/** The ratings in button order (their keys 1-4). */
export const RATINGS = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const;
export const isRating = (value: unknown): value is RatingValue => isOneOf(RATINGS, value);
export const RATING_NAMES: Record<RatingValue, RatingName> = {
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

/** What a note holds, by type: the fields as written in the source (Markdown; cloze text with `{{cN::...}}`). */
export type NoteContent =
  | { type: 'basic' | 'reversible'; front: string; back: string }
  | { type: 'cloze'; text: string; extra?: string };

/** Where a note came from: shipped with the app, an import (which format and file), made in the app, rebuilt from a version-1 database, or a story's study note. */
export type NoteOrigin =
  | { kind: 'built-in' }
  | { kind: 'import'; format: string; fileName: string }
  | { kind: 'app' }
  | { kind: 'upgrade' }
  /** The study note of a story (`domain/stories.ts`): its text is made from the story, which owns it. */
  | { kind: 'story'; storyId: string };

/**
 * A note as stored: the unit of content. Its cards are derived from it
 * (`expandNote`): one per basic note, two per reversible, one per cloze number.
 */
export type NoteRecord = NoteContent & {
  /**
   * Global id: a built-in note's id from its deck file, an Anki guid or the
   * id this app exported it with, otherwise generated (a ULID). Never reused
   * for another note; card ids derive from it.
   */
  id: string;
  deckId: string;
  /** The id the note had in the file it came from; unique within its deck only. */
  sourceId: string;
  /**
   * What its cards' ids start with when that is not the note's id: a note
   * the schema-2 upgrade rebuilt for cards whose ids took another form (a
   * card id never changes: its history points at it).
   */
  cardIdBase?: string;
  tags: string[];
  /** The section of the source the note came from, if known. */
  source?: string;
  origin: NoteOrigin;
  /** Place in the deck: its first card's position. */
  position: number;
  createdAt: number;
  modifiedAt: number;
};

/** The content of one reviewable card, produced from a note. */
export interface CardContent {
  /** Stable card id: the note id for basic/forward, `${noteId}::reverse`, `${noteId}::c1`, `${noteId}::c2` ... */
  id: string;
  noteId: string;
  deckId: string;
  template: CardTemplate;
  /** Which card of its note: 0 for basic and forward, 1 for reverse, N for cloze number N. */
  ordinal: number;
  /** Markdown shown as the question (cloze: with the blank). */
  front: string;
  /** Markdown shown under the question once revealed (cloze: filled text plus extra). */
  back: string;
  tags: string[];
  /** The section of the source the card came from, if known. */
  source?: string;
  /** Position in the deck; new cards are introduced in this order. */
  position: number;
}

/** FSRS memory state of a card, in plain values (what ts-fsrs `Card` holds). */
export interface SchedulingState {
  /** Epoch ms when the card is next due. New cards: when they were added. */
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardStateValue;
  /** Epoch ms of the last review, or null for a new card. */
  lastReview: number | null;
}

/** A card as stored: content, FSRS state and the queue it is in. */
export interface CardRecord extends CardContent, SchedulingState {
  queue: CardQueueValue;
  /** Only while `queue` is Buried: the study day the card was buried on. */
  buriedDay?: number;
}

/** What undo needs to put a card back exactly as it was. */
export type CardSnapshot = SchedulingState & { queue: CardQueueValue };

/** One answer, as stored in the review log. */
export interface ReviewLogRecord {
  /**
   * Globally unique (a ULID: the answer's time, then random), so logs of two
   * devices combine without collisions. Given by storage when the answer is
   * written; absent before.
   */
  id?: string;
  cardId: string;
  noteId: string;
  deckId: string;
  rating: RatingValue;
  /** FSRS state before the answer. */
  state: CardStateValue;
  /** Due date before the answer (epoch ms). */
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  /** Epoch ms of the answer. */
  reviewTime: number;
  /** How long the user looked at the card before answering, in ms. */
  durationMs: number;
  /** Study-day number the answer counts against (see `studyDay.ts`). */
  day: number;
  /** The card's scheduling state before the answer, for exact undo. */
  before: CardSnapshot;
  /** Ids of the sibling cards this answer buried until the next day (undo puts them back). */
  buriedSiblings?: string[];
  /** This answer made the card a leech (`domain/leech.ts`): it suspended the card. */
  becameLeech?: boolean;
  /** This answer added the `leech` tag to the note (it did not have it): undo removes it again. */
  addedLeechTag?: boolean;
}

export interface DeckRecord {
  id: string;
  name: string;
  description: string;
  /** Decks with the same group are shown together on the home screen. */
  group?: string;
  /** Shipped with the app (merged on upgrade) rather than imported. */
  isBuiltIn: boolean;
  /** Hidden by the user (built-in decks cannot be deleted): not on the home screen, not counted there, not in "study all". */
  isHidden?: boolean;
  /** Id of the `DeckOptions` preset this deck uses. */
  optionsId: string;
  /** Content version of the deck file last merged in. */
  contentVersion?: string;
  /** Imported decks: the deck's id in the file it came from (a re-import of that file updates this deck). */
  sourceId?: string;
  /** Imported decks: the deck's name as the file gave it (formats whose deck ids come from names find the deck by it); built-in decks renamed in the app: their shipped name. */
  sourceName?: string;
  createdAt: number;
  updatedAt: number;
}

/** A scheduling preset; decks point at one by `optionsId`. */
export interface DeckOptions {
  id: string;
  name: string;
  newPerDay: number;
  reviewsPerDay: number;
  /** 0.70 - 0.97 */
  desiredRetention: number;
  /** ts-fsrs step units, e.g. ['1m', '10m'] */
  learningSteps: string[];
  relearningSteps: string[];
  maximumInterval: number;
  enableFuzz: boolean;
  /** After a card is answered, its siblings (same note) wait until the next study day, as Anki's "bury siblings". */
  burySiblings: boolean;
  /**
   * Lapses that make a card a leech (then every half of it again): it is
   * suspended and its note tagged `leech` (`domain/leech.ts`; the action is
   * always "suspend"). 0 turns leeches off.
   */
  leechThreshold: number;
  /** FSRS-6 parameters (21 numbers) the optimizer trained on this preset's reviews; absent: ts-fsrs's defaults. */
  fsrsWeights?: number[];
  /**
   * The parameters in use before the optimizer's were applied, for "go back":
   * null when those were the defaults; absent when there is nothing to go back to.
   */
  previousFsrsWeights?: number[] | null;
  /** Epoch ms when the optimizer last finished on this preset (whether its result was applied or not). */
  optimizedAt?: number;
  /** How many reviews the preset's decks had then: the optimizer is offered again after about 1,000 more (or 30 days). */
  reviewsAtOptimize?: number;
}

export const DEFAULT_OPTIONS_ID = 'default';

export const DEFAULT_DECK_OPTIONS: DeckOptions = {
  id: DEFAULT_OPTIONS_ID,
  name: 'Default',
  newPerDay: 20,
  reviewsPerDay: 200,
  desiredRetention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumInterval: 36500,
  enableFuzz: true,
  burySiblings: true,
  leechThreshold: 8,
};

export const THEME_SETTINGS = ['system', 'light', 'dark'] as const;
export type ThemeSetting = (typeof THEME_SETTINGS)[number];
export const isThemeSetting = (value: unknown): value is ThemeSetting => isOneOf(THEME_SETTINGS, value);

/** 'auto' follows the browser's languages. */
export const LANGUAGE_SETTINGS = ['auto', 'en', 'ru'] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];
export const isLanguageSetting = (value: unknown): value is LanguageSetting => isOneOf(LANGUAGE_SETTINGS, value);

export interface AppSettings {
  /** Local hour (0-23) at which a new study day begins. */
  dayStartHour: number;
  theme: ThemeSetting;
  language: LanguageSetting;
  /** Epoch ms of the last full backup, or null. */
  lastBackupAt: number | null;
  /** Epoch ms when the backup reminder was last dismissed, or null. */
  backupReminderDismissedAt: number | null;
  /** Whether the app has already asked the browser for persistent storage. */
  hasAskedPersistence: boolean;
  /** When nothing else is left, learning cards due within this many minutes are shown now (Anki's learn-ahead limit). */
  learnAheadMinutes: number;
  /** Practice aloud: how long an answer should take, in seconds (the countdown). */
  practiceSeconds: number;
}

export const DEFAULT_SETTINGS: AppSettings = {
  dayStartHour: 4,
  theme: 'system',
  language: 'auto',
  lastBackupAt: null,
  backupReminderDismissedAt: null,
  hasAskedPersistence: false,
  learnAheadMinutes: 20,
  practiceSeconds: 120,
};

/** Counts for one deck on the home screen, after daily limits. */
export interface DeckCounts {
  deckId: string;
  newCount: number;
  learningCount: number;
  reviewCount: number;
  /** When nothing is due today: epoch ms when the next card becomes due ("next review in 3 h"); otherwise null. */
  nextDue: number | null;
}
