/**
 * Importer for one chapter of the behavioral-interview series in Markdown
 * (`# 03. Failure & Learning`, `## "Tell me about a time you failed"`,
 * `### STAR Template`, `## Red Flags`, `## Follow-up вопросы` ...): the file
 * is read into sections (`read.ts`), their blocks into lists, pairs and
 * tables (`blocks.ts`), and those into one deck of basic notes
 * (`cards.ts`). Sections it cannot read are returned in `unknownSections`,
 * never dropped silently. Pure and DOM-free.
 */
import type { DeckMeta } from '../../deckFormat';
import type { ImportOptions, ParsedFile, UnknownSection } from '../types';
import { IdAllocator, MessageList, baseName, fnv1a64, slugify } from '../text';
import { buildSection, type Builder } from './cards';
import { readDocument } from './read';

export { FOLLOW_UP_GUIDE } from './cards';

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
  if (text.trim() === '') {
    messages.error({ code: 'fileEmpty' });
    return done([]);
  }
  const doc = readDocument(text, messages);
  let title = doc.title;
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
  const b: Builder = { deckId, deckName: title, notes: [], ids: new IdAllocator(), messages, unknown };

  const preamble = doc.preamble.find((l) => l.text.trim() !== '');
  if (preamble) unknown.push({ headings: [], line: preamble.line });

  for (const section of doc.sections) buildSection(b, section);
  if (b.notes.length === 0) messages.error({ code: 'noCards' });
  return done([{ deck, notes: b.notes }]);
}
