/**
 * The story bank in IndexedDB: stories with their links to notes, each
 * story's study note (written in the same transaction as the story, see
 * `domain/stories.ts`), practice recordings as blobs, and a practice's
 * rating written as an answer to its card. Only the story and practice
 * screens (and the review's story panel) import this, by path.
 */
import { plainLine } from '../domain/browse';
import { answerFromPreview, previewAnswers, type IntervalPreview } from '../domain/scheduler';
import {
  duplicateContent,
  isQuestionNote,
  MAX_RECORDING_BYTES,
  normalizeStory,
  questionOfLine,
  redFlagsFromNotes,
  signalsFromNotes,
  STORIES_DECK_ID,
  storyStudyNote,
  type RecordingInfo,
  type RecordingOwnerKind,
  type RecordingRecord,
  type StoryContent,
  type StoryNoteLabels,
  type StoryRecord,
} from '../domain/stories';
import { studyDayOf } from '../domain/studyDay';
import { CardQueue, DEFAULT_OPTIONS_ID, DEFAULT_SETTINGS, type CardRecord, type DeckRecord, type NoteRecord, type RatingValue } from '../domain/types';
import { writeAnswer, type AnswerWriteResult } from './answers';
import { getDatabase, INDEX, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { newId } from './ids';
import { cardsOfNotes } from './noteCards';
import { addNoteIn, updateNoteIn } from './notes';
import { getDeckOptions, getSettings } from './settings';
import { notesReady } from './upgrade';

/** What the study note and the stories deck are made with, in the user's language. */
export interface StoryWording {
  labels: StoryNoteLabels;
  /** The stories deck's name, used when it is created ("My stories"). */
  deckName: string;
}

/** A question a story can answer: a note, its deck and its question as one plain line. */
export interface QuestionInfo {
  noteId: string;
  deckId: string;
  deckName: string;
  line: string;
}

const storyTables = (database: FlashcardsDatabase) => [database.stories, database.decks, database.notes, database.cards, database.meta];

/** Every story, the most recently changed first. */
export function listStories(): Promise<StoryRecord[]> {
  return guarded(async () => {
    const stories = await getDatabase().stories.toArray();
    return stories.sort((a, b) => b.modifiedAt - a.modifiedAt || a.id.localeCompare(b.id));
  });
}

export function getStory(storyId: string): Promise<StoryRecord | null> {
  return guarded(async () => (await getDatabase().stories.get(storyId)) ?? null);
}

/** The stories linked to a note (the review's "Your story" panel). */
export function storiesForNote(noteId: string): Promise<StoryRecord[]> {
  return guarded(async () => {
    const stories = await getDatabase().stories.where(INDEX.storiesByNote).equals(noteId).toArray();
    return stories.sort((a, b) => a.title.localeCompare(b.title));
  });
}

/** A note's question as one plain line (`questionOfLine`; a cloze: from its text with the answers). */
export function questionLineOf(note: NoteRecord): string {
  return questionOfLine(plainLine(note.type === 'cloze' ? note.text : note.front));
}

/**
 * Saves a story (a new one when `storyId` is null) with its study note, in
 * one transaction: the stories deck is created if it is missing, the study
 * note is written (or made again if it was deleted) from the story and the
 * questions it links. Links to notes that no longer exist are dropped.
 * Resolves to the stored story.
 */
export function saveStory(storyId: string | null, draft: StoryContent, wording: StoryWording, nowMs: number): Promise<StoryRecord> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('rw', storyTables(database), async () => {
      const stored = storyId === null ? undefined : await database.stories.get(storyId);
      if (storyId !== null && !stored) throw new Error(`There is no story "${storyId}".`);
      const content = normalizeStory(draft);
      const linked = (await database.notes.bulkGet(content.noteIds)).filter((note): note is NoteRecord => note !== undefined);
      const story: StoryRecord = {
        ...content,
        noteIds: linked.map((note) => note.id),
        id: stored?.id ?? newId(nowMs),
        studyNoteId: stored?.studyNoteId ?? '',
        createdAt: stored?.createdAt ?? nowMs,
        modifiedAt: nowMs,
      };
      story.studyNoteId = await writeStudyNote(database, story, linked, wording, nowMs);
      await database.stories.put(story);
      return story;
    });
  });
}

/** Writes the story's study note (made again, with a new card, if it is gone); resolves to its id. */
async function writeStudyNote(database: FlashcardsDatabase, story: StoryRecord, linked: readonly NoteRecord[], wording: StoryWording, nowMs: number): Promise<string> {
  const change = { ...storyStudyNote(story, linked.map(questionLineOf), wording.labels), tags: story.tags, source: story.title };
  const existing = story.studyNoteId ? await database.notes.get(story.studyNoteId) : undefined;
  if (existing) {
    await updateNoteIn(database, existing.id, change, nowMs);
    return existing.id;
  }
  await ensureStoriesDeck(database, wording.deckName, nowMs);
  const note = await addNoteIn(database, STORIES_DECK_ID, change, nowMs, { kind: 'story', storyId: story.id });
  return note.id;
}

async function ensureStoriesDeck(database: FlashcardsDatabase, name: string, nowMs: number): Promise<void> {
  if (await database.decks.get(STORIES_DECK_ID)) return;
  const deck: DeckRecord = { id: STORIES_DECK_ID, name, description: '', isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID, createdAt: nowMs, updatedAt: nowMs };
  await database.decks.add(deck);
}

/** A copy of a story under a new title, with its own study note (new: no history) and no recordings. */
export function duplicateStory(storyId: string, copyTitle: string, wording: StoryWording, nowMs: number): Promise<StoryRecord> {
  return guarded(async () => {
    const original = await getDatabase().stories.get(storyId);
    if (!original) throw new Error(`There is no story "${storyId}".`);
    return await saveStory(null, duplicateContent(original, copyTitle), wording, nowMs);
  });
}

/** What deleting a story removed. */
export interface StoryDeleted {
  recordings: number;
  /** Bytes of audio freed. */
  freedBytes: number;
  reviewLogs: number;
}

/**
 * Deletes a story with its study note, that note's cards and their answers,
 * and the story's recordings, in one transaction.
 */
export function deleteStory(storyId: string): Promise<StoryDeleted> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('rw', [database.stories, database.notes, database.cards, database.reviews, database.recordings, database.meta], async () => {
      const story = await database.stories.get(storyId);
      if (!story) return { recordings: 0, freedBytes: 0, reviewLogs: 0 };
      const note = story.studyNoteId ? await database.notes.get(story.studyNoteId) : undefined;
      let reviewLogs = 0;
      if (note) {
        const cardIds = ((await cardsOfNotes(database, [note])).get(note.id) ?? []).map((card) => card.id);
        const logIds = cardIds.length > 0 ? await database.reviews.where(INDEX.reviewsOfCard).anyOf(cardIds).primaryKeys() : [];
        reviewLogs = logIds.length;
        await database.reviews.bulkDelete(logIds);
        await database.cards.bulkDelete(cardIds);
        await database.notes.delete(note.id);
      }
      const recordings = await database.recordings.where(INDEX.recordingsByOwner).equals(storyId).toArray();
      await database.recordings.bulkDelete(recordings.map((recording) => recording.id));
      await database.stories.delete(storyId);
      return { recordings: recordings.length, freedBytes: recordings.reduce((sum, recording) => sum + recording.size, 0), reviewLogs };
    });
  });
}

/**
 * Every question note (`isQuestionNote`) in decks that are not hidden, with
 * its deck, in deck order: what a story can be linked to and what coverage
 * counts. Also the signals and red flags those decks list.
 */
export function loadQuestions(): Promise<{ questions: QuestionInfo[]; signals: string[]; redFlags: string[] }> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('r', [database.decks, database.notes], async () => {
      const decks = (await database.decks.toArray()).filter((deck) => !deck.isHidden && deck.id !== STORIES_DECK_ID);
      const names = new Map(decks.map((deck) => [deck.id, deck.name]));
      const notes = await database.notes.filter((note) => names.has(note.deckId)).toArray();
      notes.sort((a, b) => (names.get(a.deckId) ?? '').localeCompare(names.get(b.deckId) ?? '') || a.position - b.position);
      const questions = notes.filter(isQuestionNote).map((note) => ({ noteId: note.id, deckId: note.deckId, deckName: names.get(note.deckId) ?? '', line: questionLineOf(note) }));
      return { questions, signals: signalsFromNotes(notes), redFlags: redFlagsFromNotes(notes) };
    });
  });
}

/** The notes (with their deck's name) a story links, in the story's order; links to deleted notes are left out. */
export function linkedQuestions(story: Pick<StoryRecord, 'noteIds'>): Promise<QuestionInfo[]> {
  return guarded(async () => {
    const database = getDatabase();
    const notes = (await database.notes.bulkGet(story.noteIds)).filter((note): note is NoteRecord => note !== undefined);
    const decks = await database.decks.bulkGet([...new Set(notes.map((note) => note.deckId))]);
    const names = new Map(decks.flatMap((deck) => (deck ? [[deck.id, deck.name] as const] : [])));
    return notes.map((note) => ({ noteId: note.id, deckId: note.deckId, deckName: names.get(note.deckId) ?? '', line: questionLineOf(note) }));
  });
}

/** A note by id (the practice screen's question), or null. */
export function getNote(noteId: string): Promise<NoteRecord | null> {
  return guarded(async () => (await getDatabase().notes.get(noteId)) ?? null);
}

// ---------------------------------------------------------------------------
// Recordings

/** Why a recording was not kept. */
export type RecordingProblem = 'too-large' | 'empty';

/**
 * Stores a recording for a story or a note. Refuses (writing nothing) one
 * over `MAX_RECORDING_BYTES` or with no audio.
 */
export function addRecording(
  owner: { kind: RecordingOwnerKind; id: string },
  blob: Blob,
  durationMs: number,
  nowMs: number,
): Promise<{ ok: true; recording: RecordingInfo } | { ok: false; problem: RecordingProblem }> {
  return guarded(async () => {
    if (blob.size === 0) return { ok: false as const, problem: 'empty' as const };
    if (blob.size > MAX_RECORDING_BYTES) return { ok: false as const, problem: 'too-large' as const };
    const recording: RecordingRecord = {
      id: newId(nowMs),
      ownerKind: owner.kind,
      ownerId: owner.id,
      createdAt: nowMs,
      durationMs: Math.max(0, Math.round(durationMs)),
      mimeType: blob.type || 'audio/webm',
      size: blob.size,
      blob,
    };
    await getDatabase().recordings.add(recording);
    return { ok: true as const, recording: infoOf(recording) };
  });
}

function infoOf(recording: RecordingRecord): RecordingInfo {
  return { id: recording.id, ownerKind: recording.ownerKind, ownerId: recording.ownerId, createdAt: recording.createdAt, durationMs: recording.durationMs, mimeType: recording.mimeType, size: recording.size };
}

/** A story's or a note's recordings, newest first, without their audio. */
export function recordingsOf(ownerId: string): Promise<RecordingInfo[]> {
  return guarded(async () => {
    const recordings = await getDatabase().recordings.where(INDEX.recordingsByOwner).equals(ownerId).toArray();
    return recordings.map(infoOf).sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  });
}

/** One recording's audio, or null when it is gone. */
export function recordingAudio(recordingId: string): Promise<Blob | null> {
  return guarded(async () => (await getDatabase().recordings.get(recordingId))?.blob ?? null);
}

export function deleteRecording(recordingId: string): Promise<void> {
  return guarded(() => getDatabase().recordings.delete(recordingId));
}

/** Deletes every recording of a story or a note; resolves to the bytes freed. */
export function deleteRecordingsOf(ownerId: string): Promise<number> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', database.recordings, async () => {
      const recordings = await database.recordings.where(INDEX.recordingsByOwner).equals(ownerId).toArray();
      await database.recordings.bulkDelete(recordings.map((recording) => recording.id));
      return recordings.reduce((sum, recording) => sum + recording.size, 0);
    });
  });
}

/** How many recordings there are and their bytes (Settings shows it). */
export function recordingsTotal(): Promise<{ count: number; bytes: number }> {
  return guarded(async () => {
    let count = 0;
    let bytes = 0;
    await getDatabase().recordings.each((recording) => {
      count += 1;
      bytes += recording.size;
    });
    return { count, bytes };
  });
}

// ---------------------------------------------------------------------------
// Practice's rating: an answer to the card the practice was about

/** The card a practice is rated on, with what each rating would do. */
export interface PracticeCard {
  card: CardRecord;
  previews: Record<RatingValue, IntervalPreview>;
}

/**
 * The card a practice of a note (a question, or a story's study note) is
 * rated on: the note's first card in a study queue (suspended and retired
 * cards are not), with each rating's outcome as of `nowMs`. Null when the
 * note has no such card.
 */
export function practiceCardOf(noteId: string, nowMs: number): Promise<PracticeCard | null> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    const note = await database.notes.get(noteId);
    if (!note) return null;
    const cards = ((await cardsOfNotes(database, [note])).get(note.id) ?? [])
      .filter((card) => card.queue !== CardQueue.Retired && card.queue !== CardQueue.Suspended)
      .sort((a, b) => a.ordinal - b.ordinal);
    const card = cards[0];
    if (!card) return null;
    const deck = await database.decks.get(card.deckId);
    const options = await getDeckOptions(deck?.optionsId ?? DEFAULT_OPTIONS_ID);
    return { card, previews: previewAnswers(card, options, nowMs) };
  });
}

/**
 * Writes a practice's rating as an answer to its card (the same review log
 * as a review), exactly as the button's preview said, with how long the
 * practice took. A card answered elsewhere since the preview is a conflict
 * and nothing is written.
 */
export async function answerPractice(practice: PracticeCard, rating: RatingValue, durationMs: number, nowMs: number): Promise<AnswerWriteResult> {
  const settings = await getSettings().catch(() => DEFAULT_SETTINGS);
  const day = studyDayOf(nowMs, settings.dayStartHour);
  const { card, log } = answerFromPreview(practice.previews[rating], { nowMs, durationMs: Math.max(0, Math.round(durationMs)), day });
  const dayEndMs = nowMs; // a practice buries no siblings
  return await writeAnswer({ card, log, burySiblings: false, dayEndMs });
}
