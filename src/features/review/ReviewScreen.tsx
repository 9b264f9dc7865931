import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from '../../ui/Link';
import { NotFound } from '../../ui/NotFound';
import { studyHandoffKey, takeHandoff } from '../../ui/handoff';
import { useT, type MessageKey } from '../../ui/i18n';
import type { UnschedulableReason } from '../../domain/scheduler';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { queueCounts } from '../../domain/queue';
import type { RatingValue } from '../../domain/types';
import { reviewSessionStore, startSession, useReviewSession } from '../../state/reviewSession';
import { CardView } from '../../ui/CardView';
import { isQuestionNote } from '../../domain/stories';
import { warmMarkdown } from '../../ui/markdown';
import { RatingBar } from './RatingBar';
import { SessionEnd } from './SessionEnd';
import { useAskPersistence } from './useAskPersistence';
import { useReviewKeys } from './useReviewKeys';

/** The note editor over the review (its own chunk, loaded at the first edit). */
const ReviewNoteEditor = lazy(() => import('../editor/ReviewNoteEditor'));
// A question's stories on the answer side (the story bank's code loads at the first reveal).
const StoryPanel = lazy(() => import('../stories/StoryPanel'));

/** The scheduler's reasons for skipping a card, in words. */
const UNSCHEDULABLE_REASONS: Record<UnschedulableReason, MessageKey> = {
  'no-options': 'unschedulableNoOptions',
  'invalid-due': 'unschedulableInvalidDue',
  'invalid-steps': 'unschedulableInvalidSteps',
  'invalid-state': 'unschedulableInvalidState',
  'scheduler-failed': 'unschedulableFailed',
};

/** The review screen: question, "Show answer", ratings with intervals, undo, remaining counts. */
export function ReviewScreen({ deckIds }: { deckIds: 'all' | string[] }) {
  const { t } = useT();
  const phase = useReviewSession((state) => state.phase);
  const current = useReviewSession((state) => state.current);
  const previews = useReviewSession((state) => state.previews);
  const queue = useReviewSession((state) => state.queue);
  const canUndo = useReviewSession((state) => state.undoStack.length > 0);
  const reviewedCount = useReviewSession((state) => state.reviewedCount);
  const saveError = useReviewSession((state) => (state.phase === 'error' ? null : state.error));
  const notice = useReviewSession((state) => state.notice);
  const showAnswerRef = useRef<HTMLButtonElement>(null);
  const deckKey = deckIds === 'all' ? 'all' : deckIds.join(',');

  // A cold start on this link has started the session already (the boot sequence hands it over).
  useEffect(() => {
    const deckIds = deckKey === 'all' ? 'all' : deckKey.split(',');
    if (!takeHandoff(studyHandoffKey(deckIds))) void startSession(deckIds);
  }, [deckKey]);

  // After each rating (a new card shown), focus returns to "Show answer",
  // in the frame after the card is painted (focus forces a layout).
  useEffect(() => {
    if (phase !== 'question') return;
    const frame = requestAnimationFrame(() => showAnswerRef.current?.focus({ preventScroll: true }));
    return () => cancelAnimationFrame(frame);
  }, [phase, current?.id]);

  // Have this card's answer and the next cards' HTML ready before the taps
  // that show them (while the browser is idle, after this card is painted).
  useEffect(() => {
    const upcoming = [...queue.learning.slice(0, 2), ...queue.reviews.slice(0, 2), ...queue.fresh.slice(0, 2)];
    warmMarkdown([...(current ? [current.back] : []), ...upcoming.flatMap((card) => [card.front, card.back])]);
  }, [queue, current]);

  const reveal = useCallback(() => reviewSessionStore.getState().reveal(), []);
  const rate = useCallback((rating: RatingValue) => reviewSessionStore.getState().answer(rating), []);
  const undo = useCallback(() => void reviewSessionStore.getState().undo(), []);
  // The note being edited over the review ("Edit" or `e`); the session waits meanwhile.
  const [editingNoteId, setEditingNoteId] = useState<string | null>(null);
  const [editFailure, setEditFailure] = useState<string | null>(null);
  const edit = useCallback(() => {
    const card = reviewSessionStore.getState().current;
    if (card) setEditingNoteId(card.noteId);
  }, []);
  const suspend = useCallback(() => reviewSessionStore.getState().setAside('suspend'), []);
  const bury = useCallback(() => reviewSessionStore.getState().setAside('bury'), []);
  useReviewKeys({ onReveal: reveal, onRate: rate, onUndo: undo, onEdit: edit, onSuspend: suspend, onBury: bury });
  useAskPersistence(reviewedCount);

  const counts = queueCounts(queue);
  const countsText = t('deckCountsText', { new: counts.newCount, learning: counts.learningCount, due: counts.reviewCount });
  const isCardPhase = (phase === 'question' || phase === 'answer') && current;

  if (phase === 'not-found') return <NotFound text={t('deckNotFound')} />;
  return (
    <div className="review">
      <h1 className="visually-hidden">{t('reviewTitle')}</h1>
      <header className="review-header">
        <Link href="/" className="button ghost">
          {t('home')}
        </Link>
        <p className="counts" title={t('remaining')}>
          <span className="visually-hidden">{`${t('remaining')}: ${countsText}`}</span>
          <span aria-hidden="true" className="count new">{counts.newCount}</span>
          <span aria-hidden="true" className="count learning">{counts.learningCount}</span>
          <span aria-hidden="true" className="count due">{counts.reviewCount}</span>
        </p>
        <button type="button" className="button ghost" onClick={undo} disabled={!canUndo} aria-keyshortcuts="U Control+Z">
          {t('undo')}
        </button>
      </header>
      {saveError && (
        <div role="alert" className="banner error">
          <p>{t('saveError', { reason: storageErrorMessage(saveError, t) })}</p>
          <button type="button" className="button" onClick={() => reviewSessionStore.getState().dismissError()}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {editFailure && (
        <div role="alert" className="banner error">
          <p>{editFailure}</p>
          <button type="button" className="button" onClick={() => setEditFailure(null)}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {notice && (
        <div role="status" className="banner">
          <p>
            {notice.kind === 'answered-elsewhere'
              ? t('answeredElsewhere')
              : notice.kind === 'undo-elsewhere'
                ? t('undoElsewhere')
                : notice.kind === 'leech'
                  ? t('leechNotice', { count: notice.lapses })
                  : notice.kind === 'set-aside'
                  ? t(notice.action === 'suspend' ? 'cardSuspendedNotice' : 'cardBuriedNotice')
                  : notice.kind === 'set-aside-failed'
                  ? t('setAsideFailed', { reason: storageErrorMessage(notice.error, t) })
                  : t('unschedulable', { reason: t(UNSCHEDULABLE_REASONS[notice.reason]) })}
          </p>
          <button type="button" className="button" onClick={() => reviewSessionStore.getState().dismissNotice()}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {phase === 'loading' || phase === 'idle' ? (
        <p className="muted" role="status">{t('loadingSession')}</p>
      ) : isCardPhase ? (
        <>
          <div className="review-main">
            <CardView card={current} isRevealed={phase === 'answer'} />
            {phase === 'answer' && (
              <div className="review-edit">
                <button type="button" className="button ghost" onClick={bury} aria-keyshortcuts="-">
                  {t('buryInReview')}
                </button>
                <button type="button" className="button ghost" onClick={suspend} aria-keyshortcuts="S !">
                  {t('suspendInReview')}
                </button>
                <button type="button" className="button ghost" onClick={edit} aria-keyshortcuts="E">
                  {t('editInReview')}
                </button>
              </div>
            )}
            {phase === 'answer' && (
              <Suspense fallback={null}>
                <StoryPanel key={current.noteId} noteId={current.noteId} isQuestion={isQuestionNote(current)} />
              </Suspense>
            )}
          </div>
          <RatingBar
            isRevealed={phase === 'answer'}
            previews={previews}
            onReveal={reveal}
            onRate={rate}
            showAnswerRef={showAnswerRef}
          />
        </>
      ) : (
        <div className="review-main">
          <SessionEnd />
        </div>
      )}
      {editingNoteId !== null && (
        <Suspense fallback={null}>
          <ReviewNoteEditor noteId={editingNoteId} onClose={() => setEditingNoteId(null)} onSaveFailed={setEditFailure} />
        </Suspense>
      )}
    </div>
  );
}
