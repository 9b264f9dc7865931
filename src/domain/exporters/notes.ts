/**
 * Stored notes as notes of the deck format, for the exporters: each keeps
 * its type and source text (a cloze note its `{{cN::...}}`), its file id
 * (`id`) and its global id (`guid`), so importing the export finds the
 * same notes again.
 */
import type { DeckMeta, NoteInput } from '../deckFormat';
import type { DeckRecord, NoteRecord } from '../types';

/** What the exporters need of a deck: a `DeckRecord` or a deck file's `DeckMeta` both fit. */
export type ExportDeck = Pick<DeckRecord, 'id' | 'name' | 'description'> & Partial<Pick<DeckRecord, 'group' | 'contentVersion'>>;

/** The deck file's `deck` object for an exported deck (app-only fields such as `optionsId` dropped). */
export function exportDeckMeta(deck: ExportDeck): DeckMeta {
  const meta: DeckMeta = { id: deck.id, name: deck.name, description: deck.description };
  if (deck.group !== undefined) meta.group = deck.group;
  if (deck.contentVersion !== undefined) meta.contentVersion = deck.contentVersion;
  return meta;
}

/**
 * Notes in deck order, as deck-format notes.
 *
 * @example
 * notesForExport([{ id: '01J…', sourceId: 'capital', type: 'cloze', text: '{{c1::Paris}} is in France', tags: [], position: 0, … }]);
 * // [{ id: 'capital', guid: '01J…', type: 'cloze', text: '{{c1::Paris}} is in France' }]
 */
export function notesForExport(notes: readonly NoteRecord[]): NoteInput[] {
  return [...notes]
    .sort((a, b) => a.position - b.position)
    .map((note) => {
      const common = {
        id: note.sourceId,
        guid: note.id,
        ...(note.tags.length > 0 ? { tags: [...note.tags] } : {}),
        ...(note.source !== undefined ? { source: note.source } : {}),
      };
      if (note.type === 'cloze') return { ...common, type: 'cloze', text: note.text, ...(note.extra !== undefined ? { extra: note.extra } : {}) };
      return { ...common, type: note.type, front: note.front, back: note.back };
    });
}
