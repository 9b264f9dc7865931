import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, validateBackup } from '../../src/domain/backupFormat';
import { expandDeckFile, validateDeckFile, type DeckFileV1 } from '../../src/domain/deckFormat';
import { cardsToNotes, deckToAnkiTsv, deckToJson, reviewLogToCsv, REVIEW_LOG_CSV_HEADER } from '../../src/domain/exporters';
import { parseImportFile } from '../../src/domain/importers';
import {
  DEFAULT_DECK_OPTIONS,
  DEFAULT_SETTINGS,
  type CardContent,
  type CardRecord,
  type DeckRecord,
  type ReviewLogRecord,
} from '../../src/domain/types';

const deckFile: DeckFileV1 = {
  format: 'interview-flashcards/deck',
  version: 1,
  deck: { id: 'demo', name: 'Failure & Learning', description: 'Demo deck', group: 'Behavioral' },
  cards: [
    { id: 'q-failed', type: 'basic', front: 'Tell me about a time you failed', back: '- **Situation:** stakes\n- **Result:** "what I learned"', tags: ['star', 'failure'] },
    { id: 'mindset', type: 'reversible', front: 'Growth mindset', back: 'Skills grow\twith effort', source: 'Growth Mindset Framework' },
    { id: 'post', type: 'cloze', text: 'Postmortems are {{c1::blameless}} and have {{c2::action items}}', extra: 'Google SRE' },
    { id: 'hash', type: 'basic', front: '#1 rule', back: 'Say "I", not "we"' },
  ],
};
const cards = expandDeckFile(deckFile);

const deckRecord: DeckRecord = {
  ...deckFile.deck,
  isBuiltIn: false,
  optionsId: 'default',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
};

describe('cardsToNotes', () => {
  it('regroups forward and reverse cards into a reversible note, other cards as basic notes', () => {
    const notes = cardsToNotes([...cards].reverse());
    expect(notes.map((n) => [n.id, n.type])).toEqual([
      ['q-failed', 'basic'],
      ['mindset', 'reversible'],
      ['post--c1', 'basic'],
      ['post--c2', 'basic'],
      ['hash', 'basic'],
    ]);
    expect(notes[1]).toEqual({ id: 'mindset', type: 'reversible', front: 'Growth mindset', back: 'Skills grow\twith effort', source: 'Growth Mindset Framework' });
  });

  it('exports a lone reverse card as a basic note with a valid id', () => {
    const reverse = cards.find((c) => c.template === 'reverse');
    expect(cardsToNotes(reverse ? [reverse] : [])).toEqual([{ id: 'mindset--reverse', type: 'basic', front: 'Skills grow\twith effort', back: 'Growth mindset', source: 'Growth Mindset Framework' }]);
  });
});

describe('deckToJson', () => {
  it('writes a deck file the validator accepts and that expands to the same basic/reversible cards', () => {
    const json = deckToJson(deckRecord, cards);
    const validation = validateDeckFile(JSON.parse(json));
    expect(validation.ok && validation.warnings).toEqual([]);
    if (!validation.ok) return;
    expect(validation.file.deck).toEqual(deckFile.deck);
    const again = expandDeckFile(validation.file);
    const pick = (list: CardContent[]): [string, string, string][] =>
      list.filter((c) => c.template !== 'cloze' && !c.id.startsWith('post')).map((c) => [c.id, c.front, c.back]);
    expect(pick(again)).toEqual(pick(cards));
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('round-trips through the deck JSON importer', async () => {
    const result = await parseImportFile(new TextEncoder().encode(deckToJson(deckFile.deck, cards)), { fileName: 'demo.json' });
    expect(result.messages).toEqual([]);
    expect(result.decks[0]?.notes).toHaveLength(5);
  });
});

describe('deckToAnkiTsv', () => {
  const tsv = deckToAnkiTsv(deckRecord, cards);

  it('starts with Anki header lines', () => {
    expect(tsv.split('\n').slice(0, 6)).toEqual([
      '#separator:tab',
      '#html:false',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
    ]);
    expect(tsv).toContain('\nq-failed\tBasic\tBehavioral::Failure & Learning\tTell me about a time you failed\t');
    expect(tsv).toContain('\nmindset\tBasic (and reversed card)\t');
    expect(tsv).toContain('\t"Skills grow\twith effort"\t');
  });

  it('round-trips through the Anki importer with the same ids, fronts and backs', async () => {
    const result = await parseImportFile(new TextEncoder().encode(tsv), { fileName: 'demo.txt' });
    expect(result.messages).toEqual([]);
    expect(result.decks).toHaveLength(1);
    expect(result.decks[0]?.deck).toMatchObject({ name: 'Failure & Learning', group: 'Behavioral' });
    const imported = result.decks[0]?.notes ?? [];
    expect(imported).toEqual(cardsToNotes(cards).map(({ source: _source, ...note }) => note));
    const reimportedCards = expandDeckFile({ format: 'interview-flashcards/deck', version: 1, deck: deckFile.deck, cards: imported });
    expect(reimportedCards.filter((c) => c.template !== 'basic' || !c.noteId.startsWith('post')).map((c) => c.id)).toEqual(
      cards.filter((c) => c.template !== 'cloze').map((c) => c.id),
    );
  });
});

describe('reviewLogToCsv', () => {
  const log = (cardId: string, reviewTime: number, rating: 1 | 2 | 3 | 4, state: 0 | 1 | 2 | 3, durationMs: number): ReviewLogRecord => ({
    cardId,
    deckId: 'demo',
    rating,
    state,
    due: 0,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    lastElapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reviewTime,
    durationMs,
    day: 0,
    before: { due: 0, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state, lastReview: null, queue: 0 },
  });

  it('writes the FSRS optimizer layout, oldest first, ids quoted', () => {
    const csv = reviewLogToCsv([log('q,2', 1_700_000_060_000, 1, 2, 8400.6), log('q"1', 1_700_000_000_000, 3, 0, -5)]);
    expect(csv).toBe(`${REVIEW_LOG_CSV_HEADER}\n"q""1",1700000000000,3,0,0\n"q,2",1700000060000,1,2,8401\n`);
    expect(REVIEW_LOG_CSV_HEADER).toBe('card_id,review_time,review_rating,review_state,review_duration');
  });

  it('writes only the header for an empty log', () => {
    expect(reviewLogToCsv([])).toBe(`${REVIEW_LOG_CSV_HEADER}\n`);
  });
});

describe('validateBackup', () => {
  const card: CardRecord = {
    ...(cards[0] as CardContent),
    due: 1_700_000_000_000,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: 0,
    lastReview: null,
    queue: 0,
  };
  const backup = {
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: 1_700_000_000_000,
    appVersion: '0.1.0',
    decks: [deckRecord],
    cards: [card],
    reviewLogs: [],
    deckOptions: [DEFAULT_DECK_OPTIONS],
    settings: { ...DEFAULT_SETTINGS, theme: 'dark' },
  };

  it('accepts a well-formed backup', () => {
    const result = validateBackup(JSON.parse(JSON.stringify(backup)));
    expect(result).toEqual({ ok: true, backup });
  });

  it('refuses a newer version with the update message', () => {
    expect(validateBackup({ ...backup, version: 2 })).toEqual({ ok: false, problems: [{ code: 'newer-version', version: 2 }] });
  });

  it('refuses another format', () => {
    const result = validateBackup({ ...backup, format: 'interview-flashcards/deck' });
    expect(result).toEqual({ ok: false, problems: [{ code: 'not-backup', found: '"interview-flashcards/deck"' }] });
  });

  it('names the record and field of each problem', () => {
    const result = validateBackup({ ...backup, cards: [{ ...card, due: 'soon', deckId: 'missing' }], decks: [{ ...deckRecord, optionsId: 'nope' }] });
    expect(result.ok ? [] : result.problems).toEqual([
      { code: 'missing-reference', record: 'deck', index: 0, id: 'demo', target: 'options', targetId: 'nope' },
      { code: 'field', record: 'card', index: 0, id: 'q-failed', field: 'due', expected: 'date', found: '"soon"' },
      { code: 'missing-reference', record: 'card', index: 0, id: 'q-failed', target: 'deck', targetId: 'missing' },
    ]);
  });

  it('fills missing settings with defaults', () => {
    const result = validateBackup({ ...backup, settings: { theme: 'light' } });
    expect(result.ok && result.backup.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });

  it('caps the list at 20 errors plus a count', () => {
    const bad = Array.from({ length: 30 }, (_, i) => ({ ...card, id: `c${i}`, due: null }));
    const result = validateBackup({ ...backup, cards: bad });
    expect(result.ok ? [] : result.problems).toHaveLength(21);
    expect(result.ok ? null : result.problems[20]).toEqual({ code: 'more', count: 10 });
  });

  it('says what is wrong when the arrays are missing', () => {
    const rest: Record<string, unknown> = { ...backup };
    delete rest.cards;
    expect(validateBackup(rest)).toEqual({ ok: false, problems: [{ code: 'field', record: 'file', field: 'cards', expected: 'list' }] });
  });
});
