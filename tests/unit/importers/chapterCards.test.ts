/**
 * The chapter importer makes good flashcards from every chapter of the
 * series (the seed and the fixtures 06-11, each a variation of its
 * pattern): one card per mistake, table row, question and follow-up;
 * no identical backs, no cut text, no back over ~60 words where the
 * source could be split; the importer's own labels in the UI language;
 * and hostile input parses in linear time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NoteInput } from '../../../src/domain/deckFormat';
import { parseImportFile } from '../../../src/domain/importers';
import { LABELS, parseChapterMarkdown } from '../../../src/domain/importers/chapter';

type Basic = Extract<NoteInput, { front: string }>;

function chapter(name: string): string {
  const url = name.startsWith('03') ? `../../fixtures/seeds/${name}` : `../../fixtures/import/${name}`;
  return readFileSync(new URL(url, import.meta.url), 'utf8');
}

function cards(name: string, language: 'en' | 'ru' = 'en'): Basic[] {
  const result = parseChapterMarkdown(chapter(name), { fileName: name, language });
  return (result.decks[0]?.notes ?? []).filter((n): n is Basic => n.type !== 'cloze');
}

function tagged(list: Basic[], tag: string): Basic[] {
  return list.filter((n) => (n.tags ?? []).includes(tag));
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const CHAPTERS = [
  '03-failure-learning.md',
  '04-conflict.md',
  '05-leadership.md',
  '06-delivery.md',
  '07-mentoring.md',
  '08-star-method.md',
  '09-ambiguity.md',
  '10-cross-team.md',
  '11-culture.md',
];

describe.each(CHAPTERS)('chapter %s', (name) => {
  const list = cards(name);

  it('gives every card its own back, none cut with "..." and none over ~60 words where the source splits', () => {
    expect(list.length).toBeGreaterThan(5);
    const backs = list.map((n) => n.back);
    expect(new Set(backs).size).toBe(backs.length);
    for (const back of backs) {
      expect(back).not.toMatch(/(\.\.\.|…)$/);
      // A single paragraph or list item that is longer is never cut; none of these chapters has one.
      expect(words(back), back).toBeLessThanOrEqual(60);
    }
  });

  it('never doubles a label or starts with boilerplate', () => {
    for (const n of list) {
      expect(n.back).not.toMatch(/^Structure the answer with STAR/);
      expect(n.back).not.toMatch(/Takeaway:\*?\*? *(Key learning|Key insight|The key):/i);
      expect(n.front).not.toMatch(/Red flag: Red flag/);
    }
  });

  it('gives stable, unique ids', () => {
    const again = cards(name);
    expect(again.map((n) => n.id)).toEqual(list.map((n) => n.id));
    expect(new Set(list.map((n) => n.id)).size).toBe(list.length);
  });

  it('shows no Russian section label on an English card, and the Russian labels with language "ru"', () => {
    const russianLabels = /Что проверяют|Что оценивают|Follow-up вопросы|Уточняющие вопросы|Типичные ошибки|Красные флаги|Подводные камни|Пример ответа|подробно|Структура ответа|Ключевые моменты|Фреймворк|STAR-разбор|Будьте готовы/;
    for (const n of list) expect(`${n.front}\n${n.back}\n${n.source ?? ''}`).not.toMatch(russianLabels);
    const ru = cards(name, 'ru');
    const followUps = tagged(ru, 'follow-up');
    for (const f of followUps) expect(f.front.startsWith(`${LABELS.ru.followUp}: `)).toBe(true);
    for (const f of tagged(ru, 'signals')) expect(f.source).toBe(LABELS.ru.signalsSource);
    expect(ru.map((n) => n.id)).toEqual(list.map((n) => n.id));
  });
});

describe('chapter cards: one idea per card', () => {
  it('06: one card per red flag with an indented quote and an arrow fix, and one per row of the space-drawn table', () => {
    const list = cards('06-delivery.md');
    const flags = tagged(list, 'red-flag');
    expect(flags.filter((f) => f.front.startsWith('Red flag: ')).map((f) => [f.front, f.back])).toEqual([
      ['Red flag: Overtime as the plan', '**Sounds like:** "We just pulled a few all-nighters"\n\n**Instead:** Show the scope or staffing decision you made instead'],
      ['Red flag: Surprise delays', '**Sounds like:** "I told them the week before it was due"\n\n**Instead:** Raise the risk as soon as the numbers say so'],
      ['Red flag: Perfect delivery stories', '**Sounds like:** "Everything went exactly to plan"\n\n**Instead:** Name the trade-off you made and what it cost'],
      ['Red flag: Quality as an afterthought', '**Sounds like:** "QA found a lot, but we shipped anyway"\n\n**Instead:** Say which checks you never skip, and why'],
    ]);
    const rows = flags.filter((f) => f.front.startsWith('Anti-pattern: '));
    expect(rows).toHaveLength(8);
    expect(rows[3]).toMatchObject({ front: 'Anti-pattern: Silent slipping', back: '**What to do instead:** Publish the risk the day you see it' });
    expect(rows[5]).toMatchObject({ front: 'Anti-pattern: New asks with the same deadline', back: '**What to do instead:** Trade each addition for something out' });
    expect(rows[7]?.front).toBe('Anti-pattern: "Ship it and see"');
  });

  it('06: keeps the example story with its numbers, the takeaway without its "Key learning:" label', () => {
    const stories = tagged(cards('06-delivery.md'), 'story');
    const text = stories.map((s) => s.back).join('\n');
    for (const number of ['40,000', '$60K', '500 bookings', 'day 61 of 63', '730 bookings']) expect(text).toContain(number);
    const takeaway = stories.find((s) => s.front.endsWith('takeaway'));
    expect(takeaway?.back).toBe('A fixed date is a scope question, not an overtime question.');
  });

  it('07: reads "Типичные ошибки" bullets with "> quote" and "Вместо этого:"/"Instead:"/"Fix:" lines', () => {
    const flags = tagged(cards('07-mentoring.md'), 'red-flag');
    expect(flags.map((f) => f.front)).toEqual(['Red flag: Fixing it for them', 'Red flag: Vague praise', 'Red flag: Mentoring only your favourites']);
    expect(flags[0]?.back).toBe(
      '**Why it hurts:** they never learn to get unstuck\n\n**Sounds like:** "I just rewrote the module over the weekend"\n\n**Instead:** pair on the first fix, then let them drive the next one',
    );
    const ru = tagged(cards('07-mentoring.md', 'ru'), 'red-flag');
    expect(ru[0]?.front).toBe('Красный флаг: Fixing it for them');
    expect(ru[0]?.back).toContain('**Вместо этого:** pair on the first fix');
  });

  it('07: splits a long framework into cards along its steps, never cutting one', () => {
    const questions = tagged(cards('07-mentoring.md'), 'question');
    const mentored = questions.filter((q) => q.front.startsWith('Tell me about someone you mentored'));
    expect(mentored.length).toBeGreaterThan(1);
    const all = mentored.map((q) => q.back).join('\n');
    for (const step of ['Diagnose first', 'Agree on a plan', 'Step back on purpose', 'Close the loop', 'Give credit in public, in writing']) expect(all).toContain(step);
    expect(mentored[0]?.back).toContain('**Key points**');
  });

  it('07, 08, 09: follow-ups are backed by what they probe or the signals they test, else a prompt of their own', () => {
    const mentoring = tagged(cards('07-mentoring.md'), 'follow-up');
    expect(mentoring[0]).toMatchObject({
      front: 'Follow-up: How did you know the mentoring was working?',
      back: '**What it probes:** checks whether you measure growth, not just feel it\n\n**Signals it tests:** Measuring growth over months',
    });
    expect(mentoring[2]?.back).toBe('Answer from one of your own stories, with specifics: “Have you ever stopped mentoring someone?”');
    const star = tagged(cards('08-star-method.md'), 'follow-up');
    expect(star.map((f) => f.front)).toEqual([
      'Follow-up: What was the hardest part for you personally?',
      'Follow-up: What did the others on the team do?',
      'Follow-up: Would you do it the same way today?',
    ]);
    expect(star[0]?.back).toBe('**What it probes:** Self-awareness');
    const ambiguity = tagged(cards('09-ambiguity.md'), 'follow-up');
    expect(ambiguity[1]?.back).toContain('**Signals it tests:** Deciding with incomplete data');
  });

  it('08: reads a **SITUATION:** / **ACTION (подробно):** breakdown as a story, with the app\'s labels', () => {
    const stories = tagged(cards('08-star-method.md'), 'story');
    expect(stories.map((s) => s.front)).toEqual([
      'Example answer: The STAR Method',
      'The STAR Method — Example answer: situation, task',
      'The STAR Method — Example answer: action',
    ]);
    expect(stories[0]?.back).toBe('**Result:** Failures fell to 0.3% and weekly revenue rose by about $18K.');
    expect(stories[2]?.back).toMatch(/^- Pulled 1,200 crash reports/);
  });

  it('08, 10: one card per row of a Markdown table, the header row as labels', () => {
    const fixes = tagged(cards('08-star-method.md'), 'principles');
    expect(fixes.map((f) => [f.front, f.back])).toEqual([
      ['Problem: The story runs over three minutes', '**Fix:** Cut the situation to two sentences'],
      ['Problem: The result is a feeling', '**Fix:** Add one number and the time it took'],
      ['Problem: The example is five years old', '**Fix:** Pick something from the last two years'],
    ]);
    const anti = tagged(cards('10-cross-team.md'), 'red-flag').filter((f) => f.front.startsWith('Anti-pattern: '));
    expect(anti.map((f) => f.back)).toEqual([
      '**Why it hurts:** The other team has no context\n\n**Better:** Bring a short written brief',
      '**Why it hurts:** Nothing gets done\n\n**Better:** Send written next steps the same day',
    ]);
  });

  it('09: Russian STAR labels and "Главный вывод:" become the app\'s parts; one-line pitfalls are cards', () => {
    const list = cards('09-ambiguity.md');
    const stories = tagged(list, 'story');
    expect(stories.map((s) => s.front.replace(/^.* — /, ''))).toEqual(
      expect.arrayContaining(['Example answer: situation, task', 'Example answer: action', 'Example answer: takeaway']),
    );
    expect(stories.find((s) => s.front.endsWith('takeaway'))?.back).toBe('A vague request usually hides a measurable one.');
    expect(tagged(list, 'red-flag').map((f) => f.back)).toEqual([
      '**Why it hurts:** the decision gets made without you',
      '**Why it hurts:** nobody can correct what they cannot see',
      '**Why it hurts:** people keep working on the old plan',
    ]);
    const ru = tagged(cards('09-ambiguity.md', 'ru'), 'story');
    expect(ru.map((s) => s.front)).toContain('How do you start when the goal is vague? — Пример ответа: ситуация, задача');
  });

  it('03, 09, 10: reframes say what to produce, from the column header or the "Weak → strong:" title', () => {
    expect(tagged(cards('09-ambiguity.md'), 'reframe').map((r) => [r.front, r.back])).toEqual([
      ['Reframe as growth mindset: "Nobody told me what to build"', '"I wrote down what I assumed and checked it"'],
      ['Reframe as growth mindset: "The spec was bad"', '"I asked three questions before starting"'],
    ]);
    expect(tagged(cards('10-cross-team.md'), 'reframe')[0]?.front).toBe('Reframe as strong: "Their team is slow"');
    expect(tagged(cards('03-failure-learning.md', 'ru'), 'reframe')[0]?.front).toBe('Переформулируйте как growth mindset: "I failed"');
  });

  it('11: a mistake per ### sub-section and per bare bullet, and a long key-points list on two cards', () => {
    const list = cards('11-culture.md');
    expect(tagged(list, 'red-flag').map((f) => f.front)).toEqual([
      "Red flag: Reciting the company's values back",
      'Red flag: Talking only about perks',
      'Red flag: Sounding rehearsed',
      'Red flag: Criticising your current employer',
    ]);
    const why = tagged(list, 'question').filter((q) => q.front.startsWith('Why do you want to work here?'));
    expect(why.map((q) => q.front)).toEqual(['Why do you want to work here?', 'Why do you want to work here? (part 2 of 2)']);
    expect(why.map((q) => q.back).join('\n').split('\n')).toHaveLength(5);
  });

  it('puts every quoted question of a chapter on a card', () => {
    for (const name of CHAPTERS) {
      const fronts = cards(name).map((n) => n.front).join('\n');
      const result = parseChapterMarkdown(chapter(name), { fileName: name });
      const empty = new Set(result.messages.flatMap((m) => (m.code === 'questionWithoutAnswer' ? [m.question] : [])));
      for (const match of chapter(name).matchAll(/^## "([^"]+)"$/gm)) if (!empty.has(match[1] ?? '')) expect(fronts).toContain(match[1]);
    }
  });
});

describe('chapter cards: sub-sections and lines', () => {
  it("gives a question's own red flags and follow-ups the cards of their kind", () => {
    const text = [
      '# 01. X',
      '## "Tell me about a launch"',
      '### Framework',
      '1. Plan',
      '2. Ship',
      '### Red Flags',
      '- Blaming QA — shows no ownership',
      '### Follow-up вопросы',
      '- "What slipped?"',
    ].join('\n\n');
    const notes = (parseChapterMarkdown(text, { fileName: 'x.md' }).decks[0]?.notes ?? []).filter((n): n is Basic => n.type !== 'cloze');
    expect(notes.map((n) => [n.front, n.back])).toEqual([
      ['Red flag: Blaming QA', '**Why it hurts:** shows no ownership'],
      ['Follow-up: What slipped?', 'Answer from one of your own stories, with specifics: “What slipped?”'],
      ['Tell me about a launch', '1. Plan\n2. Ship'],
    ]);
  });

  it('never splits a red flag at a colon or dash inside an HTML tag, inline code or a link target', () => {
    const text = [
      '# 01. X',
      '## Red Flags',
      '- Blaming <span style="color: red">others</span>',
      '- Running `git push -f: main` on a shared branch',
      '- Claims with no [numbers](https://example.org/a - b)',
      '- Blame <i>the team</i>: no ownership',
      '- Hiding <b>it</b><style>body { display: none }</style>',
    ].join('\n\n');
    const notes = (parseChapterMarkdown(text, { fileName: 'x.md' }).decks[0]?.notes ?? []).filter((n): n is Basic => n.type !== 'cloze');
    expect(notes.map((n) => n.front)).toEqual([
      'Red flag: Blaming <span style="color: red">others</span>',
      'Red flag: Running `git push -f: main` on a shared branch',
      'Red flag: Claims with no [numbers](https://example.org/a - b)',
      'Red flag: Blame <i>the team</i>',
      'Red flag: Hiding <b>it</b><style>body { display: none }</style>',
    ]);
    expect(notes[3]?.back).toBe('**Why it hurts:** no ownership');
  });

  it('splits a title from a 1 MB run of unclosed tags in linear time', () => {
    const start = performance.now();
    const result = parseChapterMarkdown(`# 01. X\n\n## Red Flags\n\n- ${'<a'.repeat(500_000)}: why\n`, { fileName: 'x.md' });
    expect(performance.now() - start).toBeLessThan(2000);
    expect(result.decks).toHaveLength(1);
  });

  it('gives every card the line it comes from', () => {
    const text = chapter('06-delivery.md');
    const deck = parseChapterMarkdown(text, { fileName: '06-delivery.md' }).decks[0];
    const fileLines = text.split('\n');
    expect(deck?.lines).toHaveLength(deck?.notes.length ?? -1);
    const flag = deck?.notes.findIndex((n) => n.id === 'shipping-execution-redflag-surprise-delays') ?? -1;
    expect(fileLines[(deck?.lines?.[flag] ?? 0) - 1]).toBe('2. Surprise delays');
  });
});

describe('chapter cards: hostile input', () => {
  const hostile: [string, string][] = [
    ['a 10 KB heading of spaces', `# 01. X\n\n##${' '.repeat(10_000)}x${' '.repeat(10_000)}#\n\n- a\n- b\n`],
    ['a 1 MB line', `# 01. X\n\n## "Q?"\n\n### Framework\n\n- ${'word '.repeat(200_000)}\n`],
    ['a 1 MB list line of spaces', `# 01. X\n\n## Red Flags\n\n1. a${' '.repeat(1_000_000)}b — c\n[${' '.repeat(1_000_000)}\n`],
    ['a 10 KB heading of nothing but spaces', `# ${' '.repeat(10_000)}\n\n## ${' '.repeat(10_000)}\n\n- a\n- b\n`],
    ['a 1 MB example story', `# 01. X\n\n## "Q?"\n\n### Пример ответа\n\n\`\`\`\n"SITUATION: ${'a: '.repeat(300_000)}\n${'Title:\n'.repeat(100_000)}RESULT:\n"\n\`\`\`\n`],
    ['a 1 MB space-drawn table row', `# 01. X\n\n## Anti-patterns\n\n\`\`\`\nA  B\n─  ─\n${'x  '.repeat(300_000)}\n\`\`\`\n`],
    ['1 MB of repeated signals and follow-up sections (follow-ups x signals)', `# 01. X\n\n${'## What Interviewers Look For\n\n- Ownership of the outcome\n- Learning from failure\n\n## Follow-up Questions\n\n- "What did you own?"\n- "What did you learn from it?"\n- "Who else failed?"\n\n'.repeat(5_000)}`],
    ['a 9 MB quoted heading', `# 01. X\n\n## "${'a'.repeat(9_000_000)}"\n\n### Framework\n\n1. A\n2. B\n`],
  ];
  it.each(hostile)('parses %s within a couple of seconds without throwing', (_, text) => {
    const start = performance.now();
    const result = parseChapterMarkdown(text, { fileName: 'x.md' });
    expect(performance.now() - start).toBeLessThan(2500);
    expect(result.decks).toHaveLength(1);
  });

  it('takes a 9 MB quoted heading through the whole import pipeline without throwing', async () => {
    const bytes = new TextEncoder().encode(`# 01. X\n\n## "${'a'.repeat(9_000_000)}"\n\n### Framework\n\n1. A\n2. B\n`);
    const start = performance.now();
    const result = await parseImportFile(bytes, { fileName: 'x.md' });
    expect(performance.now() - start).toBeLessThan(4000);
    expect(result.format).toBe('chapter-markdown');
  });

  it('does not count zero-width characters as text', () => {
    const invisible = '\u200B\u200C\u200D\u2060\uFEFF\u00AD';
    const result = parseChapterMarkdown(`# 01. X\n\n## "${invisible}"\n\n### Framework\n\n1. A\n\n## Red Flags\n\n- ${invisible}\n`, { fileName: 'x.md' });
    const notes = result.decks[0]?.notes ?? [];
    expect(notes.filter((n) => n.type !== 'cloze' && !/[^\s\u00AD\u200B-\u200D\u2060\uFEFF]/.test(n.front))).toEqual([]);
    expect(parseChapterMarkdown(invisible, { fileName: 'x.md' }).messages).toEqual([expect.objectContaining({ code: 'fileEmpty' })]);
  });
});
