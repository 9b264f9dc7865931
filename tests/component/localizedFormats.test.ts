// Units and storage failures in the user's language: rating intervals,
// storage sizes, and one plain sentence per kind of storage error.
import { describe, expect, it } from 'vitest';
import { storageStatusLabels } from '../../src/features/settings/storageStatusLabels';
import { StorageError, type StorageErrorKind } from '../../src/storage';
import { formatInterval } from '../../src/ui/formatDuration';
import { bytesFormatter, byteSize } from '../../src/ui/sizes';
import { MAX_RECORDING_BYTES } from '../../src/domain/stories';
import { createScreenTranslator, createTranslator } from '../../src/ui/i18n';
import { SETTINGS_MESSAGES } from '../../src/ui/i18n/screens/settings';
import { storageErrorMessage } from '../../src/ui/storageErrorMessage';

const MINUTE = 60_000;
const DAY = 86_400_000;
const english = createTranslator('en');
const russian = createTranslator('ru');

describe('rating intervals', () => {
  it.each([
    [20_000, '<1m', '<1 мин'],
    [10 * MINUTE, '10m', '10 мин'],
    [90 * MINUTE, '1.5h', '1,5 ч'],
    [4 * DAY, '4d', '4 дн'],
    [45 * DAY, '1.5mo', '1,5 мес'],
    [438 * DAY, '1.2y', '1,2 г'],
    [36500 * DAY, '100y', '100 г'],
  ])('%d ms reads %s in English and %s in Russian', (ms, inEnglish, inRussian) => {
    expect(formatInterval(ms, english)).toBe(inEnglish);
    expect(formatInterval(ms, russian)).toBe(inRussian);
  });
});

describe('sizes', () => {
  it('round to units of 1,024, with one decimal below 10 of a megabyte or more', () => {
    expect(byteSize(950)).toEqual({ amount: 950, unit: 'B', fractionDigits: 0 });
    expect(byteSize(4_100)).toEqual({ amount: 4, unit: 'KB', fractionDigits: 0 });
    expect(byteSize(1_234_567)).toEqual({ amount: 1.2, unit: 'MB', fractionDigits: 1 });
    // Never "1000 KB": 999.9 KB rounds to 1000, so it reads as a megabyte.
    expect(byteSize(1_023_900)).toEqual({ amount: 1, unit: 'MB', fractionDigits: 1 });
    expect(byteSize(300 * 1024 * 1024)).toEqual({ amount: 300, unit: 'MB', fractionDigits: 0 });
  });

  it("are worded in the user's language, and a limit reads as its round number", () => {
    const en = storageStatusLabels(english, createScreenTranslator(SETTINGS_MESSAGES, 'en'));
    const ru = storageStatusLabels(russian, createScreenTranslator(SETTINGS_MESSAGES, 'ru'));

    expect(en.usage(en.formatBytes(1_234_567), en.formatBytes(300 * 1024 * 1024))).toBe('1.2 MB used of 300 MB');
    expect(ru.usage(ru.formatBytes(1_234_567), ru.formatBytes(300 * 1024 * 1024))).toBe('занято 1,2 МБ из 300 МБ');
    expect(ru.formatBytes(1_023_900)).toBe('1 МБ');
    expect(ru.formatBytes(2.5 * 1024 ** 3)).toBe('2,5 ГБ');
    expect(bytesFormatter(english)(MAX_RECORDING_BYTES)).toBe('5 MB');
    expect(bytesFormatter(english)(3_500)).toBe('3 KB');
  });
});

describe('storage errors', () => {
  const KINDS: StorageErrorKind[] = ['quota', 'blocked', 'version-change', 'too-new', 'closed', 'unavailable', 'unknown'];

  it('has its own sentence for every kind, in both languages, never the error\'s English message', () => {
    for (const translator of [english, russian]) {
      const sentences = KINDS.map((kind) => storageErrorMessage(new StorageError(kind, `internal ${kind}`), translator.t));
      expect(new Set(sentences).size).toBe(KINDS.length);
      for (const sentence of sentences) expect(sentence).not.toMatch(/internal/);
    }
  });

  it('words a raw browser failure by its kind', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

    expect(storageErrorMessage(quota, english.t)).toBe('This device is out of storage space for the app.');
    expect(storageErrorMessage(quota, russian.t)).toBe('На устройстве не хватает места для данных приложения.');
  });
});
