/**
 * The review session: which card is shown, whether its answer is revealed,
 * the queue, the undo stack and the counts.
 *
 * Answering is synchronous for the screen and durable at once: the answer
 * is the one its button showed (`answerFromPreview`), its write is issued in
 * the tap's own task (`writeAnswer`: journaled, committed without waiting
 * for a paint) and the next card is shown in the same update. IndexedDB
 * stays the source of truth: a failed write puts the card back and explains
 * why; a card answered in another tab leaves this tab's queue, and an answer
 * or undo that finds its card moved on writes nothing and says so.
 */
import { afterNextPaint } from './frames';
import { reachedMilestone } from '../domain/milestones';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { BUILT_IN_DECKS_VERSION, loadBuiltInDecks } from '../domain/builtInDecks';
import { leechOutcome } from '../domain/leech';
import { afterAnswer, nextStep, queueCounts, siblingsInQueue, withCardRestored, type StudyQueue } from '../domain/queue';
import { answerFromPreview, previewAnswers, SchedulingError, type IntervalPreview, type UnschedulableReason } from '../domain/scheduler';
import { studyDayOf } from '../domain/studyDay';
import { CardQueue, DEFAULT_DECK_OPTIONS, type CardContent, type CardRecord, type DeckOptions, type RatingValue } from '../domain/types';
import {
  ensureBuiltInDecks,
  loadStudySession,
  newWriterId,
  onAnswersElsewhere,
  pruneAnswerClaims,
  toStorageError,
  undoAnswer,
  writeAnswer,
  type AnswerNotice,
  type StorageError,
  type StudySessionData,
} from '../storage';

/** 'not-found': none of the requested decks exists (an old or mistyped link). */
export type SessionPhase = 'idle' | 'loading' | 'question' | 'answer' | 'wait' | 'done' | 'error' | 'not-found';

/** Longest time counted for one card; longer means the user stepped away. */
export const MAX_COUNTED_DURATION_MS = 120_000;
/** How many answers can be undone one by one. */
export const UNDO_DEPTH = 20;
/** Intervals older than this when the answer is revealed are worked out again (the user stepped away). */
const PREVIEW_MAX_AGE_MS = 60_000;

/** Something the user should know that is not a failure. */
export type SessionNotice =
  /** The card on screen (or just answered here) was answered in another tab; this tab's answer was not saved. */
  | { kind: 'answered-elsewhere' }
  /** Undo found its card answered again since (in another tab): nothing was changed. */
  | { kind: 'undo-elsewhere' }
  /** A card's stored schedule cannot be used by the scheduler; it was skipped. */
  | { kind: 'unschedulable'; reason: UnschedulableReason }
  /** The answer just given made this card a leech (`lapses` lapses): it was suspended and its note tagged `leech`. */
  | { kind: 'leech'; cardId: string; lapses: number }
  /** The user set the card on screen aside: suspended, or buried until the next study day. */
  | { kind: 'set-aside'; action: 'suspend' | 'bury' }
  /** Setting a card aside could not be written: it is back in the queue. */
  | { kind: 'set-aside-failed'; action: 'suspend' | 'bury'; error: StorageError };

/** An answer refused because its card had been answered elsewhere first. */
class AnsweredElsewhere extends Error {
  constructor(readonly stored: CardRecord | undefined) {
    super('The card was answered in another tab first.');
  }
}

interface UndoEntry {
  cardId: string;
  logId: Promise<string>;
}

export interface ReviewSessionState {
  phase: SessionPhase;
  deckIds: string[];
  queue: StudyQueue;
  current: CardRecord | null;
  previews: Record<RatingValue, IntervalPreview> | null;
  /** When the current card was shown (epoch ms), for the time spent on it. */
  shownAt: number;
  shown: { reviews: number; fresh: number };
  waitUntil: number | null;
  /** Answers given this session (a card answered three times counts three). */
  reviewedCount: number;
  /** Distinct cards answered this session. */
  reviewedCards: ReadonlySet<string>;
  undoStack: UndoEntry[];
  dayStartHour: number;
  dayEndMs: number;
  learnAheadMs: number;
  optionsByDeck: Map<string, DeckOptions>;
  /** A failure the user must see (load failed, an answer could not be saved). */
  error: StorageError | null;
  notice: SessionNotice | null;

  /** Starts a session over these decks ('all' = every deck); `started`: the same load, already under way. */
  start: (deckIds: 'all' | string[], started?: Promise<StudySessionData>) => Promise<void>;
  reveal: () => void;
  answer: (rating: RatingValue) => void;
  undo: () => Promise<void>;
  /** Re-checks the queue after waiting for a learning card. */
  resume: () => void;
  /** Resolves when every answer so far has been written. */
  flush: () => Promise<void>;
  dismissError: () => void;
  dismissNotice: () => void;
  /** Suspends or buries the card on screen (Anki's `!`/`s` and `-`): the next card shows at once, the write follows. */
  setAside: (action: 'suspend' | 'bury') => void;
  /** Leaves the card on screen without answering it (an edit of its note no longer yields it): the next card shows. */
  skipCurrent: () => void;
}

export interface ReviewSessionDeps {
  now: () => number;
}

const EMPTY_QUEUE: StudyQueue = { learning: [], reviews: [], fresh: [] };

export function countsOf(state: Pick<ReviewSessionState, 'queue'>) {
  return queueCounts(state.queue);
}

/** The intervals for `card`, or the reason the scheduler refused it. */
function tryPreview(
  card: CardRecord,
  options: DeckOptions | undefined,
  nowMs: number,
): Record<RatingValue, IntervalPreview> | { failed: UnschedulableReason } {
  if (!options) return { failed: 'no-options' };
  try {
    const previews = previewAnswers(card, options, nowMs);
    if (Object.values(previews).some((preview) => !Number.isFinite(preview.due))) return { failed: 'invalid-due' };
    return previews;
  } catch (error) {
    return { failed: error instanceof SchedulingError ? error.reason : 'scheduler-failed' };
  }
}

export function createReviewSessionStore(deps: ReviewSessionDeps = { now: () => Date.now() }): StoreApi<ReviewSessionState> {
  /** Every write not yet settled; undo and flush wait for them. */
  let pendingWrites: Promise<unknown> = Promise.resolve();
  let sessionToken = 0;
  const writer = newWriterId();

  const store = createStore<ReviewSessionState>()((set, get) => {
    /**
     * The card on screen gets its intervals after it has been painted (the
     * scheduler's work never delays the card), or at "Show answer" if that
     * comes first.
     */
    function previewAfterPaint(): void {
      const card = get().current;
      if (!card) return;
      afterNextPaint(() => {
        const state = get();
        if (state.current !== card || state.previews !== null) return;
        const previews = tryPreview(card, state.optionsByDeck.get(card.deckId), deps.now());
        if ('failed' in previews) skipUnschedulable(card, previews.failed);
        else set({ previews });
      });
    }

    /** A card the scheduler refuses is skipped with a message, never left with a dead button. */
    function skipUnschedulable(card: CardRecord, reason: UnschedulableReason): void {
      const state = get();
      const queue = afterAnswer(state.queue, { ...card, queue: CardQueue.Retired }, state.dayEndMs);
      showNext(queue, state.shown, deps.now(), { queue, notice: { kind: 'unschedulable', reason } });
    }

    /** Shows whatever comes next in `queue` (with `extra` state in the same update). */
    function showNext(queue: StudyQueue, shown: ReviewSessionState['shown'], nowMs: number, extra: Partial<ReviewSessionState> = {}): void {
      set({ ...stateForNext(queue, shown, nowMs), ...extra });
      previewAfterPaint();
    }

    /** The state for showing whatever comes next in `queue`. */
    function stateForNext(queue: StudyQueue, shown: ReviewSessionState['shown'], nowMs: number): Partial<ReviewSessionState> {
      const step = nextStep(queue, nowMs, shown, get().learnAheadMs);
      if (step.kind === 'card') {
        return { phase: 'question', current: step.card, previews: null, shownAt: nowMs, waitUntil: null };
      }
      if (step.kind === 'wait') return { phase: 'wait', current: null, previews: null, waitUntil: step.until };
      return { phase: 'done', current: null, previews: null, waitUntil: null };
    }

    /** The answer of `card` did not land: take it back out of the counts and the undo stack. */
    function forgetAnswer(card: CardRecord, logId: Promise<string>, extra: Partial<ReviewSessionState>): void {
      const latest = get();
      const reviewedCards = new Set(latest.reviewedCards);
      if (!latest.undoStack.some((entry) => entry.cardId === card.id && entry.logId !== logId)) reviewedCards.delete(card.id);
      const queue = extra.queue ?? latest.queue;
      set({
        reviewedCount: Math.max(0, latest.reviewedCount - 1),
        reviewedCards,
        undoStack: latest.undoStack.filter((entry) => entry.logId !== logId),
        ...extra,
      });
      // Re-show when the session had ended, or is showing this very card again (learn-ahead).
      if (latest.phase === 'done' || latest.phase === 'wait' || latest.current?.id === card.id) showNext(queue, latest.shown, deps.now());
    }

    /** Another tab answered (or undid) a card: this tab's queue follows. */
    function followElsewhere(notice: AnswerNotice): void {
      const state = get();
      if (state.phase === 'idle' || state.phase === 'loading' || state.phase === 'error') return;
      const card = notice.card;
      if (!state.deckIds.includes(card.deckId)) return;
      const queue =
        notice.kind === 'answered'
          ? afterAnswer(state.queue, card, state.dayEndMs, notice.siblings)
          : withCardRestored(state.queue, card);
      if (notice.kind === 'answered' && state.current?.id === card.id) {
        showNext(queue, state.shown, deps.now(), { queue, notice: { kind: 'answered-elsewhere' } });
      } else if (state.phase === 'done' || state.phase === 'wait') {
        showNext(queue, state.shown, deps.now(), { queue });
      } else {
        set({ queue });
      }
    }

    onAnswersElsewhere(writer, followElsewhere);

    return {
      phase: 'idle',
      deckIds: [],
      queue: EMPTY_QUEUE,
      current: null,
      previews: null,
      shownAt: 0,
      shown: { reviews: 0, fresh: 0 },
      waitUntil: null,
      reviewedCount: 0,
      reviewedCards: new Set(),
      undoStack: [],
      dayStartHour: 4,
      dayEndMs: 0,
      learnAheadMs: 0,
      optionsByDeck: new Map(),
      error: null,
      notice: null,

      async start(requested, started) {
        const token = ++sessionToken;
        reachedMilestone('session:start');
        set({ phase: 'loading', error: null, notice: null, current: null, reviewedCount: 0, reviewedCards: new Set() });
        try {
          await pendingWrites.catch(() => undefined);
          const nowMs = deps.now();
          // Settings, decks, today's answers and the cards: one read-only transaction.
          let session = await (started ?? loadStudySession(requested, nowMs));
          const isMissingDecks = requested === 'all' ? session.decks.length === 0 : session.decks.length < requested.length;
          if (isMissingDecks && (await ensureBuiltInDecks(BUILT_IN_DECKS_VERSION, loadBuiltInDecks, nowMs))) {
            // A first visit straight to a study link: the built-in decks were not installed yet.
            session = await loadStudySession(requested, nowMs);
          }
          reachedMilestone('session:loaded');
          if (token !== sessionToken) return;
          if (requested !== 'all' && session.decks.length === 0) {
            set({ phase: 'not-found' });
            return;
          }
          const shown = { reviews: 0, fresh: 0 };
          set({
            deckIds: requested === 'all' ? session.decks.map((deck) => deck.id) : requested,
            queue: session.queue,
            optionsByDeck: session.optionsByDeck,
            dayEndMs: session.dayEndMs,
            dayStartHour: session.settings.dayStartHour,
            learnAheadMs: Math.max(0, session.settings.learnAheadMinutes) * 60_000,
            shown,
            undoStack: session.todaysLogs
              .slice(0, UNDO_DEPTH)
              .filter((log) => log.id !== undefined)
              .reverse()
              .map((log) => ({ cardId: log.cardId, logId: Promise.resolve(log.id ?? '') })),
          });
          showNext(session.queue, shown, nowMs);
          // Old answer claims (one per answer) are dropped once the session is on screen.
          setTimeout(() => void pruneAnswerClaims(nowMs).catch(() => undefined), 2000);
        } catch (error) {
          if (token === sessionToken) set({ phase: 'error', error: toStorageError(error) });
        }
      },

      reveal() {
        const state = get();
        const card = state.current;
        if (state.phase !== 'question' || !card) return;
        const nowMs = deps.now();
        const isFresh = state.previews !== null && nowMs - state.previews[1].previewedAt <= PREVIEW_MAX_AGE_MS;
        const previews = isFresh ? state.previews : tryPreview(card, state.optionsByDeck.get(card.deckId), nowMs);
        if (previews && 'failed' in previews) {
          skipUnschedulable(card, previews.failed);
          return;
        }
        set({ phase: 'answer', previews });
      },

      answer(rating) {
        const state = get();
        const card = state.current;
        const preview = state.previews?.[rating];
        if (state.phase !== 'answer' || !card || !preview) return;
        const options = state.optionsByDeck.get(card.deckId);
        const nowMs = deps.now();
        // Exactly what the button said: the preview's outcome, moved to the tap's time.
        const given = answerFromPreview(preview, {
          nowMs,
          durationMs: Math.min(Math.max(0, nowMs - state.shownAt), MAX_COUNTED_DURATION_MS),
          day: studyDayOf(nowMs, state.dayStartHour),
        });
        // A lapse that makes the card a leech suspends it (a comparison of two numbers; the note is tagged by the write).
        const { card: answered, log, isLeech } = leechOutcome(card, given, options?.leechThreshold ?? DEFAULT_DECK_OPTIONS.leechThreshold);
        const burySiblings = options?.burySiblings ?? true;
        // Issued now, in the tap's task: a reload right after the tap cannot lose it.
        const written = writeAnswer({ card: answered, log, burySiblings, dayEndMs: state.dayEndMs, writer });
        const buried = burySiblings ? siblingsInQueue(state.queue, card) : [];
        const queue = afterAnswer(state.queue, answered, state.dayEndMs, buried);
        const shown = {
          reviews: state.shown.reviews + (card.queue === CardQueue.Review ? 1 : 0),
          fresh: state.shown.fresh + (card.queue === CardQueue.New ? 1 : 0),
        };
        const token = sessionToken;
        const logId = written.then((result) => {
          if (result.kind === 'conflict') throw new AnsweredElsewhere(result.stored);
          return result.logId;
        });
        pendingWrites = Promise.all([pendingWrites, logId]).catch((failure: unknown) => {
          if (token !== sessionToken) return;
          if (failure instanceof AnsweredElsewhere) {
            // Answered in another tab first: nothing was written; follow the stored card.
            const latest = get();
            // The stored card (or none, when it was deleted) takes the answered card's place.
            const followed = afterAnswer(latest.queue, failure.stored ?? { ...card, queue: CardQueue.Retired }, latest.dayEndMs);
            forgetAnswer(card, logId, { queue: followed, notice: { kind: 'answered-elsewhere' } });
            return;
          }
          // The answer was not saved: bring the card back as it was and say why (it is no leech either).
          const shownNotice = get().notice;
          const notice = shownNotice?.kind === 'leech' && shownNotice.cardId === card.id ? null : shownNotice;
          forgetAnswer(card, logId, { error: toStorageError(failure), queue: withCardRestored(get().queue, card), notice });
        });
        showNext(queue, shown, nowMs, {
          queue,
          shown,
          notice: isLeech ? { kind: 'leech', cardId: card.id, lapses: answered.lapses } : null,
          reviewedCount: state.reviewedCount + 1,
          reviewedCards: new Set(state.reviewedCards).add(card.id),
          undoStack: [...state.undoStack.slice(-(UNDO_DEPTH - 1)), { cardId: card.id, logId }],
        });
      },

      async undo() {
        const state = get();
        const entry = state.undoStack.at(-1);
        if (!entry) return;
        set({ undoStack: state.undoStack.slice(0, -1), notice: null });
        try {
          await pendingWrites.catch(() => undefined);
          const logId = await entry.logId.catch(() => null);
          if (logId === null || logId === '') return;
          const result = await undoAnswer(logId, writer);
          if (result.kind === 'gone') return;
          if (result.kind === 'conflict') {
            set({ notice: { kind: 'undo-elsewhere' } });
            return;
          }
          const restored = result.card;
          const latest = get();
          let queue = withCardRestored(latest.queue, restored);
          for (const sibling of result.siblings) queue = withCardRestored(queue, sibling);
          const nowMs = deps.now();
          const previews = tryPreview(restored, latest.optionsByDeck.get(restored.deckId), nowMs);
          const reviewedCards = new Set(latest.reviewedCards);
          if (!latest.undoStack.some((other) => other.cardId === restored.id)) reviewedCards.delete(restored.id);
          set({
            queue,
            phase: 'question',
            current: restored,
            previews: 'failed' in previews ? null : previews,
            shownAt: nowMs,
            waitUntil: null,
            reviewedCount: Math.max(0, latest.reviewedCount - 1),
            reviewedCards,
            shown: {
              reviews: Math.max(0, latest.shown.reviews - (restored.queue === CardQueue.Review ? 1 : 0)),
              fresh: Math.max(0, latest.shown.fresh - (restored.queue === CardQueue.New ? 1 : 0)),
            },
          });
        } catch (error) {
          set({ error: toStorageError(error) });
        }
      },

      resume() {
        const state = get();
        if (state.phase !== 'wait') return;
        showNext(state.queue, state.shown, deps.now());
      },

      async flush() {
        await pendingWrites.catch(() => undefined);
      },

      dismissError() {
        set({ error: null });
      },

      dismissNotice() {
        set({ notice: null });
      },

      skipCurrent() {
        const state = get();
        const card = state.current;
        if (!card) return;
        const queue = afterAnswer(state.queue, { ...card, queue: CardQueue.Retired }, state.dayEndMs);
        showNext(queue, state.shown, deps.now(), { queue });
      },

      setAside(action) {
        const state = get();
        const card = state.current;
        if (!card || (state.phase !== 'question' && state.phase !== 'answer')) return;
        const nowMs = deps.now();
        const queue = afterAnswer(state.queue, { ...card, queue: action === 'suspend' ? CardQueue.Suspended : CardQueue.Buried }, state.dayEndMs);
        showNext(queue, state.shown, nowMs, { queue, notice: { kind: 'set-aside', action } });
        const change = action === 'suspend' ? ({ kind: 'suspend' } as const) : ({ kind: 'bury', day: studyDayOf(nowMs, state.dayStartHour) } as const);
        const write = import('../storage/cardActions').then(({ applyCardAction }) => applyCardAction([card.id], change, nowMs));
        pendingWrites = pendingWrites.then(() => write.then(() => undefined)).catch(() => undefined);
        write.catch((error: unknown) => {
          // Not written: the card comes back into the queue, and the screen says why.
          const latest = get();
          const restored = withCardRestored(latest.queue, card);
          set({ queue: restored, notice: { kind: 'set-aside-failed', action, error: toStorageError(error) } });
          if (latest.phase === 'done' || latest.phase === 'wait') showNext(restored, latest.shown, deps.now());
        });
      },
    };
  });
  return store;
}

/** The app's review session store. */
export const reviewSessionStore = createReviewSessionStore();

/**
 * Starts the app's review session over `deckIds`; `started` hands over the
 * session's reads when they are already under way (a cold start on a /study
 * link begins them before React has loaded).
 */
export function startSession(deckIds: 'all' | string[], started?: Promise<StudySessionData>): Promise<void> {
  return reviewSessionStore.getState().start(deckIds, started);
}

export function useReviewSession<T>(selector: (state: ReviewSessionState) => T): T {
  return useStore(reviewSessionStore, selector);
}

/** A card's content fields (what a note edit changes), taken from `from` onto `card`; its schedule and place stay. */
function withContentOf(card: CardRecord, from: CardContent): CardRecord {
  const { noteId, deckId, template, ordinal, front, back, tags } = from;
  const next: CardRecord = { ...card, noteId, deckId, template, ordinal, front, back, tags };
  if (from.source !== undefined) next.source = from.source;
  else delete next.source;
  return next;
}

/**
 * After an edit of note `noteId` during review: the session's copies of its
 * cards (the one on screen, the queued ones and the outcomes the rating
 * buttons will write) take the text of `cards`, the cards the note now
 * yields, so the review goes on on the same card with the new text and an
 * answer never writes the old text back. A queued card of the note that it
 * no longer yields leaves the queue, and if it is the one on screen, the
 * next card is shown (answering it would bring back a card its note no
 * longer has). Called before the edit is written (the screen shows it at
 * once) and again with the old cards if the write fails.
 *
 * @example
 * refreshCardsInSession(note.id, expandNote(editedNote, 0));
 */
export function refreshCardsInSession(noteId: string, cards: readonly CardContent[], store: StoreApi<ReviewSessionState> = reviewSessionStore): void {
  const byId = new Map(cards.map((card) => [card.id, card]));
  const refresh = (card: CardRecord): CardRecord => {
    const edited = byId.get(card.id);
    return edited ? withContentOf(card, edited) : card;
  };
  const isDropped = (card: CardRecord) => card.noteId === noteId && !byId.has(card.id);
  const refreshList = (list: readonly CardRecord[]) => list.filter((card) => !isDropped(card)).map(refresh);
  const current = store.getState().current;
  store.setState((state) => ({
    current: state.current ? refresh(state.current) : null,
    queue: { learning: refreshList(state.queue.learning), reviews: refreshList(state.queue.reviews), fresh: refreshList(state.queue.fresh) },
    previews: state.previews
      ? (Object.fromEntries(
          Object.entries(state.previews).map(([rating, preview]) => [rating, { ...preview, outcome: { ...preview.outcome, card: refresh(preview.outcome.card) } }]),
        ) as ReviewSessionState['previews'])
      : null,
  }));
  if (current && isDropped(current)) store.getState().skipCurrent();
}
