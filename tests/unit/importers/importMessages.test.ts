import { describe, expect, it } from 'vitest';
import type { DeckIssue, DeckProblem } from '../../../src/domain/deckFormat';
import type { ImportMessage, ImportProblem } from '../../../src/domain/importers';
import { deckIssueMessage, importMessageText, unknownSectionText } from '../../../src/features/import/importMessages';
import { createScreenTranslator } from '../../../src/ui/i18n';
import { IMPORT_MESSAGES } from '../../../src/ui/i18n/screens/import';

const en = createScreenTranslator(IMPORT_MESSAGES, 'en');
const ru = createScreenTranslator(IMPORT_MESSAGES, 'ru');

/** One example of every import problem code (a missing code does not compile). */
const IMPORT_SAMPLES: { [C in ImportProblem['code']]: Extract<ImportProblem, { code: C }> } = {
  fileTooLarge: { code: 'fileTooLarge', sizeMb: '21.0', limitMb: 20 },
  fileEmpty: { code: 'fileEmpty' },
  utf16: { code: 'utf16' },
  notUtf8: { code: 'notUtf8' },
  deckFile: { code: 'deckFile', issue: { code: 'noCards', path: 'cards', field: 'cards' } },
  moreProblems: { code: 'moreProblems', count: 3 },
  invalidJson: { code: 'invalidJson', detail: 'Unexpected end of JSON input', line: 2, column: 5 },
  headerMalformed: { code: 'headerMalformed', line: 1, text: '#oops' },
  unknownSeparator: { code: 'unknownSeparator', line: 1, value: 'Squiggle' },
  htmlNotBoolean: { code: 'htmlNotBoolean', line: 2, value: 'maybe' },
  columnHeaderNotNumber: { code: 'columnHeaderNotNumber', line: 3, header: 'tags column', value: 'x' },
  unknownHeader: { code: 'unknownHeader', line: 4, header: 'frobnicate' },
  tooManyTags: { code: 'tooManyTags', line: 2, count: 150, limit: 100 },
  headersButNoCards: { code: 'headersButNoCards' },
  noImportableRows: { code: 'noImportableRows', skipped: 3 },
  columnNamesRow: { code: 'columnNamesRow', line: 1, names: ['Front', 'Back'] },
  mappedColumnMissing: { code: 'mappedColumnMissing', role: 'back', column: 10, columnCount: 4 },
  frontBackSameColumn: { code: 'frontBackSameColumn' },
  extraColumnsIgnored: { code: 'extraColumnsIgnored', frontColumn: 1, backColumn: 2 },
  unclosedQuote: { code: 'unclosedQuote', line: 3 },
  malformedQuote: { code: 'malformedQuote', line: 3 },
  rowUnreadable: { code: 'rowUnreadable', line: 3, detail: 'Something odd' },
  tooFewColumns: { code: 'tooFewColumns', line: 3, expected: 2, found: 1, isCloze: false },
  emptyClozeText: { code: 'emptyClozeText', line: 4 },
  malformedCloze: { code: 'malformedCloze', line: 4 },
  noClozeDeletion: { code: 'noClozeDeletion', line: 4 },
  emptyFrontAndBack: { code: 'emptyFrontAndBack', line: 4 },
  emptyFront: { code: 'emptyFront', line: 4 },
  emptyBack: { code: 'emptyBack', line: 12 },
  duplicateGuid: { code: 'duplicateGuid', line: 5, firstLine: 3, guid: 'abc' },
  duplicateFront: { code: 'duplicateFront', line: 3, firstLine: 1 },
  unclosedFence: { code: 'unclosedFence', line: 7, marker: '```' },
  emptySubsection: { code: 'emptySubsection', line: 8, heading: 'Framework' },
  questionWithoutAnswer: { code: 'questionWithoutAnswer', line: 39, question: 'How do you motivate a team?' },
  duplicateFollowUp: { code: 'duplicateFollowUp', line: 73, question: 'Why?' },
  noTitle: { code: 'noTitle', title: 'motivation' },
  noCards: { code: 'noCards' },
  packageNotZip: { code: 'packageNotZip' },
  packageNoCollection: { code: 'packageNoCollection' },
  packageOnlyPlaceholder: { code: 'packageOnlyPlaceholder' },
  packageCorruptDatabase: { code: 'packageCorruptDatabase', detail: 'database disk image is malformed' },
  packageCorruptZstd: { code: 'packageCorruptZstd', entry: 'collection.anki21b' },
  packageCorruptZip: { code: 'packageCorruptZip', entry: 'media' },
  packageUnknownSchema: { code: 'packageUnknownSchema', version: 99 },
  packageTooLarge: { code: 'packageTooLarge', sizeMb: '412.0', limitMb: 300 },
  noteTypeUnreadable: { code: 'noteTypeUnreadable', noteType: 'Vocab', notes: 12 },
  noteRendersNoCard: { code: 'noteRendersNoCard', noteType: 'Vocab', guid: 'f#K9}x' },
  mediaMissing: { code: 'mediaMissing', count: 2, example: 'cat.png' },
  mediaFileTooLarge: { code: 'mediaFileTooLarge', name: 'movie.mp4', sizeMb: '60.0', limitMb: 50 },
};

const TEXT = { kind: 'text', text: 'x' } as const;

/** One example of every deck-format problem code. */
const DECK_SAMPLES: { [C in DeckProblem['code']]: Extract<DeckProblem, { code: C }> } = {
  notAnObject: { code: 'notAnObject', found: { kind: 'null' } },
  formatMissing: { code: 'formatMissing' },
  notThisFormat: { code: 'notThisFormat', found: TEXT },
  versionMissing: { code: 'versionMissing' },
  versionNotWhole: { code: 'versionNotWhole', found: { kind: 'number', value: 1.5 } },
  versionTooNew: { code: 'versionTooNew', version: 2 },
  unknownTopLevelField: { code: 'unknownTopLevelField', field: 'generator' },
  deckMissing: { code: 'deckMissing' },
  deckNotObject: { code: 'deckNotObject', found: { kind: 'list' } },
  cardsMissing: { code: 'cardsMissing' },
  cardsNotList: { code: 'cardsNotList', found: { kind: 'object' } },
  noCards: { code: 'noCards' },
  cardNotObject: { code: 'cardNotObject', cardIndex: 5, found: { kind: 'boolean', value: true } },
  duplicateCardId: { code: 'duplicateCardId', cardId: 'rf-1', firstIndex: 2, cardIndex: 7 },
  fieldMissing: { code: 'fieldMissing', field: 'back' },
  fieldNotText: { code: 'fieldNotText', field: 'front', found: { kind: 'other', type: 'undefined' } },
  fieldEmpty: { code: 'fieldEmpty', field: 'back' },
  unknownField: { code: 'unknownField', field: 'hint' },
  idHasWhitespace: { code: 'idHasWhitespace', id: 'a b' },
  idHasDoubleColon: { code: 'idHasDoubleColon', id: 'a::b' },
  tagsNotList: { code: 'tagsNotList', found: TEXT },
  tagNotText: { code: 'tagNotText', tagNumber: 2 },
  typeMissing: { code: 'typeMissing' },
  typeUnknown: { code: 'typeUnknown', found: TEXT },
  clozeMalformed: { code: 'clozeMalformed' },
  clozeMissing: { code: 'clozeMissing' },
  clozeNumberBelowOne: { code: 'clozeNumberBelowOne', number: 0 },
  clozeEmptyAnswer: { code: 'clozeEmptyAnswer', number: 1 },
  clozeEmptyHint: { code: 'clozeEmptyHint', number: 1 },
};

const CYRILLIC = /[а-яё]/i;
const PLACEHOLDER = /\{\w+\}/;

describe('import messages', () => {
  it.each(Object.values(IMPORT_SAMPLES))('words $code in English and in Russian', (problem) => {
    const message: ImportMessage = { severity: 'error', ...problem };
    const english = importMessageText(message, en);
    const russian = importMessageText(message, ru);
    expect(english).not.toMatch(PLACEHOLDER);
    expect(russian).not.toMatch(PLACEHOLDER);
    expect(english).not.toMatch(CYRILLIC);
    expect(russian).toMatch(CYRILLIC);
    if ('line' in problem) {
      expect(english).toContain(String(problem.line));
      expect(russian).toContain(String(problem.line));
    }
  });

  it.each(Object.values(DECK_SAMPLES))('words deck-format problem $code in English and in Russian', (problem) => {
    for (const scope of [undefined, { of: 'deck' }, { of: 'card', index: 3, id: 'q1' }, { of: 'card', index: 3 }] as const) {
      const issue: DeckIssue = { ...problem, path: '', ...(scope ? { scope } : {}) };
      const english = deckIssueMessage(issue, en);
      const russian = deckIssueMessage(issue, ru);
      expect(english).not.toMatch(PLACEHOLDER);
      expect(russian).not.toMatch(PLACEHOLDER);
      expect(english).not.toMatch(CYRILLIC);
      expect(russian).toMatch(CYRILLIC);
    }
  });

  it('says the row of a row problem, in the reader’s language', () => {
    const message: ImportMessage = { severity: 'error', code: 'emptyBack', line: 12 };
    expect(importMessageText(message, en)).toBe('Row 12: the back of the card is empty.');
    expect(importMessageText(message, ru)).toBe('Строка 12: у карточки пустой оборот.');
  });

  it('names the card of a deck-format problem, and uses Russian plurals', () => {
    const issue: DeckIssue = { code: 'fieldEmpty', field: 'back', path: 'cards[3].back', cardId: 'q1', scope: { of: 'card', index: 3, id: 'q1' } };
    expect(deckIssueMessage(issue, en)).toBe('Card "q1" (cards[3]): the field "back" is empty.');
    expect(deckIssueMessage(issue, ru)).toBe('Карточка "q1" (cards[3]): поле «back» пустое.');
    const columns = (columnCount: number): ImportMessage => ({ severity: 'error', code: 'mappedColumnMissing', role: 'front', column: 9, columnCount });
    expect(importMessageText(columns(1), en)).toBe('The front is mapped to column 9, but the file has only 1 column.');
    expect(importMessageText(columns(3), ru)).toBe('Для поля «лицевая сторона» выбран столбец 9, но в файле всего 3 столбца.');
    expect(importMessageText(columns(5), ru)).toBe('Для поля «лицевая сторона» выбран столбец 9, но в файле всего 5 столбцов.');
  });

  it('words sections it did not understand', () => {
    expect(unknownSectionText({ headings: ['Practice Plan', 'Weekly Drill'], line: 82 }, en)).toBe('Practice Plan › Weekly Drill (line 82)');
    expect(unknownSectionText({ headings: [], line: 3 }, ru)).toBe('Текст перед первым разделом (строка 3)');
  });
});
