/**
 * Every import format, one entry each: its file types, how to recognise it
 * by content, its parser and, where it differs, its size limit. Detection (`importers/index.ts`), the file
 * input's `accept` (`features/import/ImportScreen.tsx`) and the manifest's
 * `file_handlers` (`vite.config.ts`) are all derived from this list, so a
 * new format is one entry here plus its parser. No React, no ts-fsrs: the
 * Vite config imports this module.
 */
import { DECK_FORMAT } from '../deckFormat';
import { parseAnkiText } from './ankiText';
import { parseChapterMarkdown } from './chapter';
import { parseDeckJson } from './deckJson';
import { SNIFF, type Importer, type ParsedFile } from './types';

/** The largest Anki package read (the file itself; what it unpacks to has its own limit in `apkg/`). */
export const MAX_PACKAGE_FILE_BYTES = 200 * 1024 * 1024;

/** The formats, in the order they are tried when two are equally sure of a file. */
export const IMPORTERS = [
  {
    format: 'deck-json',
    reads: 'text',
    decksBy: 'id',
    accept: { 'application/json': ['.json'] },
    sniff: ({ text }) => {
      const start = text.trimStart();
      if (!start.startsWith('{')) return SNIFF.no;
      return start.includes(DECK_FORMAT) ? SNIFF.certain : SNIFF.maybe;
    },
    parse: parseDeckJson,
    validatesDecks: true,
  },
  {
    format: 'anki-text',
    reads: 'text',
    decksBy: 'name',
    accept: { 'text/csv': ['.csv'], 'text/tab-separated-values': ['.tsv'], 'text/plain': ['.txt'] },
    // Any text can be read as rows; every other format is surer.
    sniff: () => SNIFF.fallback,
    parse: parseAnkiText,
  },
  {
    format: 'chapter-markdown',
    reads: 'text',
    decksBy: 'name',
    accept: { 'text/markdown': ['.md', '.markdown'], 'text/plain': ['.txt'] },
    sniff: ({ text }) => (/^#\s+\S/.test(text.trimStart()) || /^##\s+\S/m.test(text) ? SNIFF.likely : SNIFF.no),
    parse: parseChapterMarkdown,
  },
  {
    // Anki packages: a zip holding a SQLite collection (and media). The parser, sql.js and fzstd load only here.
    format: 'anki-package',
    reads: 'bytes',
    decksBy: 'name',
    accept: { 'application/apkg': ['.apkg', '.colpkg'] },
    sniff: ({ bytes }) => (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? SNIFF.likely : SNIFF.no),
    parse: async (bytes, options) => (await import('./apkg')).parseApkg(bytes, options),
    maxBytes: MAX_PACKAGE_FILE_BYTES,
  },
] as const satisfies readonly Importer[];

export type ImportFormat = (typeof IMPORTERS)[number]['format'];

/** What `parseImportFile` returns: the parser's result and which format read the file. */
export type ImportParseResult = ParsedFile & { format: ImportFormat };

/**
 * MIME type -> extensions over all formats, for the manifest's
 * `file_handlers` (and `showOpenFilePicker`).
 *
 * @example
 * importFileTypes['text/plain']; // ['.txt']
 */
export const importFileTypes: Record<string, string[]> = {};
for (const { accept } of IMPORTERS) {
  for (const [mimeType, extensions] of Object.entries<readonly string[]>(accept)) {
    const list = (importFileTypes[mimeType] ??= []);
    for (const extension of extensions) if (!list.includes(extension)) list.push(extension);
  }
}

/**
 * The file input's `accept`: every extension, then every MIME type.
 *
 * @example
 * importAccept; // '.json,.csv,.tsv,.txt,.md,.markdown,application/json,text/csv,…'
 */
export const importAccept: string = [...new Set(Object.values(importFileTypes).flat()), ...Object.keys(importFileTypes)].join(',');
