// Media files (images and sounds cards show) in the collection's data paths:
// the backup format (version 4: media checked like every record; versions 1
// to 3 read with none), merging two devices' media by name and hash, Check
// database's unused and missing media, what counts as content, and a sound
// or an image in a Browse row.
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/domain/base64';
import { BACKUP_FORMAT, validateBackup, type BackupFileV4, type BackupMedia, type BackupProblem, type MediaInfo } from '../../src/domain/backupFormat';
import { plainLine } from '../../src/domain/browse';
import { createNewCardState } from '../../src/domain/cardState';
import {
  checkCollection,
  countFindings,
  hasRepairs,
  INFORMATIONAL_FINDING_CODES,
  mediaNamesOfNote,
  type CollectionRecords as CheckRecords,
} from '../../src/domain/collectionCheck';
import { mergeCollections, type CollectionRecords } from '../../src/domain/collectionMerge';
import { expandNote } from '../../src/domain/notes';
import { DEFAULT_DECK_OPTIONS, DEFAULT_OPTIONS_ID, DEFAULT_SETTINGS, type CardRecord, type DeckRecord, type NoteContent, type NoteRecord } from '../../src/domain/types';
import { hasVisibleContent, hasVisibleText } from '../../src/domain/visibleText';

const T0 = Date.UTC(2026, 2, 10, 12);
const DAY = 86_400_000;
const TODAY = Math.floor(T0 / DAY);
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);

const deck: DeckRecord = { id: 'd1', name: 'Pictures', description: '', isBuiltIn: false, optionsId: DEFAULT_OPTIONS_ID, createdAt: T0 - DAY, updatedAt: T0 - DAY };

function note(id: string, content: NoteContent): NoteRecord {
  return { ...content, id, deckId: 'd1', sourceId: id, tags: [], origin: { kind: 'app' }, position: 0, createdAt: T0 - DAY, modifiedAt: T0 - DAY };
}

const catNote = note('n1', { type: 'basic', front: '<img src="cat.png">', back: 'A cat [sound:meow.mp3]' });
const parisNote = note('n2', { type: 'cloze', text: '{{c1::Paris}} <img src=\'paris.jpg\'>', extra: '[sound:bonjour.ogg]' });
const notes = [catNote, parisNote, note('n3', { type: 'basic', front: 'Plain', back: 'Text' })];

const cardsOf = (list: readonly NoteRecord[]): CardRecord[] =>
  list.flatMap((n) => expandNote(n, n.position).map((content): CardRecord => ({ ...content, ...createNewCardState(T0 - DAY) })));

function media(name: string, hash: string, bytes: number[] = [1, 2, 3], mime = 'image/png'): BackupMedia {
  return { name, mime, size: bytes.length, hash, addedAt: T0, data: bytesToBase64(new Uint8Array(bytes)) };
}

/** A version-4 file: a deck whose notes show three of the four media files it holds. */
function v4Backup(): BackupFileV4 {
  return structuredClone<BackupFileV4>({
    format: BACKUP_FORMAT,
    version: 4,
    exportedAt: T0,
    appVersion: '0.3.0',
    decks: [deck],
    notes,
    cards: cardsOf(notes),
    reviewLogs: [],
    deckOptions: [{ ...DEFAULT_DECK_OPTIONS }],
    settings: { ...DEFAULT_SETTINGS },
    stories: [],
    recordings: [],
    media: [media('cat.png', HASH_A), media('meow.mp3', HASH_B, [9, 9], 'audio/mpeg'), media('paris.jpg', HASH_C, [], 'image/jpeg'), media('unused.gif', HASH_A)],
  });
}

function problemsOf(change: (file: BackupFileV4) => void): BackupProblem[] {
  const file = v4Backup();
  change(file);
  const result = validateBackup(JSON.parse(JSON.stringify(file)));
  return result.ok ? [] : result.problems;
}

describe('backup format version 4', () => {
  it('accepts media files as written (an empty file too), and its own output again', () => {
    expect(validateBackup(JSON.parse(JSON.stringify(v4Backup())))).toEqual({ ok: true, backup: v4Backup() });
  });

  it('reads a version-3 file as version 4 with no media', () => {
    const { media: _media, ...rest } = v4Backup();
    void _media;
    const result = validateBackup(JSON.parse(JSON.stringify({ ...rest, version: 3 })));
    expect(result).toEqual({ ok: true, backup: { ...v4Backup(), media: [] } });
  });

  it('ignores a media list in a version-3 file (version 3 had none)', () => {
    const result = validateBackup(JSON.parse(JSON.stringify({ ...v4Backup(), version: 3, media: 'not a list' })));
    expect(result.ok && result.backup.media).toEqual([]);
  });

  it('refuses a file from a newer app with the update message', () => {
    expect(validateBackup({ ...v4Backup(), version: 5 })).toEqual({ ok: false, problems: [{ code: 'newer-version', version: 5 }] });
  });

  it('keeps hashes in lower case, as storage does', () => {
    const file = v4Backup();
    file.media = [media('cat.png', 'AB'.repeat(32))];
    const result = validateBackup(JSON.parse(JSON.stringify(file)));
    expect(result.ok && result.backup.media[0]?.hash).toBe('ab'.repeat(32));
  });

  it('refuses a version-4 file without its media list', () => {
    expect(problemsOf((file) => Reflect.deleteProperty(file, 'media'))).toEqual([{ code: 'field', record: 'file', field: 'media', expected: 'list' }]);
  });

  it('refuses a name that is not a plain file name, a name used twice, a bad hash, data that is not base64 or not of its size', () => {
    const place = { record: 'media', index: 0, id: 'cat.png' } as const;
    expect(problemsOf((file) => Reflect.set(file.media[0] ?? {}, 'name', '../cat.png'))).toEqual([
      { code: 'field', record: 'media', index: 0, id: '../cat.png', field: 'name', expected: 'media-name', found: '"../cat.png"' },
    ]);
    expect(problemsOf((file) => Reflect.set(file.media[0] ?? {}, 'name', 'https://example.com/cat.png'))).toMatchObject([{ code: 'field', field: 'name', expected: 'media-name' }]);
    expect(problemsOf((file) => Reflect.set(file.media[0] ?? {}, 'name', ''))).toEqual([{ code: 'field', record: 'media', index: 0, field: 'name', expected: 'media-name', found: '""' }]);
    expect(problemsOf((file) => file.media.push(media('cat.png', HASH_B)))).toEqual([{ code: 'duplicate-id', record: 'media', index: 4, id: 'cat.png' }]);
    expect(problemsOf((file) => Reflect.set(file.media[0] ?? {}, 'hash', 'abc'))).toEqual([{ code: 'field', ...place, field: 'hash', expected: 'sha256', found: '"abc"' }]);
    expect(problemsOf((file) => Reflect.set(file.media[0] ?? {}, 'data', 'not base64!'))).toEqual([
      { code: 'field', ...place, field: 'data', expected: 'data-base64', found: '"not base64!"' },
    ]);
    expect(problemsOf((file) => Reflect.set(file.media[0] ?? {}, 'size', 4))).toEqual([{ code: 'media-size', ...place, size: 4, decoded: 3 }]);
    expect(problemsOf((file) => Reflect.set(file.media[0] ?? {}, 'addedAt', -1))).toEqual([{ code: 'field', ...place, field: 'addedAt', expected: 'date', found: '-1' }]);
    expect(problemsOf((file) => Reflect.set(file.media[0] ?? {}, 'mime', 7))).toEqual([{ code: 'field', ...place, field: 'mime', expected: 'text', found: '7' }]);
  });
});

// ---------------------------------------------------------------------------

const infoOf = ({ data: _data, ...info }: BackupMedia): MediaInfo => {
  void _data;
  return info;
};

function collection(list: readonly BackupMedia[] | readonly MediaInfo[]): CollectionRecords {
  const { decks, notes: allNotes, cards, reviewLogs, deckOptions, settings, stories, recordings } = v4Backup();
  return { decks, notes: allNotes, cards, reviewLogs, deckOptions, settings, stories, recordings, media: [...list] };
}

describe('merging media files', () => {
  it('adds names only the other side has, keeps names both have with the same hash, and merging twice changes nothing', () => {
    const here = collection([media('cat.png', HASH_A)].map(infoOf));
    const there = collection([media('cat.png', HASH_A.toUpperCase()), media('meow.mp3', HASH_B)]);
    const result = mergeCollections(here, there, { studyDay: TODAY });
    expect(result.summary).toMatchObject({ mediaAdded: 1, mediaConflicts: 0 });
    expect(result.changes.mediaNames).toEqual(['meow.mp3']);
    expect(result.hasChanges).toBe(true);
    expect(result.merged.media.map((file) => file.name)).toEqual(['cat.png', 'meow.mp3']);
    expect(mergeCollections(result.merged, there, { studyDay: TODAY }).hasChanges).toBe(false);
  });

  it('keeps this device’s file when the other side has other bytes under its name, and counts it', () => {
    const here = collection([media('cat.png', HASH_A)].map(infoOf));
    const there = collection([media('cat.png', HASH_B, [7])]);
    const result = mergeCollections(here, there, { studyDay: TODAY });
    expect(result.summary).toMatchObject({ mediaAdded: 0, mediaConflicts: 1 });
    expect(result.changes.mediaNames).toEqual([]);
    expect(result.hasChanges).toBe(false);
    expect(result.merged.media).toEqual([infoOf(media('cat.png', HASH_A))]);
    // The other way round, the other device keeps its own.
    expect(mergeCollections(there, here, { studyDay: TODAY }).merged.media[0]?.hash).toBe(HASH_B);
  });

  it('never loses a file either side has', () => {
    const a = collection([media('a.png', HASH_A), media('both.png', HASH_B)]);
    const b = collection([media('b.png', HASH_C), media('both.png', HASH_B)]);
    const onA = mergeCollections(a, b, { studyDay: TODAY });
    const onB = mergeCollections(b, a, { studyDay: TODAY });
    expect(onA.merged.media.map((file) => file.name).sort()).toEqual(['a.png', 'b.png', 'both.png']);
    expect(onB.merged.media.map((file) => file.name).sort()).toEqual(['a.png', 'b.png', 'both.png']);
    expect(onA.summary.mediaAdded).toBe(1);
  });
});

// ---------------------------------------------------------------------------

function checkRecords(change: (records: CheckRecords & { notes: NoteRecord[]; media: MediaInfo[] }) => void = () => undefined): CheckRecords {
  const file = v4Backup();
  const records = {
    decks: file.decks,
    notes: [...file.notes],
    cards: file.cards,
    reviews: [],
    deckOptions: file.deckOptions,
    buriedSince: null,
    stories: [],
    recordings: [],
    media: file.media.map(infoOf),
  };
  change(records);
  return records;
}

const CONTEXT = { nowMs: T0, recoveredDeckName: 'Recovered cards' };

describe('Check database and media files', () => {
  it('reads the names a note shows from every field of its type', () => {
    expect(mediaNamesOfNote(catNote)).toEqual(['cat.png', 'meow.mp3']);
    expect(mediaNamesOfNote(parisNote)).toEqual(['paris.jpg', 'bonjour.ogg']);
    expect(mediaNamesOfNote({ type: 'basic', front: '<img src="https://x.org/a.png"> <img src="a.png"> <img src="a.png">', back: '' })).toEqual(['a.png']);
  });

  it('deletes a media file no note shows, freeing its bytes, and reports a note showing a file that is not held', () => {
    const { findings, repairs } = checkCollection(checkRecords(), CONTEXT);
    expect(findings).toEqual([
      { code: 'media-missing', noteId: 'n2', names: ['bonjour.ogg'] },
      { code: 'media-unused', name: 'unused.gif', bytes: 3 },
    ]);
    expect(repairs.deletedMediaNames).toEqual(['unused.gif']);
    expect(hasRepairs(repairs)).toBe(true);
    expect(countFindings(findings)).toEqual([
      { code: 'media-unused', count: 1 },
      { code: 'media-missing', count: 1 },
    ]);
    expect(INFORMATIONAL_FINDING_CODES).toEqual(['media-missing']);
  });

  it('repairs nothing for a missing file alone (only its source can bring it back)', () => {
    const records = checkRecords((r) => {
      r.media = r.media.filter((file) => file.name !== 'unused.gif');
    });
    const { findings, repairs } = checkCollection(records, CONTEXT);
    expect(findings).toEqual([{ code: 'media-missing', noteId: 'n2', names: ['bonjour.ogg'] }]);
    expect(hasRepairs(repairs)).toBe(false);
  });

  it('finds nothing when every file is shown and every shown file is held', () => {
    const records = checkRecords((r) => {
      r.media = [...r.media.filter((file) => file.name !== 'unused.gif'), infoOf(media('bonjour.ogg', HASH_B))];
    });
    expect(checkCollection(records, CONTEXT).findings).toEqual([]);
  });

  it('keeps a file shown only by a note the check rebuilds from its cards', () => {
    const records = checkRecords((r) => {
      r.notes = r.notes.filter((n) => n.id !== 'n1');
    });
    const { findings, repairs } = checkCollection(records, CONTEXT);
    expect(findings.map((finding) => finding.code)).toContain('card-without-note');
    expect(repairs.deletedMediaNames).toEqual(['unused.gif']);
  });
});

// ---------------------------------------------------------------------------

describe('what counts as content', () => {
  it('counts a field of only an image or a sound as not empty', () => {
    expect(hasVisibleText('<img src="cat.png">')).toBe(true);
    expect(hasVisibleText('[sound:meow.mp3]')).toBe(true);
    expect(hasVisibleContent('<img src="cat.png">')).toBe(true);
    expect(hasVisibleContent('<div><img class="x" src=cat.png /></div>')).toBe(true);
    expect(hasVisibleContent('[sound:meow.mp3]')).toBe(true);
    expect(hasVisibleContent('<audio controls src="a.mp3"></audio>')).toBe(true);
    expect(hasVisibleContent('<p>Cat</p>')).toBe(true);
  });

  it('counts markup that shows nothing as empty', () => {
    expect(hasVisibleContent('<div><br></div>&nbsp;\u200B')).toBe(false);
    expect(hasVisibleContent('<img src="">')).toBe(false);
    expect(hasVisibleContent('<img alt="cat">')).toBe(false);
    expect(hasVisibleContent('')).toBe(false);
  });

  it('stays linear on hostile markup', () => {
    const started = performance.now();
    hasVisibleContent(`${'<'.repeat(200_000)}${'<img src="'.repeat(50_000)}${'[sound:'.repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('media in a Browse row', () => {
  it('shows a sound as “🔊 name” and an image of the collection as “🖼 name”', () => {
    expect(plainLine('What does it say? [sound:meow.mp3]')).toBe('What does it say? 🔊 meow.mp3');
    expect(plainLine('<img src="cat.png">')).toBe('🖼 cat.png');
    expect(plainLine('<img src="https://example.com/cat.png"> Cat')).toBe('Cat');
    expect(plainLine('<img src="a&amp;b.png"><b>Both</b>')).toBe('🖼 a&b.png Both');
  });
});
