/**
 * The pieces of the Anki package reader on their own: the protobuf reader
 * (checked against @bufbuild/protobuf's encoder), capped zstd decoding,
 * media names normalized as Anki normalizes them, media types, the card
 * template renderer and how note types are recognised.
 */
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { encodeMediaEntries, encodePackageMeta, stockNoteType, zstdCompress } from '../../../scripts/apkgBuilder.mjs';
import type { AnkiNoteType } from '../../../src/domain/importers/apkg/collection';
import { mediaTypeOf, normalizeMediaName, readLegacyMediaList, readMediaEntries, readPackageVersion, sha256Hex } from '../../../src/domain/importers/apkg/mediaFiles';
import { planNoteType } from '../../../src/domain/importers/apkg/noteTypes';
import { bytesFields, decodeMessage, stringField, varintField } from '../../../src/domain/importers/apkg/protobuf';
import { isFieldEmpty, parseTemplate, renderTemplate, templateRendersWith, type RenderContext } from '../../../src/domain/importers/apkg/template';
import { decodeZstd } from '../../../src/domain/importers/apkg/zstd';
import { hasVisibleContent, stripTags } from '../../../src/domain/importers/text';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the protobuf reader', () => {
  it('reads what a real encoder writes: varints of every size, strings, nested messages, fixed and unknown fields', () => {
    const inner = new BinaryWriter().tag(1, WireType.LengthDelimited).string('héllo').tag(2, WireType.Varint).uint32(300).finish();
    const bytes = new BinaryWriter()
      .tag(1, WireType.Varint).int32(1)
      .tag(2, WireType.Varint).uint32(4_294_967_295)
      .tag(3, WireType.Varint).int64(1_700_000_000_000_123n)
      .tag(4, WireType.Bit32).fixed32(7)
      .tag(5, WireType.Bit64).fixed64(9n)
      .tag(6, WireType.LengthDelimited).bytes(inner)
      .tag(6, WireType.LengthDelimited).bytes(inner)
      .tag(255, WireType.LengthDelimited).bytes(new Uint8Array([1, 2, 3]))
      .tag(7, WireType.Varint).int32(-1)
      .finish();
    const message = decodeMessage(bytes);
    expect(message).not.toBeNull();
    if (!message) return;
    expect(varintField(message, 1)).toBe(1);
    expect(varintField(message, 2)).toBe(4_294_967_295);
    expect(varintField(message, 3)).toBe(1_700_000_000_000_123);
    expect(message.find((field) => field.field === 4)).toEqual({ field: 4, wire: 5, value: 7 });
    expect(message.find((field) => field.field === 5)).toEqual({ field: 5, wire: 1, value: 9 });
    const nested = bytesFields(message, 6).map((raw) => decodeMessage(raw));
    expect(nested.map((entry) => (entry ? [stringField(entry, 1), varintField(entry, 2)] : null))).toEqual([
      ['héllo', 300],
      ['héllo', 300],
    ]);
    expect(bytesFields(message, 255)).toEqual([new Uint8Array([1, 2, 3])]);
    // A negative int32 is a ten-byte varint: read, not refused (its value only loses precision).
    expect(varintField(message, 7)).toBeGreaterThan(2 ** 63);
    expect(varintField(message, 99, 42)).toBe(42);
    expect(stringField(message, 99)).toBe('');
  });

  it('refuses cut, overlong and group-encoded messages instead of reading past the end', () => {
    expect(decodeMessage(new Uint8Array([0x0a, 0x05, 0x61]))).toBeNull();
    expect(decodeMessage(new Uint8Array([0x08]))).toBeNull();
    expect(decodeMessage(new Uint8Array([0x08, ...new Array<number>(11).fill(0xff)]))).toBeNull();
    expect(decodeMessage(new Uint8Array([0x0b, 0x0c]))).toBeNull();
    expect(decodeMessage(new Uint8Array([0x25, 1, 2]))).toBeNull();
    expect(decodeMessage(new Uint8Array([0x00, 0x01]))).toBeNull();
    expect(decodeMessage(new Uint8Array(0))).toEqual([]);
  });

  it('reads the package metadata and the media list as Anki writes them', () => {
    expect(readPackageVersion(encodePackageMeta(3))).toBe(3);
    expect(readPackageVersion(new Uint8Array([0x0a, 0x09]))).toBeNull();
    const list = encodeMediaEntries([
      { name: 'a.png', size: 10 },
      { name: 'b.mp3', size: 70_000_000 },
    ]);
    expect(readMediaEntries(list)).toEqual([
      { entry: '0', name: 'a.png', declaredSize: 10 },
      { entry: '1', name: 'b.mp3', declaredSize: 70_000_000 },
    ]);
    expect(readMediaEntries(list.subarray(0, list.length - 3))).toBeNull();
  });

  it('reads a legacy media map in entry order, whatever the JSON order', () => {
    expect(readLegacyMediaList(utf8('{"10": "k.png", "2": "c.png", "0": "a.png", "x": 5}'))).toEqual([
      { entry: '0', name: 'a.png' },
      { entry: '2', name: 'c.png' },
      { entry: '10', name: 'k.png' },
    ]);
    expect(readLegacyMediaList(utf8('[1, 2]'))).toBeNull();
    expect(readLegacyMediaList(utf8('{'))).toBeNull();
  });
});

describe('zstd decoding', () => {
  it('round-trips data of many blocks', async () => {
    let seed = 7;
    const data = new Uint8Array(1_000_000).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 7 === 0 ? seed % 256 : 65;
    });
    const decoded = decodeZstd(await zstdCompress(data), 2_000_000);
    expect(decoded.ok).toBe(true);
    // Buffer.equals: a deep equal of a million elements would take seconds.
    if (decoded.ok) expect(Buffer.from(decoded.bytes).equals(Buffer.from(data))).toBe(true);
  });

  it('stops at the cap, from the declared size or while decoding', async () => {
    const compressed = await zstdCompress(new Uint8Array(100_000).fill(1));
    expect(decodeZstd(compressed, 99_999)).toEqual({ ok: false, reason: 'tooLarge', atLeast: 100_000 });
    expect(decodeZstd(compressed, 100_000)).toMatchObject({ ok: true });
  });

  it('calls garbage, a cut frame and an empty input corrupt', async () => {
    const compressed = await zstdCompress(utf8('hello hello hello hello'.repeat(100)));
    expect(decodeZstd(utf8('not zstd at all'), 1000)).toEqual({ ok: false, reason: 'corrupt' });
    expect(decodeZstd(compressed.subarray(0, compressed.length - 4), 10_000)).toEqual({ ok: false, reason: 'corrupt' });
    expect(decodeZstd(compressed.subarray(0, 5), 10_000)).toEqual({ ok: false, reason: 'corrupt' });
    expect(decodeZstd(new Uint8Array(0), 10)).toEqual({ ok: false, reason: 'corrupt' });
  });
});

describe('media names and types', () => {
  it('normalizes names as Anki does', () => {
    expect(normalizeMediaName('a:b?.png')).toBe('ab.png');
    expect(normalizeMediaName('[x]<y>"z"*|^\\/.jpg')).toBe('xyz.jpg');
    expect(normalizeMediaName('tab\there\u0001.mp3')).toBe('tabhere.mp3');
    expect(normalizeMediaName('cafe\u0301.jpg')).toBe('caf\u00e9.jpg');
    expect(normalizeMediaName('no\u00a0break.png')).toBe('no break.png');
    expect(normalizeMediaName('con')).toBe('con_');
    expect(normalizeMediaName('LPT1.txt')).toBe('LPT1_.txt');
    expect(normalizeMediaName('console.log')).toBe('console.log');
    expect(normalizeMediaName('trailing.')).toBe('trailing._');
    expect(normalizeMediaName('space ')).toBe('space _');
    expect(normalizeMediaName('ok name.png')).toBe('ok name.png');
  });

  it('cuts a name to 120 UTF-8 bytes, keeping its extension', () => {
    const long = normalizeMediaName(`${'a'.repeat(121)}.mp3`);
    expect(long).toBe(`${'a'.repeat(115)}.mp3`);
    const cyrillic = normalizeMediaName(`${'ж'.repeat(100)}.png`);
    expect(new TextEncoder().encode(cyrillic).length).toBeLessThanOrEqual(120);
    expect(cyrillic.endsWith('.png')).toBe(true);
  });

  it('types media by extension, else by their first bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]);
    expect(mediaTypeOf('a.PNG', new Uint8Array(0), false)).toEqual({ mime: 'image/png', kind: 'image' });
    expect(mediaTypeOf('noext', png, false)).toEqual({ mime: 'image/png', kind: 'image' });
    expect(mediaTypeOf('x.bin', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), false)).toEqual({ mime: 'image/jpeg', kind: 'image' });
    expect(mediaTypeOf('x', utf8('ID3....'), false)).toEqual({ mime: 'audio/mpeg', kind: 'audio' });
    expect(mediaTypeOf('x', utf8('OggS....'), false)).toEqual({ mime: 'audio/ogg', kind: 'audio' });
    expect(mediaTypeOf('x', utf8('RIFF....WAVEfmt '), false)).toEqual({ mime: 'audio/wav', kind: 'audio' });
    expect(mediaTypeOf('x', utf8('RIFF....WEBPVP8 '), false)).toEqual({ mime: 'image/webp', kind: 'image' });
    expect(mediaTypeOf('x', utf8('<?xml version="1.0"?><svg></svg>'), false)).toEqual({ mime: 'image/svg+xml', kind: 'image' });
    expect(mediaTypeOf('clip.mp4', new Uint8Array(0), true)).toEqual({ mime: 'video/mp4', kind: 'audio' });
    expect(mediaTypeOf('clip.mp4', new Uint8Array(0), false)).toEqual({ mime: 'video/mp4', kind: 'other' });
    expect(mediaTypeOf('_addon.dat', utf8('data'), false)).toEqual({ mime: 'application/octet-stream', kind: 'other' });
  });

  it('hashes with SHA-256', async () => {
    expect(await sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(utf8('xabcx').subarray(1, 4))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('card templates', () => {
  const context = (fields: Record<string, string>, overrides: Partial<RenderContext> = {}): RenderContext => ({
    fields: new Map(Object.entries(fields)),
    side: 'question',
    cardOrd: 0,
    frontSide: '',
    special: { Tags: 'tag1 tag2', Type: 'Vocab', Deck: 'A::B', Subdeck: 'B', Card: 'Card 1', CardFlag: '' },
    ...overrides,
  });
  const render = (template: string, fields: Record<string, string>, overrides: Partial<RenderContext> = {}): string => {
    const nodes = parseTemplate(template);
    if (!nodes) throw new Error('unreadable template');
    return renderTemplate(nodes, context(fields, overrides));
  };

  it('fills fields, special fields and FrontSide on the answer', () => {
    expect(render('{{Word}} – {{ Meaning }}', { Word: 'gato', Meaning: 'cat' })).toBe('gato – cat');
    expect(render('{{Tags}}|{{Type}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{CardFlag}}', {})).toBe('tag1 tag2|Vocab|A::B|B|Card 1|');
    expect(render('{{FrontSide}}<hr id=answer>{{B}}', { B: 'b' }, { side: 'answer', frontSide: 'Q' })).toBe('Q<hr id=answer>b');
    expect(render('{{FrontSide}}{{B}}', { B: 'b' })).toBe('b');
    expect(render('{{Missing}}x', {})).toBe('x');
  });

  it('shows {{#F}} sections when F is filled and {{^F}} when it is empty (blank HTML counts as empty)', () => {
    const template = '{{#Ex}}[{{Ex}}]{{/Ex}}{{^Ex}}none{{/Ex}}{{#A}}{{#B}}both{{/B}}{{/A}}';
    expect(render(template, { Ex: 'e', A: '1', B: '2' })).toBe('[e]both');
    expect(render(template, { Ex: ' <br> <div></div> ', A: '1', B: '' })).toBe('none');
    expect(isFieldEmpty('<br/>\n<div> </div>')).toBe(true);
    expect(isFieldEmpty('<img src="a.png">')).toBe(false);
  });

  it('applies filters: type, cloze, text, hint and unknown ones', () => {
    expect(render('{{Front}}{{type:Back}}', { Front: 'Q', Back: 'A' })).toBe('Q');
    expect(render('{{type:Back}}', { Back: 'A' }, { side: 'answer' })).toBe('A');
    expect(render('{{cloze:Text}}', { Text: '{{c1::Paris}} and {{c2::Rome::city}}' }, { cardOrd: 1 })).toBe('Paris and [city]');
    expect(render('{{cloze:Text}}', { Text: '{{c1::Paris}} and {{c2::Rome::city}}' }, { cardOrd: 1, side: 'answer' })).toBe('Paris and **Rome**');
    expect(render('{{text:Word}}', { Word: '<b>bold</b> &amp; <i>x</i>' })).toBe('bold & x');
    expect(render('{{hint:Word}}|{{furigana:Word}}|{{tts en_US:Word}}', { Word: 'w' })).toBe('w|w|w');
  });

  it('keeps comments as they are, and reads the legacy <% %> delimiters', () => {
    expect(render('<!-- {{Hidden}} -->{{A}}', { A: 'a', Hidden: 'h' })).toBe('<!-- {{Hidden}} -->a');
    expect(render('{{=<% %>=}}<%A%> {{A}}', { A: 'a' })).toBe('a {{A}}');
  });

  it('refuses templates whose sections do not nest', () => {
    expect(parseTemplate('{{#A}}x')).toBeNull();
    expect(parseTemplate('x{{/A}}')).toBeNull();
    expect(parseTemplate('{{#A}}{{#B}}{{/A}}{{/B}}')).toBeNull();
    expect(parseTemplate('{{A')).toEqual([{ type: 'text', text: '{{A' }]);
  });

  it('decides as Anki whether a question shows a field', () => {
    const nodes = parseTemplate('Text {{#Audio}}{{Audio}}{{/Audio}}{{^Word}}{{Meaning}}{{/Word}}') ?? [];
    expect(templateRendersWith(nodes, new Set(['Audio']))).toBe(true);
    expect(templateRendersWith(nodes, new Set(['Meaning']))).toBe(true);
    expect(templateRendersWith(nodes, new Set(['Meaning', 'Word']))).toBe(false);
    expect(templateRendersWith(nodes, new Set())).toBe(false);
  });

  it('parses a long hostile template in linear time', () => {
    const hostile = '{{'.repeat(30_000) + '<!--'.repeat(30_000) + '{{#A}}'.repeat(3_000);
    const started = performance.now();
    parseTemplate(hostile);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('what counts as showing something', () => {
  it('strips tags linearly and counts images and sounds as content', () => {
    expect(stripTags('<b>Paris</b> is <i>big')).toBe('Paris is big');
    expect(stripTags('a < b')).toBe('a < b');
    expect(hasVisibleContent('<div><br></div>&nbsp;')).toBe(false);
    expect(hasVisibleContent('<img src="cat.png">')).toBe(true);
    expect(hasVisibleContent('<img alt="x">')).toBe(false);
    expect(hasVisibleContent('[sound:a.mp3]')).toBe(true);
    expect(hasVisibleContent('<span>\u200B</span>')).toBe(false);
    const started = performance.now();
    hasVisibleContent('<'.repeat(100_000) + '<img '.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('note types', () => {
  const noteType = (spec: Pick<AnkiNoteType, 'fields' | 'templates'> & Partial<AnkiNoteType>): AnkiNoteType => ({
    id: '1',
    name: 'T',
    isCloze: false,
    originalStockKind: 0,
    isUnreadable: false,
    ...spec,
  });
  const stock = (kind: 'basic' | 'reversed' | 'optionalReversed' | 'cloze'): AnkiNoteType => {
    const spec = stockNoteType(kind);
    return noteType({ fields: spec.fields, templates: spec.templates.map((template, ord) => ({ ...template, ord })), isCloze: kind === 'cloze' });
  };

  it("recognises Anki's stock types by their templates", () => {
    expect(planNoteType(stock('basic'))).toEqual({ kind: 'basic', front: 0, back: 1 });
    expect(planNoteType(stock('reversed'))).toEqual({ kind: 'reversed', front: 0, back: 1 });
    expect(planNoteType(stock('optionalReversed'))).toEqual({ kind: 'optionalReversed', front: 0, back: 1, addReverse: 2 });
    expect(planNoteType(stock('cloze'))).toEqual({ kind: 'cloze', text: 0 });
  });

  it('recognises a translated Basic, and anything else as custom', () => {
    const russian = noteType({ fields: ['Лицо', 'Оборот'], templates: [{ name: 'Карточка 1', ord: 0, qfmt: '{{Лицо}}', afmt: '{{FrontSide}}\n\n<hr id="answer">\n\n{{Оборот}}' }] });
    expect(planNoteType(russian)).toEqual({ kind: 'basic', front: 0, back: 1 });
    const typing = noteType({ fields: ['Front', 'Back'], templates: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}\n\n{{type:Back}}', afmt: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}' }] });
    expect(planNoteType(typing)?.kind).toBe('custom');
  });

  it('calls a type unreadable without templates, with broken ones, image occlusion, or a cloze type without a cloze field', () => {
    expect(planNoteType(noteType({ fields: ['A'], templates: [] }))).toBeNull();
    expect(planNoteType(noteType({ fields: ['A'], templates: [{ name: 'x', ord: 0, qfmt: '{{#A}}', afmt: '' }] }))).toBeNull();
    expect(planNoteType({ ...stock('cloze'), originalStockKind: 6 })).toBeNull();
    expect(planNoteType(noteType({ fields: ['A'], templates: [{ name: 'x', ord: 0, qfmt: '{{A}}', afmt: '' }], isCloze: true }))).toBeNull();
    expect(planNoteType({ ...stock('basic'), isUnreadable: true })).toBeNull();
  });
});
