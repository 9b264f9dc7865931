/**
 * Exports one deck as Anki "Notes in Plain Text" (tab-separated, with `#`
 * header lines): fields as HTML (`#html:true`: the app's Markdown rendered
 * by the caller's `toHtml`, which must return safe HTML), and the guid, note
 * type, deck and tags columns, so Anki shows the formatting and a re-import
 * (in Anki or here) finds the same notes by guid.
 */
import type { NoteRecord } from '../types';
import type { ExportDeck } from './notes';

/** Header lines written at the top of every export; column numbers are 1-based. */
export const ANKI_TSV_HEADERS = [
  '#separator:tab',
  '#html:true',
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

/** Anki's stock note types for ours. */
const NOTETYPES = { basic: 'Basic', reversible: 'Basic (and reversed card)', cloze: 'Cloze' } as const;

/**
 * The deck as Anki plain text: one row per note with guid (the note's
 * global id), notetype, deck, the two fields (front and back; a cloze
 * note's text and extra) as HTML, and space-separated tags (spaces inside a
 * tag become `_`).
 *
 * @example
 * deckToAnkiTsv({ id: 'demo', name: 'Demo', description: '' }, [{ id: 'q1', type: 'basic', front: '**Q**', back: 'A', tags: ['star'], … }], render);
 * // '#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n'
 * // + 'q1\tBasic\tDemo\t<p><strong>Q</strong></p>\t<p>A</p>\tstar\n'
 */
export function deckToAnkiTsv(deck: ExportDeck, notes: readonly NoteRecord[], toHtml: (markdown: string) => string): string {
  const deckName = ankiDeckName(deck);
  const html = (markdown: string): string => (markdown.trim() === '' ? '' : toHtml(markdown).trim());
  const rows = [...notes]
    .sort((a, b) => a.position - b.position)
    .map((note) => {
      const [first, second] = note.type === 'cloze' ? [note.text, note.extra ?? ''] : [note.front, note.back];
      const tags = note.tags.map((tag) => tag.trim().replace(/\s+/g, '_')).filter((tag) => tag !== '');
      return [note.id, NOTETYPES[note.type], deckName, html(first), html(second), tags.join(' ')].map(field).join('\t');
    });
  return [...ANKI_TSV_HEADERS, ...rows].join('\n') + '\n';
}
