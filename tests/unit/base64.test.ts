// Base64 for recordings in backups: the same text as the platform's, bytes
// back exactly, strict about what it reads, linear for a few megabytes.
import { describe, expect, it } from 'vitest';
import { base64DecodedLength, base64ToBytes, bytesToBase64 } from '../../src/domain/base64';

/** Deterministic bytes (a simple LCG), every value 0-255 present in a long run. */
function bytes(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    out[index] = state >>> 24;
  }
  return out;
}

describe('bytesToBase64', () => {
  it('writes what Node writes, for every length of padding', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 6, 255, 256, 257, 100_000]) {
      const data = bytes(length, length);
      expect(bytesToBase64(data)).toBe(Buffer.from(data).toString('base64'));
    }
  });

  it('round-trips five megabytes of audio bytes exactly, in linear time', () => {
    const data = bytes(5 * 1024 * 1024);
    const started = performance.now();
    const text = bytesToBase64(data);
    const back = base64ToBytes(text);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(text.length).toBe(Math.ceil(data.length / 3) * 4);
    expect(back && Buffer.from(back).equals(Buffer.from(data))).toBe(true);
  });
});

describe('base64ToBytes and base64DecodedLength', () => {
  it('read the text Node writes', () => {
    for (const length of [0, 1, 2, 3, 10, 1000]) {
      const data = bytes(length, length + 1);
      const text = Buffer.from(data).toString('base64');
      expect(base64DecodedLength(text)).toBe(length);
      expect(base64ToBytes(text)).toEqual(data);
    }
  });

  it('refuse text that is not strict base64', () => {
    for (const text of ['A', 'AB=', 'AQID BA=', 'AQ==AQ==', '====', 'A===', 'AQI-', 'AQI_', 'éQID', 'AQID\n']) {
      expect(base64DecodedLength(text), text).toBeNull();
      expect(base64ToBytes(text), text).toBeNull();
    }
  });
});
