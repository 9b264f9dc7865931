import { useEffect, useState } from 'react';
import { draftOf, EMPTY_DRAFT, type NoteDraft } from '../../domain/noteDraft';
import type { NoteRecord } from '../../domain/types';
import { loadNoteForEdit } from '../../storage/browse';

/**
 * A stored note and the draft the editor changes, loaded once per note:
 * `note` is undefined while loading and null when there is no such note;
 * `loadError` is the storage error, if reading failed.
 */
export function useNoteDraft(noteId: string): {
  note: NoteRecord | null | undefined;
  draft: NoteDraft;
  setDraft: (draft: NoteDraft) => void;
  loadError: unknown;
} {
  const [note, setNote] = useState<NoteRecord | null | undefined>(undefined);
  const [draft, setDraft] = useState<NoteDraft>(EMPTY_DRAFT);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    let isCurrent = true;
    loadNoteForEdit(noteId).then(
      (loaded) => {
        if (!isCurrent) return;
        setNote(loaded);
        if (loaded) setDraft(draftOf(loaded));
      },
      (error: unknown) => isCurrent && setLoadError(error),
    );
    return () => {
      isCurrent = false;
    };
  }, [noteId]);
  return { note, draft, setDraft, loadError };
}
