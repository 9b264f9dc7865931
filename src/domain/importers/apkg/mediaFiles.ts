/**
 * A package's media files: its list (a JSON map `{"0": "a.png"}` in legacy
 * packages; a zstd-compressed protobuf `MediaEntries` in new ones, where the
 * zip entry of file i is named `i` and holds the file zstd-compressed), the
 * names normalized as Anki normalizes them (`normalizeMediaName`), and each
 * file's type (from its name, else its first bytes) and SHA-256.
 */
import { bytesFields, decodeMessage, stringField, varintField } from './protobuf';

/** Longest media name in UTF-8 bytes, as Anki (`MAX_MEDIA_FILENAME_LENGTH`). */
const MAX_NAME_BYTES = 120;

/** Characters Anki removes from media names: `[]<>:"/?*^\|`, ASCII controls, unassigned code points. */
// eslint-disable-next-line no-control-regex -- Anki removes ASCII control characters from names.
const DISALLOWED = /[[\]<>:"/?*^\\|\u0000-\u001f\u007f]|\p{Cn}/gu;
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\.|$)/i;

const encoder = new TextEncoder();

/** `text` cut to at most `maxBytes` UTF-8 bytes on a character boundary. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (used + size > maxBytes) break;
    out += char;
    used += size;
  }
  return out;
}

/**
 * A media name as Anki stores it (rslib `normalize_filename`): NFC, without
 * the characters some systems forbid, no-break spaces as spaces, Windows
 * device names suffixed with `_`, no trailing space or dot, at most 120
 * UTF-8 bytes (the extension kept, up to 10 bytes of it).
 *
 * @example
 * normalizeMediaName('a:b?.png'); // 'ab.png'
 * normalizeMediaName('con.mp3'); // 'con_.mp3'
 * normalizeMediaName('cafe\u0301.jpg'); // 'café.jpg' (one code point)
 */
export function normalizeMediaName(name: string): string {
  let out = name.normalize('NFC').replace(DISALLOWED, '').replace(/\u00a0/g, ' ');
  out = out.replace(WINDOWS_DEVICE, '$1_$2');
  if (/[ .]$/.test(out)) out += '_';
  if (encoder.encode(out).length > MAX_NAME_BYTES) {
    const dot = out.lastIndexOf('.');
    const ext = dot >= 0 ? truncateUtf8(out.slice(dot + 1), 10) : '';
    const stem = truncateUtf8(dot >= 0 ? out.slice(0, dot) : out, MAX_NAME_BYTES - ext.length - 2);
    out = ext === '' ? stem : `${stem}.${ext}`;
    if (/[ .]$/.test(out)) out += '_';
  }
  return out;
}

/** One file a package's media list names: the zip entry that holds it and its name in the notes. */
export interface MediaListEntry {
  entry: string;
  name: string;
  /** The size the list declares (new-style packages), before decompression. */
  declaredSize?: number;
}

/** A legacy media list: JSON `{"0": "a.png", ...}`; null when it is not such an object. */
export function readLegacyMediaList(bytes: Uint8Array): MediaListEntry[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const entries: MediaListEntry[] = [];
  for (const [entry, name] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof name === 'string' && name !== '') entries.push({ entry, name });
  }
  // Numeric entry order, so the output does not depend on the JSON's key order.
  return entries.sort((a, b) => Number(a.entry) - Number(b.entry) || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
}

/**
 * A new-style media list (`MediaEntries`, already decompressed): entry i is
 * the zip entry named `i`. Fields from Anki's import_export.proto:
 * `MediaEntries.entries = 1`; `MediaEntry.name = 1`, `size = 2`.
 */
export function readMediaEntries(bytes: Uint8Array): MediaListEntry[] | null {
  const message = decodeMessage(bytes);
  if (!message) return null;
  const entries: MediaListEntry[] = [];
  for (const [index, raw] of bytesFields(message, 1).entries()) {
    const entry = decodeMessage(raw);
    if (!entry) return null;
    const name = stringField(entry, 1);
    if (name !== '') entries.push({ entry: String(index), name, declaredSize: varintField(entry, 2) });
  }
  return entries;
}

/** `PackageMetadata.version` (field 1) of a package's `meta` file: 1, 2 legacy, 3 the current format; null when unreadable. */
export function readPackageVersion(bytes: Uint8Array): number | null {
  const message = decodeMessage(bytes);
  return message ? varintField(message, 1) : null;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  bmp: 'image/bmp', avif: 'image/avif', ico: 'image/x-icon', tif: 'image/tiff', tiff: 'image/tiff',
  mp3: 'audio/mpeg', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/opus', wav: 'audio/wav', m4a: 'audio/mp4',
  aac: 'audio/aac', flac: 'audio/flac', spx: 'audio/ogg', amr: 'audio/amr',
  mp4: 'video/mp4', webm: 'video/webm', ogv: 'video/ogg', mov: 'video/quicktime', mkv: 'video/x-matroska', avi: 'video/x-msvideo', mpg: 'video/mpeg', mpeg: 'video/mpeg',
  css: 'text/css', js: 'text/javascript', ttf: 'font/ttf', otf: 'font/otf', woff: 'font/woff', woff2: 'font/woff2',
};

/** The bytes spell `text` (ASCII) at `at`. */
function startsWith(bytes: Uint8Array, text: string, at = 0): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** A MIME type from the first bytes, for names without a known extension. */
function sniffMime(bytes: Uint8Array): string | null {
  if (startsWith(bytes, '\x89PNG')) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (startsWith(bytes, 'GIF8')) return 'image/gif';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'image/webp';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8)) return 'audio/wav';
  if (startsWith(bytes, 'OggS')) return 'audio/ogg';
  if (startsWith(bytes, 'fLaC')) return 'audio/flac';
  if (startsWith(bytes, 'ID3') || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (startsWith(bytes, 'ftyp', 4)) return 'video/mp4';
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml';
  return null;
}

/**
 * A media file's MIME type and kind: by its extension, else its bytes.
 * Video containers referred to by `[sound:]` (`isSound`) play as audio.
 *
 * @example
 * mediaTypeOf('a.PNG', bytes, false); // { mime: 'image/png', kind: 'image' }
 * mediaTypeOf('clip.mp4', bytes, true); // { mime: 'video/mp4', kind: 'audio' }
 */
export function mediaTypeOf(name: string, bytes: Uint8Array, isSound: boolean): { mime: string; kind: 'image' | 'audio' | 'other' } {
  const dot = name.lastIndexOf('.');
  const mime = (dot >= 0 ? MIME_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined) ?? sniffMime(bytes) ?? 'application/octet-stream';
  if (mime.startsWith('image/')) return { mime, kind: 'image' };
  if (mime.startsWith('audio/') || (mime.startsWith('video/') && isSound)) return { mime, kind: 'audio' };
  return { mime, kind: 'other' };
}

/** Hex SHA-256 of `bytes` (Web Crypto: in workers, pages and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Web Crypto takes an ArrayBuffer-backed view; a view of a shared buffer is copied first.
  const view = bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
  const digest = await crypto.subtle.digest('SHA-256', view);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
