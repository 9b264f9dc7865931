/**
 * The review session: which card is shown, whether its answer is revealed,
 * the queue, the undo stack and the counts.
 *
 * Answering is synchronous for the screen: the next card is computed and
 * shown at once, and the write (card + log in one transaction) follows in
 * the background on a serial chain. IndexedDB stays the source of truth: a
 * failed write puts the card back and explains why; `flush()` waits for the
 * chain (before an app update reloads the page).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { afterAnswer, nextStep, queueCounts, withCardRestored, type StudyQueue } from '../domain/queue';
import { answerCard, previewAnswers, type IntervalPreview } from '../domain/scheduler';
import { studyDayOf } from '../domain/studyDay';
import { CardQueue, type CardRecord, type DeckOptions, type RatingValue } from '../domain/types';
import { loadStudySession, type StudySessionData, recordReview, toStorageError, undoReview, type StorageError } from '../storage';

export type SessionPhase = 'idle' | 'loading' | 'question' | 'answer' | 'wait' | 'done' | 'error';

/** Longest time counted for one card; longer means the user stepped away. */
export const MAX_COUNTED_DURATION_MS = 120_000;
/** How many answers can be undone one by one. */
export const UNDO_DEPTH = 20;

interface UndoEntry {
  cardId: string;
  logId: Promise<number>;
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
  reviewedCount: number;
  undoStack: UndoEntry[];
  dayStartHour: number;
  dayEndMs: number;
  optionsByDeck: Map<string, DeckOptions>;
  /** A failure the user must see (load failed, an answer could not be saved). */
  error: StorageError | null;

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
}

export interface ReviewSessionDeps {
  now: () => number;
}

const EMPTY_QUEUE: StudyQueue = { learning: [], reviews: [], fresh: [] };

/** Writes waiting for a paint; a page being hidden or left lets them start at once. */
const waitingForPaint = new Set<() => void>();

function startWaitingWrites(): void {
  for (const start of [...waitingForPaint]) start();
}

if (typeof window !== 'undefined') {
  // A reload or a closed tab right after an answer must not leave its write waiting for a frame.
  window.addEventListener('pagehide', startWaitingWrites);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') startWaitingWrites();
  });
}

/**
 * Resolves once the browser has painted the frame that shows the next card,
 * so the answer's write never delays that paint. Hidden tabs do not paint, so
 * a short timer caps the wait, and hiding or leaving the page ends it at once.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waitingForPaint.delete(done);
      resolve();
    };
    const timer = setTimeout(done, 50);
    waitingForPaint.add(done);
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => {
        setTimeout(done, 0);
      });
    }
  });
}

export function countsOf(state: Pick<ReviewSessionState, 'queue'>) {
  return queueCounts(state.queue);
}

export function createReviewSessionStore(deps: ReviewSessionDeps = { now: () => Date.now() }): StoreApi<ReviewSessionState> {
  let writeChain: Promise<unknown> = Promise.resolve();
  let sessionToken = 0;

  return createStore<ReviewSessionState>()((set, get) => {
    /** The intervals the rating buttons show for `card`, as of when it was shown. */
    function previewsOf(card: CardRecord, shownAt: number): ReviewSessionState['previews'] {
      const options = get().optionsByDeck.get(card.deckId);
      return options ? previewAnswers(card, options, shownAt) : null;
    }

    /**
     * The card on screen gets its intervals after it has been painted (the
     * scheduler's work never delays the card), or at "Show answer" if that
     * comes first.
     */
    function previewAfterPaint(): void {
      const card = get().current;
      if (!card) return;
      void afterNextPaint().then(() => {
        const state = get();
        if (state.current === card && state.previews === null) set({ previews: previewsOf(card, state.shownAt) });
      });
    }

    /** Shows whatever comes next in `queue` (with `extra` state in the same update). */
    function showNext(queue: StudyQueue, shown: ReviewSessionState['shown'], nowMs: number, extra: Partial<ReviewSessionState> = {}): void {
      set({ ...stateForNext(queue, shown, nowMs), ...extra });
      previewAfterPaint();
    }

    /** The state for showing whatever comes next in `queue`. */
    function stateForNext(queue: StudyQueue, shown: ReviewSessionState['shown'], nowMs: number): Partial<ReviewSessionState> {
      const step = nextStep(queue, nowMs, shown);
      if (step.kind === 'card') {
        return {
          phase: 'question',
          current: step.card,
          previews: null,
          shownAt: nowMs,
          waitUntil: null,
        };
      }
      if (step.kind === 'wait') return { phase: 'wait', current: null, previews: null, waitUntil: step.until };
      return { phase: 'done', current: null, previews: null, waitUntil: null };
    }

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
      undoStack: [],
      dayStartHour: 4,
      dayEndMs: 0,
      optionsByDeck: new Map(),
      error: null,

      async start(requested, started) {
        const token = ++sessionToken;
        performance.mark('session:start');
        set({ phase: 'loading', error: null, current: null, reviewedCount: 0 });
        try {
          await writeChain.catch(() => undefined);
          const nowMs = deps.now();
          // Settings, decks, today's answers and the cards: one read-only transaction.
          const session = await (started ?? loadStudySession(requested, nowMs));
          performance.mark('session:loaded');
          if (token !== sessionToken) return;
          const shown = { reviews: 0, fresh: 0 };
          set({
            deckIds: requested === 'all' ? session.decks.map((deck) => deck.id) : requested,
            queue: session.queue,
            optionsByDeck: session.optionsByDeck,
            dayEndMs: session.dayEndMs,
            dayStartHour: session.settings.dayStartHour,
            shown,
            undoStack: session.todaysLogs
              .slice(0, UNDO_DEPTH)
              .filter((log) => log.id !== undefined)
              .reverse()
              .map((log) => ({ cardId: log.cardId, logId: Promise.resolve(log.id ?? -1) })),
          });
          showNext(session.queue, shown, nowMs);
        } catch (error) {
          if (token === sessionToken) set({ phase: 'error', error: toStorageError(error) });
        }
      },

      reveal() {
        const state = get();
        if (state.phase !== 'question') return;
        set({ phase: 'answer', previews: state.previews ?? (state.current ? previewsOf(state.current, state.shownAt) : null) });
      },

      answer(rating) {
        const state = get();
        const card = state.current;
        if (state.phase !== 'answer' || !card) return;
        const options = state.optionsByDeck.get(card.deckId);
        if (!options) return;
        const nowMs = deps.now();
        const { card: answered, log } = answerCard(card, rating, options, {
          nowMs,
          durationMs: Math.min(Math.max(0, nowMs - state.shownAt), MAX_COUNTED_DURATION_MS),
          day: studyDayOf(nowMs, state.dayStartHour),
        });
        const queue = afterAnswer(state.queue, answered, state.dayEndMs);
        const shown = {
          reviews: state.shown.reviews + (card.queue === CardQueue.Review ? 1 : 0),
          fresh: state.shown.fresh + (card.queue === CardQueue.New ? 1 : 0),
        };
        const token = sessionToken;
        const logId = writeChain.then(afterNextPaint).then(() => recordReview(answered, log));
        writeChain = logId.catch((error: unknown) => {
          if (token !== sessionToken) return;
          // The answer was not saved: bring the card back as it was and say why.
          const latest = get();
          const restoredQueue = withCardRestored(latest.queue, card);
          set({
            error: toStorageError(error),
            queue: restoredQueue,
            reviewedCount: Math.max(0, latest.reviewedCount - 1),
            undoStack: latest.undoStack.filter((entry) => entry.logId !== logId),
          });
          if (latest.phase === 'done' || latest.phase === 'wait') showNext(restoredQueue, latest.shown, deps.now());
        });
        showNext(queue, shown, nowMs, {
          queue,
          shown,
          reviewedCount: state.reviewedCount + 1,
          undoStack: [...state.undoStack.slice(-(UNDO_DEPTH - 1)), { cardId: card.id, logId }],
        });
      },

      async undo() {
        const state = get();
        const entry = state.undoStack.at(-1);
        if (!entry) return;
        set({ undoStack: state.undoStack.slice(0, -1) });
        try {
          await writeChain;
          const restored = await undoReview(await entry.logId);
          if (!restored) return;
          const latest = get();
          const queue = withCardRestored(latest.queue, restored);
          const nowMs = deps.now();
          const options = latest.optionsByDeck.get(restored.deckId);
          set({
            queue,
            phase: 'question',
            current: restored,
            previews: options ? previewAnswers(restored, options, nowMs) : null,
            shownAt: nowMs,
            waitUntil: null,
            reviewedCount: Math.max(0, latest.reviewedCount - 1),
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
        await writeChain.catch(() => undefined);
      },

      dismissError() {
        set({ error: null });
      },
    };
  });
}

/** The app's review session store. */
export const reviewSessionStore = createReviewSessionStore();

function keyOf(deckIds: 'all' | string[]): string {
  return deckIds === 'all' ? 'all' : deckIds.join(',');
}

let prestartedKey: string | null = null;

/**
 * Starts loading a session before React has mounted the review screen (cold
 * start on a /study link), so code and data load side by side.
 */
export function prestartSession(deckIds: 'all' | string[], started?: Promise<StudySessionData>): void {
  prestartedKey = keyOf(deckIds);
  void reviewSessionStore.getState().start(deckIds, started);
}

/** Starts a session for the review screen, unless the same one was prestarted. */
export function startSession(deckIds: 'all' | string[]): void {
  const key = keyOf(deckIds);
  const isPrestarted = prestartedKey === key;
  prestartedKey = null;
  if (!isPrestarted) void reviewSessionStore.getState().start(deckIds);
}

export function useReviewSession<T>(selector: (state: ReviewSessionState) => T): T {
  return useStore(reviewSessionStore, selector);
}
