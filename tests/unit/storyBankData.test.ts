// The story bank in the collection's data paths: the backup format (since
// version 3: stories and recordings, checked like every record), merging two
// devices' collections, and Check database's findings and repairs.
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/domain/base64';
import { BACKUP_FORMAT, validateBackup, type BackupFileV4, type BackupProblem, type BackupRecording } from '../../src/domain/backupFormat';
import { createNewCardState } from '../../src/domain/cardState';
import { checkCollection, countFindings, hasRepairs, type CollectionRecords as CheckRecords } from '../../src/domain/collectionCheck';
import { mergeCollections, type CollectionRecords } from '../../src/domain/collectionMerge';
import { expandNote } from '../../src/domain/notes';
import { MAX_RECORDING_BYTES, STORIES_DECK_ID, type RecordingInfo, type StoryRecord } from '../../src/domain/stories';
import { DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID, DEFAULT_SETTINGS, type CardRecord, type DeckRecord, type NoteRecord } from '../../src/domain/types';

const T0 = Date.UTC(2026, 2, 10, 12);
const DAY = 86_400_000;
const TODAY = Math.floor(T0 / DAY);

const deck = (id: string, name: string): DeckRecord => ({ id, name, description: '', isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID, createdAt: T0 - DAY, updatedAt: T0 - DAY });

function note(id: string, deckId: string, front: string, origin: NoteRecord['origin'] = { kind: 'app' }): NoteRecord {
  return { id, deckId, sourceId: id, type: 'basic', front, back: `Back of ${id}`, tags: [], origin, position: 0, createdAt: T0 - DAY, modifiedAt: T0 - DAY };
}

const cardsOf = (notes: readonly NoteRecord[]): CardRecord[] =>
  notes.flatMap((n) => expandNote(n, n.position).map((content): CardRecord => ({ ...content, ...createNewCardState(T0 - DAY) })));

const story: StoryRecord = {
  id: 's1',
  title: 'The outage',
  situation: 'Checkout was down.',
  task: 'Bring it back.',
  action: 'Rolled back.',
  result: 'Back in 10 minutes.',
  resultNumbers: '10 min',
  learned: 'Canary first.',
  short: 'I rolled back.',
  signals: ['ownership'],
  tags: ['incident'],
  noteIds: ['q1', 'q2'],
  studyNoteId: 'sn1',
  createdAt: T0 - DAY,
  modifiedAt: T0 - DAY,
};

const AUDIO = new Uint8Array([26, 69, 223, 163, 1, 2, 3, 250, 251, 252]);

function recording(id: string, ownerKind: 'story' | 'note', ownerId: string, bytes = AUDIO): BackupRecording {
  return { id, ownerKind, ownerId, createdAt: T0, durationMs: 1500, mimeType: 'audio/webm;codecs=opus', size: bytes.length, audio: bytesToBase64(bytes) };
}

const notes = [note('q1', 'd1', 'Tell me about an outage.'), note('q2', 'd1', 'A conflict?'), note('sn1', STORIES_DECK_ID, '**The outage**', { kind: 'story', storyId: 's1' })];

/** A version-4 file (no media): a question deck, the stories deck, a story linking two questions, a recording of the story and one of a question. */
function storyBankBackup(): BackupFileV4 {
  return structuredClone<BackupFileV4>({
    format: BACKUP_FORMAT,
    version: 4,
    exportedAt: T0,
    appVersion: '0.2.0',
    decks: [deck('d1', 'Behavioral'), deck(STORIES_DECK_ID, 'My stories')],
    notes,
    cards: cardsOf(notes),
    reviewLogs: [],
    deckOptions: [{ ...DEFAULT_DECK_OPTIONS }],
    settings: { ...DEFAULT_SETTINGS },
    stories: [story],
    recordings: [recording('r1', 'story', 's1'), recording('r2', 'note', 'q1')],
    media: [],
  });
}

function problemsOf(change: (file: BackupFileV4) => void): BackupProblem[] {
  const file = storyBankBackup();
  change(file);
  const result = validateBackup(JSON.parse(JSON.stringify(file)));
  return result.ok ? [] : result.problems;
}

describe('the story bank in the backup format', () => {
  it('accepts stories and recordings as written, and its own output again', () => {
    const result = validateBackup(JSON.parse(JSON.stringify(storyBankBackup())));
    expect(result).toEqual({ ok: true, backup: storyBankBackup() });
  });

  it('reads a version-2 file (no story bank) as version 4 with no stories, no recordings and no media', () => {
    const { stories: _stories, recordings: _recordings, media: _media, ...rest } = storyBankBackup();
    void [_stories, _recordings, _media];
    const result = validateBackup(JSON.parse(JSON.stringify({ ...rest, version: 2 })));
    expect(result.ok && result.backup).toMatchObject({ version: 4, stories: [], recordings: [], media: [], notes });
  });

  it('reads a version-3 file (no media) as version 4 with its story bank and no media', () => {
    const { media: _media, ...rest } = storyBankBackup();
    void _media;
    expect(validateBackup(JSON.parse(JSON.stringify({ ...rest, version: 3 })))).toEqual({ ok: true, backup: storyBankBackup() });
  });

  it('refuses a file from a newer app (version 5)', () => {
    expect(validateBackup({ ...storyBankBackup(), version: 5 })).toEqual({ ok: false, problems: [{ code: 'newer-version', version: 5 }] });
  });

  it('refuses a version-3 file without its story bank lists', () => {
    expect(problemsOf((file) => Reflect.deleteProperty(file, 'stories'))).toEqual([{ code: 'field', record: 'file', field: 'stories', expected: 'list' }]);
    expect(problemsOf((file) => Reflect.set(file, 'recordings', {}))).toEqual([{ code: 'field', record: 'file', field: 'recordings', expected: 'list', found: '{…}' }]);
  });

  it('refuses a story linking a note, or naming a study note, that is not in the backup', () => {
    const place = { record: 'story', index: 0, id: 's1' } as const;
    expect(problemsOf((file) => (file.stories[0] = { ...story, noteIds: ['q1', 'gone'] }))).toEqual([{ code: 'missing-reference', ...place, target: 'note', targetId: 'gone' }]);
    expect(problemsOf((file) => (file.stories[0] = { ...story, studyNoteId: 'sn-gone' }))).toEqual([{ code: 'missing-reference', ...place, target: 'note', targetId: 'sn-gone' }]);
    // A story without a study note yet ('') is what the app stores until its next save.
    expect(problemsOf((file) => (file.stories[0] = { ...story, studyNoteId: '' }))).toEqual([]);
  });

  it('refuses a story with a field of the wrong kind, and a second story with the same id', () => {
    expect(problemsOf((file) => Reflect.set(file.stories[0] ?? {}, 'signals', 'ownership'))).toEqual([
      { code: 'field', record: 'story', index: 0, id: 's1', field: 'signals', expected: 'text-list', found: '"ownership"' },
    ]);
    expect(problemsOf((file) => Reflect.set(file.stories[0] ?? {}, 'noteIds', ['q1', 7]))).toEqual([
      { code: 'field', record: 'story', index: 0, id: 's1', field: 'noteIds', expected: 'note-id-list', found: '[…]' },
    ]);
    expect(problemsOf((file) => file.stories.push({ ...story }))).toEqual([{ code: 'duplicate-id', record: 'story', index: 1, id: 's1' }]);
  });

  it('refuses a recording whose owner is not in the backup, by the kind of owner', () => {
    expect(problemsOf((file) => file.recordings.push(recording('r3', 'story', 's-gone')))).toEqual([
      { code: 'missing-reference', record: 'recording', index: 2, id: 'r3', target: 'story', targetId: 's-gone' },
    ]);
    expect(problemsOf((file) => file.recordings.push(recording('r3', 'note', 's1')))).toEqual([
      { code: 'missing-reference', record: 'recording', index: 2, id: 'r3', target: 'note', targetId: 's1' },
    ]);
  });

  it('refuses audio that is not base64, a size that is not the audio’s, an empty or too large recording, an unknown owner kind', () => {
    const place = { record: 'recording', index: 0, id: 'r1' } as const;
    expect(problemsOf((file) => Reflect.set(file.recordings[0] ?? {}, 'audio', 'not base64!'))).toEqual([
      { code: 'field', ...place, field: 'audio', expected: 'base64', found: '"not base64!"' },
    ]);
    expect(problemsOf((file) => Reflect.set(file.recordings[0] ?? {}, 'size', AUDIO.length + 1))).toEqual([
      { code: 'recording-size', ...place, size: AUDIO.length + 1, decoded: AUDIO.length },
    ]);
    expect(problemsOf((file) => Reflect.set(file.recordings[0] ?? {}, 'size', MAX_RECORDING_BYTES + 1))).toEqual([
      { code: 'field', ...place, field: 'size', expected: 'whole-range', min: 1, max: MAX_RECORDING_BYTES, found: String(MAX_RECORDING_BYTES + 1) },
    ]);
    expect(problemsOf((file) => (file.recordings[0] = recording('r1', 'story', 's1', new Uint8Array(0))))).toEqual([
      { code: 'field', ...place, field: 'size', expected: 'whole-range', min: 1, max: MAX_RECORDING_BYTES, found: '0' },
    ]);
    expect(problemsOf((file) => Reflect.set(file.recordings[0] ?? {}, 'ownerKind', 'deck'))).toEqual([
      { code: 'field', ...place, field: 'ownerKind', expected: 'owner-kind', found: '"deck"' },
    ]);
  });
});

// ---------------------------------------------------------------------------

function collection(): CollectionRecords {
  const { decks, notes: allNotes, cards, reviewLogs, deckOptions, settings, stories, recordings } = storyBankBackup();
  return { decks, notes: allNotes, cards, reviewLogs, deckOptions, settings, stories, recordings, media: [] };
}

const withoutAudio = (recording: RecordingInfo): RecordingInfo => {
  const { audio: _audio, ...info } = recording as BackupRecording;
  void _audio;
  return info;
};

describe('merging the story bank', () => {
  it('takes the newer story either way, and merging twice changes nothing', () => {
    const a = collection();
    const b = collection();
    b.stories = [{ ...story, title: 'The big outage', modifiedAt: T0 }];
    const onA = mergeCollections(a, b, { studyDay: TODAY });
    expect(onA.summary).toMatchObject({ storiesAdded: 0, storiesUpdated: 1, recordingsAdded: 0 });
    expect(onA.changes.stories).toEqual(b.stories);
    expect(onA.merged.stories).toEqual(b.stories);
    expect(mergeCollections(onA.merged, b, { studyDay: TODAY }).hasChanges).toBe(false);
    // This side already has the newer one: nothing to take.
    expect(mergeCollections(b, a, { studyDay: TODAY }).hasChanges).toBe(false);
  });

  it('decides a tie of change times the same way whichever side is local', () => {
    const a = collection();
    const b = collection();
    a.stories = [{ ...story, title: 'Version A' }];
    b.stories = [{ ...story, title: 'Version B' }];
    const onA = mergeCollections(a, b, { studyDay: TODAY }).merged;
    const onB = mergeCollections(b, a, { studyDay: TODAY }).merged;
    expect(onA.stories).toEqual(onB.stories);
    expect(mergeCollections(onA, onB, { studyDay: TODAY }).hasChanges).toBe(false);
  });

  it('adds stories and recordings only one side has, and never loses a recording', () => {
    const a = collection();
    const b = collection();
    const second: StoryRecord = { ...story, id: 's2', title: 'The hire', noteIds: [], studyNoteId: '' };
    b.stories = [...b.stories, second];
    b.recordings = [...b.recordings, recording('r3', 'story', 's2')];
    a.recordings = [...a.recordings, recording('r4', 'note', 'q2')];
    const onA = mergeCollections(a, b, { studyDay: TODAY });
    expect(onA.summary).toMatchObject({ storiesAdded: 1, storiesUpdated: 0, recordingsAdded: 1 });
    expect(onA.changes.recordingIds).toEqual(['r3']);
    expect(onA.merged.recordings.map((r) => r.id).sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
    const onB = mergeCollections(b, a, { studyDay: TODAY });
    expect(onB.changes.recordingIds).toEqual(['r4']);
    expect(onB.merged.recordings.map((r) => r.id).sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(mergeCollections(onA.merged, b, { studyDay: TODAY }).hasChanges).toBe(false);
    expect(mergeCollections(onA.merged, onB.merged, { studyDay: TODAY }).hasChanges).toBe(false);
  });

  it('decides on a recording’s fields alone: stored ones (no audio) meet a file’s (base64)', () => {
    const a = collection();
    a.recordings = a.recordings.map(withoutAudio);
    expect(mergeCollections(a, collection(), { studyDay: TODAY }).hasChanges).toBe(false);
  });
});

// ---------------------------------------------------------------------------

function checkRecords(change: (records: CheckRecords & { notes: NoteRecord[]; stories: StoryRecord[] }) => void = () => undefined): CheckRecords {
  const file = storyBankBackup();
  const records = {
    decks: file.decks,
    notes: [...file.notes],
    cards: file.cards,
    reviews: [],
    deckOptions: file.deckOptions,
    buriedSince: null,
    stories: [...file.stories],
    recordings: file.recordings.map(withoutAudio),
    media: [],
  };
  change(records);
  return records;
}

const CONTEXT = { nowMs: T0, recoveredDeckName: 'Recovered cards' };

describe('Check database and the story bank', () => {
  it('finds nothing in a sound story bank', () => {
    const { findings, repairs } = checkCollection(checkRecords(), CONTEXT);
    expect(findings).toEqual([]);
    expect(hasRepairs(repairs)).toBe(false);
  });

  it('drops a story’s link to a note that no longer exists, keeping the story’s change time', () => {
    const records = checkRecords((r) => {
      r.notes = r.notes.filter((n) => n.id !== 'q2');
      r.recordings = r.recordings.filter((rec) => rec.ownerId !== 'q2');
    });
    const { findings, repairs } = checkCollection({ ...records, cards: (records.cards as CardRecord[]).filter((c) => c.noteId !== 'q2') }, CONTEXT);
    expect(findings).toEqual([{ code: 'story-link-without-note', storyId: 's1', noteId: 'q2' }]);
    expect(repairs.stories).toEqual([{ ...story, noteIds: ['q1'] }]);
    expect(repairs.deletedRecordingIds).toEqual([]);
  });

  it('clears the link to a study note that is gone (its next save makes one), and says so', () => {
    const records = checkRecords((r) => {
      r.notes = r.notes.filter((n) => n.id !== 'sn1');
    });
    const { findings, repairs } = checkCollection({ ...records, cards: (records.cards as CardRecord[]).filter((c) => c.noteId !== 'sn1') }, CONTEXT);
    expect(findings).toEqual([{ code: 'story-study-note-missing', storyId: 's1', noteId: 'sn1' }]);
    expect(repairs.stories).toEqual([{ ...story, studyNoteId: '' }]);
  });

  it('deletes a recording whose story or question is gone, counting the bytes it frees', () => {
    const records = checkRecords((r) => {
      r.stories = [];
      r.notes = r.notes.filter((n) => n.id !== 'q1');
    });
    const { findings, repairs } = checkCollection({ ...records, cards: (records.cards as CardRecord[]).filter((c) => c.noteId !== 'q1') }, CONTEXT);
    expect(findings).toEqual([
      { code: 'recording-without-owner', recordingId: 'r1', ownerId: 's1', bytes: AUDIO.length },
      { code: 'recording-without-owner', recordingId: 'r2', ownerId: 'q1', bytes: AUDIO.length },
    ]);
    expect(repairs.deletedRecordingIds).toEqual(['r1', 'r2']);
    expect(countFindings(findings)).toEqual([{ code: 'recording-without-owner', count: 2 }]);
  });

  it('keeps links to a note the check itself made again (a card without its note)', () => {
    const records = checkRecords((r) => {
      r.notes = r.notes.filter((n) => n.id !== 'q1');
    });
    const { findings, repairs } = checkCollection(records, CONTEXT);
    expect(findings.map((finding) => finding.code)).toEqual(['card-without-note']);
    expect(repairs.stories).toEqual([]);
    expect(repairs.deletedRecordingIds).toEqual([]);
  });
});
