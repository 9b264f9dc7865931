/**
 * "Check database": finds what should never be in a collection and the
 * repairs that lose nothing the user cares about. Pure: records in,
 * findings (codes with record ids) and records to write out; nothing is
 * ever deleted but a recording nothing owns and a media file no note shows.
 * `storage/check.ts` reads and writes, the UI words the codes.
 *
 * - Card without its note: a note from the card's own text, in its deck
 *   (`notesFromCards`, as the version-1 upgrade rebuilds notes).
 * - Note in a missing deck: the deck made again under its id (as Anki
 *   does), so its cards, their answers and a later re-import find it.
 * - Card outside its note's deck: moved to the note's deck.
 * - Answers without their card (Anki keeps those too): the card made again
 *   from its note when the note yields it; otherwise a retired card (never
 *   shown, like a card an edited note no longer yields) keeps them, under
 *   their note (one without text if it is gone), so exports and backups keep
 *   them and a re-import of the note brings the card back with its history.
 * - Schedule behind its newest answer (older or no last review, state New,
 *   fewer reviews than answers, reps not the answer's `before` + 1), or
 *   impossible (NaN, negative, lapses over reps, a memory state FSRS
 *   refuses): replayed through the scheduler with the deck's preset, from
 *   the newest answer's `before` when it is sound, else from a new card.
 *   A card *ahead* of its answers (their logs lost) is left: going back
 *   would undo progress. An impossible schedule without answers gets the
 *   nearest possible values, or starts again as new if its memory is unusable.
 * - Queue that does not fit the state: the state's own; buried without a
 *   day: put back; a burial day on an unburied card: dropped; buried cards
 *   the `buried-since` marker misses: the marker moved to their day.
 * - Deck whose preset is gone: the preset again with the default values the
 *   app already used for it.
 * - Story linking a note that no longer exists: the link dropped (the story
 *   keeps its change time). Story whose study note is gone: the link to it
 *   cleared (`studyNoteId` ''), so backups restore; the story's next save
 *   makes the study note again (`saveStory`), the check does not (it has
 *   neither the words the note is made with nor a reason to pick them).
 * - Recording whose story or note no longer exists: deleted, freeing its
 *   bytes (nothing can play it: its owner's screen is gone).
 * - Media file no note refers to (`<img src>`, `[sound:]`: `mediaReferencesOf`
 *   over every field of every note, those the check rebuilt included):
 *   deleted, freeing its bytes.
 * - Note that refers to a media file the collection does not hold: reported
 *   with the names (`media-missing`), not repaired: only the file's source
 *   (its package, a backup with media) can bring it back. Such findings are
 *   `INFORMATIONAL_FINDING_CODES`.
 *
 * The rules match `backupFormat.ts` where both look, so a backup of a
 * checked collection restores.
 */
import type { MediaInfo } from './backupFile';
import { createNewCardState, queueForState } from './cardState';
import { mediaReferencesOf } from './media';
import { expandNote, notesFromCards, ordinalOfCard } from './notes';
import { answerCard, SchedulingError } from './scheduler';
import type { RecordingInfo, StoryRecord } from './stories';
import {
  CardQueue,
  CardState,
  DEFAULT_DECK_OPTIONS,
  DEFAULT_OPTIONS_ID,
  isCardQueue,
  isCardState,
  isRating,
  type CardRecord,
  type CardTemplate,
  type DeckOptions,
  type DeckRecord,
  type NoteContent,
  type NoteOrigin,
  type NoteRecord,
  type ReviewLogRecord,
  type SchedulingState,
} from './types';

/** Every kind of finding, in the order a report lists them. */
export const CHECK_FINDING_CODES = [
  'card-without-note',
  'note-without-deck',
  'card-without-deck',
  'card-outside-note-deck',
  'review-without-card-rebuilt',
  'review-without-card-kept',
  'schedule-disagrees-with-history',
  'schedule-impossible-rebuilt',
  'schedule-impossible-fixed',
  'schedule-impossible-reset',
  'queue-does-not-fit-state',
  'buried-without-day',
  'buried-day-not-buried',
  'buried-marker-missing',
  'deck-options-missing',
  'story-link-without-note',
  'story-study-note-missing',
  'recording-without-owner',
  'media-unused',
  'media-missing',
] as const;
export type CheckFindingCode = (typeof CHECK_FINDING_CODES)[number];

/** Findings the check reports but does not repair (nothing in the collection can). */
export const INFORMATIONAL_FINDING_CODES: readonly CheckFindingCode[] = ['media-missing'];

/** One thing that should not have been there, and the record it concerns; the code also names the repair. */
export type CheckFinding =
  /** `noteId`: the note the card got. */
  | { code: 'card-without-note'; cardId: string; noteId: string }
  /** The deck was made again under `deckId`. */
  | { code: 'note-without-deck'; noteId: string; deckId: string }
  /** The card's deck `deckId` was gone (without-deck) or another than its note's (outside): it moved to `movedTo`. */
  | { code: 'card-without-deck' | 'card-outside-note-deck'; cardId: string; deckId: string; movedTo: string }
  /** One answer whose card was gone: the card was made again from its note (rebuilt) or kept retired (kept). */
  | { code: 'review-without-card-rebuilt' | 'review-without-card-kept'; logId: string; cardId: string }
  | {
      code: 'schedule-disagrees-with-history' | 'schedule-impossible-rebuilt' | 'schedule-impossible-fixed' | 'schedule-impossible-reset';
      cardId: string;
    }
  /** `queue` and `state` as found. */
  | { code: 'queue-does-not-fit-state'; cardId: string; queue: number; state: number }
  | { code: 'buried-without-day' | 'buried-day-not-buried' | 'buried-marker-missing'; cardId: string }
  /** The preset `optionsId` was made again with the default values. */
  | { code: 'deck-options-missing'; deckId: string; optionsId: string }
  /** The story linked `noteId`, which is gone: the link was dropped. */
  | { code: 'story-link-without-note'; storyId: string; noteId: string }
  /** The story's study note `noteId` is gone: the story's link to it was cleared (its next save makes one). */
  | { code: 'story-study-note-missing'; storyId: string; noteId: string }
  /** A recording of `ownerId`, which is gone: it was deleted, freeing `bytes`. */
  | { code: 'recording-without-owner'; recordingId: string; ownerId: string; bytes: number }
  /** A media file no note refers to: it was deleted, freeing `bytes`. */
  | { code: 'media-unused'; name: string; bytes: number }
  /** A note refers to media files the collection does not hold (`names`, in order of appearance): not repaired. */
  | { code: 'media-missing'; noteId: string; names: string[] };

/** Everything the check reads. */
export interface CollectionRecords {
  decks: readonly DeckRecord[];
  notes: readonly NoteRecord[];
  cards: readonly CardRecord[];
  reviews: readonly ReviewLogRecord[];
  deckOptions: readonly DeckOptions[];
  /** The `buried-since` marker: the earliest study day a still-buried card was buried on, or null. */
  buriedSince: number | null;
  stories: readonly StoryRecord[];
  /** Recordings without their audio. */
  recordings: readonly RecordingInfo[];
  /** Media files without their bytes. */
  media: readonly MediaInfo[];
}

export interface CheckContext {
  /** Epoch ms: when made-again records are created, and the due time of a card that starts again. */
  nowMs: number;
  /** The name a deck made again gets (the UI's words); a second one gets " 2", and so on. */
  recoveredDeckName: string;
}

/** The records to write, and the recordings and media files to delete (nothing else is ever deleted). */
export interface CollectionRepairs {
  decks: DeckRecord[];
  deckOptions: DeckOptions[];
  notes: NoteRecord[];
  /** Cards changed or made again. */
  cards: CardRecord[];
  /** A new value for the `buried-since` marker; absent: leave it. */
  buriedSince?: number;
  /** Decks that cards moved out of (their counts change too). */
  decksLeft: string[];
  /** Stories whose links changed. */
  stories: StoryRecord[];
  /** Recordings whose owner is gone. */
  deletedRecordingIds: string[];
  /** Media files no note refers to, by name. */
  deletedMediaNames: string[];
}

export interface CollectionCheck {
  findings: CheckFinding[];
  repairs: CollectionRepairs;
}

/** How many findings of each code, in report order (codes without findings left out). */
export function countFindings(findings: readonly CheckFinding[]): { code: CheckFindingCode; count: number }[] {
  const counts = new Map<CheckFindingCode, number>();
  for (const finding of findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
  return CHECK_FINDING_CODES.flatMap((code) => {
    const count = counts.get(code);
    return count === undefined ? [] : [{ code, count }];
  });
}

/** Whether the repairs write anything. */
export function hasRepairs(repairs: CollectionRepairs): boolean {
  return (
    repairs.decks.length +
      repairs.deckOptions.length +
      repairs.notes.length +
      repairs.cards.length +
      repairs.stories.length +
      repairs.deletedRecordingIds.length +
      repairs.deletedMediaNames.length >
      0 ||
    repairs.buriedSince !== undefined
  );
}

// ---------------------------------------------------------------------------
// What a possible schedule is

/** The latest date a record may hold (as `backupFormat.ts`). */
const LATEST_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isDate = (value: unknown): value is number => isCount(value) && value <= LATEST_DATE_MS;
const isBetween = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

/** A memory state FSRS accepts for the state: studied cards difficulty 1-10 and stability above 0, new cards 0-10 and 0 or more. */
function isUsableMemory(s: SchedulingState): boolean {
  if (!isCardState(s.state)) return false;
  if (s.state === CardState.New) return isBetween(s.difficulty, 0, 10) && isBetween(s.stability, 0, Number.MAX_VALUE);
  return isBetween(s.difficulty, 1, 10) && isBetween(s.stability, Number.MIN_VALUE, Number.MAX_VALUE);
}

/**
 * Whether a scheduling state is one the app could have written: whole
 * non-negative counts, real dates, no more lapses than reviews, a memory
 * state FSRS accepts.
 *
 * @example
 * isPossibleSchedule({ ...createNewCardState(nowMs), reps: -1 }); // false
 */
export function isPossibleSchedule(s: SchedulingState): boolean {
  return (
    isDate(s.due) &&
    (s.lastReview === null || isDate(s.lastReview)) &&
    [s.elapsedDays, s.scheduledDays, s.learningSteps, s.reps, s.lapses].every(isCount) &&
    s.lapses <= s.reps &&
    isUsableMemory(s)
  );
}

/** The queues a card in each FSRS state may be in: its own, or set aside (retired, buried, suspended). */
function fitsState(queue: unknown, state: SchedulingState['state']): boolean {
  return isCardQueue(queue) && (queue === CardQueue.Retired || queue === CardQueue.Buried || queue === CardQueue.Suspended || queue === queueForState(state));
}

// ---------------------------------------------------------------------------
// Schedules from answers

/** A card's answers that can be replayed (a known rating at a real time), oldest first. */
function answersOf(logs: readonly ReviewLogRecord[]): ReviewLogRecord[] {
  return logs
    .filter((log) => isRating(log.rating) && isDate(log.reviewTime))
    .sort((a, b) => a.reviewTime - b.reviewTime || (a.id ?? '').localeCompare(b.id ?? ''));
}

/** Whether the newest answer's `before` can be answered again: a possible state that fits the answers before it. */
function hasSoundBefore(newest: ReviewLogRecord, answers: readonly ReviewLogRecord[]): boolean {
  const { before } = newest as Partial<ReviewLogRecord>;
  if (!before || !isPossibleSchedule(before) || before.reps < answers.length - 1) return false;
  if (before.lastReview === null) return answers.length === 1;
  return before.lastReview <= newest.reviewTime;
}

/**
 * Whether a card's schedule is not what its newest answer left: no or an
 * older last review, state New, fewer reviews than answers, or (same last
 * review) a review count other than the answer's `before` plus one. A card
 * reviewed later than its newest answer is ahead of its logs, not behind.
 */
function disagreesWithHistory(card: SchedulingState, answers: readonly ReviewLogRecord[]): boolean {
  const newest = answers.at(-1);
  if (!newest) return false;
  if (card.state === CardState.New || card.lastReview === null || card.reps < answers.length || card.lastReview < newest.reviewTime) return true;
  return card.lastReview === newest.reviewTime && hasSoundBefore(newest, answers) && card.reps !== newest.before.reps + 1;
}

/** The card after `log`'s answer, with the deck's preset (the default one if the scheduler refuses that preset). */
function answered(card: CardRecord, log: ReviewLogRecord, options: DeckOptions): CardRecord {
  const context = { nowMs: log.reviewTime, durationMs: 0, day: log.day };
  try {
    return answerCard(card, log.rating, options, context).card;
  } catch (error) {
    if (!(error instanceof SchedulingError) || options === DEFAULT_DECK_OPTIONS) throw error;
    return answerCard(card, log.rating, DEFAULT_DECK_OPTIONS, context).card;
  }
}

/**
 * The schedule a card's answers give it (content kept, queue fitted):
 * the newest answer given again from its `before` when that state is sound,
 * otherwise every answer in turn from a new card. A retired card stays
 * retired, a buried one (with its day) buried.
 */
function scheduleFromAnswers(card: CardRecord, answers: readonly ReviewLogRecord[], options: DeckOptions): CardRecord {
  const newest = answers.at(-1);
  const first = answers[0];
  if (!newest || !first) return card;
  let rebuilt: CardRecord | undefined;
  if (hasSoundBefore(newest, answers)) {
    try {
      rebuilt = answered({ ...card, ...newest.before }, newest, options);
    } catch {
      rebuilt = undefined; // the full replay below
    }
  }
  if (!rebuilt) {
    rebuilt = { ...card, ...createNewCardState(first.reviewTime) };
    for (const log of answers) rebuilt = answered(rebuilt, log, options);
  }
  const keepsQueue = card.queue === CardQueue.Retired || card.queue === CardQueue.Suspended || (card.queue === CardQueue.Buried && isCount(card.buriedDay));
  const result: CardRecord = { ...rebuilt, queue: keepsQueue ? card.queue : queueForState(rebuilt.state) };
  if (result.queue !== CardQueue.Buried) delete result.buriedDay;
  return result;
}

/** A schedule without its impossible values, when its memory state is usable; null when it is not (the card starts again). */
function withPossibleValues(card: CardRecord, nowMs: number): CardRecord | null {
  const isNew = card.state === CardState.New;
  if (!isNew && !isUsableMemory(card)) return null;
  const count = (value: number): number => (isCount(value) ? value : Number.isFinite(value) && value >= 0 ? Math.round(value) : 0);
  const date = (value: number): number | null => (isDate(value) ? value : isDate(Math.round(value)) ? Math.round(value) : null);
  const reps = count(card.reps);
  const fixed: CardRecord = {
    ...card,
    due: date(card.due) ?? nowMs,
    lastReview: card.lastReview === null ? null : date(card.lastReview),
    elapsedDays: count(card.elapsedDays),
    scheduledDays: count(card.scheduledDays),
    learningSteps: count(card.learningSteps),
    reps,
    lapses: Math.min(count(card.lapses), reps),
  };
  if (isNew && !isUsableMemory(card)) {
    fixed.stability = 0;
    fixed.difficulty = 0;
  }
  return fixed;
}

// ---------------------------------------------------------------------------
// The check

/** A card's template and ordinal from its id (`q1::reverse`, `q1::c2`, `q1`). */
function templateOfId(cardId: string): { template: CardTemplate; ordinal: number } {
  const template: CardTemplate = cardId.endsWith('::reverse') ? 'reverse' : /::c\d+$/.test(cardId) ? 'cloze' : 'basic';
  return { template, ordinal: ordinalOfCard({ id: cardId, template }) };
}

/** The first of `wanted`, `wanted-recovered`, `wanted-recovered-2`... that is not taken. */
function freeNoteId(wanted: string, isTaken: (id: string) => boolean): string {
  if (!isTaken(wanted)) return wanted;
  let id = `${wanted}-recovered`;
  for (let n = 2; isTaken(id); n += 1) id = `${wanted}-recovered-${n}`;
  return id;
}

/** The collection as the repairs so far leave it, and what they found and wrote. */
interface Repairing {
  context: CheckContext;
  decks: Map<string, DeckRecord>;
  presets: Map<string, DeckOptions>;
  notes: Map<string, NoteRecord>;
  cards: Map<string, CardRecord>;
  logsByCard: Map<string, ReviewLogRecord[]>;
  findings: CheckFinding[];
  /** The repairs, but cards and left decks by id until the end. */
  repairs: Omit<CollectionRepairs, 'cards' | 'decksLeft' | 'stories' | 'deletedRecordingIds' | 'deletedMediaNames'>;
  writtenCards: Map<string, CardRecord>;
  decksLeft: Set<string>;
}

function addNote(r: Repairing, note: NoteRecord): void {
  r.notes.set(note.id, note);
  r.repairs.notes.push(note);
}

function putCard(r: Repairing, card: CardRecord): void {
  r.cards.set(card.id, card);
  r.writtenCards.set(card.id, card);
}

function originOf(r: Repairing, deckId: string): NoteOrigin {
  return r.decks.get(deckId)?.isBuiltIn ? { kind: 'built-in' } : { kind: 'app' };
}

/** The preset a deck's cards are scheduled with (what the app reads: defaults under a missing preset). */
function optionsOf(r: Repairing, deckId: string): DeckOptions {
  const stored = r.presets.get(r.decks.get(deckId)?.optionsId ?? DEFAULT_OPTIONS_ID);
  return stored ? { ...DEFAULT_DECK_OPTIONS, ...stored } : DEFAULT_DECK_OPTIONS;
}

/** Cards without their note: notes from their own text, in their decks. */
function giveNotesToOrphanCards(r: Repairing): void {
  const orphans = [...r.cards.values()].filter((card) => !r.notes.has(card.noteId));
  if (orphans.length === 0) return;
  const rebuilt = notesFromCards(orphans, (deckId) => originOf(r, deckId));
  const rebuiltIds = new Set(rebuilt.notes.map((note) => note.id));
  const renamed = new Map<string, string>();
  for (const note of rebuilt.notes) {
    // The upgrade's fallback ids (`q1--reverse`, `q1-deck`) may be taken by a stored note.
    const id = r.notes.has(note.id) ? freeNoteId(note.id, (candidate) => r.notes.has(candidate) || rebuiltIds.has(candidate)) : note.id;
    if (id !== note.id) renamed.set(note.id, id);
    addNote(r, { ...note, id });
  }
  for (const { id: cardId, noteId: givenId } of rebuilt.cards) {
    const noteId = renamed.get(givenId) ?? givenId;
    const card = r.cards.get(cardId);
    if (!card) continue;
    r.findings.push({ code: 'card-without-note', cardId, noteId });
    if (card.noteId !== noteId) putCard(r, { ...card, noteId });
  }
}

/** Answers without their card: the card again from its note when the note yields it, otherwise a retired card that keeps them. */
function giveCardsToOrphanAnswers(r: Repairing): void {
  const notesWithoutText = new Set<string>();
  for (const [cardId, logs] of r.logsByCard) {
    if (r.cards.has(cardId)) continue;
    const answers = answersOf(logs);
    const newest = answers.at(-1) ?? logs.at(-1);
    if (!newest) continue;
    const answeredAt = isDate(newest.reviewTime) ? newest.reviewTime : r.context.nowMs;
    const noteId = newest.noteId || cardId;
    let note = r.notes.get(noteId);
    const content = note && !notesWithoutText.has(note.id) ? expandNote(note, note.position).find((card) => card.id === cardId) : undefined;
    if (note && content) {
      putCard(r, scheduleFromAnswers({ ...content, ...createNewCardState(answeredAt) }, answers, optionsOf(r, note.deckId)));
      for (const log of logs) r.findings.push({ code: 'review-without-card-rebuilt', logId: log.id ?? '', cardId });
      continue;
    }
    if (!note) {
      const createdAt = answers[0]?.reviewTime ?? answeredAt;
      note = {
        id: noteId,
        deckId: newest.deckId,
        sourceId: noteId,
        type: 'basic',
        front: '',
        back: '',
        tags: [],
        origin: originOf(r, newest.deckId),
        position: 0,
        createdAt,
        modifiedAt: createdAt,
      };
      addNote(r, note);
      notesWithoutText.add(note.id);
    }
    const retired: CardRecord = {
      id: cardId,
      noteId: note.id,
      deckId: note.deckId,
      ...templateOfId(cardId),
      front: '',
      back: '',
      tags: [],
      position: note.position,
      ...createNewCardState(answeredAt),
      queue: CardQueue.Retired,
    };
    putCard(r, scheduleFromAnswers(retired, answers, optionsOf(r, note.deckId)));
    for (const log of logs) r.findings.push({ code: 'review-without-card-kept', logId: log.id ?? '', cardId });
  }
}

/** Notes in a deck that does not exist: the deck again, under its id, named by the caller (numbered when the name is taken). */
function remakeMissingDecks(r: Repairing, storedDeckIds: ReadonlySet<string>): void {
  const takenNames = new Set([...r.decks.values()].map((deck) => deck.name));
  for (const note of r.notes.values()) {
    if (storedDeckIds.has(note.deckId)) continue;
    if (!r.decks.has(note.deckId)) {
      const { recoveredDeckName, nowMs } = r.context;
      let name = recoveredDeckName;
      for (let n = 2; takenNames.has(name); n += 1) name = `${recoveredDeckName} ${n}`;
      takenNames.add(name);
      const deck: DeckRecord = { id: note.deckId, name, description: '', isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID, createdAt: nowMs, updatedAt: nowMs };
      r.decks.set(deck.id, deck);
      r.repairs.decks.push(deck);
    }
    r.findings.push({ code: 'note-without-deck', noteId: note.id, deckId: note.deckId });
  }
}

/** One card: in its note's deck, a possible schedule that follows its answers, a queue that fits its state. */
function repairCard(r: Repairing, stored: CardRecord, storedDeckIds: ReadonlySet<string>): void {
  const found: CheckFinding[] = [];
  let card: CardRecord = { ...stored };
  const note = r.notes.get(card.noteId);
  if (note && card.deckId !== note.deckId) {
    const code = storedDeckIds.has(card.deckId) ? 'card-outside-note-deck' : 'card-without-deck';
    found.push({ code, cardId: card.id, deckId: card.deckId, movedTo: note.deckId });
    r.decksLeft.add(card.deckId);
    card.deckId = note.deckId;
  }
  const answers = answersOf(r.logsByCard.get(card.id) ?? []);
  if (!isPossibleSchedule(card)) {
    if (answers.length > 0) {
      card = scheduleFromAnswers(card, answers, optionsOf(r, card.deckId));
      found.push({ code: 'schedule-impossible-rebuilt', cardId: card.id });
    } else {
      const fixed = withPossibleValues(card, r.context.nowMs);
      card = fixed ?? { ...card, ...createNewCardState(r.context.nowMs), queue: card.queue === CardQueue.Retired ? CardQueue.Retired : CardQueue.New };
      found.push({ code: fixed ? 'schedule-impossible-fixed' : 'schedule-impossible-reset', cardId: card.id });
    }
  } else if (disagreesWithHistory(card, answers)) {
    card = scheduleFromAnswers(card, answers, optionsOf(r, card.deckId));
    found.push({ code: 'schedule-disagrees-with-history', cardId: card.id });
  }
  if (!fitsState(card.queue, card.state)) {
    found.push({ code: 'queue-does-not-fit-state', cardId: card.id, queue: card.queue, state: card.state });
    card.queue = queueForState(card.state);
  } else if (card.queue === CardQueue.Buried && !isCount(card.buriedDay)) {
    found.push({ code: 'buried-without-day', cardId: card.id });
    card.queue = queueForState(card.state);
  } else if (stored.queue !== CardQueue.Buried && stored.buriedDay !== undefined) {
    found.push({ code: 'buried-day-not-buried', cardId: card.id });
  }
  if (card.queue !== CardQueue.Buried) delete card.buriedDay;
  if (found.length === 0) return;
  r.findings.push(...found);
  putCard(r, card);
}

/** Buried cards the `buried-since` marker does not cover would never come back: the marker moves to the earliest burial day. */
function coverBuriedCards(r: Repairing, marker: number | null): void {
  const buried = [...r.cards.values()].filter((card): card is CardRecord & { buriedDay: number } => card.queue === CardQueue.Buried && isCount(card.buriedDay));
  const uncovered = buried.filter((card) => marker === null || !isCount(marker) || card.buriedDay < marker);
  if (uncovered.length === 0) return;
  r.repairs.buriedSince = buried.reduce((earliest, card) => Math.min(earliest, card.buriedDay), Infinity);
  for (const card of uncovered) r.findings.push({ code: 'buried-marker-missing', cardId: card.id });
}

/** Decks whose preset is gone: the preset again, with the default values the app already used for it. */
function remakeMissingPresets(r: Repairing, storedDecks: readonly DeckRecord[]): void {
  const storedPresetIds = new Set(r.presets.keys());
  for (const deck of storedDecks) {
    if (deck.optionsId === DEFAULT_OPTIONS_ID || storedPresetIds.has(deck.optionsId)) continue;
    if (!r.presets.has(deck.optionsId)) {
      const preset: DeckOptions = { ...DEFAULT_DECK_OPTIONS, id: deck.optionsId, name: deck.name };
      r.presets.set(preset.id, preset);
      r.repairs.deckOptions.push(preset);
    }
    r.findings.push({ code: 'deck-options-missing', deckId: deck.id, optionsId: deck.optionsId });
  }
}

/** Stories' links to notes that are gone: dropped (a study note's link cleared). */
function dropStoryLinks(r: Repairing, stories: readonly StoryRecord[]): StoryRecord[] {
  const changed: StoryRecord[] = [];
  for (const story of stories) {
    const missing = [...new Set(story.noteIds.filter((noteId) => !r.notes.has(noteId)))];
    const isStudyNoteMissing = story.studyNoteId !== '' && !r.notes.has(story.studyNoteId);
    if (missing.length === 0 && !isStudyNoteMissing) continue;
    for (const noteId of missing) r.findings.push({ code: 'story-link-without-note', storyId: story.id, noteId });
    if (isStudyNoteMissing) r.findings.push({ code: 'story-study-note-missing', storyId: story.id, noteId: story.studyNoteId });
    changed.push({ ...story, noteIds: story.noteIds.filter((noteId) => r.notes.has(noteId)), studyNoteId: isStudyNoteMissing ? '' : story.studyNoteId });
  }
  return changed;
}

/** Recordings whose story or note is gone: deleted. */
function recordingsWithoutOwner(r: Repairing, records: CollectionRecords): string[] {
  const storyIds = new Set(records.stories.map((story) => story.id));
  const orphans = records.recordings.filter((recording) => !(recording.ownerKind === 'story' ? storyIds.has(recording.ownerId) : r.notes.has(recording.ownerId)));
  for (const recording of orphans) r.findings.push({ code: 'recording-without-owner', recordingId: recording.id, ownerId: recording.ownerId, bytes: recording.size });
  return orphans.map((recording) => recording.id);
}

/**
 * The media file names a note's fields refer to, each once, in order.
 *
 * @example
 * mediaNamesOfNote({ type: 'basic', front: '<img src="cat.png">', back: '[sound:cat.mp3]' }); // ['cat.png', 'cat.mp3']
 */
export function mediaNamesOfNote(note: NoteContent): string[] {
  const fields = note.type === 'cloze' ? [note.text, note.extra ?? ''] : [note.front, note.back];
  return [...new Set(fields.flatMap(mediaReferencesOf))];
}

/** Media files no note refers to: deleted. Notes that refer to files not held: reported. */
function checkMedia(r: Repairing, media: readonly MediaInfo[]): string[] {
  const held = new Set(media.map((file) => file.name));
  const used = new Set<string>();
  for (const note of r.notes.values()) {
    const names = mediaNamesOfNote(note);
    for (const name of names) used.add(name);
    const missing = names.filter((name) => !held.has(name));
    if (missing.length > 0) r.findings.push({ code: 'media-missing', noteId: note.id, names: missing });
  }
  const unused = media.filter((file) => !used.has(file.name));
  for (const file of unused) r.findings.push({ code: 'media-unused', name: file.name, bytes: file.size });
  return unused.map((file) => file.name);
}

/**
 * Finds what should never be in the collection and the repairs that keep
 * everything the user cares about (see the module header). A sound
 * collection gives no findings and no repairs.
 *
 * @example
 * const { findings, repairs } = checkCollection(records, { nowMs, recoveredDeckName: 'Recovered cards' });
 * // findings: [{ code: 'card-without-note', cardId: 'q7', noteId: 'q7' }]
 * // repairs.notes: [{ id: 'q7', type: 'basic', front: card.front, back: card.back, deckId: card.deckId, ... }]
 */
export function checkCollection(records: CollectionRecords, context: CheckContext): CollectionCheck {
  const logsByCard = new Map<string, ReviewLogRecord[]>();
  for (const log of records.reviews) {
    const logs = logsByCard.get(log.cardId);
    if (logs) logs.push(log);
    else logsByCard.set(log.cardId, [log]);
  }
  const r: Repairing = {
    context,
    decks: new Map(records.decks.map((deck) => [deck.id, deck])),
    presets: new Map(records.deckOptions.map((options) => [options.id, options])),
    notes: new Map(records.notes.map((note) => [note.id, note])),
    cards: new Map(records.cards.map((card) => [card.id, card])),
    logsByCard,
    findings: [],
    repairs: { decks: [], deckOptions: [], notes: [] },
    writtenCards: new Map(),
    decksLeft: new Set(),
  };
  const storedDeckIds = new Set(r.decks.keys());
  giveNotesToOrphanCards(r);
  giveCardsToOrphanAnswers(r);
  remakeMissingDecks(r, storedDeckIds);
  for (const card of [...r.cards.values()]) repairCard(r, card, storedDeckIds);
  coverBuriedCards(r, records.buriedSince);
  remakeMissingPresets(r, records.decks);
  const stories = dropStoryLinks(r, records.stories);
  const deletedRecordingIds = recordingsWithoutOwner(r, records);
  const deletedMediaNames = checkMedia(r, records.media);
  return {
    findings: r.findings,
    repairs: { ...r.repairs, cards: [...r.writtenCards.values()], decksLeft: [...r.decksLeft], stories, deletedRecordingIds, deletedMediaNames },
  };
}
