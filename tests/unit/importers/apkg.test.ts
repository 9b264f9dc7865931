/**
 * Anki packages read whole, in all three layouts Anki has written (an old
 * `collection.anki2` package, today's legacy export `collection.anki21`,
 * and the current `collection.anki21b` with zstd and protobuf), each built
 * by scripts/apkgBuilder.mjs from one spec: stock note types, a custom one
 * with conditional sections and `{{type:}}`, nested and filtered decks,
 * tags, media (one name Anki would normalize, one missing), and a review
 * log with the rows Anki keeps but that are no answers. Each result is
 * checked in full; the three layouts read the same; parsing is
 * deterministic; and the checks every import goes through keep history in
 * step with the notes they keep.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApkg, type ApkgFormat, type PackageSpec } from '../../../scripts/apkgBuilder.mjs';
import { detectImportFormat, importAccept, importFileTypes, maxImportBytesFor, MAX_IMPORT_BYTES, parseImportFile } from '../../../src/domain/importers';
import { parseApkg } from '../../../src/domain/importers/apkg';
import type { ParsedFile } from '../../../src/domain/importers/types';
import { english } from './helpers';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 4, 5, 6]);
const MP3 = utf8('ID3 fake mp3');

const VOCAB = {
  kind: 'custom',
  name: 'Vocab (custom)',
  fields: ['Word', 'Meaning', 'Example', 'Audio', 'Picture'],
  templates: [
    {
      name: 'Recognize',
      qfmt: '<div class="word">{{Word}}</div>\n  {{#Picture}}<div>{{Picture}}</div>{{/Picture}}\n  {{^Picture}}<i>no picture</i>{{/Picture}}',
      afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Meaning}}{{#Example}}<br><small>{{Example}}</small>{{/Example}}\n{{Audio}}',
    },
    { name: 'Type it', qfmt: '{{Meaning}}\n{{type:Word}}', afmt: '{{Meaning}}\n<hr id=answer>\n{{type:Word}}<br>{{Tags}} · {{Deck}} · {{Card}}' },
    { name: 'Listen', qfmt: '{{#Audio}}{{Audio}}{{/Audio}}', afmt: '{{FrontSide}}<hr id=answer>{{Word}}' },
  ],
} as const;

/** Epoch ms of the first answer: 2024-03-01T10:00:00Z. */
const T = Date.UTC(2024, 2, 1, 10);
const DAY = 86_400_000;

const SPEC: PackageSpec = {
  noteTypes: [
    { kind: 'basic' },
    { kind: 'reversed' },
    { kind: 'optionalReversed' },
    { kind: 'cloze' },
    { ...VOCAB, templates: [...VOCAB.templates], fields: [...VOCAB.fields] },
    { kind: 'custom', name: 'Broken', fields: ['A'], templates: [{ name: 'x', qfmt: '{{#A}}{{A}}', afmt: '{{A}}' }] },
  ],
  notes: [
    { noteType: 'Basic', guid: 'star', fields: ['What is <b>STAR</b>?', 'Situation, Task,<br>Action, Result <img src="missing.png">'], tags: ['star', 'basics'], deck: 'Interview::Behavioral::STAR' },
    { noteType: 'Basic', guid: 'diagram', fields: ['<img src="diagram 1.png">', 'The flow, see <img src=\'chart:v2?.png\'>'], deck: 'Interview::Visual' },
    { noteType: 'Basic (and reversed card)', guid: 'perro', fields: ['perro', 'dog [sound:perro.mp3]'], tags: ['animals'], deck: 'Languages::Spanish' },
    { noteType: 'Basic (optional reversed card)', guid: 'uno', fields: ['uno', 'one', ''], deck: 'Languages::Spanish' },
    { noteType: 'Basic (optional reversed card)', guid: 'dos', fields: ['dos', 'two', 'y'], deck: 'Languages::Spanish' },
    { noteType: 'Cloze', guid: 'paris', fields: ['{{c1::Paris::capital}} is the capital of {{c2::France}}', 'Back extra <i>note</i>'], deck: 'Geography' },
    { noteType: 'Cloze', guid: 'no-cloze', fields: ['No cloze here', ''], deck: 'Geography', cards: [{ ord: 0 }] },
    { noteType: 'Vocab (custom)', guid: 'gato', fields: ['gato', 'cat', 'El gato duerme.', '[sound:gato.mp3]', '<img src="gato.jpg">'], tags: ['animals'], deck: 'Vocabulary' },
    { noteType: 'Vocab (custom)', guid: 'casa', fields: ['casa', 'house', '', '', ''], deck: 'Vocabulary', cards: [{ ord: 0 }, { ord: 1 }] },
    { noteType: 'Basic', guid: 'filtered', fields: ['Asked today', 'From a filtered deck'], cards: [{ ord: 0, deck: 'Interview::Behavioral::STAR', filteredDeck: 'Filtered Deck 1' }] },
    { noteType: 'Broken', guid: 'broken', fields: ['a'], deck: 'Geography' },
  ],
  media: [
    { name: 'diagram 1.png', bytes: PNG },
    { name: 'chart:v2?.png', bytes: PNG },
    { name: 'perro.mp3', bytes: MP3 },
    { name: 'gato.mp3', bytes: MP3 },
    { name: 'gato.jpg', bytes: JPEG },
    { name: 'unused.txt', bytes: utf8('not referenced') },
  ],
  revlog: [
    { note: 'perro', ord: 1, id: T + 5 * DAY, ease: 2, type: 1, time: 2 * 60 * 60 * 1000 },
    { note: 'star', id: T, ease: 1, type: 0, time: 8000 },
    { note: 'star', id: T + 600_000, ease: 3, type: 0, time: 4000 },
    { note: 'star', id: T + DAY, ease: 3, type: 1, time: 3000 },
    { note: 'star', id: T + 2 * DAY, ease: 0, type: 4, time: 0 },
    { note: 'star', id: T + 3 * DAY, ease: 0, type: 5, time: 0 },
    { note: 'star', id: T + 4 * DAY, ease: 3, type: 4, time: 0 },
    { note: 'paris', ord: 1, id: T + 6 * DAY, ease: 4, type: 3, time: 1500 },
    { note: 'gato', ord: 2, id: T + 7 * DAY, ease: 3, type: 1, time: 2500 },
    { note: 'no-cloze', id: T + 8 * DAY, ease: 3, type: 1 },
  ],
};

const FORMATS: ApkgFormat[] = ['anki2', 'anki21', 'anki21b'];
const packages = new Map<ApkgFormat, Uint8Array>();
const parsed = new Map<ApkgFormat, ParsedFile>();

beforeAll(async () => {
  for (const format of FORMATS) {
    const bytes = await buildApkg(SPEC, { format });
    packages.set(format, bytes);
    parsed.set(format, await parseApkg(bytes, { fileName: 'interview.apkg' }));
  }
}, 60_000);

function result(format: ApkgFormat): ParsedFile {
  const value = parsed.get(format);
  if (!value) throw new Error(`no result for ${format}`);
  return value;
}

const description = 'Imported from interview.apkg.';

describe.each(FORMATS)('a %s package', (format) => {
  it('gives its decks by Anki name, nested as groups, empty ones (Default, parents, the filtered deck) left out', () => {
    expect(result(format).decks.map((deck) => [deck.deckName, deck.deck])).toEqual([
      ['Geography', { id: 'anki-geography', name: 'Geography', description }],
      ['Interview::Behavioral::STAR', { id: 'anki-interview-behavioral-star', name: 'STAR', group: 'Interview / Behavioral', description }],
      ['Interview::Visual', { id: 'anki-interview-visual', name: 'Visual', group: 'Interview', description }],
      ['Languages::Spanish', { id: 'anki-languages-spanish', name: 'Spanish', group: 'Languages', description }],
      ['Vocabulary', { id: 'anki-vocabulary', name: 'Vocabulary', description }],
    ]);
  });

  it('turns stock note types into basic, reversible and cloze notes with guids, tags and HTML kept', () => {
    const [geography, star, visual, spanish] = result(format).decks;
    expect(geography?.notes).toEqual([
      { id: 'paris', guid: 'paris', type: 'cloze', text: '{{c1::Paris::capital}} is the capital of {{c2::France}}', extra: 'Back extra <i>note</i>' },
    ]);
    expect(star?.notes).toEqual([
      { id: 'star', guid: 'star', type: 'basic', front: 'What is <b>STAR</b>?', back: 'Situation, Task,\nAction, Result <img src="missing.png">', tags: ['star', 'basics'] },
      { id: 'filtered', guid: 'filtered', type: 'basic', front: 'Asked today', back: 'From a filtered deck' },
    ]);
    expect(visual?.notes).toEqual([{ id: 'diagram', guid: 'diagram', type: 'basic', front: '<img src="diagram 1.png">', back: "The flow, see <img src='chartv2.png'>" }]);
    expect(spanish?.notes).toEqual([
      { id: 'perro', guid: 'perro', type: 'reversible', front: 'perro', back: 'dog [sound:perro.mp3]', tags: ['animals'] },
      { id: 'uno', guid: 'uno', type: 'basic', front: 'uno', back: 'one' },
      { id: 'dos', guid: 'dos', type: 'reversible', front: 'dos', back: 'two' },
    ]);
  });

  it('renders a custom note type into one basic note per card it has, with sections, type-in and special fields', () => {
    const vocabulary = result(format).decks[4];
    expect(vocabulary?.notes).toEqual([
      {
        id: 'gato',
        guid: 'gato',
        type: 'basic',
        front: '<div class="word">gato</div>\n<div><img src="gato.jpg"></div>',
        back: 'cat\n<small>El gato duerme.</small>\n[sound:gato.mp3]',
        tags: ['animals'],
      },
      { id: 'gato-t1', guid: 'gato-t1', type: 'basic', front: 'cat', back: 'gato\nanimals · Vocabulary · Type it', tags: ['animals'] },
      { id: 'gato-t2', guid: 'gato-t2', type: 'basic', front: '[sound:gato.mp3]', back: 'gato', tags: ['animals'] },
      { id: 'casa', guid: 'casa', type: 'basic', front: '<div class="word">casa</div>\n<i>no picture</i>', back: 'house' },
      { id: 'casa-t1', guid: 'casa-t1', type: 'basic', front: 'house', back: 'casa\n · Vocabulary · Type it' },
    ]);
  });

  it('keeps every media file the package lists, names normalized, typed and hashed', () => {
    const media = result(format).media ?? [];
    expect(media.map(({ name, mime, kind, bytes }) => ({ name, mime, kind, size: bytes.length }))).toEqual([
      { name: 'diagram 1.png', mime: 'image/png', kind: 'image', size: PNG.length },
      { name: 'chartv2.png', mime: 'image/png', kind: 'image', size: PNG.length },
      { name: 'perro.mp3', mime: 'audio/mpeg', kind: 'audio', size: MP3.length },
      { name: 'gato.mp3', mime: 'audio/mpeg', kind: 'audio', size: MP3.length },
      { name: 'gato.jpg', mime: 'image/jpeg', kind: 'image', size: JPEG.length },
      { name: 'unused.txt', mime: 'application/octet-stream', kind: 'other', size: 14 },
    ]);
    expect(media[0]?.bytes).toEqual(PNG);
    expect(media[4]?.bytes).toEqual(JPEG);
    expect(media[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(media[0]?.hash).toBe(media[1]?.hash);
    expect(media[2]?.hash).not.toBe(media[0]?.hash);
  });

  it('warns about media the notes refer to but the package lacks, and leaves out the notes it cannot read', () => {
    expect(result(format).messages).toEqual([
      { severity: 'skip', code: 'noteRendersNoCard', noteType: 'Cloze', guid: 'no-cloze' },
      { severity: 'skip', code: 'noteTypeUnreadable', noteType: 'Broken', notes: 1 },
      { severity: 'warning', code: 'mediaMissing', count: 1, example: 'missing.png' },
    ]);
    expect(result(format).skipped).toBe(2);
    expect(result(format).messages.map(english)).toEqual([
      'A "Cloze" note (no-cloze) makes no card with anything on its front: left out.',
      'The note type "Broken" could not be read, so its 1 notes are left out.',
      '1 media files the cards refer to are not in the package (for example "missing.png"); those cards show without them.',
    ]);
  });

  it("maps the answers onto the app's cards, in time order, without manual and rescheduling entries", () => {
    expect(result(format).history).toEqual([
      {
        deckIndex: 1,
        noteId: 'star',
        template: 'basic',
        ordinal: 0,
        reviews: [
          { sourceId: String(T), reviewTime: T, rating: 1, durationMs: 8000 },
          { sourceId: String(T + 600_000), reviewTime: T + 600_000, rating: 3, durationMs: 4000 },
          { sourceId: String(T + DAY), reviewTime: T + DAY, rating: 3, durationMs: 3000 },
        ],
      },
      // An answer timed at two hours is kept at the one-hour cap.
      { deckIndex: 3, noteId: 'perro', template: 'reverse', ordinal: 1, reviews: [{ sourceId: String(T + 5 * DAY), reviewTime: T + 5 * DAY, rating: 2, durationMs: 3_600_000 }] },
      { deckIndex: 0, noteId: 'paris', template: 'cloze', ordinal: 2, reviews: [{ sourceId: String(T + 6 * DAY), reviewTime: T + 6 * DAY, rating: 4, durationMs: 1500 }] },
      { deckIndex: 4, noteId: 'gato-t2', template: 'basic', ordinal: 0, reviews: [{ sourceId: String(T + 7 * DAY), reviewTime: T + 7 * DAY, rating: 3, durationMs: 2500 }] },
    ]);
  });

  it('sums the package up for the preview', () => {
    expect(result(format).package).toEqual({
      collection: format === 'anki2' ? 'collection.anki2' : format === 'anki21' ? 'collection.anki21' : 'collection.anki21b',
      schemaVersion: format === 'anki21b' ? 18 : 11,
      noteTypes: [
        { name: 'Basic', kind: 'basic', notes: 3 },
        { name: 'Basic (and reversed card)', kind: 'reversed', notes: 1 },
        { name: 'Basic (optional reversed card)', kind: 'optionalReversed', notes: 2 },
        { name: 'Cloze', kind: 'cloze', notes: 2 },
        { name: 'Vocab (custom)', kind: 'custom', notes: 2 },
      ],
      mediaCount: 6,
      mediaBytes: 2 * PNG.length + 2 * MP3.length + JPEG.length + 14,
      audioCount: 2,
      reviewCount: 6,
    });
  });
});

describe('the three layouts', () => {
  it('read the same', () => {
    const [old, legacy, latest] = FORMATS.map((format) => ({ ...result(format), package: { ...result(format).package, collection: '', schemaVersion: 0 } }));
    expect(legacy).toEqual(old);
    expect(latest).toEqual(old);
  });

  it('parse the same bytes to the same result, and the builder writes the same bytes', async () => {
    const bytes = packages.get('anki21b') ?? new Uint8Array(0);
    expect(await parseApkg(bytes, { fileName: 'interview.apkg' })).toEqual(result('anki21b'));
    expect(Buffer.from(await buildApkg(SPEC, { format: 'anki21b' })).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('a package through parseImportFile', () => {
  it('is recognised by its extension, or as a zip by its first bytes', () => {
    const bytes = packages.get('anki21') ?? new Uint8Array(0);
    expect(detectImportFormat('deck.apkg', bytes)).toBe('anki-package');
    expect(detectImportFormat('collection.colpkg', bytes)).toBe('anki-package');
    expect(detectImportFormat('download', bytes)).toBe('anki-package');
    expect(importFileTypes['application/apkg']).toEqual(['.apkg', '.colpkg']);
    expect(importAccept.split(',')).toEqual(expect.arrayContaining(['.apkg', '.colpkg', 'application/apkg']));
  });

  it('has its own size limit', async () => {
    expect(maxImportBytesFor('deck.apkg')).toBe(200 * 1024 * 1024);
    expect(maxImportBytesFor('DECK.COLPKG')).toBe(200 * 1024 * 1024);
    expect(maxImportBytesFor('notes.csv')).toBe(MAX_IMPORT_BYTES);
    expect(maxImportBytesFor('no-extension')).toBe(MAX_IMPORT_BYTES);
    // Over the text limit, under the package one: read (and found not to be a zip), not refused for its size.
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect((await parseImportFile(big, { fileName: 'big.apkg' })).messages).toEqual([{ severity: 'error', code: 'packageNotZip' }]);
    expect((await parseImportFile(big, { fileName: 'big.csv' })).messages).toEqual([{ severity: 'error', code: 'fileTooLarge', sizeMb: '20.0', limitMb: 20 }]);
  });

  it('passes the deck checks, image-only fronts included, and keeps media, history and summary', async () => {
    const checked = await parseImportFile(packages.get('anki21b') ?? new Uint8Array(0), { fileName: 'interview.apkg' });
    const direct = result('anki21b');
    expect(checked.format).toBe('anki-package');
    expect(checked.decks).toEqual(direct.decks);
    expect(checked.messages).toEqual(direct.messages);
    expect(checked.media).toEqual(direct.media);
    expect(checked.history).toEqual(direct.history);
    expect(checked.package).toEqual(direct.package);
  });

  it('drops the history of notes the checks leave out, and renumbers the decks after one that is left empty', async () => {
    const spec: PackageSpec = {
      notes: [
        // An empty back is fine in Anki but not in this app's deck format: the deck check leaves it out.
        { noteType: 'Basic', guid: 'front-only', fields: ['Front only', ''], deck: 'Aardvark' },
        { noteType: 'Basic', guid: 'kept', fields: ['Q', 'A'], deck: 'Zebra' },
      ],
      revlog: [
        { note: 'front-only', id: T, ease: 3 },
        { note: 'kept', id: T + 1000, ease: 4 },
      ],
    };
    const bytes = await buildApkg(spec, { format: 'anki21' });
    const direct = await parseApkg(bytes, { fileName: 'x.apkg' });
    expect(direct.history?.map((card) => [card.deckIndex, card.noteId])).toEqual([
      [0, 'front-only'],
      [1, 'kept'],
    ]);
    const checked = await parseImportFile(bytes, { fileName: 'x.apkg' });
    expect(checked.decks.map((deck) => deck.deckName)).toEqual(['Zebra']);
    expect(checked.messages).toEqual([expect.objectContaining({ severity: 'skip', code: 'deckFile', issue: expect.objectContaining({ code: 'fieldEmpty', field: 'back' }) as unknown })]);
    expect(checked.history).toEqual([{ deckIndex: 0, noteId: 'kept', template: 'basic', ordinal: 0, reviews: [{ sourceId: String(T + 1000), reviewTime: T + 1000, rating: 4, durationMs: 5000 }] }]);
    expect(checked.package?.reviewCount).toBe(1);
  }, 30_000);
});
