/**
 * Importer for one chapter of the behavioral-interview series in Markdown
 * (`# 03. Failure & Learning`, `## "Tell me about a time you failed"`,
 * `### STAR Template`, `## Red Flags`, `## Follow-up вопросы` ...): the file
 * is read into sections (`read.ts`), their blocks into lists, pairs and
 * tables (`blocks.ts`) and flows of items and story parts (`flow.ts`), and
 * those into one deck of basic notes, one idea each (`cards.ts`), the
 * importer's own words in the app's language (`labels.ts`). Sections it cannot read are returned in `unknownSections`,
 * never dropped silently. Pure and DOM-free.
 */
import type { DeckMeta } from '../../deckFormat';
import type { ImportOptions, ParsedFile, UnknownSection } from '../types';
import { IdAllocator, MessageList, baseName, fnv1a64, hasVisibleText, slugify } from '../text';
import { buildSection, signalsOf, type Builder } from './cards';
import { cardLabels } from './labels';
import { readDocument } from './read';

export { LABELS, cardLabels, type CardLabels } from './labels';

/**
 * Makes every back of the deck different: a card whose back repeats an
 * earlier card's gets its front added in italics (two cards with the same
 * front and back are one card: the later is dropped).
 */
function distinctBacks(b: Builder): void {
  const backs = new Set<string>();
  const cards = new Set<string>();
  const keep: boolean[] = [];
  for (const note of b.notes) {
    if (note.type === 'cloze') {
      keep.push(true);
      continue;
    }
    const card = `${note.front}\u0000${note.back}`;
    if (cards.has(card)) {
      keep.push(false);
      continue;
    }
    cards.add(card);
    if (backs.has(note.back)) note.back = `${note.back}\n\n*${note.front}*`;
    backs.add(note.back);
    keep.push(true);
  }
  b.notes = b.notes.filter((_, i) => keep[i]);
  b.lines = b.lines.filter((_, i) => keep[i]);
}

/**
 * Turns one interview-prep chapter in Markdown into one deck. The deck is
 * named after the `# NN. Title` heading without its number, with the
 * title's slug as id; card ids are `<deck id>-<kind>-<slug of the text>`,
 * so they survive re-imports and re-ordering.
 *
 * @example
 * const result = parseChapterMarkdown(markdown, { fileName: '03-failure-learning.md' });
 * result.decks[0]?.deck; // { id: 'failure-learning', name: 'Failure & Learning', description: '…' }
 * result.unknownSections; // [{ headings: ['См. также'], line: 358 }]
 */
export function parseChapterMarkdown(input: string, options: ImportOptions): ParsedFile {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const messages = new MessageList();
  const unknown: UnknownSection[] = [];
  const done = (decks: ParsedFile['decks']): ParsedFile => ({
    decks,
    messages: messages.list(),
    unknownSections: unknown,
  });
  if (!hasVisibleText(text)) {
    messages.error({ code: 'fileEmpty' });
    return done([]);
  }
  const doc = readDocument(text, messages);
  let title = doc.title !== undefined && hasVisibleText(doc.title) ? doc.title : undefined;
  if (!title) {
    title = baseName(options.fileName).replace(/^\d+[-_. ]*/, '').replace(/[-_]+/g, ' ').trim() || 'Imported chapter';
    messages.warning({ code: 'noTitle', title });
  }
  const deckId = slugify(title) || `chapter-${fnv1a64(title).slice(0, 10)}`;
  const deck: DeckMeta = {
    id: deckId,
    name: title,
    description: doc.number ? `Interview prep, chapter ${doc.number}: ${title}.` : `Interview prep: ${title}.`,
  };
  const b: Builder = {
    deckId,
    deckName: title,
    notes: [],
    lines: [],
    ids: new IdAllocator(),
    messages,
    unknown,
    labels: cardLabels(options.language),
    signals: signalsOf(doc.sections),
  };

  const preamble = doc.preamble.find((l) => hasVisibleText(l.text));
  if (preamble) unknown.push({ headings: [], line: preamble.line });

  for (const section of doc.sections) buildSection(b, section);
  distinctBacks(b);
  if (b.notes.length === 0) messages.error({ code: 'noCards' });
  return done([{ deck, notes: b.notes, lines: b.lines }]);
}
