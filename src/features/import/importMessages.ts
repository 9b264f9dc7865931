/**
 * Import problems (`domain/importers` codes, deck-format codes from
 * `domain/deckFormat.ts`) and not-understood sections in the user's
 * language: one sentence per problem, naming the row or line, the card and
 * the field where the file says.
 */
import type { ScreenTranslate } from '../../ui/i18n';
import type { IMPORT_MESSAGES, ImportMessageKey } from '../../ui/i18n/screens/import';
import { DECK_FORMAT, DECK_FORMAT_VERSION, type DeckIssue, type DeckProblem, type FoundValue } from '../../domain/deckFormat';
import type { ImportMessage, ImportProblem, UnknownSection } from '../../domain/importers';

/** The import screen's translator (`useScreenT(IMPORT_MESSAGES)`). */
type T = ScreenTranslate<typeof IMPORT_MESSAGES.en>;

/** One function per code, so a code without words does not compile. */
type Wording<P extends { code: string }, Extra = object> = {
  [C in P['code']]: (problem: Extract<P, { code: C }> & Extra, t: T) => string;
};

const FOUND_KEYS = {
  null: 'deckFoundNull',
  list: 'deckFoundList',
  object: 'deckFoundObject',
  text: 'deckFoundText',
  number: 'deckFoundNumber',
  boolean: 'deckFoundBoolean',
  other: 'deckFoundOther',
} as const satisfies Record<FoundValue['kind'], ImportMessageKey>;

/** "the text "anki"", "a list", "the number 12" ... */
function found(value: FoundValue, t: T): string {
  switch (value.kind) {
    case 'text':
      return t(FOUND_KEYS.text, { text: JSON.stringify(value.text) });
    case 'number':
    case 'boolean':
      return t(FOUND_KEYS[value.kind], { value: String(value.value) });
    case 'other':
      return t(FOUND_KEYS.other, { type: value.type });
    default:
      return t(FOUND_KEYS[value.kind]);
  }
}

const DECK_PROBLEM_WORDING: Wording<DeckProblem> = {
  notAnObject: (p, t) => t('deckNotAnObject', { found: found(p.found, t) }),
  formatMissing: (_, t) => t('deckFormatMissing', { format: DECK_FORMAT }),
  notThisFormat: (p, t) => t('deckNotThisFormat', { found: found(p.found, t), format: DECK_FORMAT }),
  versionMissing: (_, t) => t('deckVersionMissing', { version: DECK_FORMAT_VERSION }),
  versionNotWhole: (p, t) => t('deckVersionNotWhole', { found: found(p.found, t) }),
  versionTooNew: (p, t) => t('deckVersionTooNew', { version: p.version, supported: DECK_FORMAT_VERSION }),
  unknownTopLevelField: (p, t) => t('deckUnknownTopLevelField', { field: p.field }),
  deckMissing: (_, t) => t('deckDeckMissing'),
  deckNotObject: (p, t) => t('deckDeckNotObject', { found: found(p.found, t) }),
  cardsMissing: (_, t) => t('deckCardsMissing'),
  cardsNotList: (p, t) => t('deckCardsNotList', { found: found(p.found, t) }),
  noCards: (_, t) => t('deckNoCards'),
  cardNotObject: (p, t) => t('deckCardNotObject', { index: p.cardIndex, found: found(p.found, t) }),
  duplicateCardId: (p, t) => t('deckDuplicateCardId', { id: JSON.stringify(p.cardId), first: p.firstIndex, index: p.cardIndex }),
  fieldMissing: (p, t) => t('deckFieldMissing', { field: p.field }),
  fieldNotText: (p, t) => t('deckFieldNotText', { field: p.field, found: found(p.found, t) }),
  fieldEmpty: (p, t) => t('deckFieldEmpty', { field: p.field }),
  unknownField: (p, t) => t('deckUnknownField', { field: p.field }),
  idHasWhitespace: (p, t) => t('deckIdHasWhitespace', { id: JSON.stringify(p.id) }),
  idHasDoubleColon: (p, t) => t('deckIdHasDoubleColon', { id: JSON.stringify(p.id) }),
  tagsNotList: (p, t) => t('deckTagsNotList', { found: found(p.found, t) }),
  tagNotText: (p, t) => (p.found ? t('deckTagNotText', { n: p.tagNumber, found: found(p.found, t) }) : t('deckTagEmpty', { n: p.tagNumber })),
  typeMissing: (_, t) => t('deckTypeMissing'),
  // A wrong type name is shown as it is written: "flip", not the text "flip".
  typeUnknown: (p, t) => t('deckTypeUnknown', { found: p.found.kind === 'text' ? JSON.stringify(p.found.text) : found(p.found, t) }),
  clozeMalformed: (_, t) => t('deckClozeMalformed'),
  clozeMissing: (_, t) => t('deckClozeMissing'),
  clozeNumberBelowOne: (p, t) => t('deckClozeNumberBelowOne', { number: p.number }),
  clozeEmptyAnswer: (p, t) => t('deckClozeEmptyAnswer', { number: p.number }),
  clozeEmptyHint: (p, t) => t('deckClozeEmptyHint', { number: p.number }),
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One deck-file problem as a sentence, naming the deck or card it is in.
 *
 * @example
 * deckIssueMessage({ code: 'fieldEmpty', field: 'back', path: 'cards[3].back', cardId: 'q1', scope: { of: 'card', index: 3, id: 'q1' } }, t);
 * // 'Card "q1" (cards[3]): the field "back" is empty.'
 */
export function deckIssueMessage(issue: DeckIssue, t: T): string {
  const problem = (DECK_PROBLEM_WORDING[issue.code] as (problem: DeckIssue, t: T) => string)(issue, t);
  const scope = issue.scope;
  if (scope === undefined) return capitalize(problem);
  if (scope.of === 'deck') return t('deckScopeDeck', { problem });
  return scope.id === undefined
    ? t('deckScopeCardNoId', { index: scope.index, problem })
    : t('deckScopeCard', { id: JSON.stringify(scope.id), index: scope.index, problem });
}

const ROLE_KEYS = { front: 'importRoleFront', back: 'importRoleBack', tags: 'importRoleTags' } as const satisfies Record<string, ImportMessageKey>;

const IMPORT_PROBLEM_WORDING: Wording<ImportProblem, { line?: number }> = {
  fileTooLarge: (p, t) => t('fileTooLarge', { size: p.sizeMb, limit: p.limitMb }),
  fileEmpty: (_, t) => t('importFileEmpty'),
  utf16: (_, t) => t('importUtf16'),
  notUtf8: (_, t) => t('importNotUtf8'),
  // A card left out names its row when the format has rows.
  deckFile: (p, t) => (p.line !== undefined ? t('importRowIssue', { line: p.line, problem: deckIssueMessage(p.issue, t) }) : deckIssueMessage(p.issue, t)),
  moreProblems: (p, t) => t('importMoreProblems', { count: p.count }),
  invalidJson: (p, t) =>
    p.line !== undefined && p.column !== undefined
      ? t('importInvalidJson', { line: p.line, column: p.column, detail: p.detail })
      : t('importInvalidJsonNoLine', { detail: p.detail }),
  headerMalformed: (p, t) => t('importHeaderMalformed', { line: p.line, text: p.text }),
  unknownSeparator: (p, t) => t('importUnknownSeparator', { line: p.line, value: p.value }),
  htmlNotBoolean: (p, t) => t('importHtmlNotBoolean', { line: p.line, value: p.value }),
  columnHeaderNotNumber: (p, t) => t('importColumnHeaderNotNumber', { line: p.line, header: p.header, value: p.value }),
  unknownHeader: (p, t) => t('importUnknownHeader', { line: p.line, header: p.header }),
  tooManyTags: (p, t) => t('importTooManyTags', { line: p.line, count: p.count, limit: p.limit }),
  headersButNoCards: (_, t) => t('importHeadersButNoCards'),
  noImportableRows: (p, t) => t('importNoImportableRows', { count: p.skipped }),
  columnNamesRow: (p, t) => t('importColumnNamesRow', { line: p.line, names: p.names.join(', ') }),
  mappedColumnMissing: (p, t) => t('importMappedColumnMissing', { role: t(ROLE_KEYS[p.role]), column: p.column, count: p.columnCount }),
  frontBackSameColumn: (_, t) => t('importFrontBackSameColumn'),
  extraColumnsIgnored: (p, t) => t('importExtraColumnsIgnored', { front: p.frontColumn, back: p.backColumn }),
  unclosedQuote: (p, t) => t('importUnclosedQuote', { line: p.line }),
  malformedQuote: (p, t) => t('importMalformedQuote', { line: p.line }),
  rowUnreadable: (p, t) => t('importRowUnreadable', { line: p.line, detail: p.detail }),
  tooFewColumns: (p, t) =>
    t('importTooFewColumns', { line: p.line, count: p.expected, found: p.found, what: t(p.isCloze ? 'importWhatCloze' : 'importWhatFrontBack') }),
  emptyClozeText: (p, t) => t('importEmptyClozeText', { line: p.line }),
  malformedCloze: (p, t) => t('importMalformedCloze', { line: p.line }),
  noClozeDeletion: (p, t) => t('importNoClozeDeletion', { line: p.line }),
  emptyFrontAndBack: (p, t) => t('importEmptyFrontAndBack', { line: p.line }),
  emptyFront: (p, t) => t('importEmptyFront', { line: p.line }),
  emptyBack: (p, t) => t('importEmptyBack', { line: p.line }),
  duplicateGuid: (p, t) => t('importDuplicateGuid', { line: p.line, firstLine: p.firstLine, guid: p.guid }),
  duplicateFront: (p, t) => t('importDuplicateFront', { line: p.line, firstLine: p.firstLine }),
  unclosedFence: (p, t) => t('importUnclosedFence', { line: p.line, marker: p.marker }),
  emptySubsection: (p, t) => t('importEmptySubsection', { line: p.line, heading: p.heading }),
  questionWithoutAnswer: (p, t) => t('importQuestionWithoutAnswer', { line: p.line, question: p.question }),
  duplicateFollowUp: (p, t) => t('importDuplicateFollowUp', { line: p.line, question: p.question }),
  noTitle: (p, t) => t('importNoTitle', { title: p.title }),
  noCards: (_, t) => t('importNoCards'),
  packageNotZip: (_, t) => t('importPackageNotZip'),
  packageNoCollection: (_, t) => t('importPackageNoCollection'),
  packageOnlyPlaceholder: (_, t) => t('importPackageOnlyPlaceholder'),
  packageCorruptDatabase: (p, t) => t('importPackageCorruptDatabase', { detail: p.detail }),
  packageCorruptZstd: (p, t) => t('importPackageCorruptZstd', { entry: p.entry }),
  packageCorruptZip: (p, t) => t('importPackageCorruptZip', { entry: p.entry }),
  packageUnknownSchema: (p, t) => t('importPackageUnknownSchema', { version: p.version }),
  packageTooLarge: (p, t) => t('importPackageTooLarge', { size: p.sizeMb, limit: p.limitMb }),
  noteTypeUnreadable: (p, t) => t('importNoteTypeUnreadable', { noteType: p.noteType, count: p.notes }),
  noteRendersNoCard: (p, t) => t('importNoteRendersNoCard', { noteType: p.noteType, guid: p.guid }),
  mediaMissing: (p, t) => t('importMediaMissing', { count: p.count, example: p.example }),
  mediaFileTooLarge: (p, t) => t('importMediaFileTooLarge', { name: p.name, size: p.sizeMb, limit: p.limitMb }),
};

/**
 * One import problem as a sentence in the translator's language; the row
 * or line is part of the sentence where the problem has one.
 *
 * @example
 * importMessageText({ severity: 'error', code: 'emptyBack', line: 12 }, t);
 * // 'Row 12: the back of the card is empty.'
 */
export function importMessageText(message: ImportMessage, t: T): string {
  return (IMPORT_PROBLEM_WORDING[message.code] as (problem: ImportMessage, t: T) => string)(message, t);
}

/**
 * A section the chapter parser did not understand, with its line.
 *
 * @example
 * unknownSectionText({ headings: ['Practice Plan', 'Weekly Drill'], line: 82 }, t); // 'Practice Plan › Weekly Drill (line 82)'
 * unknownSectionText({ headings: [], line: 3 }, t); // 'Text before the first section (line 3)'
 */
export function unknownSectionText(section: UnknownSection, t: T): string {
  const name = section.headings.length > 0 ? section.headings.join(' › ') : t('importPreamble');
  return t('importUnknownSection', { section: name, line: section.line });
}
