/**
 * The storage layer's public surface: the rest of the app imports from here.
 * Storage that only screens opened later use is imported from its own
 * module, so the first load never carries it (the build test checks):
 * `storage/backup` (backup, restore, delete all), `storage/collectionMerge`
 * (merge from another device), `storage/check` (Check database),
 * `storage/notes` (note edits).
 */
export * from './errors';
export { finishUpgrade, onStorageEvent, onTablesChanged, resetDatabaseConnection, DATABASE_NAME } from './db';
export { STORE } from './schema';
export { onNotesMigrationProgress, type NotesMigrationProgress } from './upgrade';
export * from './decks';
export * from './reviews';
export { hasPendingAnswers, newWriterId, pruneAnswerClaims, onAnswersElsewhere, replayPendingAnswers, undoAnswer, unburyEarlierDays, writeAnswer } from './answers';
export type { AnswerNotice, AnswerToWrite, AnswerWriteResult, UndoResult } from './answers';
export * from './queries';
export * from './settings';
