/**
 * Sizes for people, worded one way everywhere in the user's language
 * ("340 KB", "1.2 MB", "1,2 МБ"). Units of 1,024, the same as the app's
 * limits (a 5 MB recording, a 20 MB file: `domain/`), so a limit reads as
 * the round number it is.
 */
import type { MessageKey, Translator } from './i18n';

export type ByteUnit = 'B' | 'KB' | 'MB' | 'GB' | 'TB';

const UNITS: readonly ByteUnit[] = ['B', 'KB', 'MB', 'GB', 'TB'];
const STEP = 1024;

/**
 * A size as an amount and a unit: 950 B, 340 KB, 1.2 MB, 286 MB, 2.5 GB;
 * one decimal below 10 of a megabyte or more, whole bytes and kilobytes
 * (the formatter drops a decimal of 0: "5 MB").
 * It moves up a unit at 1,000 of the one below, so no size reads "1000 KB".
 *
 * @example byteSize(1_234_567) // { amount: 1.2, unit: 'MB', fractionDigits: 1 }
 */
export function byteSize(bytes: number): { amount: number; unit: ByteUnit; fractionDigits: 0 | 1 } {
  let value = Math.max(0, bytes);
  let unit = 0;
  const digitsAt = (at: number, amount: number): 0 | 1 => (at < 2 || amount >= 9.95 ? 0 : 1);
  // Compare the rounded value, so 1,023,900 B reads "1.0 MB", not "1000 KB".
  while (Number(value.toFixed(digitsAt(unit, value))) >= 1000 && unit < UNITS.length - 1) {
    value /= STEP;
    unit += 1;
  }
  const fractionDigits = digitsAt(unit, value);
  return { amount: Number(value.toFixed(fractionDigits)), unit: UNITS[unit] ?? 'TB', fractionDigits };
}

/** The size units are in the first load's dictionary: settings, import, stories and practice word sizes with them. */
const SIZE_MESSAGES = {
  B: 'sizeBytes',
  KB: 'sizeKilobytes',
  MB: 'sizeMegabytes',
  GB: 'sizeGigabytes',
  TB: 'sizeTerabytes',
} as const satisfies Record<ByteUnit, MessageKey>;

/**
 * A formatter of sizes in the translator's language.
 *
 * @example bytesFormatter(translator)(1_234_567) // "1.2 MB" ("1,2 МБ")
 */
export function bytesFormatter({ t, language }: Translator): (bytes: number) => string {
  return (bytes) => {
    const { amount, unit, fractionDigits } = byteSize(bytes);
    const digits = { maximumFractionDigits: fractionDigits, useGrouping: false };
    return t(SIZE_MESSAGES[unit], { n: amount.toLocaleString(language, digits) });
  };
}
