/**
 * Base64 (RFC 4648, the standard alphabet, padded) for bytes in the backup
 * file (a recording's audio). Pure and linear in the size: a table lookup
 * per character, the text built from chunks joined once, never a string
 * grown one character at a time. Strict when reading: only the alphabet, a
 * length that is a multiple of 4, padding only at the end.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='

/** Character code -> 6-bit value, -1 for a character outside the alphabet. */
const VALUES = new Int16Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index += 1) VALUES[ALPHABET.charCodeAt(index)] = index;
const CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));

/** Characters turned into text at a time (well under engines' argument limits). */
const CHUNK = 0x8000;

/**
 * The bytes as base64 text.
 *
 * @example
 * bytesToBase64(new Uint8Array([1, 2, 3, 4])); // 'AQIDBA=='
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = CODES[n >> 18] ?? PAD;
    out[o++] = CODES[(n >> 12) & 63] ?? PAD;
    out[o++] = CODES[(n >> 6) & 63] ?? PAD;
    out[o++] = CODES[n & 63] ?? PAD;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out[o++] = CODES[n >> 18] ?? PAD;
    out[o++] = CODES[(n >> 12) & 63] ?? PAD;
    out[o++] = rest === 2 ? (CODES[(n >> 6) & 63] ?? PAD) : PAD;
    out[o++] = PAD;
  }
  const parts: string[] = [];
  for (let start = 0; start < out.length; start += CHUNK) parts.push(String.fromCharCode(...out.subarray(start, start + CHUNK)));
  return parts.join('');
}

/**
 * How many bytes `text` decodes to, or null when it is not strict base64
 * (a character outside the alphabet, a length not a multiple of 4, padding
 * anywhere but the last one or two characters). Reads without allocating.
 *
 * @example
 * base64DecodedLength('AQIDBA=='); // 4
 * base64DecodedLength('AQID BA='); // null
 */
export function base64DecodedLength(text: string): number | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const end = text.length - padding;
  for (let index = 0; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 128 || (VALUES[code] ?? -1) < 0) return null;
  }
  return (text.length / 4) * 3 - padding;
}

/**
 * The bytes `text` holds, or null when it is not strict base64 (see
 * `base64DecodedLength`).
 *
 * @example
 * base64ToBytes('AQIDBA=='); // Uint8Array [1, 2, 3, 4]
 */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  const length = base64DecodedLength(text);
  if (length === null) return null;
  const bytes = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = VALUES[text.charCodeAt(i)] ?? 0;
    const b = VALUES[text.charCodeAt(i + 1)] ?? 0;
    const c = text.charCodeAt(i + 2) === PAD ? 0 : (VALUES[text.charCodeAt(i + 2)] ?? 0);
    const d = text.charCodeAt(i + 3) === PAD ? 0 : (VALUES[text.charCodeAt(i + 3)] ?? 0);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < length) bytes[o++] = n >> 16;
    if (o < length) bytes[o++] = (n >> 8) & 255;
    if (o < length) bytes[o++] = n & 255;
  }
  return bytes;
}
