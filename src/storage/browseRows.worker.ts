/**
 * Reads every card for Browse in a Web Worker, on a connection of its own,
 * and posts the rows in chunks (`readBrowseRowChunks`): reading and
 * preparing 100,000 cards never holds up the page, and the list fills in
 * while the user can already scroll the first rows.
 */
import { createDatabase } from './db';
import { readBrowseRowChunks, type BrowseRowsReply } from './browseRows';

export interface BrowseRowsRequest {
  databaseName: string;
}

const post = (reply: BrowseRowsReply): void => self.postMessage(reply);

self.addEventListener('message', (event: MessageEvent<BrowseRowsRequest>) => {
  const database = createDatabase(event.data.databaseName);
  readBrowseRowChunks(database, (rows) => post({ kind: 'rows', rows }))
    .then(
      () => post({ kind: 'done' }),
      (error: unknown) => post({ kind: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => database.close());
});
