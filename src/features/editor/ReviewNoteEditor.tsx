/**
 * The note editor over the review screen ("Edit" on the answer side, or
 * `e`): a modal dialog; on save the session's copies of the note's cards
 * take the new text at once (the review goes on on the same card) while the
 * note and its cards are written; a failed write puts the old text back and
 * says why. A lazy chunk of its own, loaded at the first edit.
 */
import { useEffect, useRef } from 'react';
import { contentOfDraft, tagsOfDraft } from '../../domain/noteDraft';
import { expandNote } from '../../domain/notes';
import { refreshCardsInSession } from '../../state/reviewSession';
import { updateNote } from '../../storage/notes';
import { useScreenT, useT } from '../../ui/i18n';
import { BROWSE_MESSAGES } from '../../ui/i18n/screens/browse';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { NoteEditor } from './NoteEditor';
import { StoryNoteNotice } from './StoryNoteNotice';
import { useNoteDraft } from './useNoteDraft';

export default function ReviewNoteEditor({ noteId, onClose, onSaveFailed }: { noteId: string; onClose: () => void; onSaveFailed: (message: string) => void }) {
  const { t } = useT();
  const tb = useScreenT(BROWSE_MESSAGES);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { note, draft, setDraft, loadError } = useNoteDraft(noteId);
  const failure = loadError !== null ? storageErrorMessage(loadError, t) : note === null ? tb('noteNotFound') : null;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  /**
   * The review shows the new text at once (the cards the edited note yields),
   * and the edit is written meanwhile; if the write fails, the old text comes
   * back and the review says why.
   */
  function save() {
    if (!note) return;
    const change = { ...contentOfDraft(draft), tags: tagsOfDraft(draft) };
    refreshCardsInSession(noteId, expandNote({ ...note, ...change }, 0));
    onClose();
    updateNote(noteId, change, Date.now()).catch((error: unknown) => {
      refreshCardsInSession(noteId, expandNote(note, 0));
      onSaveFailed(t('saveFailed', { reason: storageErrorMessage(error, t) }));
    });
  }

  return (
    <dialog ref={dialogRef} className="editor-dialog" aria-labelledby="review-editor-title" onCancel={onClose}>
      <div className="editor-dialog-head">
        <h2 id="review-editor-title">{tb('editNoteTitle')}</h2>
        <button type="button" className="button ghost" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
      {failure && (
        <p role="alert" className="banner error">
          {failure}
        </p>
      )}
      {note?.origin.kind === 'story' && <StoryNoteNotice storyId={note.origin.storyId} />}
      {note && note.origin.kind !== 'story' && <NoteEditor draft={draft} onChange={setDraft} onSubmit={save} submitLabel={tb('noteSave')} isSaving={false} />}
    </dialog>
  );
}
