/** The storage layer's public surface: the rest of the app imports from here. */
export * from './errors';
export { onStorageEvent, resetDatabaseConnection, DATABASE_NAME } from './db';
export * from './decks';
export * from './reviews';
export * from './queries';
export * from './settings';
export * from './hooks';
export * from './backup';
