import { describe, expect, it } from 'vitest';
import { browseRowOf, filterRows, foldForSearch, plainLine, sortRows, tagsOf, type BrowseRow } from '../../src/domain/browse';
import { contentOfDraft, draftOf, draftProblems, EMPTY_DRAFT, tagsOfDraft } from '../../src/domain/noteDraft';
import { createNewCardState } from '../../src/domain/cardState';
import { CardQueue, CardState, type CardRecord } from '../../src/domain/types';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 12);
const day = { dayStartMs: Date.UTC(2026, 2, 10, 4), dayEndMs: Date.UTC(2026, 2, 11, 4) };

function card(id: string, overrides: Partial<CardRecord> = {}): CardRecord {
  return {
    id,
    noteId: id,
    deckId: 'd',
    template: 'basic',
    ordinal: 0,
    front: `Front ${id}`,
    back: `Back ${id}`,
    tags: [],
    position: 0,
    ...createNewCardState(NOW),
    ...overrides,
  };
}

const row = (id: string, overrides: Partial<CardRecord> = {}, createdAt = 0): BrowseRow => browseRowOf(card(id, overrides), { createdAt });

describe('browse model', () => {
  it('folds case, accents and blanks for search', () => {
    expect(foldForSearch('  Résumé\n ÉCOLE  Ёлка ')).toBe('resume ecole елка');
  });

  it('shows card text as one plain line', () => {
    expect(plainLine('**STAR**: [Situation](https://x.org), <b>Task</b>\n- {{c1::Action::verb}}')).toBe('STAR: Situation, Task - Action');
  });

  it('keeps plainLine linear on hostile text', () => {
    const start = performance.now();
    plainLine(`${'[['.repeat(200_000)}${'{{c1::a::'.repeat(50_000)}${'<a'.repeat(200_000)}`);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('finds every word anywhere in front, back or tags, whatever the case and accents', () => {
    const rows = [row('a', { back: 'The crème brûlée', tags: ['dessert'] }), row('b', { front: 'Crema' })];
    expect(filterRows(rows, { text: 'CREME brulee' }, day).map((r) => r.cardId)).toEqual(['a']);
    expect(filterRows(rows, { text: 'dessert' }, day).map((r) => r.cardId)).toEqual(['a']);
    expect(filterRows(rows, { text: 'cre' }, day).map((r) => r.cardId)).toEqual(['a', 'b']);
    expect(filterRows(rows, { text: '' }, day)).toHaveLength(2);
  });

  it('filters by state (a suspended review card is both), due, deck and tag; never lists retired cards', () => {
    const rows = [
      row('new'),
      row('learning', { state: CardState.Learning, queue: CardQueue.Learning, due: NOW + 60_000 }),
      row('overdue', { state: CardState.Review, queue: CardQueue.Review, due: NOW - 3 * DAY }),
      row('week', { state: CardState.Review, queue: CardQueue.Review, due: NOW + 3 * DAY, deckId: 'other' }),
      row('suspended', { state: CardState.Review, queue: CardQueue.Suspended, due: NOW - DAY, tags: ['leech'] }),
      row('buried', { queue: CardQueue.Buried }),
      row('retired', { queue: CardQueue.Retired }),
    ];
    const ids = (filter: Parameters<typeof filterRows>[1]) => filterRows(rows, filter, day).map((r) => r.cardId);
    expect(ids({ text: '', state: 'new' })).toEqual(['new', 'buried']);
    expect(ids({ text: '', state: 'learning' })).toEqual(['learning']);
    expect(ids({ text: '', state: 'review' })).toEqual(['overdue', 'week', 'suspended']);
    expect(ids({ text: '', state: 'suspended' })).toEqual(['suspended']);
    expect(ids({ text: '', state: 'buried' })).toEqual(['buried']);
    expect(ids({ text: '', state: 'leech' })).toEqual(['suspended']);
    expect(ids({ text: '', due: 'overdue' })).toEqual(['overdue']);
    expect(ids({ text: '', due: 'today' })).toEqual(['learning', 'overdue']);
    expect(ids({ text: '', due: 'week' })).toEqual(['learning', 'overdue', 'week']);
    expect(ids({ text: '', deckId: 'other' })).toEqual(['week']);
    expect(ids({ text: '', tag: 'leech' })).toEqual(['suspended']);
    expect(ids({ text: '' })).not.toContain('retired');
  });

  it('sorts by due (scheduled first), newest, last answered, lapses and difficulty', () => {
    const rows = [
      row('new', {}, 3),
      row('later', { state: CardState.Review, queue: CardQueue.Review, due: NOW + DAY, lapses: 1, difficulty: 4, lastReview: NOW - 2 * DAY }, 1),
      row('sooner', { state: CardState.Review, queue: CardQueue.Review, due: NOW, lapses: 5, difficulty: 9, lastReview: NOW - DAY }, 2),
    ];
    const ids = (sort: Parameters<typeof sortRows>[1]) => sortRows(rows, sort).map((r) => r.cardId);
    expect(ids('due')).toEqual(['sooner', 'later', 'new']);
    expect(ids('created')).toEqual(['new', 'sooner', 'later']);
    expect(ids('lastReview')).toEqual(['sooner', 'later', 'new']);
    expect(ids('lapses')).toEqual(['sooner', 'later', 'new']);
    expect(ids('difficulty')).toEqual(['sooner', 'later', 'new']);
    expect(tagsOf([row('a', { tags: ['b', 'a'] }), row('c', { tags: ['a'] })])).toEqual(['a', 'b']);
  });

  it('filters 100,000 rows in well under a frame budget per keystroke on this machine', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => row(`c${i}`, { front: `Question number ${i} about ownership`, back: `Answer ${i}` }));
    const start = performance.now();
    const found = filterRows(rows, { text: 'number 9999' }, day);
    const ms = performance.now() - start;
    // "9999" is in c9999, c19999 ... c99999 and c99990-c99998: 19 cards.
    expect(found).toHaveLength(19);
    expect(found[0]?.cardId).toBe('c9999');
    expect(ms).toBeLessThan(500);
  });
});

describe('note drafts', () => {
  it('reads a stored note and saves trimmed content with its tags', () => {
    const draft = draftOf({ type: 'cloze', text: '{{c1::Paris}}', tags: ['geo', 'eu'] });
    expect(draft).toEqual({ ...EMPTY_DRAFT, type: 'cloze', text: '{{c1::Paris}}', tags: 'geo eu' });
    expect(tagsOfDraft({ tags: ' a, b  a \u200B ' })).toEqual(['a', 'b']);
    expect(contentOfDraft({ ...EMPTY_DRAFT, front: ' Q ', back: ' A ' })).toEqual({ type: 'basic', front: 'Q', back: 'A' });
    expect(contentOfDraft({ ...EMPTY_DRAFT, type: 'cloze', text: ' {{c1::x}} ', extra: ' \u200B ' })).toEqual({ type: 'cloze', text: '{{c1::x}}' });
  });

  it('names what keeps a draft from being saved', () => {
    expect(draftProblems({ ...EMPTY_DRAFT, front: '\u200B', back: ' ' })).toEqual(['front-empty', 'back-empty']);
    expect(draftProblems({ ...EMPTY_DRAFT, type: 'reversible', front: 'Q', back: 'A' })).toEqual([]);
    expect(draftProblems({ ...EMPTY_DRAFT, type: 'cloze', text: ' ' })).toEqual(['cloze-text-empty']);
    expect(draftProblems({ ...EMPTY_DRAFT, type: 'cloze', text: 'Paris is in France' })).toEqual(['cloze-missing']);
    expect(draftProblems({ ...EMPTY_DRAFT, type: 'cloze', text: '{{c1::Paris is in France' })).toEqual(['cloze-malformed']);
    expect(draftProblems({ ...EMPTY_DRAFT, type: 'cloze', text: '{{c1::Paris}} and {{c2::France}}' })).toEqual([]);
  });
});
