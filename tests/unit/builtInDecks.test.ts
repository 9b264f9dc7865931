import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import type { SchemaObject } from 'ajv';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../../src/domain/builtInDecks';
import { expandDeckFile, validateDeckFile, type DeckFileV1, type NoteInput } from '../../src/domain/deckFormat';
import { clozeNumbers, parseClozes } from '../../src/domain/cloze';
import type { CardContent } from '../../src/domain/types';

const DECKS_DIR = new URL('../../decks/', import.meta.url);
const SCHEMA_FILE = 'deck.schema.json';
const CHAPTER_URL = new URL('../fixtures/seeds/03-failure-learning.md', import.meta.url);
const GROUP = 'Failure & Learning';

/**
 * Content hash of the built-in deck files for each BUILT_IN_DECKS_VERSION.
 * If this test fails, the deck content changed: bump BUILT_IN_DECKS_VERSION
 * (and the decks' contentVersion) and add the new version with its hash here.
 */
const CONTENT_HASHES: Record<string, string> = {
  '2026-11-28.1': 'f9b4c3d346d5bd5f72959bb823f1f256b6acd452c4377259077dea3312ab724d',
  '2026-12-02.1': 'cba698fbb51a6b520081d8b638b47283c162732cd3a95575a33f94de348993b7',
  '2026-12-07.1': '1035135b9cbeaadb5f927afc8bdb91c6edbccd7d879af408e074ae289524617a',
};

/**
 * Card ids that shipped and were then removed on purpose, with the
 * BUILT_IN_DECKS_VERSION that removed them. The built-in update retires
 * their cards (queue -1, history kept); an id listed here never comes back.
 */
const RETIRED_CARD_IDS: Record<string, string[]> = {
  // One card per fact: list cards that repeated their own clozes, clozes
  // that repeated a list card, near-identical "four examples" cards, and the
  // bare reverse sides of the mindset reframes.
  '2026-12-02.1': [
    'fl-q-signals',
    'fl-q-mistake-types::c1',
    'fl-q-mistake-types::c2',
    'fl-q-mistake-types::c3',
    'fl-q-mistake-technical',
    'fl-q-mistake-process',
    'fl-q-mistake-people',
    'fl-q-project-not-as-planned',
    'fl-q-deliver-bad-news',
    'fl-q-bad-news-manager-first',
    'fl-q-bad-news-meeting',
    'fl-q-handle-setbacks',
    'fl-q-do-differently-cloze::c1',
    'fl-q-do-differently-cloze::c2',
    'fl-q-do-differently-cloze::c3',
    'fl-m-reframe-failed::reverse',
    'fl-m-reframe-not-good-yet::reverse',
    'fl-m-reframe-too-hard::reverse',
    'fl-m-reframe-feedback::reverse',
    'fl-m-reframe-others-success::reverse',
    'fl-m-key-practices',
    'fl-m-postmortem-structure',
    'fl-m-postmortem-impact',
    'fl-m-postmortem-five-whys::c1',
    'fl-m-postmortem-action-items',
    'fl-m-postmortem-principles',
  ],
};

const MAX_BACK_WORDS = 70;
const MAX_LIST_ITEMS = 8;

const deckFileNames = readdirSync(DECKS_DIR)
  .filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE)
  .sort();

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, DECKS_DIR), 'utf8'));
}

/** Lower case, straight quotes, no Markdown emphasis, single spaces. */
function normalize(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\*\*/g, '')
    .replace(/[│┌┐└┘├┤─]/g, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function noteText(note: NoteInput): string {
  return note.type === 'cloze' ? `${note.text}\n${note.extra ?? ''}` : `${note.front}\n${note.back}`;
}

function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Longest run of consecutive Markdown list lines. */
function longestList(markdown: string): number {
  let longest = 0;
  let run = 0;
  for (const line of markdown.split('\n')) {
    run = /^\s*(?:[-*+]|\d+\.)\s/.test(line) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

let decks: DeckFileV1[] = [];
let cards: CardContent[] = [];

beforeAll(async () => {
  decks = await loadBuiltInDecks();
  cards = decks.flatMap(expandDeckFile);
});

describe('built-in deck files', () => {
  it('are the three or more Failure & Learning decks, all loaded by loadBuiltInDecks', () => {
    expect(deckFileNames.length).toBeGreaterThanOrEqual(3);
    const fileDeckIds = deckFileNames.map((name) => (readJson(name) as { deck: { id: string } }).deck.id).sort();
    expect(decks.map((d) => d.deck.id).sort()).toEqual(fileDeckIds);
    for (const deck of decks) {
      expect(deck.deck.group).toBe(GROUP);
      expect(deck.deck.contentVersion).toMatch(/\S/);
    }
  });

  it.each(deckFileNames)('%s passes the validator with no warnings', (name) => {
    const result = validateDeckFile(readJson(name));
    expect(result.ok ? result.warnings : result.errors).toEqual([]);
  });

  it.each(deckFileNames)('%s passes decks/deck.schema.json', (name) => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(readJson(SCHEMA_FILE) as SchemaObject);
    const isValid = validate(readJson(name));
    expect(validate.errors ?? []).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('has deck ids and card ids that are unique across all built-in decks', () => {
    const deckIds = decks.map((d) => d.deck.id);
    expect(new Set(deckIds).size).toBe(deckIds.length);
    const noteIds = decks.flatMap((d) => d.cards.map((c) => c.id));
    expect(new Set(noteIds).size).toBe(noteIds.length);
    const cardIds = cards.map((c) => c.id);
    expect(new Set(cardIds).size).toBe(cardIds.length);
    for (const id of noteIds) expect(id).toMatch(/^fl-[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('never renames or drops a card id that has shipped, except the ones retired on purpose', () => {
    const shipped = JSON.parse(readFileSync(new URL('../fixtures/built-in-card-ids.json', import.meta.url), 'utf8')) as string[];
    const retired = new Set(Object.values(RETIRED_CARD_IDS).flat());
    const current = new Set(cards.map((c) => c.id));
    expect(shipped.filter((id) => !current.has(id) && !retired.has(id)), 'shipped ids missing from the decks').toEqual([]);
    expect([...retired].filter((id) => !shipped.includes(id)), 'retired ids that never shipped').toEqual([]);
    expect([...retired].filter((id) => current.has(id)), 'retired ids back in a deck').toEqual([]);
    expect(cards.map((c) => c.id).filter((id) => !shipped.includes(id)), 'add new card ids to tests/fixtures/built-in-card-ids.json').toEqual([]);
  });

  it('records a new BUILT_IN_DECKS_VERSION whenever the content changes', () => {
    const content = deckFileNames.map((name) => `${name}\n${JSON.stringify(readJson(name))}`).join('\n');
    const hash = createHash('sha256').update(content).digest('hex');
    expect(CONTENT_HASHES, `add '${BUILT_IN_DECKS_VERSION}': '${hash}' to CONTENT_HASHES`).toHaveProperty([BUILT_IN_DECKS_VERSION]);
    expect(hash, `deck content changed: bump BUILT_IN_DECKS_VERSION, then add its entry with hash '${hash}'`).toBe(
      CONTENT_HASHES[BUILT_IN_DECKS_VERSION],
    );
    for (const deck of decks) expect(deck.deck.contentVersion).toBe(BUILT_IN_DECKS_VERSION);
  });

  it('fits on a phone: backs of at most ~70 words, lists of at most 8 items', () => {
    const tooLong = cards.filter((c) => wordCount(c.back) > MAX_BACK_WORDS || wordCount(c.front) > MAX_BACK_WORDS).map((c) => c.id);
    expect(tooLong).toEqual([]);
    const longLists = cards.filter((c) => longestList(c.front) > MAX_LIST_ITEMS || longestList(c.back) > MAX_LIST_ITEMS).map((c) => c.id);
    expect(longLists).toEqual([]);
    const bigClozes = decks.flatMap((d) => d.cards).filter((n) => n.type === 'cloze' && clozeNumbers(n.text).length > MAX_LIST_ITEMS);
    expect(bigClozes.map((n) => n.id)).toEqual([]);
  });

  it('gives every card a source that is a section heading of the chapter, the Russian section labels in English', () => {
    const chapter = readFileSync(CHAPTER_URL, 'utf8');
    // The chapter mixes Russian section labels with English content; an English card names them in English.
    const english: Record<string, string> = { 'Что проверяют': 'What interviewers check', 'Follow-up вопросы': 'Follow-up questions' };
    const headings = new Set(
      chapter
        .split('\n')
        .filter((line) => line.startsWith('## '))
        .map((line) => line.slice(3).trim().replace(/^"(.*)"$/, '$1'))
        .map((heading) => english[heading] ?? heading),
    );
    expect([...headings].filter((heading) => /[А-Яа-яЁё]/.test(heading) && decks.some((d) => d.cards.some((n) => n.source === heading)))).toEqual([]);
    const bad = decks.flatMap((d) => d.cards).filter((n) => n.source === undefined || !headings.has(n.source));
    expect(bad.map((n) => `${n.id}: ${n.source}`)).toEqual([]);
  });
});

/** `normalize`, then letters and digits only: punctuation and Markdown do not count. */
function loose(text: string): string {
  return normalize(text)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words that carry no content of their own when two cards are compared. */
const FILLER = new Set(['the', 'and', 'for', 'with', 'your', 'you', 'its', 'are', 'was', 'that', 'this', 'what', 'which', 'does', 'how', 'why']);

function contentWords(text: string, minLength = 3): string[] {
  return [...new Set(loose(text).split(' ').filter((word) => word.length >= minLength && !FILLER.has(word)))];
}

/** The brief answer a card's back opens with, in bold (`**Blaming others.** ...`; not a label such as `**Why:**`), or null. */
function boldHeadline(back: string): string | null {
  const match = /^\*\*(.+?)\*\*/.exec(back.trim());
  return match?.[1] && !match[1].trim().endsWith(':') ? loose(match[1]) : null;
}

/** What cues a card: the words its front quotes, or its whole front. */
function cueWords(front: string): string[] {
  const quoted = [...front.matchAll(/[“"]([^”"]+)[”"]/g)].map((match) => match[1] ?? '');
  return contentWords(quoted.length > 0 ? quoted.join(' ') : front, 4);
}

/** A line that asks for something: a question, or an instruction. */
const PROMPT = /\?|^\s*(?:\*\*)?(?:reframe|name|give|spot|complete|list|explain|describe)\b/im;

describe('built-in decks say each fact once', () => {
  it('have no cloze note whose answers are all in another card\'s answer (a list card and its own clozes)', () => {
    const notes = decks.flatMap((d) => d.cards);
    const twins: string[] = [];
    for (const note of notes) {
      if (note.type !== 'cloze') continue;
      const answers = parseClozes(note.text).map((span) => contentWords(span.answer));
      if (answers.length < 2) continue;
      for (const card of cards) {
        if (card.noteId === note.id) continue;
        const words = new Set(contentWords(card.back));
        if (answers.every((answer) => answer.length > 0 && answer.every((word) => words.has(word)))) twins.push(`${note.id} ~ ${card.id}`);
      }
    }
    expect(twins).toEqual([]);
  });

  it('have no two cards of different notes with the same answer', () => {
    const byBack = new Map<string, string[]>();
    for (const card of cards) {
      const key = loose(card.back);
      byBack.set(key, [...(byBack.get(key) ?? []), card.noteId]);
    }
    const same = [...byBack.values()].filter((noteIds) => new Set(noteIds).size > 1);
    expect(same).toEqual([]);
  });

  it('have no question-and-answer card whose answer is all inside another one\'s answer', () => {
    const basics = cards.filter((card) => card.template !== 'cloze');
    const repeated: string[] = [];
    for (const asked of basics) {
      const answer = contentWords(asked.back);
      if (answer.length < 2) continue;
      for (const other of basics) {
        if (other.noteId === asked.noteId) continue;
        const words = new Set(contentWords(other.back));
        if (answer.every((word) => words.has(word))) repeated.push(`${asked.id} in ${other.id}`);
      }
    }
    expect(repeated).toEqual([]);
  });

  it('have no front that gives away another card: its cue and its answer together', () => {
    const giveaways: string[] = [];
    for (const asked of cards) {
      if (asked.template === 'cloze') continue;
      const answer = boldHeadline(asked.back);
      const cue = cueWords(asked.front);
      if (answer === null || cue.length < 2) continue;
      for (const shown of cards) {
        if (shown.noteId === asked.noteId) continue;
        const front = loose(shown.front);
        const frontWords = new Set(front.split(' '));
        const cued = cue.filter((word) => frontWords.has(word)).length;
        if (front.includes(answer) && cued >= Math.max(2, Math.ceil(cue.length / 2))) giveaways.push(`${shown.id} answers ${asked.id}`);
      }
    }
    expect(giveaways).toEqual([]);
  });

  it('ask for something on every front that is not a cloze, reverse sides included', () => {
    const bare = cards.filter((card) => card.template !== 'cloze' && !PROMPT.test(card.front.replace(/\*\*/g, '')));
    expect(bare.map((card) => `${card.id}: ${card.front}`)).toEqual([]);
  });
});

/**
 * Every item the chapter teaches, the exact words it uses (checked against
 * the chapter so this list stays faithful), and phrases that one built-in
 * note must contain to count as covering it.
 */
interface Coverage {
  item: string;
  /** Substrings of the chapter (compared after `normalize`). */
  inChapter: string[];
  /** Phrases that must all occur in a single note (compared after `normalize`). */
  inCard: string[];
}

const cover = (item: string, inCard: string[] = [item], inChapter: string[] = [item]): Coverage => ({ item, inChapter, inCard });

const COVERAGE: Record<string, Coverage[]> = {
  'main questions': [
    cover('Tell me about a time you failed', ['"tell me about a time you failed."', 'situation', 'task', 'action', 'result']),
    cover('Tell me about a mistake you made', ['"tell me about a mistake you made."', 'technical', 'process', 'people']),
    cover("Tell me about a project that didn't go as planned", ['"tell me about a project that didn\'t go as planned."', 'how you adapted', 'lessons learned']),
    cover('Describe a time you had to deliver bad news', ['"describe a time you had to deliver bad news."', 'manager first', 'decision, not forgiveness']),
    cover('How do you handle setbacks?', ['"how do you handle setbacks?"', 'acknowledge', 'reflect and integrate']),
    cover("Tell me about something you'd do differently", ['"tell me about something you\'d do differently."', 'speak up', 'propose alternatives', 'gather data']),
  ],
  'follow-up questions': [
    cover('"What would you do differently now?"'),
    cover('"How did your team/manager react?"'),
    cover('"What processes did you change as a result?"'),
    cover('"Have you seen similar failures since? How did you prevent them?"'),
    cover('"What\'s the biggest lesson you\'ve learned from failure?"'),
    cover('"How do you handle failure in your team members?"'),
  ],
  signals: [
    cover('Self-awareness'),
    cover('Ownership and accountability'),
    cover('Growth mindset'),
    cover('Learning from mistakes'),
    cover('Resilience'),
    cover('Honesty and humility'),
    cover('Preventing future failures'),
  ],
  'red flags': [
    cover('"I can\'t think of a failure"', ['red flag', "i can't think of a failure", 'why', 'instead']),
    cover('Blaming others', ['red flag', 'blaming others', 'why', 'instead']),
    cover('Trivial failures', ['red flag', 'trivial failure', 'why', 'instead']),
    cover('Failures without learning', ['red flag', 'failure without learning', 'why', 'instead']),
    cover('Failures from too long ago', ['red flag', 'failure from too long ago', 'why', 'instead', '2–3 years']),
    cover('Not taking enough responsibility', ['red flag', 'not taking enough responsibility', 'why', 'instead']),
  ],
  'fixed -> growth reframes': [
    cover('I failed -> I learned', ['fixed mindset: "i failed."', 'growth mindset: "i learned."'], ['"I failed"', '"I learned"']),
    cover("I'm not good at X -> ... yet", ['"i\'m not good at x."', '"i\'m not good at x yet."'], ['"I\'m not good at X"', '"I\'m not good at X yet"']),
    cover('This is too hard -> This will take effort', ['"this is too hard."', '"this will take effort."'], ['"This is too hard"', '"This will take effort"']),
    cover('Feedback is attack -> Feedback is data', ['"feedback is an attack."', '"feedback is data."'], ['"Feedback is attack"', '"Feedback is data"']),
    cover("Others' success threatens me -> inspiring/educational", ['"others\' success threatens me."', '"others\' success inspires and teaches me."'], ['"Others\' success', 'threatens me"', 'inspiring/educational"']),
  ],
  'key practices': [
    cover('Seek feedback actively'),
    cover('Celebrate effort, not just results'),
    cover('View challenges as opportunities'),
    cover("Learn from others' successes"),
    cover('Embrace "productive struggle"'),
  ],
  'postmortem structure': [
    cover('Timeline of events'),
    cover('Impact (users, revenue, reputation)'),
    cover('Root cause analysis (5 Whys)'),
    cover('What went well'),
    cover('What went wrong'),
    cover('Action items with owners and deadlines'),
  ],
  'postmortem principles': [
    cover('Focus on systems, not people'),
    cover('"How did the system allow this?" not "Who did this?"', ['"how did the system allow this?"', '"who did this?"']),
    cover('Assume competent people trying their best'),
    cover('Document for learning, not blame'),
    cover('Follow through on action items'),
  ],
  'blameless question framing': [
    cover('Who deployed the broken code? -> What made it possible ...', ['"who deployed the broken code?"', '"what made it possible for broken code to reach production?"'], [
      '"Who deployed the broken code?"',
      '"What made it possible for broken code to reach production?"',
    ]),
  ],
};

const EXPECTED_COUNTS: Record<string, number> = {
  'main questions': 6,
  'follow-up questions': 6,
  signals: 7,
  'red flags': 6,
  'fixed -> growth reframes': 5,
  'key practices': 5,
  'postmortem structure': 6,
  'postmortem principles': 5,
  'blameless question framing': 1,
};

describe('coverage of the Failure & Learning chapter', () => {
  const chapter = normalize(readFileSync(CHAPTER_URL, 'utf8'));

  it('lists every item the chapter teaches', () => {
    expect(Object.fromEntries(Object.entries(COVERAGE).map(([k, v]) => [k, v.length]))).toEqual(EXPECTED_COUNTS);
  });

  for (const [group, items] of Object.entries(COVERAGE)) {
    it.each(items)(`${group}: "$item" is in the chapter and on a built-in card`, ({ inChapter, inCard }) => {
      for (const phrase of inChapter) expect(chapter, `chapter should contain ${phrase}`).toContain(normalize(phrase));
      const notes = decks.flatMap((d) => d.cards).map((n) => ({ id: n.id, text: normalize(noteText(n)) }));
      const covering = notes.filter((n) => inCard.every((phrase) => n.text.includes(normalize(phrase))));
      expect(covering.map((n) => n.id), `no note contains all of ${JSON.stringify(inCard)}`).not.toEqual([]);
    });
  }
});
