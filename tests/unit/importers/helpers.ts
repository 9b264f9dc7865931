import { readFileSync } from 'node:fs';
import type { ImportParseResult } from '../../../src/domain/importers';

/** Bytes of a file in tests/fixtures/import/. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
}

export function errors(result: ImportParseResult): string[] {
  return result.messages.filter((m) => m.severity === 'error').map((m) => m.message);
}

export function warnings(result: ImportParseResult): string[] {
  return result.messages.filter((m) => m.severity === 'warning').map((m) => m.message);
}
