/**
 * Broken and hostile Anki packages: each kind of damage gives its own code
 * (not a zip, no collection, only Anki's placeholder, a damaged database, a
 * bad zstd frame, an unknown schema, too large unpacked, a media file over
 * its limit, an entry that does not inflate), and no input makes the parser
 * throw: random bytes, packages cut at every eighth of their length, and
 * packages with bytes changed at random (seeded) always give a result.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildApkg,
  buildCollection,
  buildPackageEntries,
  buildPlaceholderCollection,
  encodePackageMeta,
  zipPackage,
  type ApkgFormat,
    type PackageSpec,
} from '../../../scripts/apkgBuilder.mjs';
import { parseImportFile } from '../../../src/domain/importers';
import { MAX_MEDIA_FILE_BYTES, MAX_PACKAGE_UNPACKED_BYTES, parseApkg } from '../../../src/domain/importers/apkg';
import type { ImportMessage, ParsedFile } from '../../../src/domain/importers/types';
import { english } from './helpers';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const options = { fileName: 'broken.apkg' };
const SPEC: PackageSpec = {
  notes: [
    { noteType: 'Basic', guid: 'q1', fields: ['Question <img src="pic.png">', 'Answer'], deck: 'Deck' },
    { noteType: 'Cloze', guid: 'c1', fields: ['{{c1::Rome}} is in Italy', ''], deck: 'Deck' },
  ],
  media: [
    { name: 'pic.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]) },
    { name: 'song.mp3', bytes: utf8('ID3 song') },
  ],
  revlog: [{ note: 'q1', id: 1_700_000_000_000, ease: 3 }],
};

const errorsOf = (result: ParsedFile): ImportMessage[] => result.messages.filter((message) => message.severity === 'error');

/** The offset of each central directory entry of a zip, by name. */
function centralEntries(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end > 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    entries.set(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)), at);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** A copy of the zip whose central directory declares `size` unpacked bytes for `name`. */
function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = zip.slice();
  const at = centralEntries(copy).get(name);
  if (at === undefined) throw new Error(`no entry ${name}`);
  new DataView(copy.buffer).setUint32(at + 24, size, true);
  return copy;
}

/** A copy of the zip with the middle of `name`'s stored data overwritten. */
function withDamagedEntry(zip: Uint8Array, name: string): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const central = centralEntries(copy).get(name);
  if (central === undefined) throw new Error(`no entry ${name}`);
  const local = view.getUint32(central + 42, true);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const size = view.getUint32(central + 20, true);
  copy.fill(0xff, start + Math.floor(size / 4), start + Math.floor(size / 2));
  return copy;
}

/** A seeded generator of bytes (a linear congruential one: the same run every time). */
function seededBytes(seed: number): (length: number) => Uint8Array {
  let state = seed;
  return (length) =>
    new Uint8Array(length).map(() => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state >>> 16;
    });
}

const good = new Map<ApkgFormat, Uint8Array>();

beforeAll(async () => {
  for (const format of ['anki2', 'anki21', 'anki21b'] as const) good.set(format, await buildApkg(SPEC, { format }));
}, 60_000);

const goodPackage = (format: ApkgFormat): Uint8Array => good.get(format) ?? new Uint8Array(0);

describe('packages that cannot be read say why', () => {
  it('not a zip', async () => {
    for (const bytes of [utf8('Front,Back\nq,a\n'), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), new Uint8Array(0)]) {
      expect((await parseApkg(bytes, options)).messages).toEqual([{ severity: 'error', code: 'packageNotZip' }]);
    }
  });

  it('a zip without a collection', async () => {
    const result = await parseApkg(zipPackage({ 'readme.txt': utf8('hello'), media: utf8('{}') }), options);
    expect(result.messages).toEqual([{ severity: 'error', code: 'packageNoCollection' }]);
    expect(result.decks).toEqual([]);
  });

  it("only Anki's placeholder collection", async () => {
    const placeholder = await buildPlaceholderCollection();
    expect((await parseApkg(zipPackage({ 'collection.anki2': placeholder, media: utf8('{}') }), options)).messages).toEqual([{ severity: 'error', code: 'packageOnlyPlaceholder' }]);
    // A newer package whose collection.anki21b is gone: its meta says so.
    const entries = await buildPackageEntries(SPEC, { format: 'anki21b' });
    delete entries['collection.anki21b'];
    expect((await parseApkg(zipPackage(entries), options)).messages).toEqual([{ severity: 'error', code: 'packageOnlyPlaceholder' }]);
    // A future package format (meta version 4) that kept only the placeholder.
    expect((await parseApkg(zipPackage({ meta: encodePackageMeta(4), 'collection.anki2': placeholder }), options)).messages).toEqual([{ severity: 'error', code: 'packageOnlyPlaceholder' }]);
  });

  it('a collection that is not a database, or is cut short', async () => {
    const collection = await buildCollection(SPEC);
    for (const bytes of [collection.subarray(0, 2048), utf8('SQLite format 3\u0000 but not really'), seededBytes(1)(8192)]) {
      const result = await parseApkg(zipPackage({ 'collection.anki21': bytes, media: utf8('{}') }), options);
      expect(result.messages).toEqual([{ severity: 'error', code: 'packageCorruptDatabase', detail: expect.stringMatching(/\S/) as unknown }]);
    }
    const result = await parseApkg(zipPackage({ 'collection.anki21': utf8('not a database at all, but long enough to look like a file header'.repeat(20)) }), options);
    expect(result.messages.map(english)).toEqual(['The collection inside this package is damaged or cut short and cannot be read (file is not a database).']);
  });

  it('a zstd frame that does not decode: the collection, the media list, a media file', async () => {
    const noCollection = await buildPackageEntries(SPEC, { format: 'anki21b' });
    noCollection['collection.anki21b'] = [utf8('this is not zstd'), true];
    expect((await parseApkg(zipPackage(noCollection), options)).messages).toEqual([{ severity: 'error', code: 'packageCorruptZstd', entry: 'collection.anki21b' }]);

    const cut = await buildPackageEntries(SPEC, { format: 'anki21b' });
    const [frame] = cut['collection.anki21b'] as [Uint8Array, boolean];
    cut['collection.anki21b'] = [frame.subarray(0, frame.length >> 1), true];
    expect((await parseApkg(zipPackage(cut), options)).messages).toEqual([{ severity: 'error', code: 'packageCorruptZstd', entry: 'collection.anki21b' }]);

    const badList = await buildPackageEntries(SPEC, { format: 'anki21b' });
    badList.media = [utf8('{"0": "pic.png"}'), true];
    expect((await parseApkg(zipPackage(badList), options)).messages).toEqual([{ severity: 'error', code: 'packageCorruptZstd', entry: 'media' }]);

    // One bad media file is left out; the rest is imported, and its references are not counted missing.
    const badFile = await buildPackageEntries(SPEC, { format: 'anki21b' });
    badFile['0'] = [utf8('raw, not zstd'), true];
    const result = await parseApkg(zipPackage(badFile), options);
    expect(result.messages).toEqual([{ severity: 'skip', code: 'packageCorruptZstd', entry: '0' }]);
    expect(result.media?.map((file) => file.name)).toEqual(['song.mp3']);
    expect(result.decks[0]?.notes).toHaveLength(2);
  });

  it('a collection schema this app does not read', async () => {
    expect((await parseApkg(await buildApkg(SPEC, { format: 'anki21b', sql: ['UPDATE col SET ver = 19'] }), options)).messages).toEqual([
      { severity: 'error', code: 'packageUnknownSchema', version: 19 },
    ]);
    expect((await parseApkg(await buildApkg(SPEC, { format: 'anki21', sql: ['UPDATE col SET ver = 12'] }), options)).messages).toEqual([
      { severity: 'error', code: 'packageUnknownSchema', version: 12 },
    ]);
    // Schema 15-17 has the same tables as 18: read.
    expect(errorsOf(await parseApkg(await buildApkg(SPEC, { format: 'anki21b', sql: ['UPDATE col SET ver = 15'] }), options))).toEqual([]);
  });

  it('a package that would unpack past the limit, by its headers, before anything is inflated', async () => {
    const bomb = withDeclaredSize(goodPackage('anki21'), 'collection.anki21', 0xfffffff0);
    expect((await parseApkg(bomb, options)).messages).toEqual([{ severity: 'error', code: 'packageTooLarge', sizeMb: expect.stringMatching(/^4096\.\d$/) as unknown, limitMb: MAX_PACKAGE_UNPACKED_BYTES / 2 ** 20 }]);
    // zstd data is checked as it unpacks: here against a small limit.
    const small = await parseApkg(goodPackage('anki21b'), options, { maxUnpackedBytes: 20_000 });
    expect(small.messages).toEqual([{ severity: 'error', code: 'packageTooLarge', sizeMb: expect.stringMatching(/^\d+\.\d$/) as unknown, limitMb: 20_000 / 2 ** 20 }]);
  });

  it('a media file over the per-file limit is left out, the rest imported', async () => {
    const legacy = await parseApkg(withDeclaredSize(goodPackage('anki21'), '1', 60 * 2 ** 20), options);
    expect(legacy.messages).toEqual([{ severity: 'skip', code: 'mediaFileTooLarge', name: 'song.mp3', sizeMb: '60.0', limitMb: MAX_MEDIA_FILE_BYTES / 2 ** 20 }]);
    expect(legacy.media?.map((file) => file.name)).toEqual(['pic.png']);
    expect(legacy.decks[0]?.notes).toHaveLength(2);

    const declared = await parseApkg(await buildApkg({ ...SPEC, media: [{ name: 'pic.png', bytes: new Uint8Array(4), declaredSize: 70 * 2 ** 20 }] }, { format: 'anki21b' }), options);
    expect(declared.messages).toEqual([{ severity: 'skip', code: 'mediaFileTooLarge', name: 'pic.png', sizeMb: '70.0', limitMb: 50 }]);
    expect(declared.media).toEqual([]);

    // A list that understates a file's size: caught as it unpacks.
    const understated = await buildApkg({ ...SPEC, media: [{ name: 'big.png', bytes: new Uint8Array(5000), declaredSize: 10 }] }, { format: 'anki21b' });
    expect((await parseApkg(understated, options, { maxMediaFileBytes: 1000 })).messages).toEqual([
      { severity: 'skip', code: 'mediaFileTooLarge', name: 'big.png', sizeMb: '0.0', limitMb: 1000 / 2 ** 20 },
      { severity: 'warning', code: 'mediaMissing', count: 1, example: 'pic.png' },
    ]);
  });

  it('an entry that does not inflate', async () => {
    for (const [format, entry] of [
      ['anki2', 'collection.anki2'],
      ['anki21', 'collection.anki21'],
    ] as const) {
      const result = await parseApkg(withDamagedEntry(goodPackage(format), entry), options);
      expect(result.messages).toEqual([{ severity: 'error', code: 'packageCorruptZip', entry }]);
    }
  });

  it('reaches the user through parseImportFile with nothing to import', async () => {
    const result = await parseImportFile(utf8('PK\u0003\u0004 not really'), { fileName: 'x.apkg' });
    expect(result.format).toBe('anki-package');
    expect(result.decks).toEqual([]);
    expect(result.messages.map(english)).toEqual(['This is not an Anki package: an .apkg file is a zip archive, and this one could not be opened as one.']);
  });
});

describe('hostile input never throws', () => {
  it('random bytes, with and without a zip signature', async () => {
    const random = seededBytes(20261202);
    for (const length of [1, 4, 22, 100, 1000, 65_536]) {
      const bytes = random(length);
      expect(errorsOf(await parseApkg(bytes, options)).map((message) => message.code)).toEqual(['packageNotZip']);
      if (length < 4) continue;
      bytes.set([0x50, 0x4b, 0x03, 0x04]);
      expect(errorsOf(await parseApkg(bytes, options))).toHaveLength(1);
      // An end-of-directory record pointing nowhere.
      bytes.set([0x50, 0x4b, 0x05, 0x06], Math.max(0, length - 22));
      expect(errorsOf(await parseApkg(bytes, options))).toHaveLength(1);
    }
  });

  it('a package cut at every eighth of its length', async () => {
    for (const format of ['anki2', 'anki21', 'anki21b'] as const) {
      const bytes = goodPackage(format);
      for (let eighth = 1; eighth < 8; eighth++) {
        const result = await parseApkg(bytes.subarray(0, Math.floor((bytes.length * eighth) / 8)), options);
        expect(errorsOf(result).map((message) => message.code)).toEqual(['packageNotZip']);
      }
    }
  });

  it('a package with bytes changed at random, many times', async () => {
    const random = seededBytes(7);
    for (const format of ['anki2', 'anki21', 'anki21b'] as const) {
      for (let run = 0; run < 25; run++) {
        const bytes = goodPackage(format).slice();
        const noise = random(8);
        for (let i = 0; i < 4; i++) bytes[((noise[i] ?? 0) * 65_537 + run * 7919 + i * 104_729) % bytes.length] = noise[i + 4] ?? 0;
        const result = await parseApkg(bytes, options);
        // Either read (the change hit something harmless) or refused with one error.
        expect(errorsOf(result).length).toBeLessThanOrEqual(1);
      }
    }
  }, 60_000);
});

describe('packages with nothing to import', () => {
  it('an empty collection is an empty file', async () => {
    const result = await parseApkg(await buildApkg({ notes: [] }, { format: 'anki21b' }), options);
    expect(result.messages).toEqual([{ severity: 'error', code: 'fileEmpty' }]);
    expect(result.decks).toEqual([]);
  });

  it('a collection whose every note is left out says how many', async () => {
    const spec: PackageSpec = { notes: [{ noteType: 'Cloze', guid: 'x', fields: ['no deletion', ''], cards: [{ ord: 0 }] }] };
    const result = await parseApkg(await buildApkg(spec, { format: 'anki21' }), options);
    expect(result.messages).toEqual([
      { severity: 'skip', code: 'noteRendersNoCard', noteType: 'Cloze', guid: 'x' },
      { severity: 'error', code: 'noImportableRows', skipped: 1 },
    ]);
  });
});
