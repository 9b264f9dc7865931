/**
 * Leeches, as Anki has them: a card the user keeps forgetting. When an
 * answer makes a card's lapse count reach the preset's threshold (8 by
 * default), and again at every half threshold after (12, 16, 20 ... for 8),
 * the card becomes a leech: it is suspended and its note is tagged `leech`,
 * so the user can rewrite it instead of failing it again. The only action
 * is "suspend" (Anki's "tag only" is not offered). A threshold of 0 turns
 * the rule off.
 *
 * Pure: the answer path asks `leechOutcome` with the card before and after
 * the answer (a comparison, no reads); storage then tags the note in the
 * answer's own transaction.
 */
import { CardQueue, type CardRecord, type ReviewLogRecord } from './types';

/** The tag a leech's note (and its card) gets. */
export const LEECH_TAG = 'leech';

/** Largest threshold a preset may hold (the options screen and backups check it). */
export const MAX_LEECH_THRESHOLD = 99;

/**
 * Whether an answer that took a card's lapses from `lapsesBefore` to
 * `lapsesAfter` makes it a leech under `threshold`: the lapses went up and
 * reached the threshold, or a whole number of half thresholds (rounded up)
 * past it. A threshold of 0 (or anything not a positive number) is off.
 *
 * @example
 * isLeechLapse(7, 8, 8);  // true: the 8th lapse
 * isLeechLapse(11, 12, 8); // true: half a threshold later
 * isLeechLapse(8, 9, 8);  // false
 * isLeechLapse(8, 8, 8);  // false: this answer was no lapse
 * isLeechLapse(7, 8, 0);  // false: off
 */
export function isLeechLapse(lapsesBefore: number, lapsesAfter: number, threshold: number): boolean {
  if (!Number.isFinite(threshold) || threshold <= 0 || !(lapsesAfter > lapsesBefore)) return false;
  const half = Math.max(1, Math.ceil(threshold / 2));
  return lapsesAfter >= threshold && (lapsesAfter - threshold) % half === 0;
}

/** `tags` with the leech tag added once (unchanged when it is already there). */
export function withLeechTag(tags: readonly string[]): string[] {
  return tags.includes(LEECH_TAG) ? [...tags] : [...tags, LEECH_TAG];
}

/** `tags` without the leech tag. */
export function withoutLeechTag(tags: readonly string[]): string[] {
  return tags.filter((tag) => tag !== LEECH_TAG);
}

/**
 * An answer of `before` (the card as it was), with the leech rule applied:
 * when it makes the card a leech (`isLeechLapse` on the lapse counts), the
 * card is suspended and carries the leech tag, and the log says
 * `becameLeech` (storage then tags the note, undo takes both back);
 * otherwise the answer is returned as it was.
 *
 * @example
 * const outcome = leechOutcome(card, answerFromPreview(previews[Rating.Again], ctx), options.leechThreshold);
 * if (outcome.isLeech) tell('This card is a leech');
 * writeAnswer({ card: outcome.card, log: outcome.log, ... });
 */
export function leechOutcome(
  before: Pick<CardRecord, 'lapses'>,
  answer: { card: CardRecord; log: ReviewLogRecord },
  threshold: number,
): { card: CardRecord; log: ReviewLogRecord; isLeech: boolean } {
  if (!isLeechLapse(before.lapses, answer.card.lapses, threshold)) return { ...answer, isLeech: false };
  return {
    card: { ...answer.card, queue: CardQueue.Suspended, tags: withLeechTag(answer.card.tags) },
    log: { ...answer.log, becameLeech: true },
    isLeech: true,
  };
}
