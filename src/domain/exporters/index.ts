/**
 * Export formatters: pure functions from stored records to file text
 * (deck JSON, Anki plain text, the FSRS optimizer's review-log CSV). The
 * caller turns the text into a download.
 */
export { deckToJson } from './deckJson';
export { ANKI_TSV_HEADERS, deckToAnkiTsv } from './ankiTsv';
export { REVIEW_LOG_CSV_HEADER, reviewLogToCsv } from './reviewLogCsv';
export { exportDeckMeta, notesForExport, type ExportDeck } from './notes';
