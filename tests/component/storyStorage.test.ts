// The story bank in real Dexie storage: a story is saved with its study note
// in one transaction, keeps its study history through edits, is deleted with
// its note, history and recordings, and a practice's rating is an answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECK_FORMAT } from '../../src/domain/deckFormat';
import { emptyStory, STORIES_DECK_ID, type StoryContent } from '../../src/domain/stories';
import { CardState, Rating } from '../../src/domain/types';
import { mergeDeckFiles } from '../../src/storage';
import {
  addRecording,
  answerPractice,
  deleteStory,
  duplicateStory,
  linkedQuestions,
  loadQuestions,
  practiceCardOf,
  recordingAudio,
  recordingsOf,
  recordingsTotal,
  saveStory,
  storiesForNote,
  type StoryWording,
} from '../../src/storage/stories';
import { appDatabase, deleteAppDatabase, FIXED_NOW, MINUTE } from '../helpers/componentDb';

const WORDING: StoryWording = {
  deckName: 'My stories',
  labels: {
    tellFor: 'Tell this story for:',
    tellAlone: 'Tell this story in 60-90 seconds.',
    parts: { situation: 'Situation', task: 'Task', action: 'Action', result: 'Result' },
    resultNumbers: 'In numbers',
    learned: 'What I learned',
  },
};

const OUTAGE: StoryContent = {
  ...emptyStory(),
  title: 'The auth outage',
  situation: 'We moved login to OAuth.',
  task: 'I owned the rollout.',
  action: 'I rolled back and wrote the postmortem.',
  result: 'Back in 40 minutes; staged rollouts since.',
  short: 'I shipped a migration that broke login, rolled it back and changed how we roll out.',
  signals: ['ownership'],
  noteIds: ['q-failed'],
};

beforeEach(async () => {
  await deleteAppDatabase();
  await mergeDeckFiles(
    [
      {
        format: DECK_FORMAT,
        version: 1,
        deck: { id: 'questions', name: 'Questions', description: '' },
        cards: [
          { id: 'q-signals', type: 'cloze', text: 'Checks {{c1::ownership}}; {{c2::resilience}}.', tags: ['signals'] },
          { id: 'q-failed', type: 'basic', front: '**“Tell me about a time you failed.”**', back: 'STAR', tags: ['main-question'] },
          { id: 'q-setbacks', type: 'basic', front: '“How do you handle setbacks?”', back: 'Six steps', tags: ['main-question'] },
          { id: 'q-example', type: 'basic', front: 'Sample story?', back: 'x', tags: ['example'] },
        ],
      },
    ],
    { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW },
  );
});
afterEach(deleteAppDatabase);

describe('saving a story', () => {
  it('creates the stories deck and a study note whose card is new, in the same write', async () => {
    const story = await saveStory(null, OUTAGE, WORDING, FIXED_NOW);
    const database = appDatabase();
    expect(await database.stories.get(story.id)).toEqual(story);
    expect(await database.decks.get(STORIES_DECK_ID)).toMatchObject({ name: 'My stories', isBuiltIn: false });
    const note = await database.notes.get(story.studyNoteId);
    expect(note).toMatchObject({ deckId: STORIES_DECK_ID, type: 'basic', origin: { kind: 'story', storyId: story.id } });
    expect(note?.type === 'basic' && note.front).toBe('**The auth outage**\n\nTell this story for:\n\n- “Tell me about a time you failed.”');
    const cards = await database.cards.where('[deckId+queue+position]').between([STORIES_DECK_ID, -Infinity, -Infinity], [STORIES_DECK_ID, Infinity, Infinity]).toArray();
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ noteId: story.studyNoteId, state: CardState.New });
    expect(await storiesForNote('q-failed')).toEqual([story]);
    expect(await storiesForNote('q-setbacks')).toEqual([]);
  });

  it('keeps the study card and its history through an edit, and follows the new links', async () => {
    const story = await saveStory(null, OUTAGE, WORDING, FIXED_NOW);
    const practice = await practiceCardOf(story.studyNoteId, FIXED_NOW + MINUTE);
    expect(practice).not.toBeNull();
    await answerPractice(practice!, Rating.Good, 90_000, FIXED_NOW + MINUTE);
    const edited = await saveStory(story.id, { ...OUTAGE, noteIds: ['q-setbacks', 'gone'] }, WORDING, FIXED_NOW + 2 * MINUTE);
    expect(edited).toMatchObject({ id: story.id, studyNoteId: story.studyNoteId, noteIds: ['q-setbacks'], createdAt: FIXED_NOW, modifiedAt: FIXED_NOW + 2 * MINUTE });
    const card = await appDatabase().cards.get(practice!.card.id);
    expect(card).toMatchObject({ reps: 1, state: CardState.Learning });
    expect(card?.front).toContain('How do you handle setbacks?');
    expect(await storiesForNote('q-failed')).toEqual([]);
    expect((await linkedQuestions(edited)).map((question) => question.line)).toEqual(['“How do you handle setbacks?”']);
  });

  it('makes the study note again if it was deleted', async () => {
    const story = await saveStory(null, OUTAGE, WORDING, FIXED_NOW);
    await appDatabase().notes.delete(story.studyNoteId);
    const saved = await saveStory(story.id, OUTAGE, WORDING, FIXED_NOW + MINUTE);
    expect(saved.studyNoteId).not.toBe(story.studyNoteId);
    expect(await appDatabase().notes.get(saved.studyNoteId)).toMatchObject({ origin: { kind: 'story', storyId: story.id } });
  });

  it('duplicates a story with its own new study card', async () => {
    const story = await saveStory(null, OUTAGE, WORDING, FIXED_NOW);
    const copy = await duplicateStory(story.id, 'The auth outage (copy)', WORDING, FIXED_NOW + MINUTE);
    expect(copy).toMatchObject({ title: 'The auth outage (copy)', noteIds: ['q-failed'], situation: OUTAGE.situation });
    expect(copy.id).not.toBe(story.id);
    expect(copy.studyNoteId).not.toBe(story.studyNoteId);
  });
});

describe('questions', () => {
  it('lists the question notes with their deck, and the signals the decks list', async () => {
    const { questions, signals } = await loadQuestions();
    expect(questions.map((question) => [question.noteId, question.deckName, question.line])).toEqual([
      ['q-failed', 'Questions', '“Tell me about a time you failed.”'],
      ['q-setbacks', 'Questions', '“How do you handle setbacks?”'],
    ]);
    expect(signals).toEqual(['ownership', 'resilience']);
  });
});

describe('recordings', () => {
  it('stores a recording as a blob, lists it without its audio, and gives its bytes back', async () => {
    const story = await saveStory(null, OUTAGE, WORDING, FIXED_NOW);
    const audio = new Blob([new Uint8Array([1, 2, 3, 4, 5])], { type: 'audio/webm' });
    const added = await addRecording({ kind: 'story', id: story.id }, audio, 3_200, FIXED_NOW);
    expect(added).toMatchObject({ ok: true, recording: { ownerId: story.id, size: 5, durationMs: 3_200, mimeType: 'audio/webm' } });
    expect(await recordingsOf(story.id)).toHaveLength(1);
    const stored = await recordingAudio(added.ok ? added.recording.id : '');
    expect(stored?.type).toBe('audio/webm');
    expect([...new Uint8Array(await stored!.arrayBuffer())]).toEqual([1, 2, 3, 4, 5]);
    expect(await recordingsTotal()).toEqual({ count: 1, bytes: 5 });
  });

  it('refuses an empty recording and one over the cap, writing nothing', async () => {
    expect(await addRecording({ kind: 'note', id: 'q-failed' }, new Blob([]), 0, FIXED_NOW)).toEqual({ ok: false, problem: 'empty' });
    const huge = new Blob([new Uint8Array(5 * 1024 * 1024 + 1)], { type: 'audio/webm' });
    expect(await addRecording({ kind: 'note', id: 'q-failed' }, huge, 1000, FIXED_NOW)).toEqual({ ok: false, problem: 'too-large' });
    expect(await recordingsTotal()).toEqual({ count: 0, bytes: 0 });
  });
});

describe('deleting a story', () => {
  it('removes the story, its study note, card and history, and its recordings, and says what it freed', async () => {
    const story = await saveStory(null, OUTAGE, WORDING, FIXED_NOW);
    const practice = await practiceCardOf(story.studyNoteId, FIXED_NOW);
    await answerPractice(practice!, Rating.Again, 60_000, FIXED_NOW);
    await addRecording({ kind: 'story', id: story.id }, new Blob([new Uint8Array(1000)], { type: 'audio/webm' }), 3_000, FIXED_NOW);
    await addRecording({ kind: 'note', id: 'q-failed' }, new Blob([new Uint8Array(10)], { type: 'audio/webm' }), 1_000, FIXED_NOW);

    expect(await deleteStory(story.id)).toEqual({ recordings: 1, freedBytes: 1000, reviewLogs: 1 });
    const database = appDatabase();
    expect(await database.stories.count()).toBe(0);
    expect(await database.notes.get(story.studyNoteId)).toBeUndefined();
    expect(await database.cards.get(practice!.card.id)).toBeUndefined();
    expect(await database.reviews.where('cardId').equals(practice!.card.id).count()).toBe(0);
    expect(await recordingsTotal()).toEqual({ count: 1, bytes: 10 }); // the question's recording stays
  });
});

describe("a practice's rating", () => {
  it('answers the question card with the interval its button showed, in the same review log', async () => {
    const practice = await practiceCardOf('q-failed', FIXED_NOW);
    expect(practice?.card.id).toBe('q-failed');
    const result = await answerPractice(practice!, Rating.Good, 95_000, FIXED_NOW + 5_000);
    expect(result.kind).toBe('saved');
    const card = await appDatabase().cards.get('q-failed');
    expect(card!.due - (FIXED_NOW + 5_000)).toBe(practice!.previews[Rating.Good].due - FIXED_NOW);
    const logs = await appDatabase().reviews.where('cardId').equals('q-failed').toArray();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ rating: Rating.Good, durationMs: 95_000, noteId: 'q-failed' });
  });

  it('writes nothing when the card was answered elsewhere since the preview', async () => {
    const practice = await practiceCardOf('q-failed', FIXED_NOW);
    expect((await answerPractice(practice!, Rating.Good, 1_000, FIXED_NOW)).kind).toBe('saved');
    expect((await answerPractice(practice!, Rating.Easy, 1_000, FIXED_NOW)).kind).not.toBe('saved');
    expect(await appDatabase().reviews.count()).toBe(1);
  });
});
