/**
 * The note editor's screens: edit one note (from Browse; its cards follow,
 * storage/notes `updateNote`) and add notes to a deck (`addNote`), keeping
 * the deck and type for the next one, as Anki's Add window does.
 */
import { useId, useState } from 'react';
import { contentOfDraft, EMPTY_DRAFT, tagsOfDraft, type NoteDraft } from '../../domain/noteDraft';
import { expandNote } from '../../domain/notes';
import { addNote, updateNote } from '../../storage/notes';
import { useDecks } from '../../ui/data';
import { useScreenT, useT } from '../../ui/i18n';
import { BROWSE_MESSAGES } from '../../ui/i18n/screens/browse';
import { navigate } from '../../ui/navigation';
import { browsePath } from '../../ui/paths';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { NoteEditor } from './NoteEditor';
import { StoryNoteNotice } from './StoryNoteNotice';
import { useNoteDraft } from './useNoteDraft';

/** Back where the editor was opened from (Browse when it was opened directly). */
function goBack(): void {
  if (window.history.state !== null || window.history.length > 1) window.history.back();
  else navigate(browsePath(), { replace: true });
}

export function EditNoteScreen({ noteId }: { noteId: string }) {
  const { t } = useT();
  const tb = useScreenT(BROWSE_MESSAGES);
  const { note, draft, setDraft, loadError } = useNoteDraft(noteId);
  const [saveFailure, setSaveFailure] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const failure = saveFailure ?? (loadError !== null ? storageErrorMessage(loadError, t) : null);

  async function save() {
    setIsSaving(true);
    setSaveFailure(null);
    try {
      await updateNote(noteId, { ...contentOfDraft(draft), tags: tagsOfDraft(draft) }, Date.now());
      goBack();
    } catch (error) {
      setSaveFailure(t('saveFailed', { reason: storageErrorMessage(error, t) }));
      setIsSaving(false);
    }
  }

  return (
    <div className="editor-screen">
      <ScreenHeader title={tb('editNoteTitle')} />
      {failure && (
        <p role="alert" className="banner error">
          {failure}
        </p>
      )}
      {note === null && <p role="alert">{tb('noteNotFound')}</p>}
      {note?.origin.kind === 'story' && <StoryNoteNotice storyId={note.origin.storyId} />}
      {note && note.origin.kind !== 'story' && <NoteEditor draft={draft} onChange={setDraft} onSubmit={() => void save()} submitLabel={tb('noteSave')} isSaving={isSaving} />}
    </div>
  );
}

export function AddNoteScreen({ deckId }: { deckId: string | null }) {
  const { t } = useT();
  const tb = useScreenT(BROWSE_MESSAGES);
  const baseId = useId();
  const decks = useDecks();
  const [chosenDeck, setChosenDeck] = useState<string | null>(deckId);
  const [draft, setDraft] = useState<NoteDraft>(EMPTY_DRAFT);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const targetId = chosenDeck ?? decks?.[0]?.id ?? null;
  const target = decks?.find((deck) => deck.id === targetId);

  async function add() {
    if (!target) return;
    setIsSaving(true);
    setFailure(null);
    try {
      const note = await addNote(target.id, { ...contentOfDraft(draft), tags: tagsOfDraft(draft) }, Date.now());
      setStatus(tb('noteAdded', { count: expandNote(note, 0).length, deck: target.name }));
      // The next note keeps the deck, the type and the tags; its fields start empty.
      setDraft({ ...EMPTY_DRAFT, type: draft.type, tags: draft.tags });
    } catch (error) {
      setStatus(null);
      setFailure(t('saveFailed', { reason: storageErrorMessage(error, t) }));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <div className="editor-screen">
      <ScreenHeader title={tb('addNoteTitle')} />
      <p role="status" className="status-line">
        {status}
      </p>
      {failure && (
        <p role="alert" className="banner error">
          {failure}
        </p>
      )}
      {decks && decks.length === 0 && <p>{tb('noteNoDeck')}</p>}
      {decks && decks.length > 0 && (
        <NoteEditor draft={draft} onChange={setDraft} onSubmit={() => void add()} submitLabel={tb('noteAdd')} isSaving={isSaving}>
          <div className="field">
            <label htmlFor={`${baseId}-deck`}>{tb('noteDeckLabel')}</label>
            <select id={`${baseId}-deck`} value={targetId ?? ''} onChange={(event) => setChosenDeck(event.target.value)}>
              {decks.map((deck) => (
                <option key={deck.id} value={deck.id}>
                  {deck.name}
                </option>
              ))}
            </select>
          </div>
        </NoteEditor>
      )}
    </div>
  );
}
