import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, validateBackup } from '../../src/domain/backupFormat';
import { expandDeckFile, validateDeckFile, type DeckFileV1 } from '../../src/domain/deckFormat';
import { deckToAnkiTsv, deckToJson, reviewLogToCsv, REVIEW_LOG_CSV_HEADER } from '../../src/domain/exporters';
import { parseImportFile } from '../../src/domain/importers';
import {
  DEFAULT_DECK_OPTIONS,
  DEFAULT_SETTINGS,
  type CardContent,
  type CardRecord,
  type DeckRecord,
  type NoteRecord,
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

/** The deck file's notes as storage keeps them (built-in style: the file id is the global id). */
const notes: NoteRecord[] = deckFile.cards.map((note, position) => {
  const { id, tags, source, ...content } = note;
  return {
    ...content,
    id,
    deckId: deckFile.deck.id,
    sourceId: id,
    tags: tags ?? [],
    ...(source !== undefined ? { source } : {}),
    origin: { kind: 'built-in' },
    position,
    createdAt: 0,
    modifiedAt: 0,
  };
});

describe('deckToJson', () => {
  it('writes every note with its type, source text, file id and global id, and the validator accepts it', () => {
    const json = deckToJson(deckRecord, [...notes].reverse());
    const validation = validateDeckFile(JSON.parse(json));
    expect(validation.ok && validation.warnings).toEqual([]);
    if (!validation.ok) return;
    expect(validation.file.deck).toEqual(deckFile.deck);
    expect(validation.file.cards).toEqual(deckFile.cards.map((note) => ({ ...note, guid: note.id })));
    // The cloze note keeps its {{cN::...}} text: it expands to the same cards.
    expect(expandDeckFile(validation.file)).toEqual(cards);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('round-trips through the deck JSON importer', async () => {
    const result = await parseImportFile(new TextEncoder().encode(deckToJson(deckFile.deck, notes)), { fileName: 'demo.json' });
    expect(result.messages).toEqual([]);
    expect(result.decks[0]?.notes).toHaveLength(4);
  });
});

describe('deckToAnkiTsv', () => {
  const toHtml = (markdown: string) => `<p>${markdown.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`;
  const tsv = deckToAnkiTsv(deckRecord, notes, toHtml);

  it('starts with Anki header lines and writes HTML fields', () => {
    expect(tsv.split('\n').slice(0, 6)).toEqual([
      '#separator:tab',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
    ]);
    expect(tsv).toContain('\nq-failed\tBasic\tBehavioral::Failure & Learning\t<p>Tell me about a time you failed</p>\t');
    expect(tsv).toContain('<strong>Situation:</strong>');
    expect(tsv).not.toContain('**');
    expect(tsv).toContain('\nmindset\tBasic (and reversed card)\t');
    expect(tsv).toContain('\npost\tCloze\tBehavioral::Failure & Learning\t<p>Postmortems are {{c1::blameless}} and have {{c2::action items}}</p>\t<p>Google SRE</p>\t');
    expect(tsv).toContain('\t"<p>Skills grow\twith effort</p>"\t');
  });

  it('round-trips through the Anki importer: the same notes by guid, types and deck', async () => {
    const result = await parseImportFile(new TextEncoder().encode(tsv), { fileName: 'demo.txt' });
    expect(result.messages).toEqual([]);
    expect(result.decks).toHaveLength(1);
    expect(result.decks[0]?.deck).toMatchObject({ name: 'Failure & Learning', group: 'Behavioral' });
    const imported = result.decks[0]?.notes ?? [];
    expect(imported.map((note) => [note.guid, note.type])).toEqual(notes.map((note) => [note.id, note.type]));
  });
});

describe('reviewLogToCsv', () => {
  const log = (cardId: string, reviewTime: number, rating: 1 | 2 | 3 | 4, state: 0 | 1 | 2 | 3, durationMs: number): ReviewLogRecord => ({
    cardId,
    noteId: cardId,
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

function log0() {
  const before = { due: 0, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: 0 as const, lastReview: null, queue: 0 as const };
  return { cardId: 'q-failed', deckId: 'demo', rating: 3 as const, state: 0 as const, due: 0, stability: 3, difficulty: 5, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 1, learningSteps: 0, reviewTime: 1_700_000_000_000, durationMs: 1000, day: 1, before };
}

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
    version: 4,
    exportedAt: 1_700_000_000_000,
    appVersion: '0.1.0',
    decks: [deckRecord],
    notes: [notes[0]],
    cards: [card],
    reviewLogs: [],
    deckOptions: [DEFAULT_DECK_OPTIONS],
    settings: { ...DEFAULT_SETTINGS, theme: 'dark' },
    stories: [],
    recordings: [],
    media: [],
  };

  it('accepts a well-formed backup', () => {
    const result = validateBackup(JSON.parse(JSON.stringify(backup)));
    expect(result).toEqual({ ok: true, backup });
  });

  it('reads a version-2 backup (no story bank) into version 4 with no stories, no recordings and no media', () => {
    const { stories: _stories, recordings: _recordings, media: _media, ...v2 } = backup;
    void [_stories, _recordings, _media];
    expect(validateBackup(JSON.parse(JSON.stringify({ ...v2, version: 2 })))).toEqual({ ok: true, backup });
  });

  it('reads a version-1 backup (cards only, numbered logs) into version 4: notes rebuilt, logs with global ids', () => {
    const { ordinal: _ordinal, ...v1Card } = card;
    void _ordinal;
    const v1Log = { ...log0(), id: 7 };
    const { notes: _notes, ...rest } = backup;
    void _notes;
    const result = validateBackup(JSON.parse(JSON.stringify({ ...rest, version: 1, cards: [{ ...v1Card, reps: 1, state: 2, stability: 3, difficulty: 5, lastReview: 1_700_000_000_000, queue: 2 }], reviewLogs: [v1Log] })));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.backup.version).toBe(4);
    expect(result.backup.stories).toEqual([]);
    expect(result.backup.media).toEqual([]);
    expect(result.backup.notes).toEqual([expect.objectContaining({ id: 'q-failed', type: 'basic', front: card.front, back: card.back, sourceId: 'q-failed' })]);
    expect(result.backup.cards[0]?.ordinal).toBe(0);
    expect(result.backup.reviewLogs[0]?.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(result.backup.reviewLogs[0]).toMatchObject({ cardId: 'q-failed', noteId: 'q-failed', rating: 3 });
    // The same log always gets the same id (one backup restored on two devices merges cleanly).
    const again = validateBackup(JSON.parse(JSON.stringify({ ...rest, version: 1, cards: [v1Card], reviewLogs: [v1Log] })));
    expect(again.ok && again.backup.reviewLogs[0]?.id).toBe(result.backup.reviewLogs[0]?.id);
    expect(result.backup.decks[0]).toMatchObject({ id: 'demo', sourceId: 'demo' });
  });

  it('refuses a newer version with the update message', () => {
    expect(validateBackup({ ...backup, version: 5 })).toEqual({ ok: false, problems: [{ code: 'newer-version', version: 5 }] });
  });

  it('refuses a card whose note is not in the backup', () => {
    const result = validateBackup({ ...backup, notes: [] });
    expect(result.ok ? [] : result.problems).toEqual([{ code: 'missing-reference', record: 'card', index: 0, id: 'q-failed', target: 'note', targetId: 'q-failed' }]);
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
