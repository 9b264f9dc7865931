/**
 * Runs the notes migration (`notesMigration.ts`) in a Web Worker, on a
 * connection of its own, so reading 100k cards, rebuilding their notes and
 * writing them never holds up a tap on the page. Posts its progress, then
 * `done` or the error's name and message (the page words it as any storage
 * error).
 */
import { createDatabase } from './db';
import { migrateNotes } from './notesMigration';

export interface MigrationWorkerRequest {
  databaseName: string;
}

export type MigrationWorkerReply = { kind: 'progress'; fraction: number } | { kind: 'done' } | { kind: 'failed'; name: string; message: string };

const post = (reply: MigrationWorkerReply): void => self.postMessage(reply);

self.addEventListener('message', (event: MessageEvent<MigrationWorkerRequest>) => {
  const database = createDatabase(event.data.databaseName);
  migrateNotes(database, (fraction) => post({ kind: 'progress', fraction }))
    .then(
      () => post({ kind: 'done' }),
      (error: unknown) => post({ kind: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => database.close());
});
