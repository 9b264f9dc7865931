import { describe, expect, it } from 'vitest';
import {
  coverageOf,
  emptyStory,
  isQuestionNote,
  normalizeStory,
  questionOfLine,
  redFlagsFromNotes,
  signalsFromNotes,
  starPartAt,
  starTimeMarks,
  storyProblems,
  storyStudyNote,
  type StoryNoteLabels,
} from '../../src/domain/stories';
import type { NoteContent } from '../../src/domain/types';

const LABELS: StoryNoteLabels = {
  tellFor: 'Tell this story for:',
  tellAlone: 'Tell this story in 60-90 seconds.',
  parts: { situation: 'Situation', task: 'Task', action: 'Action', result: 'Result' },
  resultNumbers: 'In numbers',
  learned: 'What I learned',
};

describe('storyProblems', () => {
  it('needs a title, and refuses a huge field', () => {
    expect(storyProblems(emptyStory())).toEqual(['no-title']);
    expect(storyProblems({ ...emptyStory(), title: '   ' })).toEqual(['no-title']);
    expect(storyProblems({ ...emptyStory(), title: 'x'.repeat(201) })).toEqual(['title-too-long']);
    expect(storyProblems({ ...emptyStory(), title: 'Outage', action: 'a'.repeat(20_001) })).toEqual(['field-too-long']);
    expect(storyProblems({ ...emptyStory(), title: 'Outage' })).toEqual([]);
  });
});

describe('normalizeStory', () => {
  it('trims the title, drops blank and repeated tags, signals and links', () => {
    const story = normalizeStory({ ...emptyStory(), title: '  Outage ', tags: ['on call', '', 'on call'], signals: [' ownership', 'ownership', ' '], noteIds: ['a', 'a', 'b'] });
    expect(story).toMatchObject({ title: 'Outage', tags: ['on-call'], signals: ['ownership'], noteIds: ['a', 'b'] });
  });
});

describe('storyStudyNote', () => {
  it('fronts the title and the questions it answers; backs the STAR parts under their labels, leaving out the empty ones', () => {
    const note = storyStudyNote(
      { ...emptyStory(), title: 'The auth outage', situation: 'A migration.', action: 'I rolled back.', learned: 'Stage rollouts.' },
      ['Tell me about a time you failed.', 'What would you do differently now?'],
      LABELS,
    );
    expect(note).toEqual({
      type: 'basic',
      front: '**The auth outage**\n\nTell this story for:\n\n- Tell me about a time you failed.\n- What would you do differently now?',
      back: '**Situation:** A migration.\n\n**Action:** I rolled back.\n\n**What I learned:** Stage rollouts.',
    });
  });

  it('asks for the story alone when it answers no question, and never has an empty back', () => {
    const note = storyStudyNote({ ...emptyStory(), title: 'Untold' }, [], LABELS);
    expect(note).toEqual({ type: 'basic', front: '**Untold**\n\nTell this story in 60-90 seconds.', back: 'Tell this story in 60-90 seconds.' });
  });
});

const SIGNALS_NOTE: NoteContent & { tags: string[] } = {
  type: 'cloze',
  text: 'A failure question checks: {{c1::self-awareness}}; {{c2::**ownership** and accountability}}; {{c3::growth mindset::hint}}.',
  tags: ['signals'],
};
const RED_FLAGS_NOTE: NoteContent & { tags: string[] } = {
  type: 'cloze',
  text: 'Red flags: {{c1::“I can\'t think of a failure”}}; {{c2::blaming others}}.',
  tags: ['red-flag'],
};

describe('signals and red flags from the decks', () => {
  it('lists the answers of the cloze notes tagged signals / red-flag, as plain words, without repeats', () => {
    expect(signalsFromNotes([SIGNALS_NOTE, { ...SIGNALS_NOTE, text: '{{c1::Self-awareness}}' }, RED_FLAGS_NOTE])).toEqual([
      'self-awareness',
      'ownership and accountability',
      'growth mindset',
    ]);
    expect(redFlagsFromNotes([SIGNALS_NOTE, RED_FLAGS_NOTE, { type: 'basic', front: 'Red flag: x', back: 'y', tags: ['red-flag'] }])).toEqual([
      "I can't think of a failure",
      'blaming others',
    ]);
  });
});

describe('questions and coverage', () => {
  it('counts a note tagged main-question or follow-up as a question', () => {
    expect(isQuestionNote({ tags: ['main-question', 'star'] })).toBe(true);
    expect(isQuestionNote({ tags: ['follow-up'] })).toBe(true);
    expect(isQuestionNote({ tags: ['example'] })).toBe(false);
  });

  it('gives each question its linked stories and each signal the stories naming it (any case)', () => {
    const coverage = coverageOf(
      [{ id: 'q1' }, { id: 'q2' }],
      ['ownership', 'resilience'],
      [
        { id: 's1', noteIds: ['q1'], signals: ['Ownership'] },
        { id: 's2', noteIds: ['q1', 'x'], signals: [] },
      ],
    );
    expect(coverage.questions).toEqual([
      { noteId: 'q1', storyIds: ['s1', 's2'] },
      { noteId: 'q2', storyIds: [] },
    ]);
    expect(coverage.signals).toEqual([
      { signal: 'ownership', storyIds: ['s1'] },
      { signal: 'resilience', storyIds: [] },
    ]);
  });
});

describe('the STAR time split', () => {
  it('gives situation and task 17.5 %, action 65 %, result the rest', () => {
    expect(starTimeMarks(120)).toEqual({ situationTaskEnd: 21, actionEnd: 99, resultEnd: 120 });
    expect(starPartAt(0, 120)).toBe('situation-task');
    expect(starPartAt(21, 120)).toBe('action');
    expect(starPartAt(98.9, 120)).toBe('action');
    expect(starPartAt(99, 120)).toBe('result');
    expect(starPartAt(120, 120)).toBe('over');
  });
});

describe('questionOfLine', () => {
  it('takes the quoted question out of the card around it, or the whole line', () => {
    expect(questionOfLine('“Tell me about a time you failed.” Which structure fits, and what does its Task part hold?')).toBe('“Tell me about a time you failed.”');
    expect(questionOfLine('Follow-up: “What would you do differently now?”')).toBe('“What would you do differently now?”');
    expect(questionOfLine('How do you handle setbacks? In six steps')).toBe('How do you handle setbacks? In six steps');
  });
});
