/**
 * The upgrade from schema version 1 (cards only, logs keyed by a per-device
 * counter) to version 2 (notes, cards pointing at them by note id and
 * ordinal, logs keyed by ULIDs in `reviews`). Runs inside Dexie's upgrade
 * transaction, so it is all or nothing: a closed tab mid-upgrade leaves
 * version 1 as it was, and the next start upgrades again. Every card keeps
 * its id and FSRS state, every log its content; progress is reported to
 * `onUpgradeProgress` listeners (the boot shows it).
 */
import type { Transaction } from 'dexie';
import { logsFromVersion1, type ReviewLogV1 } from '../domain/ids';
import { notesFromCards, type CardRecordV1 } from '../domain/notes';
import type { DeckRecord, NoteOrigin } from '../domain/types';
import { versionRowsFor } from './countsCache';
import { STORE, V1_REVIEW_STORE } from './schema';

type UpgradeListener = (fraction: number) => void;
const listeners = new Set<UpgradeListener>();

/** Calls `listener` with 0..1 while a database upgrade runs; returns the unsubscribe. */
export function onUpgradeProgress(listener: UpgradeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function report(fraction: number): void {
  listeners.forEach((listener) => listener(fraction));
}

/** Records written per request batch: small enough to report progress, large enough to stay fast. */
const BATCH = 10_000;

/**
 * Writes records with native requests on the upgrade's own IndexedDB
 * transaction, a batch at a time, reporting progress from `from` to `to`.
 * Native, not Dexie's bulk calls: Dexie reads every old record first for its
 * change notices (nobody listens during an upgrade), which made a 100k-card
 * upgrade several times slower.
 */
async function writeNatively(transaction: Transaction, storeName: string, records: readonly unknown[], mode: 'add' | 'put', from: number, to: number): Promise<void> {
  const store = transaction.idbtrans.objectStore(storeName);
  for (let start = 0; start < records.length; start += BATCH) {
    const end = Math.min(records.length, start + BATCH);
    let last: IDBRequest | undefined;
    for (let index = start; index < end; index += 1) last = mode === 'add' ? store.add(records[index]) : store.put(records[index]);
    if (last) {
      const request = last;
      await new Promise<void>((resolve, reject) => {
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error(`Writing ${storeName} failed during the upgrade.`));
      });
    }
    report(from + ((to - from) * end) / records.length);
  }
}

/** Every record of a store, read with one native request on the upgrade's transaction. */
function readNatively<T>(transaction: Transaction, storeName: string): Promise<T[]> {
  const request = transaction.idbtrans.objectStore(storeName).getAll();
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T[]);
    request.onerror = () => reject(request.error ?? new Error(`Reading ${storeName} failed during the upgrade.`));
  });
}

/** Dexie's `.upgrade()` for version 2. */
export async function upgradeToVersion2(transaction: Transaction): Promise<void> {
  report(0);
  const decks = await readNatively<DeckRecord>(transaction, STORE.decks);
  const builtIn = new Set(decks.filter((deck) => deck.isBuiltIn).map((deck) => deck.id));
  const originOf = (deckId: string): NoteOrigin => (builtIn.has(deckId) ? { kind: 'built-in' } : { kind: 'upgrade' });

  const v1Cards = await readNatively<CardRecordV1>(transaction, STORE.cards);
  report(0.1);
  const { notes, cards } = notesFromCards(v1Cards, originOf);
  const noteOfCard = new Map(cards.map((card) => [card.id, card.noteId]));
  report(0.15);
  await writeNatively(transaction, STORE.notes, notes, 'add', 0.15, 0.35);
  await writeNatively(transaction, STORE.cards, cards, 'put', 0.35, 0.65);

  const v1Logs = await readNatively<ReviewLogV1>(transaction, V1_REVIEW_STORE);
  report(0.7);
  const logs = logsFromVersion1(v1Logs, noteOfCard);
  report(0.75);
  await writeNatively(transaction, STORE.reviews, logs, 'add', 0.75, 0.95);
  // Every deck's cards were rewritten: the home counts are computed afresh (a native write stamps nothing by itself).
  await writeNatively(transaction, STORE.meta, versionRowsFor(decks.map((deck) => deck.id)), 'put', 0.95, 0.96);

  // An imported deck's own id was the id its file gave it: a re-import of that file finds it by `sourceId`.
  const imported = decks.filter((deck) => !deck.isBuiltIn && deck.sourceId === undefined).map((deck) => ({ ...deck, sourceId: deck.id }));
  if (imported.length > 0) await transaction.table(STORE.decks).bulkPut(imported);
  report(1);
}
