// Every backup problem code reads as a whole sentence in English and in
// Russian: no placeholder is left unfilled, no message key is missing.
import { describe, expect, it } from 'vitest';
import { createScreenTranslator } from '../../src/ui/i18n';
import { SETTINGS_MESSAGES } from '../../src/ui/i18n/screens/settings';
import { backupProblemMessage, type BackupFileProblem } from '../../src/features/settings/backupMessages';

const card = { record: 'card', index: 2, id: 'q1' } as const;

const EVERY_PROBLEM: BackupFileProblem[] = [
  { code: 'not-json' },
  { code: 'not-object', record: 'file' },
  { code: 'not-object', record: 'review', index: 0, found: 'null' },
  { code: 'not-object', record: 'settings' },
  { code: 'not-backup', found: '"interview-flashcards/deck"' },
  { code: 'not-backup' },
  { code: 'newer-version', version: 2 },
  { code: 'field', ...card, field: 'difficulty', expected: 'difficulty-range', found: '0' },
  { code: 'field', record: 'options', index: 0, id: 'default', field: 'newPerDay', expected: 'whole-range', min: 0, max: 9999, found: '10000' },
  { code: 'field', record: 'file', field: 'cards', expected: 'list' },
  ...(
    [
      'text',
      'non-empty-text',
      'boolean',
      'object',
      'text-list',
      'id-list',
      'non-negative',
      'whole',
      'positive-whole',
      'date',
      'date-or-null',
      'template',
      'state',
      'queue',
      'rating',
      'theme',
      'language',
      'stability-positive',
      'format-version',
    ] as const
  ).map((expected): BackupFileProblem => ({ code: 'field', record: 'settings', field: 'x', expected, found: '1' })),
  { code: 'field', record: 'options', index: 1, field: 'desiredRetention', expected: 'range', min: 0.7, max: 0.99, found: '0.5' },
  { code: 'unknown-field', record: 'settings', field: 'fontSize' },
  { code: 'duplicate-id', record: 'review', index: 3, id: '7' },
  { code: 'missing-reference', record: 'deck', index: 0, id: 'd1', target: 'options', targetId: 'deck:d1' },
  { code: 'missing-reference', ...card, target: 'deck', targetId: 'gone' },
  { code: 'missing-reference', record: 'review', index: 0, id: '1', target: 'card', targetId: 'gone' },
  { code: 'queue-state', ...card, field: 'queue', queue: 2, state: 1 },
  { code: 'lapses-over-reps', ...card, field: 'before.lapses', lapses: 3, reps: 1 },
  { code: 'buried-day-not-buried', ...card, queue: 1 },
  { code: 'steps', record: 'options', index: 0, id: 'default', field: 'learningSteps', problem: { code: 'step-order', step: '10m', previous: '1h' } },
  { code: 'more', count: 1 },
  { code: 'more', count: 12 },
  // The story bank (version 3).
  ...(['note-id-list', 'owner-kind', 'base64'] as const).map((expected): BackupFileProblem => ({ code: 'field', record: 'recording', index: 0, id: 'r1', field: 'x', expected, found: '1' })),
  { code: 'missing-reference', record: 'story', index: 0, id: 's1', target: 'note', targetId: 'gone' },
  { code: 'missing-reference', record: 'recording', index: 1, id: 'r2', target: 'note', targetId: 'gone' },
  { code: 'missing-reference', record: 'recording', index: 1, id: 'r2', target: 'story', targetId: 'gone' },
  { code: 'recording-size', record: 'recording', index: 0, id: 'r1', size: 10, decoded: 9 },
  // Media files (version 4).
  ...(['media-name', 'sha256', 'data-base64'] as const).map((expected): BackupFileProblem => ({ code: 'field', record: 'media', index: 0, id: 'cat.png', field: 'x', expected, found: '1' })),
  { code: 'duplicate-id', record: 'media', index: 1, id: 'cat.png' },
  { code: 'media-size', record: 'media', index: 0, id: 'cat.png', size: 10, decoded: 9 },
];

describe.each(['en', 'ru'] as const)('backup problems in %s', (language) => {
  const t = createScreenTranslator(SETTINGS_MESSAGES, language);

  it.each(EVERY_PROBLEM.map((problem) => [JSON.stringify(problem), problem] as const))('words %s', (_, problem) => {
    const sentence = backupProblemMessage(problem, t);
    expect(sentence).not.toMatch(/[{}]/);
    expect(sentence.length).toBeGreaterThan(10);
  });
});

it('names the record, the field, what was expected and what was found', () => {
  const t = createScreenTranslator(SETTINGS_MESSAGES, 'en');
  expect(backupProblemMessage({ code: 'field', ...card, field: 'difficulty', expected: 'difficulty-range', found: '0' }, t)).toBe(
    'Card 3 (“q1”): “difficulty” must be a number from 1 to 10 once a card has been studied (state 1, 2 or 3); found 0.',
  );
  expect(backupProblemMessage({ code: 'field', record: 'file', field: 'cards', expected: 'list' }, t)).toBe(
    'The backup: “cards” must be a list; it is missing.',
  );
  expect(backupProblemMessage({ code: 'more', count: 10 }, t)).toBe('…and 10 more problems.');
  expect(backupProblemMessage({ code: 'more', count: 5 }, createScreenTranslator(SETTINGS_MESSAGES, 'ru'))).toBe('…и ещё 5 ошибок.');
  expect(backupProblemMessage({ code: 'missing-reference', record: 'story', index: 0, id: 's1', target: 'note', targetId: 'q9' }, t)).toBe(
    'Story 1 (“s1”): it links the note “q9”, which is not in the backup.',
  );
  expect(backupProblemMessage({ code: 'missing-reference', record: 'recording', index: 1, id: 'r2', target: 'story', targetId: 's9' }, t)).toBe(
    'Recording 2 (“r2”): it is a recording of the story “s9”, which is not in the backup.',
  );
  expect(backupProblemMessage({ code: 'field', record: 'media', index: 0, id: '../cat.png', field: 'name', expected: 'media-name', found: '"../cat.png"' }, t)).toBe(
    'Media file 1 (“../cat.png”): “name” must be a plain file name (no folder, no web address); found "../cat.png".',
  );
  expect(backupProblemMessage({ code: 'media-size', record: 'media', index: 2, id: 'cat.png', size: 10, decoded: 9 }, t)).toBe(
    'Media file 3 (“cat.png”): its data holds 9 bytes, but “size” says 10.',
  );
});
