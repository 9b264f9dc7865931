/**
 * The invariants every answer must keep, checked on what IndexedDB holds
 * (`AppBrowser.storedReviews`): one log per answer, each log taken from the
 * state the card really had, and every card agreeing with its logs.
 */
import type { StoredLog, StoredReviews } from './AppBrowser';

/** The logs of each card, oldest first (by answer time, then by id). */
export function logsByCard(logs: readonly StoredLog[]): Map<string, StoredLog[]> {
  const byCard = new Map<string, StoredLog[]>();
  for (const log of logs) {
    const own = byCard.get(log.cardId) ?? [];
    own.push(log);
    byCard.set(log.cardId, own);
  }
  for (const own of byCard.values()) own.sort((a, b) => a.reviewTime - b.reviewTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return byCard;
}

/** JSON with sorted keys, so two equal snapshots always compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * Every card agrees with its logs: its number of answers (`reps`) is its
 * number of logs, its last review is its newest log's time, its oldest log
 * was taken from a never-answered card, and no answered card lacks logs.
 * Returns the problems in plain words (empty when all is well).
 */
export function cardLogProblems({ cards, logs }: StoredReviews): string[] {
  const problems: string[] = [];
  const byCard = logsByCard(logs);
  const cardIds = new Set(cards.map((card) => card.id));
  for (const card of cards) {
    const own = byCard.get(card.id) ?? [];
    const newest = own.at(-1);
    const oldest = own[0];
    if (!newest || !oldest) {
      if (card.reps > 0) problems.push(`${card.id}: reps ${card.reps} but no review log`);
      continue;
    }
    if (card.reps !== own.length) problems.push(`${card.id}: reps ${card.reps} but ${own.length} review logs`);
    if (card.lastReview !== newest.reviewTime) problems.push(`${card.id}: lastReview ${card.lastReview} but newest log at ${newest.reviewTime}`);
    if (oldest.before.reps !== 0) problems.push(`${card.id}: oldest log was taken at reps ${oldest.before.reps}, not 0`);
  }
  for (const cardId of byCard.keys()) if (!cardIds.has(cardId)) problems.push(`${cardId}: review logs for a card that does not exist`);
  return problems;
}

/**
 * No card was answered twice from the same state: its logs' `before`
 * snapshots are all different and chain (each answer starts where the
 * previous one left the card: `before.reps` goes up by one).
 */
export function doubleAnswerProblems({ logs }: StoredReviews): string[] {
  const problems: string[] = [];
  for (const [cardId, own] of logsByCard(logs)) {
    const snapshots = own.map((log) => stableJson(log.before));
    const distinct = new Set(snapshots).size;
    if (distinct !== snapshots.length) problems.push(`${cardId}: ${snapshots.length} logs but only ${distinct} different starting states`);
    for (let index = 1; index < own.length; index += 1) {
      const previous = own[index - 1]!;
      const log = own[index]!;
      if (log.before.reps !== previous.before.reps + 1) {
        problems.push(`${cardId}: log ${log.id} was taken at reps ${log.before.reps} after log ${previous.id} at reps ${previous.before.reps}`);
      }
    }
  }
  return problems;
}
