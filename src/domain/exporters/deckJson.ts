/**
 * Exports one deck as the app's own deck JSON (`interview-flashcards/deck`,
 * version 1), which `validateDeckFile` and the deck-JSON importer read back:
 * importing the export into the same collection changes nothing.
 */
import { DECK_FORMAT, type DeckFileV1 } from '../deckFormat';
import type { NoteRecord } from '../types';
import { exportDeckMeta, notesForExport, type ExportDeck } from './notes';

/**
 * The deck and its notes as deck-file JSON (2-space indented, ending in a
 * newline), each note with its type, source text, file id and global id.
 *
 * @example
 * deckToJson({ id: 'demo', name: 'Demo', description: '' }, notes);
 * // '{\n  "format": "interview-flashcards/deck",\n  "version": 1,\n  "deck": { ... },\n  "cards": [ { "id": "q1", "guid": "q1", "type": "basic", ... } ]\n}\n'
 */
export function deckToJson(deck: ExportDeck, notes: readonly NoteRecord[]): string {
  const file: DeckFileV1 = { format: DECK_FORMAT, version: 1, deck: exportDeckMeta(deck), cards: notesForExport(notes) };
  return `${JSON.stringify(file, null, 2)}\n`;
}
