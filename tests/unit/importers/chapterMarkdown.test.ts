import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDeckFile, type NoteInput } from '../../../src/domain/deckFormat';
import { detectImportFormat, parseImportFile } from '../../../src/domain/importers';
import { parseChapterMarkdown } from '../../../src/domain/importers/chapter';
import { unknownSectionText } from '../../../src/features/import/importMessages';
import { createScreenTranslator } from '../../../src/ui/i18n';
import { IMPORT_MESSAGES } from '../../../src/ui/i18n/screens/import';
import { errors, fixture, warnings } from './helpers';

const t = createScreenTranslator(IMPORT_MESSAGES, 'en');

const seed = readFileSync(new URL('../../fixtures/seeds/03-failure-learning.md', import.meta.url), 'utf8');

function byTag(notes: NoteInput[], tag: string): Extract<NoteInput, { front: string }>[] {
  return notes.filter((n): n is Extract<NoteInput, { front: string }> => n.type !== 'cloze' && (n.tags ?? []).includes(tag));
}

describe('chapter Markdown: the seed chapter 03-failure-learning.md', () => {
  const result = parseChapterMarkdown(seed, { fileName: '03-failure-learning.md' });
  const deck = result.decks[0];
  const notes = deck?.notes ?? [];

  it('makes one deck named after the title without its number', () => {
    expect(detectImportFormat('03-failure-learning.md', seed)).toBe('chapter-markdown');
    expect(result.decks).toHaveLength(1);
    expect(deck?.deck).toMatchObject({ id: 'failure-learning', name: 'Failure & Learning' });
    expect(result.messages).toEqual([]);
  });

  it('makes a card per question, backed by the template, framework or types', () => {
    const questions = byTag(notes, 'question');
    expect(questions.map((q) => q.front)).toEqual([
      'Tell me about a time you failed',
      'Tell me about a mistake you made',
      "Tell me about a project that didn't go as planned",
      'Describe a time you had to deliver bad news',
      'How do you handle setbacks?',
      "Tell me about something you'd do differently",
    ]);
    expect(questions[0]?.back).toMatch(/^- \*\*Situation:\*\* Контекст проекта\/задачи; Stakes/);
    expect(questions[0]?.back.split('\n')).toHaveLength(4);
    expect(questions[1]?.back).toContain('**Technical mistakes:** Wrong architecture choice');
    expect(questions[4]?.back.split('\n')).toEqual([
      "1. Acknowledge the setback (don't minimize)",
      '2. Process emotions constructively',
      '3. Analyze what happened objectively',
      '4. Create action plan',
      '5. Execute and follow through',
      '6. Reflect and integrate learning',
    ]);
    for (const q of questions) expect(q.back.split('\n').filter((l) => /^(-|\d+\.) /.test(l)).length).toBeLessThanOrEqual(7);
  });

  // It used to be "Structure the answer with STAR ..." on every example-only question, then
  // "**Takeaway:** The key: ..." (a doubled label) and lessons cut to their titles.
  it('backs an example-only question with the example itself, and keeps its parts on story cards', () => {
    const [badNews, differently] = byTag(notes, 'question').slice(3, 6).filter((_, i) => i !== 1);
    expect(badNews?.back).toBe('I had to inform my manager and stakeholders that a promised feature would miss its deadline by 3 weeks.');
    const stories = byTag(notes, 'story');
    const takeaway = stories.find((s) => s.front === 'Describe a time you had to deliver bad news — Example answer: takeaway');
    expect(takeaway?.back).toMatch(/^Bad news doesn't get better with time\./);
    expect(differently?.back).toMatch(/^Looking back, I would have advocated/);
    const lessons = stories.find((s) => s.front === "Tell me about something you'd do differently — Example answer: lessons");
    expect(lessons?.back).toMatch(/^1\. Speak up more forcefully\n {3}- I mentioned concerns in passing/);
    expect(stories.map((s) => s.back).join('\n')).toContain('4-hour partial outage, ~50K affected users');
  });

  it('makes the signals card', () => {
    const [signals] = byTag(notes, 'signals');
    expect(signals?.front).toBe('What do interviewers check with Failure & Learning questions?');
    expect(signals?.back.split('\n')).toHaveLength(7);
    expect(signals?.back).toContain('- Ownership and accountability');
  });

  it('makes six red-flag cards with why and what to do', () => {
    const flags = byTag(notes, 'red-flag');
    expect(flags).toHaveLength(6);
    expect(flags[0]).toMatchObject({
      front: 'Red flag: "I can\'t think of a failure"',
      back: '- Everyone fails. This suggests lack of self-awareness\n- Or you\'re not taking enough risks',
    });
    expect(flags[1]?.back).toContain('"The team didn\'t deliver" ← Where was your ownership?');
  });

  // They all used to carry one generic guide; now each back is drawn from the chapter (the signals it tests) or is a prompt of its own.
  it('makes six follow-up cards, each with its own back', () => {
    const followUps = byTag(notes, 'follow-up');
    expect(followUps).toHaveLength(6);
    expect(followUps[0]).toMatchObject({
      front: 'Follow-up: What would you do differently now?',
      back: 'Answer from one of your own stories, with specifics: “What would you do differently now?”',
    });
    expect(followUps[4]?.back).toMatch(/^\*\*Signals it tests:\*\* Learning from mistakes; Preventing future failures\n\nAnswer from/);
    expect(new Set(followUps.map((f) => f.back)).size).toBe(6);
  });

  // The front now says what to produce (the frame's "Growth Mindset" column) instead of a bare "How would you reframe".
  it('makes five reframe cards, joining pairs wrapped across lines in the frame', () => {
    const reframes = byTag(notes, 'reframe');
    expect(reframes.map((r) => [r.front, r.back])).toEqual([
      ['Reframe as growth mindset: "I failed"', '"I learned"'],
      ['Reframe as growth mindset: "I\'m not good at X"', '"I\'m not good at X yet"'],
      ['Reframe as growth mindset: "This is too hard"', '"This will take effort"'],
      ['Reframe as growth mindset: "Feedback is attack"', '"Feedback is data"'],
      ['Reframe as growth mindset: "Others\' success threatens me"', '"Others\' success is inspiring/educational"'],
    ]);
  });

  it('makes list cards for the practice and postmortem blocks, titled by the frame', () => {
    const lists = byTag(notes, 'principles');
    expect(lists.map((l) => l.front)).toEqual([
      'Growth Mindset: key practices',
      'Blameless Postmortem: structure',
      'Blameless Postmortem: principles',
      'Blameless Postmortem: example question framing',
    ]);
    expect(lists[1]?.back).toMatch(/^1\. Timeline of events\n2\. Impact/);
    expect(lists[2]?.back).toContain('- Focus on systems, not people');
    expect(lists[3]?.back).toContain('- ❌ "Who deployed the broken code?"');
  });

  it('lists "См. также" as not understood and ignores navigation lines', () => {
    expect(result.unknownSections).toEqual([{ headings: ['См. также'], line: 358 }]);
    expect(result.unknownSections.map((section) => unknownSectionText(section, t))).toEqual(['См. также (line 358)']);
    expect(notes.some((n) => n.type !== 'cloze' && /Назад|README/.test(n.front + n.back))).toBe(false);
  });

  it('gives stable, unique, valid ids', () => {
    const again = parseChapterMarkdown(seed, { fileName: 'renamed.md' });
    expect(again.decks[0]?.notes.map((n) => n.id)).toEqual(notes.map((n) => n.id));
    expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
    expect(notes.map((n) => n.id)).toContain('failure-learning-q-tell-me-about-a-time-you-failed');
    const validation = validateDeckFile({ format: 'interview-flashcards/deck', version: 1, deck: deck?.deck, cards: notes });
    expect(validation.ok).toBe(true);
  });
});

describe('chapter Markdown: 04-conflict.md (Russian headings, tables)', async () => {
  const result = await parseImportFile(fixture('04-conflict.md'), { fileName: '04-conflict.md' });
  const notes = result.decks[0]?.notes ?? [];

  it('reads the chapter with no errors', () => {
    expect(errors(result)).toEqual([]);
    expect(result.decks[0]?.deck).toMatchObject({ id: 'conflict-resolution', name: 'Conflict Resolution' });
  });

  it('reads "Что оценивают" as the signals and Key Points / Структура ответа as question backs', () => {
    expect(byTag(notes, 'signals')[0]?.back).toContain('- Empathy');
    const questions = byTag(notes, 'question');
    expect(questions.map((q) => q.front)).toEqual([
      'Tell me about a conflict with a coworker',
      'Расскажите о споре с руководителем',
      'How do you handle disagreement in code review?',
    ]);
    expect(questions[0]?.back).toMatch(/^- Pick a real disagreement/);
    expect(questions[1]?.back).toMatch(/^1\. Суть разногласия/);
    // An example-only question is backed by the example's opening; its lessons are a story card of their own.
    expect(questions[2]?.back).toBe("I once left twenty comments on a junior engineer's pull request.");
    expect(byTag(notes, 'story').map((s) => s.back)).toContain('1. Written review can feel harsher than intended\n2. Separate must-fix from nitpicks');
  });

  // A bare item used to go on one shared "mistakes to avoid" card; every mistake is now a card, and a table's header names its sides.
  it('reads "Типичные ошибки" items and the "Common Mistakes" table as red flags, one card each', () => {
    const flags = byTag(notes, 'red-flag');
    expect(flags.map((f) => f.front)).toEqual([
      'Red flag: Badmouthing the other person',
      'Red flag: "We" everywhere',
      'Red flag: Avoiding the conflict entirely',
      'Mistake: Winning the argument',
      'Mistake: Escalating too early',
    ]);
    expect(flags[0]?.back).toBe('**Why it hurts:** shows low empathy; describe their view fairly');
    expect(flags[2]?.back).toBe('*Avoiding the conflict entirely* — say why it hurts an answer and what you would do instead.');
    expect(flags[3]?.back).toBe('**Fix:** Aim for the best outcome for the team');
  });

  it('reads a Fixed | Growth table as reframes and «» follow-ups', () => {
    expect(byTag(notes, 'reframe').map((r) => [r.front, r.back])).toEqual([
      ['Reframe as growth: "He was impossible to work with"', '"We had different priorities"'],
      ['Reframe as growth: "I was right"', '"We found a better option together"'],
    ]);
    expect(byTag(notes, 'follow-up').map((f) => f.front)).toEqual([
      'Follow-up: What would you do if they still disagreed?',
      'Follow-up: Как изменились ваши отношения после?',
    ]);
  });

  it('lists the links-only "Ресурсы" section as not understood', () => {
    expect(result.unknownSections.map((section) => unknownSectionText(section, t))).toEqual(['Ресурсы (line 108)']);
  });
});

describe('chapter Markdown: 05-leadership.md (English headings, unknown sections)', async () => {
  const result = await parseImportFile(fixture('05-leadership.md'), { fileName: '05-leadership.md' });
  const notes = result.decks[0]?.notes ?? [];

  it('lists every section and text it did not understand, with lines', () => {
    expect(result.unknownSections.map((section) => unknownSectionText(section, t))).toEqual([
      'Text before the first section (line 3)',
      'Salary Negotiation Tips (line 76)',
      'Practice Plan › Weekly Drill (line 82)',
    ]);
  });

  it('warns, with line numbers, about an empty question and a repeated follow-up', () => {
    expect(errors(result)).toEqual([]);
    expect(result.messages).toEqual([
      expect.objectContaining({ severity: 'warning', line: 39 }),
      expect.objectContaining({ severity: 'warning', line: 73 }),
    ]);
    expect(warnings(result)[0]).toMatch(/"How do you motivate a team\?" has no template/);
  });

  it('combines a STAR template and a framework, labelled, within the line budget', () => {
    const [question] = byTag(notes, 'question');
    expect(question?.back).toBe(
      [
        '**STAR Template**',
        '',
        '- **Situation:** The problem nobody owned',
        '- **Task:** What you decided to take on',
        '- **Action:** How you got buy-in; How you handled resistance',
        '- **Result:** Measurable outcome; What the team kept doing',
        '',
        '**Framework**',
        '',
        '1. Spot the gap',
        '2. Build a coalition',
        '3. Deliver a small win',
      ].join('\n'),
    );
  });

  it('reads signals, framed principles, an arrow reframe, red flags and follow-ups', () => {
    expect(byTag(notes, 'signals')[0]?.back).toContain('- Influence without authority');
    expect(byTag(notes, 'principles').map((p) => p.front)).toEqual(['Servant Leadership: key practices', 'Story Bank']);
    expect(byTag(notes, 'reframe').map((r) => [r.front, r.back])).toEqual([['Reframe as strong: "I told them"', '"We agreed"']]);
    expect(byTag(notes, 'red-flag').map((f) => f.front)).toEqual(['Red flag: Taking all the credit', 'Red flag: Leading by title']);
    expect(byTag(notes, 'follow-up')).toHaveLength(2);
  });
});

describe('chapter Markdown: edge cases', () => {
  it('names the deck after the file when there is no title, with a warning', () => {
    const result = parseChapterMarkdown('## "Why this company?"\n\n### Key Points\n\n- Mission\n- Team\n', { fileName: '07-motivation.md' });
    expect(result.decks[0]?.deck.name).toBe('motivation');
    expect(warnings(result)).toEqual([expect.stringContaining('no "# Title" heading')]);
  });

  it('warns about a fence that is never closed', () => {
    const result = parseChapterMarkdown('# 01. X\n\n## "Q?"\n\n### Framework\n\n```\n1. A\n2. B\n', { fileName: 'x.md' });
    expect(result.messages).toContainEqual(expect.objectContaining({ severity: 'warning', line: 7 }));
    expect(result.decks[0]?.notes).toHaveLength(1);
  });

  it('is an error when nothing could be made into a card', () => {
    const result = parseChapterMarkdown('# 01. Notes\n\nJust some prose.\n', { fileName: 'x.md' });
    expect(errors(result)).toEqual([expect.stringMatching(/^No cards could be made/)]);
  });

  it('treats Windows line endings like Unix ones', () => {
    const unix = parseChapterMarkdown(seed, { fileName: 'a.md' });
    const windows = parseChapterMarkdown(seed.replace(/\n/g, '\r\n'), { fileName: 'a.md' });
    expect(windows.decks).toEqual(unix.decks);
  });
});
