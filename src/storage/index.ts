/** The storage layer's public surface: the rest of the app imports from here. */
export * from './errors';
export { onStorageEvent, onTablesChanged, resetDatabaseConnection, DATABASE_NAME } from './db';
export { STORE } from './schema';
export { onUpgradeProgress } from './upgrade';
export * from './decks';
export * from './notes';
export * from './reviews';
export { hasPendingAnswers, newWriterId, pruneAnswerClaims, onAnswersElsewhere, replayPendingAnswers, undoAnswer, unburyEarlierDays, writeAnswer } from './answers';
export type { AnswerNotice, AnswerToWrite, AnswerWriteResult, UndoResult } from './answers';
export * from './queries';
export * from './settings';
export * from './backup';
export { checkDatabase, type DatabaseCheckReport } from './check';
export * from './collectionMerge';
