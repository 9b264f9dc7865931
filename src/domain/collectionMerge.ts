/**
 * Merging another device's collection (a checked backup) into this one,
 * pure: the merged collection, the records that change, and a summary for
 * the preview.
 *
 * - Review logs: combined by id (globally unique).
 * - Decks, notes and stories: by id, the newer `updatedAt` / `modifiedAt`
 *   wins. Records that differ only in those times stay as they are here
 *   (each device stamps the built-in decks with the time it installed them).
 * - Recordings: combined by id, never lost (a recording never changes once
 *   made: one this device has stays as it is; the merge decides on their
 *   fields alone, their audio is the caller's to copy).
 * - Media files: combined by name, decided by their hashes alone (their
 *   bytes are the caller's to copy). A name only the other side has is
 *   added; the same name with the same hash is the same file. The same name
 *   with another hash keeps this device's file, never overwritten (cards
 *   here show it, and a name never changes its bytes: `storage/media.ts`),
 *   and is counted (`mediaConflicts`) so the preview says so.
 * - Option presets and the study settings (`dayStartHour`,
 *   `learnAheadMinutes`) have no change time: where they differ, the side
 *   that answered a card last wins. The device's own preferences (theme,
 *   language, `lastBackupAt`, the backup reminder, the persistence question)
 *   stay.
 * - Ties go to the side that answered last, then to the record whose
 *   canonical JSON sorts last: A into B and B into A choose the same record.
 * - Cards: combined by id; content follows the side whose note won. A card
 *   whose combined log has answers this device lacks is rebuilt by replaying
 *   that log (`replayCardLog`); one whose log is the same on both sides keeps
 *   this device's state, so a second merge changes nothing.
 * - Set aside on either side, set aside here: retired (queue -1) on either
 *   side stays retired; buried on either side for the current study day
 *   stays buried (an earlier day's burial is over); suspended on either side
 *   stays suspended. Otherwise a card is in the queue of its state.
 */
import { queueForState } from './cardState';
import type { BackupFileV4, MediaInfo } from './backupFile';
import type { RecordingInfo, StoryRecord } from './stories';
import { expandNote } from './notes';
import { answerCard, SchedulingError } from './scheduler';
import {
  CardQueue,
  DEFAULT_DECK_OPTIONS,
  type AppSettings,
  type CardContent,
  type CardQueueValue,
  type CardRecord,
  type DeckOptions,
  type DeckRecord,
  type NoteRecord,
  type ReviewLogRecord,
  type SchedulingState,
} from './types';

/** A collection as the merge reads it: the records of a backup, recordings and media files without their bytes (stored ones or a file's both fit). */
export type CollectionRecords = Pick<BackupFileV4, 'decks' | 'notes' | 'cards' | 'reviewLogs' | 'deckOptions' | 'settings' | 'stories'> & {
  recordings: RecordingInfo[];
  media: MediaInfo[];
};

type StoredLog = BackupFileV4['reviewLogs'][number];

/** What a merge would do to this device, in counts the preview words. */
export interface CollectionMergeSummary {
  decksAdded: number;
  /** Decks of this device replaced by the other side's newer version (name, description, options preset). */
  decksUpdated: number;
  notesAdded: number;
  /** Notes of this device replaced by the other side's newer version. */
  notesUpdated: number;
  cardsAdded: number;
  /** Cards of this device whose text or place changes (they follow their note). */
  cardsUpdated: number;
  /** Cards of this device whose schedule or queue changes (rebuilt from the combined answers, retired or buried on the other side). */
  cardsRescheduled: number;
  /** Answers from the other side this device did not have. */
  logsAdded: number;
  /** Option presets added or replaced by the other side's. */
  presetsChanged: number;
  storiesAdded: number;
  /** Stories of this device replaced by the other side's newer version. */
  storiesUpdated: number;
  /** Recordings from the other side this device did not have. */
  recordingsAdded: number;
  /** Media files from the other side whose names this device did not have. */
  mediaAdded: number;
  /** Media files both sides have under one name with other bytes: this device's kept, the other side's not taken. */
  mediaConflicts: number;
  /** Whether the study settings (day start hour, learn-ahead limit) are taken from the other side. */
  settingsTaken: boolean;
}

/** The records to write: only what differs from this device's collection. */
export interface CollectionChanges {
  decks: DeckRecord[];
  notes: NoteRecord[];
  cards: CardRecord[];
  reviewLogs: StoredLog[];
  deckOptions: DeckOptions[];
  stories: StoryRecord[];
  /** The other side's recordings to add (their audio is in the other side's records). */
  recordingIds: string[];
  /** The names of the other side's media files to add (their bytes are in the other side's records). */
  mediaNames: string[];
  /** The new settings, or null when they stay. */
  settings: AppSettings | null;
  /** Cards of this device whose scheduling state changes (answer claims on their old states are void). */
  rescheduledCardIds: string[];
  /** Decks whose cards or answers change, including the decks cards leave. */
  touchedDeckIds: string[];
}

export interface CollectionMerge {
  merged: CollectionRecords;
  changes: CollectionChanges;
  summary: CollectionMergeSummary;
  /** Whether the merge writes anything at all. */
  hasChanges: boolean;
}

export interface MergeContext {
  /** The current study day (`studyDayOf(nowMs, ...)`): burials of earlier days are over. */
  studyDay: number;
}

/** The study settings a merge may take from the other side; the rest belong to the device. */
type SharedSettings = Pick<AppSettings, 'dayStartHour' | 'learnAheadMinutes'>;

function sharedSettingsOf(settings: AppSettings): SharedSettings {
  return { dayStartHour: settings.dayStartHour, learnAheadMinutes: settings.learnAheadMinutes };
}

// ---------------------------------------------------------------------------
// Comparing records

/** JSON with object keys sorted, so records compare by value whatever order their keys were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

function without<T extends object>(record: T, keys: readonly (keyof T)[]): Partial<T> {
  const rest: Partial<T> = { ...record };
  for (const key of keys) delete rest[key];
  return rest;
}

type Side = 'local' | 'incoming';

/** What decides between two versions of a record: its own change time, then the sides' latest answers. */
interface Decider {
  /** Epoch ms of the latest answer on each side (0 with none). */
  activity: Record<Side, number>;
}

/**
 * Which side's version of a record wins: this device's when they are the
 * same (`isSame`), else the newer `timeOf`, else the side that answered most
 * recently, else the record whose canonical JSON sorts last. Symmetric: the
 * same pair gives the same record whichever side it is on.
 */
function winningSide<T>(local: T, incoming: T, decider: Decider, isSame: (a: T, b: T) => boolean, timeOf?: (record: T) => number): Side {
  if (isSame(local, incoming)) return 'local';
  if (timeOf) {
    const localTime = timeOf(local);
    const incomingTime = timeOf(incoming);
    if (localTime !== incomingTime) return localTime > incomingTime ? 'local' : 'incoming';
  }
  if (decider.activity.local !== decider.activity.incoming) return decider.activity.local > decider.activity.incoming ? 'local' : 'incoming';
  return canonicalJson(local) >= canonicalJson(incoming) ? 'local' : 'incoming';
}

/** Equal by value (records written in the same key order, as most are, compare without sorting). */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);
const sameDeck = (a: DeckRecord, b: DeckRecord): boolean => sameJson(without(a, ['createdAt', 'updatedAt']), without(b, ['createdAt', 'updatedAt']));
const sameNote = (a: NoteRecord, b: NoteRecord): boolean => sameJson(without(a, ['createdAt', 'modifiedAt']), without(b, ['createdAt', 'modifiedAt']));
const sameStory = (a: StoryRecord, b: StoryRecord): boolean => sameJson(without(a, ['createdAt', 'modifiedAt']), without(b, ['createdAt', 'modifiedAt']));

/** A card's content fields, without its schedule. */
function contentOf(card: CardContent): CardContent {
  const content: CardContent = {
    id: card.id,
    noteId: card.noteId,
    deckId: card.deckId,
    template: card.template,
    ordinal: card.ordinal,
    front: card.front,
    back: card.back,
    tags: card.tags,
    position: card.position,
  };
  if (card.source !== undefined) content.source = card.source;
  return content;
}

/** A card's FSRS state, keys always in the same order. */
function schedulingOf(state: SchedulingState): SchedulingState {
  return {
    due: state.due,
    stability: state.stability,
    difficulty: state.difficulty,
    elapsedDays: state.elapsedDays,
    scheduledDays: state.scheduledDays,
    learningSteps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    lastReview: state.lastReview,
  };
}

const sameScheduling = (a: SchedulingState, b: SchedulingState): boolean => JSON.stringify(schedulingOf(a)) === JSON.stringify(schedulingOf(b));

/** Merged-log order: by review time, then by id. */
function byReviewTime(a: StoredLog, b: StoredLog): number {
  return a.reviewTime - b.reviewTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function logsByCard(logs: Iterable<StoredLog>): Map<string, StoredLog[]> {
  const byCard = new Map<string, StoredLog[]>();
  for (const log of logs) {
    const list = byCard.get(log.cardId);
    if (list) list.push(log);
    else byCard.set(log.cardId, [log]);
  }
  for (const list of byCard.values()) list.sort(byReviewTime);
  return byCard;
}

function byId<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((record) => [record.id, record]));
}

// ---------------------------------------------------------------------------
// Replaying a card's log

/** A state one side recorded right after an answer, and the state that answer was given from. */
export interface RecordedOutcome {
  from: SchedulingState;
  after: SchedulingState;
}

/**
 * The state each answer of a side's log left the card in, as that side
 * recorded it: the next answer's `before`, and for the last answer the
 * card itself. Only where it is that answer's outcome (its review time is
 * the state's last review, one more review than before), as undo checks.
 */
export function recordedOutcomes(cards: readonly CardRecord[], logs: readonly StoredLog[], into = new Map<string, RecordedOutcome[]>()): Map<string, RecordedOutcome[]> {
  const cardsById = byId(cards);
  for (const [cardId, list] of logsByCard(logs)) {
    list.forEach((log, index) => {
      const next = list[index + 1];
      const after = next ? next.before : cardsById.get(cardId);
      if (!after || after.lastReview !== log.reviewTime || after.reps !== log.before.reps + 1) return;
      const outcome = { from: schedulingOf(log.before), after: schedulingOf(after) };
      const known = into.get(log.id);
      if (!known) into.set(log.id, [outcome]);
      else if (!known.some((other) => sameScheduling(other.from, outcome.from) && sameScheduling(other.after, outcome.after))) known.push(outcome);
    });
  }
  return into;
}

/**
 * A card's FSRS state rebuilt from its log (`logs`, in review-time order):
 * from the state before the first answer (a new card's, for a card whose
 * whole history is there), each answer in turn. An answer given from the
 * very state a side recorded it from takes the outcome that side recorded
 * (`recorded`: the review screen schedules from the moment the card was
 * shown, which the log does not keep); any other answer is given again
 * through the scheduler (`answerCard`) with its rating at its review time.
 * The scheduler's fuzz is seeded by the card, not the clock, so answering a
 * card N times and replaying its log gives the same state.
 *
 * @example
 * const first = answerCard(card, Rating.Good, options, ctx1);
 * const second = answerCard(first.card, Rating.Easy, options, ctx2);
 * replayCardLog(card, [withId(first.log), withId(second.log)], options); // the FSRS state of second.card
 */
export function replayCardLog(
  card: CardContent,
  logs: readonly StoredLog[],
  options: DeckOptions,
  recorded: ReadonlyMap<string, readonly RecordedOutcome[]> = new Map(),
): SchedulingState {
  const [first] = logs;
  if (!first) throw new RangeError(`No answers to replay for card "${card.id}"`);
  let state = schedulingOf(first.before);
  for (const log of logs) {
    const outcomes = (recorded.get(log.id) ?? []).filter((outcome) => sameScheduling(outcome.from, state));
    if (outcomes.length > 0) {
      // Both sides may have recorded one; the same one in either direction.
      state = outcomes.map((outcome) => outcome.after).sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1))[0] ?? state;
      continue;
    }
    const current: CardRecord = { ...card, ...state, queue: queueForState(state.state) };
    const answered = answerCard(current, log.rating, options, { nowMs: log.reviewTime, durationMs: log.durationMs, day: log.day });
    state = schedulingOf(answered.card);
  }
  return state;
}

// ---------------------------------------------------------------------------
// The merge

function latestAnswer(logs: readonly ReviewLogRecord[]): number {
  let latest = 0;
  for (const log of logs) if (log.reviewTime > latest) latest = log.reviewTime;
  return latest;
}

/**
 * Media files by name: this device's all kept, the other side's added where
 * the name is new; a name both have with other hashes is a conflict (this
 * device's file stays).
 */
function mergeMedia(local: readonly MediaInfo[], incoming: readonly MediaInfo[]): { merged: MediaInfo[]; added: MediaInfo[]; conflicts: MediaInfo[] } {
  const localHashes = new Map(local.map((media) => [media.name, media.hash.toLowerCase()]));
  const merged = [...local];
  const added: MediaInfo[] = [];
  const conflicts: MediaInfo[] = [];
  const seen = new Set<string>();
  for (const media of incoming) {
    if (seen.has(media.name)) continue;
    seen.add(media.name);
    const hash = localHashes.get(media.name);
    if (hash === undefined) {
      merged.push(media);
      added.push(media);
    } else if (hash !== media.hash.toLowerCase()) conflicts.push(media);
  }
  return { merged, added, conflicts };
}

/** Records of one kind by id, each side's version decided by `decide`: the merged list (this device's order, then the new ones) and what changes. */
function mergeById<T extends { id: string }>(
  local: readonly T[],
  incoming: readonly T[],
  decide: (local: T, incoming: T) => Side,
): { merged: T[]; added: T[]; replaced: T[]; winner: Map<string, Side> } {
  const incomingById = byId(incoming);
  const localIds = new Set(local.map((record) => record.id));
  const merged: T[] = [];
  const added: T[] = [];
  const replaced: T[] = [];
  const winner = new Map<string, Side>();
  for (const record of local) {
    const other = incomingById.get(record.id);
    const side = other ? decide(record, other) : 'local';
    winner.set(record.id, side);
    if (side === 'incoming' && other) {
      merged.push(other);
      replaced.push(other);
    } else merged.push(record);
  }
  for (const record of incoming) {
    if (localIds.has(record.id)) continue;
    winner.set(record.id, 'incoming');
    merged.push(record);
    added.push(record);
  }
  return { merged, added, replaced, winner };
}

/** The options preset a deck's cards are scheduled with (defaults for a preset that is not stored, as storage reads it). */
function presetOf(deck: DeckRecord | undefined, presets: ReadonlyMap<string, DeckOptions>): DeckOptions {
  const id = deck?.optionsId ?? DEFAULT_DECK_OPTIONS.id;
  const stored = presets.get(id);
  return stored ? { ...DEFAULT_DECK_OPTIONS, ...stored } : { ...DEFAULT_DECK_OPTIONS, id };
}

/** The queue a merged card is in: set aside if either side set it aside, else the queue of its state. */
function queueOf(state: SchedulingState, versions: readonly CardRecord[], studyDay: number, isYielded: boolean): { queue: CardQueueValue; buriedDay?: number } {
  if (!isYielded || versions.some((card) => card.queue === CardQueue.Retired)) return { queue: CardQueue.Retired };
  // Suspended on either side stays suspended (cards carry no time of that choice; this keeps A into B equal to B into A).
  if (versions.some((card) => card.queue === CardQueue.Suspended)) return { queue: CardQueue.Suspended };
  const buriedDays = versions.flatMap((card) => (card.queue === CardQueue.Buried && card.buriedDay !== undefined && card.buriedDay >= studyDay ? [card.buriedDay] : []));
  if (buriedDays.length > 0) return { queue: CardQueue.Buried, buriedDay: Math.max(...buriedDays) };
  return { queue: queueForState(state.state) };
}

/**
 * A card's content when it follows its note: the card of the side whose note
 * won; when that side lacks the card, the card as the winning note yields it
 * (its place kept), or, when the winning note no longer yields it, the card
 * as it was (and it is retired).
 */
function contentFor(
  versions: { local?: CardRecord; incoming?: CardRecord },
  noteSide: Side | 'same',
  notes: ReadonlyMap<string, NoteRecord>,
  decider: Decider,
): { content: CardContent; isYielded: boolean } {
  const { local, incoming } = versions;
  if (local && incoming) {
    const side = noteSide === 'same' ? winningSide(contentOf(local), contentOf(incoming), decider, sameJson) : noteSide;
    return { content: contentOf(side === 'local' ? local : incoming), isYielded: true };
  }
  const own = local ?? incoming;
  if (!own) throw new RangeError('A card needs a version on one side');
  const ownSide: Side = local ? 'local' : 'incoming';
  const note = notes.get(own.noteId);
  if (noteSide === 'same' || noteSide === ownSide || !note) return { content: contentOf(own), isYielded: true };
  const yielded = expandNote(note, own.position).find((card) => card.id === own.id);
  if (!yielded) return { content: contentOf(own), isYielded: false };
  return { content: { ...contentOf(yielded), position: own.position }, isYielded: true };
}

/**
 * Merges `incoming` (another device's backup, checked by `validateBackup`)
 * into `local` (this device's collection) by the rules in the module
 * header. Deterministic: merging the result with `incoming` again changes
 * nothing, and merging `local` into `incoming` gives the same cards and
 * logs.
 *
 * @example
 * const { merged, changes, summary } = mergeCollections(local, backup, { studyDay: studyDayOf(nowMs, 4) });
 * summary.logsAdded; // answers the other device gave that this one did not have
 * // write changes.cards, changes.reviewLogs, ... ; merged is the whole collection after
 */
export function mergeCollections(local: CollectionRecords, incoming: CollectionRecords, context: MergeContext): CollectionMerge {
  const decider: Decider = { activity: { local: latestAnswer(local.reviewLogs), incoming: latestAnswer(incoming.reviewLogs) } };

  const decks = mergeById(local.decks, incoming.decks, (a, b) => winningSide(a, b, decider, sameDeck, (deck) => deck.updatedAt));
  const notes = mergeById(local.notes, incoming.notes, (a, b) => winningSide(a, b, decider, sameNote, (note) => note.modifiedAt));
  const presets = mergeById(local.deckOptions, incoming.deckOptions, (a, b) => winningSide(a, b, decider, sameJson));
  const logs = mergeById(local.reviewLogs, incoming.reviewLogs, (a, b) => winningSide(a, b, decider, sameJson));
  const stories = mergeById(local.stories, incoming.stories, (a, b) => winningSide(a, b, decider, sameStory, (story) => story.modifiedAt));
  // A recording never changes: the one this device has stays.
  const recordings = mergeById<RecordingInfo>(local.recordings, incoming.recordings, () => 'local');
  const media = mergeMedia(local.media, incoming.media);

  const localShared = sharedSettingsOf(local.settings);
  const incomingShared = sharedSettingsOf(incoming.settings);
  const settingsTaken = winningSide(localShared, incomingShared, decider, sameJson) === 'incoming';
  const settings: AppSettings = settingsTaken ? { ...local.settings, ...incomingShared } : local.settings;

  const mergedNotes = byId(notes.merged);
  const mergedDecks = byId(decks.merged);
  const mergedPresets = byId(presets.merged);
  const localNotes = byId(local.notes);
  const incomingNotes = byId(incoming.notes);
  const noteSideOf = (noteId: string): Side | 'same' => {
    const mine = localNotes.get(noteId);
    const theirs = incomingNotes.get(noteId);
    if (mine && theirs) return sameNote(mine, theirs) ? 'same' : (notes.winner.get(noteId) ?? 'local');
    return mine ? 'local' : 'incoming';
  };

  const localLogs = logsByCard(local.reviewLogs);
  const mergedLogs = logsByCard(logs.merged);
  const recorded = recordedOutcomes(incoming.cards, incoming.reviewLogs, recordedOutcomes(local.cards, local.reviewLogs));

  const localCards = byId(local.cards);
  const incomingCards = byId(incoming.cards);
  const cardIds = [...local.cards.map((card) => card.id), ...incoming.cards.filter((card) => !localCards.has(card.id)).map((card) => card.id)];

  const mergedCards: CardRecord[] = [];
  const changedCards: CardRecord[] = [];
  const rescheduledCardIds: string[] = [];
  const touchedDecks = new Set<string>();
  let cardsAdded = 0;
  let cardsUpdated = 0;

  for (const id of cardIds) {
    const mine = localCards.get(id);
    const theirs = incomingCards.get(id);
    const versions = [mine, theirs].filter((card): card is CardRecord => card !== undefined);
    const own = mine ?? theirs;
    if (!own) continue;
    const { content, isYielded } = contentFor({ local: mine, incoming: theirs }, noteSideOf(own.noteId), mergedNotes, decider);
    const history = mergedLogs.get(id) ?? [];
    const isRebuilt = mine !== undefined && theirs !== undefined && history.length > (localLogs.get(id)?.length ?? 0);
    const state = isRebuilt ? rebuiltState(content, history, { local: mine, incoming: theirs }, mergedDecks, mergedPresets, recorded, decider) : schedulingOf(own);
    const card: CardRecord = { ...content, ...state, ...queueOf(state, versions, context.studyDay, isYielded) };
    mergedCards.push(card);

    if (!mine) {
      cardsAdded += 1;
      changedCards.push(card);
      touchedDecks.add(card.deckId);
      continue;
    }
    const isContentChanged = !sameJson(contentOf(mine), content);
    const isRescheduled = !sameScheduling(mine, state);
    const isQueueChanged = mine.queue !== card.queue || mine.buriedDay !== card.buriedDay;
    if (!isContentChanged && !isRescheduled && !isQueueChanged) continue;
    changedCards.push(card);
    touchedDecks.add(mine.deckId).add(card.deckId);
    if (isContentChanged) cardsUpdated += 1;
    if (isRescheduled || isQueueChanged) rescheduledCardIds.push(id);
  }
  const changedLogs = [...logs.added, ...logs.replaced];
  for (const log of changedLogs) touchedDecks.add(log.deckId);

  const changes: CollectionChanges = {
    decks: [...decks.replaced, ...decks.added],
    notes: [...notes.replaced, ...notes.added],
    cards: changedCards,
    reviewLogs: changedLogs,
    deckOptions: [...presets.replaced, ...presets.added],
    stories: [...stories.replaced, ...stories.added],
    recordingIds: recordings.added.map((recording) => recording.id),
    mediaNames: media.added.map((file) => file.name),
    settings: settingsTaken ? settings : null,
    rescheduledCardIds,
    touchedDeckIds: [...touchedDecks].sort(),
  };
  const summary: CollectionMergeSummary = {
    decksAdded: decks.added.length,
    decksUpdated: decks.replaced.length,
    notesAdded: notes.added.length,
    notesUpdated: notes.replaced.length,
    cardsAdded,
    cardsUpdated,
    cardsRescheduled: rescheduledCardIds.length,
    logsAdded: logs.added.length,
    presetsChanged: changes.deckOptions.length,
    storiesAdded: stories.added.length,
    storiesUpdated: stories.replaced.length,
    recordingsAdded: recordings.added.length,
    mediaAdded: media.added.length,
    mediaConflicts: media.conflicts.length,
    settingsTaken,
  };
  const hasChanges =
    changes.decks.length +
      changes.notes.length +
      changes.cards.length +
      changes.reviewLogs.length +
      changes.deckOptions.length +
      changes.stories.length +
      changes.recordingIds.length +
      changes.mediaNames.length >
      0 || settingsTaken;
  return {
    merged: {
      decks: decks.merged,
      notes: notes.merged,
      cards: mergedCards,
      reviewLogs: logs.merged,
      deckOptions: presets.merged,
      settings,
      stories: stories.merged,
      recordings: recordings.merged,
      media: media.merged,
    },
    changes,
    summary,
    hasChanges,
  };
}

/**
 * The state of a card whose combined log has answers this device lacks:
 * its log replayed with its deck's preset. Should the scheduler refuse it
 * (a preset it cannot use), the state of the side that answered it last.
 */
function rebuiltState(
  content: CardContent,
  history: readonly StoredLog[],
  versions: Record<Side, CardRecord>,
  decks: ReadonlyMap<string, DeckRecord>,
  presets: ReadonlyMap<string, DeckOptions>,
  recorded: ReadonlyMap<string, readonly RecordedOutcome[]>,
  decider: Decider,
): SchedulingState {
  try {
    return replayCardLog(content, history, presetOf(decks.get(content.deckId), presets), recorded);
  } catch (error) {
    if (!(error instanceof SchedulingError)) throw error;
    const mine = schedulingOf(versions.local);
    const theirs = schedulingOf(versions.incoming);
    return winningSide(mine, theirs, decider, sameScheduling, (state) => state.lastReview ?? 0) === 'local' ? mine : theirs;
  }
}
