/**
 * Exports one deck as Anki "Notes in Plain Text" (tab-separated, with
 * `#` header lines) that Anki imports and that this app's Anki-text
 * importer reads back with the same ids, fronts and backs.
 */
import type { CardContent } from '../types';
import { cardsToNotes, type ExportDeck } from './notes';

/** Header lines written at the top of every export; column numbers are 1-based. */
export const ANKI_TSV_HEADERS = [
  '#separator:tab',
  '#html:false',
  '#guid column:1',
  '#notetype column:2',
  '#deck column:3',
  '#tags column:6',
] as const;

/** Quotes a field when a tab, newline or quote inside it (or a leading `#`) would change how it is read. */
function field(value: string): string {
  return /[\t\n\r"]|^#/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The Anki deck name: the group becomes the parent deck (`Group::Name`). */
function ankiDeckName(deck: ExportDeck): string {
  const clean = (text: string): string => text.replace(/[\t\n\r]+/g, ' ').trim();
  return deck.group ? `${clean(deck.group).replace(/\s*\/\s*/g, '::')}::${clean(deck.name)}` : clean(deck.name);
}

/**
 * The deck as Anki plain text: one row per note with guid (the note id),
 * notetype ("Basic" or "Basic (and reversed card)"), deck, front, back and
 * space-separated tags (spaces inside a tag become `_`). Fields are plain
 * text (`#html:false`): the app's Markdown as written.
 *
 * @example
 * deckToAnkiTsv({ id: 'demo', name: 'Demo', description: '' }, [
 *   { id: 'q1', noteId: 'q1', deckId: 'demo', template: 'basic', front: 'Q', back: 'A', tags: ['star'], position: 0 },
 * ]);
 * // '#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n'
 * // + 'q1\tBasic\tDemo\tQ\tA\tstar\n'
 */
export function deckToAnkiTsv(deck: ExportDeck, cards: readonly CardContent[]): string {
  const deckName = ankiDeckName(deck);
  const rows = cardsToNotes(cards).map((note) => {
    const notetype = note.type === 'reversible' ? 'Basic (and reversed card)' : 'Basic';
    const front = note.type === 'cloze' ? note.text : note.front;
    const back = note.type === 'cloze' ? (note.extra ?? '') : note.back;
    const tags = (note.tags ?? []).map((tag) => tag.trim().replace(/\s+/g, '_')).filter((tag) => tag !== '');
    return [note.id, notetype, deckName, front, back, tags.join(' ')].map(field).join('\t');
  });
  return [...ANKI_TSV_HEADERS, ...rows].join('\n') + '\n';
}
