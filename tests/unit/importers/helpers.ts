import { readFileSync } from 'node:fs';
import type { ImportMessage, ImportParseResult } from '../../../src/domain/importers';
import { importMessageText } from '../../../src/features/import/importMessages';
import { createScreenTranslator } from '../../../src/ui/i18n';
import { IMPORT_MESSAGES } from '../../../src/ui/i18n/screens/import';

const t = createScreenTranslator(IMPORT_MESSAGES, 'en');

/** Bytes of a file in tests/fixtures/import/. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
}

/** A message as the English UI words it. */
export function english(message: ImportMessage): string {
  return importMessageText(message, t);
}

/** The errors of a parse, in English. */
export function errors(result: Pick<ImportParseResult, 'messages'>): string[] {
  return result.messages.filter((m) => m.severity === 'error').map(english);
}

/** The warnings of a parse, in English. */
export function warnings(result: Pick<ImportParseResult, 'messages'>): string[] {
  return result.messages.filter((m) => m.severity === 'warning').map(english);
}

/** The rows a parse leaves out ('skip' messages), in English. */
export function skips(result: Pick<ImportParseResult, 'messages'>): string[] {
  return result.messages.filter((m) => m.severity === 'skip').map(english);
}
