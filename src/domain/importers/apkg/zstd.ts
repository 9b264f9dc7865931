/**
 * zstd decoding for Anki packages (the `collection.anki21b` database, the
 * media list and each media file of a new-style package), with fzstd, capped:
 * a frame that would unpack past `maxBytes` stops as soon as it does (the
 * size a frame declares is checked first, then the bytes as they come), so a
 * small file cannot unpack into gigabytes.
 */
import { Decompress } from 'fzstd';

/** The four bytes every zstd frame starts with. */
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd] as const;

export type ZstdResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'corrupt' } | { ok: false; reason: 'tooLarge'; atLeast: number };

/** True when `bytes` starts with the zstd frame magic number. */
export function isZstdFrame(bytes: Uint8Array): boolean {
  return ZSTD_MAGIC.every((byte, index) => bytes[index] === byte);
}

/**
 * What a frame header says about the size: the content size when it gives
 * one, and the window the decoder would allocate. Null for a header that is
 * not a zstd frame's.
 */
function frameHeaderSizes(bytes: Uint8Array): { contentSize: number | null; windowSize: number } | null {
  if (!isZstdFrame(bytes) || bytes.length < 6) return null;
  const descriptor = bytes[4] ?? 0;
  const singleSegment = (descriptor >> 5) & 1;
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] ?? 0;
  const contentFlag = descriptor >> 6;
  const contentBytes = contentFlag === 0 ? singleSegment : 1 << contentFlag;
  let at = 5;
  let windowSize = 0;
  if (!singleSegment) {
    const windowDescriptor = bytes[at] ?? 0;
    const base = 2 ** (10 + (windowDescriptor >> 3));
    windowSize = base + (base / 8) * (windowDescriptor & 7);
    at += 1;
  }
  at += dictionaryBytes;
  if (at + contentBytes > bytes.length) return null;
  let contentSize: number | null = null;
  if (contentBytes > 0) {
    contentSize = 0;
    for (let i = contentBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + (bytes[at + i] ?? 0);
    if (contentBytes === 2) contentSize += 256;
  }
  return { contentSize, windowSize: singleSegment ? (contentSize ?? 0) : windowSize };
}

/** Thrown inside fzstd's data callback to stop decoding once the cap is passed. */
class TooLarge extends Error {}

/**
 * Decodes zstd data (one or more frames) into at most `maxBytes` bytes.
 *
 * @example
 * decodeZstd(compressed, 50 * 1024 * 1024); // { ok: true, bytes }
 * decodeZstd(new Uint8Array([1, 2, 3]), 100); // { ok: false, reason: 'corrupt' }
 */
export function decodeZstd(bytes: Uint8Array, maxBytes: number): ZstdResult {
  const header = frameHeaderSizes(bytes);
  if (!header) return { ok: false, reason: 'corrupt' };
  if (header.contentSize !== null && header.contentSize > maxBytes) return { ok: false, reason: 'tooLarge', atLeast: header.contentSize };
  // The decoder allocates the window up front; one far larger than the cap is refused before that.
  if (header.windowSize > Math.max(maxBytes, 8 * 1024 * 1024)) return { ok: false, reason: 'tooLarge', atLeast: header.windowSize };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let isDone = false;
  const decoder = new Decompress((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge();
    if (chunk.length > 0) chunks.push(chunk);
    if (final) isDone = true;
  });
  try {
    decoder.push(bytes, true);
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, reason: 'tooLarge', atLeast: total };
    return { ok: false, reason: 'corrupt' };
  }
  // fzstd says nothing more when the last frame ends exactly at the input's end; no data at all is a broken frame.
  if (!isDone && chunks.length === 0 && header.contentSize !== 0) return { ok: false, reason: 'corrupt' };
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, bytes: out };
}
