/**
 * Exports one deck as the app's own deck JSON (`interview-flashcards/deck`,
 * version 1), which `validateDeckFile` and the deck-JSON importer read back.
 */
import { DECK_FORMAT, type DeckFileV1 } from '../deckFormat';
import type { CardContent } from '../types';
import { cardsToNotes, exportDeckMeta, type ExportDeck } from './notes';

/**
 * The deck and its cards as deck-file JSON (2-space indented, ending in a
 * newline). Reversible notes come back together; other cards become basic
 * notes (see `cardsToNotes`).
 *
 * @example
 * deckToJson({ id: 'demo', name: 'Demo', description: '' }, [
 *   { id: 'q1', noteId: 'q1', deckId: 'demo', template: 'basic', front: 'Q', back: 'A', tags: [], position: 0 },
 * ]);
 * // '{\n  "format": "interview-flashcards/deck",\n  "version": 1,\n  "deck": { ... },\n  "cards": [ { "id": "q1", "type": "basic", ... } ]\n}\n'
 */
export function deckToJson(deck: ExportDeck, cards: readonly CardContent[]): string {
  const file: DeckFileV1 = { format: DECK_FORMAT, version: 1, deck: exportDeckMeta(deck), cards: cardsToNotes(cards) };
  return `${JSON.stringify(file, null, 2)}\n`;
}
