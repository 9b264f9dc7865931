/**
 * The story bank: the user's own STAR stories, the questions each answers
 * (links to notes), the note each story is studied through, the coverage of
 * a deck's questions and signals, and practice aloud's guidance (the STAR
 * time split, the self-check list). Pure: the clock and every label come in.
 *
 * A story is studied on the FSRS schedule through a note of its own (a basic
 * note in the "My stories" deck, origin `{ kind: 'story' }`): its card is
 * scheduled, answered and logged as every other card, so review, counts,
 * backups and merges need nothing new for it. The story owns that note: a
 * save writes both, and the note's text is made from the story
 * (`storyStudyNote`).
 */
import { parseClozes } from './cloze';
import type { NoteContent, NoteRecord } from './types';

/** The deck that holds the stories' study notes (created with the first story). */
export const STORIES_DECK_ID = 'my-stories';

/** The four STAR parts, in the order a story tells them. */
export const STAR_PARTS = ['situation', 'task', 'action', 'result'] as const;
export type StarPart = (typeof STAR_PARTS)[number];

/** A story's text fields (Markdown), as the editor edits them. */
export interface StoryContent {
  title: string;
  situation: string;
  task: string;
  action: string;
  result: string;
  /** The result in numbers ("p95 down from 2 s to 300 ms"). */
  resultNumbers: string;
  /** What the user learned. */
  learned: string;
  /** What the user would say in 60-90 seconds. */
  short: string;
  /** Signals the story shows (from the decks' "what interviewers check" lists, or the user's own). */
  signals: string[];
  tags: string[];
  /** The notes (questions) this story answers. */
  noteIds: string[];
}

/** A story as stored. */
export interface StoryRecord extends StoryContent {
  /** A ULID; never reused. */
  id: string;
  /** The note whose card schedules the story's study (`STORIES_DECK_ID`). */
  studyNoteId: string;
  createdAt: number;
  modifiedAt: number;
}

/** Whose recording it is: a story's, or a question's (a note). */
export const RECORDING_OWNER_KINDS = ['story', 'note'] as const;
export type RecordingOwnerKind = (typeof RECORDING_OWNER_KINDS)[number];

/** A practice recording as stored: the audio as a blob, with its date and length. */
export interface RecordingRecord {
  /** A ULID (its time is when it was recorded). */
  id: string;
  ownerKind: RecordingOwnerKind;
  /** The story's id or the note's id. */
  ownerId: string;
  createdAt: number;
  durationMs: number;
  mimeType: string;
  /** Bytes of `blob` (kept so totals need not read the blobs). */
  size: number;
  blob: Blob;
}

/** A recording without its audio (lists, totals). */
export type RecordingInfo = Omit<RecordingRecord, 'blob'>;

/** Longest recording kept, in bytes: a 2-minute answer in Opus at a speech bitrate is well under 2 MB. */
export const MAX_RECORDING_BYTES = 5 * 1024 * 1024;
/** Longest recording, in ms (the recorder stops itself). */
export const MAX_RECORDING_MS = 10 * 60 * 1000;
/** Bits per second asked of the recorder: Opus speech quality. */
export const RECORDING_BITS_PER_SECOND = 32_000;

/** A story with nothing written yet. */
export function emptyStory(): StoryContent {
  return { title: '', situation: '', task: '', action: '', result: '', resultNumbers: '', learned: '', short: '', signals: [], tags: [], noteIds: [] };
}

/** What is wrong with a story draft, as codes (the editor words them). */
export type StoryProblem = 'no-title' | 'title-too-long' | 'field-too-long';

const MAX_TITLE = 200;
const MAX_FIELD = 20_000;

/** Problems that keep a draft from being saved: a title is needed; no field may be huge. */
export function storyProblems(story: StoryContent): StoryProblem[] {
  const problems: StoryProblem[] = [];
  if (story.title.trim() === '') problems.push('no-title');
  else if (story.title.length > MAX_TITLE) problems.push('title-too-long');
  const fields = [story.situation, story.task, story.action, story.result, story.resultNumbers, story.learned, story.short];
  if (fields.some((field) => field.length > MAX_FIELD)) problems.push('field-too-long');
  return problems;
}

/** A draft cleaned for storing: trimmed title, tags and signals without blanks or repeats, links without repeats. */
export function normalizeStory(story: StoryContent): StoryContent {
  const uniqueTrimmed = (values: readonly string[]) => [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
  return {
    ...story,
    title: story.title.trim(),
    signals: uniqueTrimmed(story.signals),
    tags: uniqueTrimmed(story.tags).map((tag) => tag.replace(/\s+/g, '-')),
    noteIds: [...new Set(story.noteIds)],
  };
}

/** The words the study note is made with, in the user's language. */
export interface StoryNoteLabels {
  /** Above the questions on the front, e.g. "Tell this story for:". */
  tellFor: string;
  /** The front's line when the story answers no question yet, e.g. "Tell this story in 60-90 seconds.". */
  tellAlone: string;
  parts: Record<StarPart, string>;
  resultNumbers: string;
  learned: string;
}

/**
 * The study note's content: the front names the story and the questions it
 * answers (as one line each); the back holds the STAR parts, the numbers and
 * the lesson, each under its label, leaving out what is empty.
 */
export function storyStudyNote(story: StoryContent, questionLines: readonly string[], labels: StoryNoteLabels): NoteContent {
  const questions = questionLines.length > 0 ? `${labels.tellFor}\n\n${questionLines.map((line) => `- ${line}`).join('\n')}` : labels.tellAlone;
  const front = `**${story.title.trim()}**\n\n${questions}`;
  const sections: [string, string][] = [
    ...STAR_PARTS.map((part): [string, string] => [labels.parts[part], story[part]]),
    [labels.resultNumbers, story.resultNumbers],
    [labels.learned, story.learned],
  ];
  const back = sections
    .filter(([, text]) => text.trim() !== '')
    .map(([label, text]) => `**${label}:** ${text.trim()}`)
    .join('\n\n');
  return { type: 'basic', front, back: back || labels.tellAlone };
}

/** A copy's content: the same text and links under "<title> (copy)" (the caller words the suffix). */
export function duplicateContent(story: StoryContent, copyTitle: string): StoryContent {
  return { ...story, title: copyTitle, signals: [...story.signals], tags: [...story.tags], noteIds: [...story.noteIds] };
}

// ---------------------------------------------------------------------------
// Questions, signals, coverage

/** Tags that mark a note as an interview question (the built-in decks and the chapter importer use them). */
export const QUESTION_TAGS = ['main-question', 'follow-up', 'question'] as const;

/** Whether a note asks an interview question a story can answer. */
export function isQuestionNote(note: Pick<NoteRecord, 'tags'>): boolean {
  return note.tags.some((tag) => (QUESTION_TAGS as readonly string[]).includes(tag));
}

/**
 * The question a note asks, from its text as one plain line: the first
 * quoted question when there is one (“Tell me about a time you failed.”,
 * without the card's own ask around it), otherwise the whole line.
 *
 * @example
 * questionOfLine('“Tell me about a time you failed.” Which structure fits?'); // '“Tell me about a time you failed.”'
 * questionOfLine('Follow-up: “What would you do differently now?”');        // '“What would you do differently now?”'
 */
export function questionOfLine(line: string): string {
  const quoted = /[“"«][^“”"«»]{3,300}[”"»]/.exec(line);
  return quoted ? quoted[0] : line;
}

/** Tags of the notes that list what interviewers check, and the red flags. */
export const SIGNALS_TAG = 'signals';
export const RED_FLAG_TAG = 'red-flag';

/** The items a cloze note lists (its deletions' answers), or none for another kind of note. */
function listedItems(note: NoteContent): string[] {
  if (note.type !== 'cloze') return [];
  return parseClozes(note.text).map((span) => plainItem(span.answer));
}

/** An item as plain words: no Markdown emphasis, no quotes around it, first letter as written. */
function plainItem(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/^[\s“"«]+|[\s”"»]+$/g, '')
    .trim();
}

/**
 * The signals interviewers check, from the notes tagged `signals` (the
 * cloze that lists them), in order, without repeats (case-insensitive).
 *
 * @example
 * signalsFromNotes([{ type: 'cloze', text: 'Checks {{c1::self-awareness}}; {{c2::resilience}}.', tags: ['signals'] }]);
 * // ['self-awareness', 'resilience']
 */
export function signalsFromNotes(notes: readonly (NoteContent & Pick<NoteRecord, 'tags'>)[]): string[] {
  return uniqueItems(notes.filter((note) => note.tags.includes(SIGNALS_TAG)).flatMap(listedItems));
}

/** The red flags, from the cloze notes tagged `red-flag` that list them. */
export function redFlagsFromNotes(notes: readonly (NoteContent & Pick<NoteRecord, 'tags'>)[]): string[] {
  return uniqueItems(notes.filter((note) => note.tags.includes(RED_FLAG_TAG)).flatMap(listedItems));
}

function uniqueItems(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLocaleLowerCase();
    if (item === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One question and the stories ready for it. */
export interface QuestionCoverage {
  noteId: string;
  storyIds: string[];
}

/** One signal and the stories that show it. */
export interface SignalCoverage {
  signal: string;
  storyIds: string[];
}

/**
 * For each question, the stories linked to it; for each signal, the
 * stories that name it (case-insensitive). A question or signal with none
 * is what is not covered yet.
 */
export function coverageOf(
  questions: readonly Pick<NoteRecord, 'id'>[],
  signals: readonly string[],
  stories: readonly Pick<StoryRecord, 'id' | 'noteIds' | 'signals'>[],
): { questions: QuestionCoverage[]; signals: SignalCoverage[] } {
  return {
    questions: questions.map((question) => ({ noteId: question.id, storyIds: stories.filter((story) => story.noteIds.includes(question.id)).map((story) => story.id) })),
    signals: signals.map((signal) => {
      const key = signal.toLocaleLowerCase();
      return { signal, storyIds: stories.filter((story) => story.signals.some((named) => named.toLocaleLowerCase() === key)).map((story) => story.id) };
    }),
  };
}

// ---------------------------------------------------------------------------
// Practice aloud

/** Default length of a practice answer, in seconds. */
export const DEFAULT_PRACTICE_SECONDS = 120;

/**
 * The STAR time split practice shows as guidance: situation and task about
 * 15-20 %, action 60-70 %, result 15-20 % (the middles of those ranges).
 */
export const STAR_TIME_SHARES = { situationTask: 0.175, action: 0.65, result: 0.175 } as const;

/** Where each STAR part should end, in seconds from the start, for an answer of `totalSeconds`. */
export function starTimeMarks(totalSeconds: number): { situationTaskEnd: number; actionEnd: number; resultEnd: number } {
  const situationTaskEnd = Math.round(totalSeconds * STAR_TIME_SHARES.situationTask);
  const actionEnd = Math.round(totalSeconds * (STAR_TIME_SHARES.situationTask + STAR_TIME_SHARES.action));
  return { situationTaskEnd, actionEnd, resultEnd: totalSeconds };
}

/** Which STAR part an answer should be in after `elapsedSeconds`. */
export function starPartAt(elapsedSeconds: number, totalSeconds: number): 'situation-task' | 'action' | 'result' | 'over' {
  const marks = starTimeMarks(totalSeconds);
  if (elapsedSeconds < marks.situationTaskEnd) return 'situation-task';
  if (elapsedSeconds < marks.actionEnd) return 'action';
  if (elapsedSeconds < marks.resultEnd) return 'result';
  return 'over';
}
