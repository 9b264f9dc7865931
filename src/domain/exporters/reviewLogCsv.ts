/**
 * Exports the review log as CSV in the layout the FSRS optimizer reads:
 * `card_id,review_time,review_rating,review_state,review_duration`.
 */
import type { ReviewLogRecord } from '../types';

export const REVIEW_LOG_CSV_HEADER = 'card_id,review_time,review_rating,review_state,review_duration';

/** A CSV field in double quotes, inner quotes doubled, line breaks flattened. */
function quoted(text: string): string {
  return `"${text.replace(/[\r\n]+/g, ' ').replace(/"/g, '""')}"`;
}

/**
 * One row per answer, oldest first: card id (always quoted), review time
 * (epoch ms), rating 1-4, FSRS state before the answer 0-3, and how long
 * the answer took (ms, whole, never negative).
 *
 * @example
 * reviewLogToCsv([{ cardId: 'q1', reviewTime: 1700000000000, rating: 3, state: 0, durationMs: 5200, ... }]);
 * // 'card_id,review_time,review_rating,review_state,review_duration\n"q1",1700000000000,3,0,5200\n'
 */
export function reviewLogToCsv(logs: readonly ReviewLogRecord[]): string {
  const ordered = logs
    .map((log, index) => ({ log, index }))
    .sort((a, b) => a.log.reviewTime - b.log.reviewTime || a.index - b.index)
    .map(({ log }) => log);
  const rows = ordered.map((log) =>
    [quoted(log.cardId), Math.round(log.reviewTime), log.rating, log.state, Math.max(0, Math.round(log.durationMs))].join(','),
  );
  return [REVIEW_LOG_CSV_HEADER, ...rows].join('\n') + '\n';
}
