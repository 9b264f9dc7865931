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

async function inBatches<T>(records: readonly T[], write: (batch: T[]) => Promise<unknown>, from: number, to: number): Promise<void> {
  for (let start = 0; start < records.length; start += BATCH) {
    await write(records.slice(start, start + BATCH));
    report(from + ((to - from) * Math.min(records.length, start + BATCH)) / records.length);
  }
}

/** Dexie's `.upgrade()` for version 2. */
export async function upgradeToVersion2(transaction: Transaction): Promise<void> {
  report(0);
  const decks = (await transaction.table(STORE.decks).toArray()) as DeckRecord[];
  const builtIn = new Set(decks.filter((deck) => deck.isBuiltIn).map((deck) => deck.id));
  const originOf = (deckId: string): NoteOrigin => (builtIn.has(deckId) ? { kind: 'built-in' } : { kind: 'upgrade' });

  const v1Cards = (await transaction.table(STORE.cards).toArray()) as CardRecordV1[];
  report(0.15);
  const { notes, cards } = notesFromCards(v1Cards, originOf);
  const noteOfCard = new Map(cards.map((card) => [card.id, card.noteId]));
  await inBatches(notes, (batch) => transaction.table(STORE.notes).bulkAdd(batch), 0.15, 0.35);
  await inBatches(cards, (batch) => transaction.table(STORE.cards).bulkPut(batch), 0.35, 0.7);

  const v1Logs = (await transaction.table(V1_REVIEW_STORE).toArray()) as ReviewLogV1[];
  const logs = logsFromVersion1(v1Logs, noteOfCard);
  await inBatches(logs, (batch) => transaction.table(STORE.reviews).bulkAdd(batch), 0.75, 0.95);

  // An imported deck's own id was the id its file gave it: a re-import of that file finds it by `sourceId`.
  const imported = decks.filter((deck) => !deck.isBuiltIn && deck.sourceId === undefined).map((deck) => ({ ...deck, sourceId: deck.id }));
  if (imported.length > 0) await transaction.table(STORE.decks).bulkPut(imported);
  report(1);
}
