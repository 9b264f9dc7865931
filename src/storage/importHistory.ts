/**
 * An imported package's review history written as this app's review logs,
 * inside the import's own transaction (after its notes and cards): reads
 * the cards, their logs, the settings and each deck's preset, lets
 * `domain/importHistory.ts` replay each card's answers, and writes the
 * cards, the new logs (and the card's own logs given again after an earlier
 * imported answer) and the counts versions of the decks touched. Importing
 * the same history again writes nothing. Loads ts-fsrs (through the
 * scheduler): import it by path from the import flow, never from
 * `storage/index.ts`.
 */
import { replayImportedAnswers, type ImportedHistoryReplay, type StoredLog } from '../domain/importHistory';
import type { ImportedReview } from '../domain/importers/types';
import { SchedulingError } from '../domain/scheduler';
import { DEFAULT_DECK_OPTIONS, DEFAULT_SETTINGS, type CardRecord, type DeckOptions } from '../domain/types';
import { versionRowsFor } from './countsCache';
import { INDEX, type FlashcardsDatabase } from './db';

/** The tables `writeImportedHistory` reads and writes: its transaction must cover them (with the import's own). */
export const IMPORT_HISTORY_TABLES = (database: FlashcardsDatabase) => [
  database.cards,
  database.reviews,
  database.decks,
  database.deckOptions,
  database.settings,
  database.meta,
];

/** One card's answers from the file, the card found by the caller. */
export interface ImportedHistoryEntry {
  cardId: string;
  reviews: readonly ImportedReview[];
}

/** What an imported history changed. */
export interface ImportedHistoryResult {
  /** Cards that got at least one new answer. */
  cards: number;
  /** New answers written. */
  answers: number;
  /** Entries whose card is not stored (left out). */
  missingCards: number;
  /** Cards the scheduler refused (a preset it cannot use, a corrupt state): their answers are left out. */
  refusedCards: number;
}

/** Each entry's card's answers, entries for the same card joined. */
function reviewsByCard(entries: readonly ImportedHistoryEntry[]): Map<string, ImportedReview[]> {
  const byCard = new Map<string, ImportedReview[]>();
  for (const { cardId, reviews } of entries) {
    const list = byCard.get(cardId);
    if (list) list.push(...reviews);
    else byCard.set(cardId, [...reviews]);
  }
  return byCard;
}

/** The preset each deck's cards are scheduled with (defaults for a deck or preset that is not stored, as `getDeckOptions` reads it). */
async function presetsOfDecks(database: FlashcardsDatabase, deckIds: readonly string[]): Promise<Map<string, DeckOptions>> {
  const decks = await database.decks.bulkGet([...deckIds]);
  const optionsIds = deckIds.map((_, index) => decks[index]?.optionsId ?? DEFAULT_DECK_OPTIONS.id);
  const uniqueIds = [...new Set(optionsIds)];
  const stored = await database.deckOptions.bulkGet(uniqueIds);
  const presets = new Map(uniqueIds.map((id, index) => [id, { ...DEFAULT_DECK_OPTIONS, ...stored[index], id }] as const));
  return new Map(deckIds.map((deckId, index) => [deckId, presets.get(optionsIds[index] ?? DEFAULT_DECK_OPTIONS.id) ?? DEFAULT_DECK_OPTIONS]));
}

/** A card's replay, or 'refused' when the scheduler cannot schedule it (its answers are left out, the rest imported). */
function replayOrRefused(replay: () => ImportedHistoryReplay | null): ImportedHistoryReplay | null | 'refused' {
  try {
    return replay();
  } catch (error) {
    if (error instanceof SchedulingError) return 'refused';
    throw error;
  }
}

/**
 * Writes imported answers (`entries`: each card's answers from the file) as
 * review logs, each card rebuilt by replaying its history (study days by the
 * settings' day start hour in this device's time zone; answers after
 * `nowMs` left out). Must run inside a read-write transaction over
 * `IMPORT_HISTORY_TABLES(database)`. Reads with one request per card (all
 * issued together) and a few bulk requests, writes in bulk; the replay
 * itself is synchronous, about 50-80 µs per answer (ts-fsrs).
 *
 * @example
 * await database.transaction('rw', [...MERGE_TABLES(database), ...IMPORT_HISTORY_TABLES(database)], async () => {
 *   // ... notes and cards written ...
 *   const { cards, answers } = await writeImportedHistory(database, [{ cardId, reviews }], nowMs);
 * });
 */
export async function writeImportedHistory(database: FlashcardsDatabase, entries: readonly ImportedHistoryEntry[], nowMs: number): Promise<ImportedHistoryResult> {
  const imported = reviewsByCard(entries);
  const cardIds = [...imported.keys()];
  const result: ImportedHistoryResult = { cards: 0, answers: 0, missingCards: 0, refusedCards: 0 };
  if (cardIds.length === 0) return result;

  // One index look-up per card, all issued at once: a cursor jumping over many keys (`anyOf`) is slower.
  const [storedCards, storedLogs, settingsRow] = await Promise.all([
    database.cards.bulkGet(cardIds),
    Promise.all(cardIds.map((cardId) => database.reviews.where(INDEX.reviewsOfCard).equals(cardId).toArray())),
    database.settings.get('app'),
  ]);
  const cards = storedCards.filter((card): card is CardRecord => card !== undefined);
  result.missingCards = cardIds.length - cards.length;
  const logsOfCard = new Map(cardIds.map((cardId, index) => [cardId, storedLogs[index] ?? []]));
  const presets = await presetsOfDecks(database, [...new Set(cards.map((card) => card.deckId))]);
  const { dayStartHour } = { ...DEFAULT_SETTINGS, ...settingsRow?.value };
  const context = { nowMs, dayStartHour };

  const changedCards: CardRecord[] = [];
  const added: StoredLog[] = [];
  const updated: StoredLog[] = [];
  const touchedDecks = new Set<string>();
  for (const card of cards) {
    const replay = replayOrRefused(() =>
      replayImportedAnswers(card, logsOfCard.get(card.id) ?? [], imported.get(card.id) ?? [], presets.get(card.deckId) ?? DEFAULT_DECK_OPTIONS, context),
    );
    if (replay === 'refused') result.refusedCards += 1;
    if (replay === 'refused' || replay === null) continue;
    changedCards.push(replay.card);
    added.push(...replay.added);
    updated.push(...replay.updated);
    touchedDecks.add(card.deckId);
    for (const log of replay.updated) touchedDecks.add(log.deckId);
  }
  if (changedCards.length === 0) return result;

  await database.cards.bulkPut(changedCards);
  await database.reviews.bulkAdd(added);
  if (updated.length > 0) await database.reviews.bulkPut(updated);
  // The writes above stamp their decks' counts versions as well (the middleware); these say so whatever wrote them.
  await database.meta.bulkPut(versionRowsFor(touchedDecks));
  result.cards = changedCards.length;
  result.answers = added.length;
  return result;
}
