import { useId, useState, type FormEvent } from 'react';
import { STORIES_DECK_ID } from '../../domain/stories';
import type { DeckRecord } from '../../domain/types';
import { deckContentCounts, deleteDeck, renameDeck, setDeckHidden, type DeckContentCounts, type DeckProblem } from '../../storage/deckAdmin';
import { useScreenT, type ScreenTranslate } from '../../ui/i18n';
import { SETTINGS_MESSAGES, type SettingsMessageKey } from '../../ui/i18n/screens/settings';
import { Link } from '../../ui/Link';
import { navigate } from '../../ui/navigation';
import { addNotePath, browsePath } from '../../ui/paths';
import { SaveFailure } from '../../ui/SaveFailure';
import { DeckNameForm } from './DeckNameForm';
import { useSave } from '../../ui/useSave';
import { ConfirmPanel } from './ConfirmPanel';

/** Each refusal in words ('name-taken' names the name). */
export const DECK_PROBLEM_MESSAGES = {
  'empty-name': 'deckNameEmpty',
  'name-taken': 'deckNameTaken',
  'built-in': 'deckBuiltInKept',
  'not-found': 'deckGone',
  'holds-stories': 'deckHoldsStories',
} as const satisfies Record<DeckProblem, SettingsMessageKey>;

export function deckProblemText(problem: DeckProblem, name: string, t: ScreenTranslate<typeof SETTINGS_MESSAGES.en>): string {
  return t(DECK_PROBLEM_MESSAGES[problem], { name: name.trim() });
}

/**
 * The top of a deck's options screen: its name (rename), and delete with
 * what it holds named first, or, for a built-in deck, hide / show on home.
 * After a delete the home screen opens.
 */
export function DeckSection({ deck }: { deck: DeckRecord }) {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const id = useId();
  const saver = useSave();
  const [name, setName] = useState(deck.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<DeckContentCounts | null>(null);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    let result: Awaited<ReturnType<typeof renameDeck>> | undefined;
    const isSaved = await saver.save(async () => {
      result = await renameDeck(deck.id, name, Date.now());
    });
    if (!isSaved || !result) {
      setName(deck.name); // the stored name again: nothing changed
      return;
    }
    if (!result.ok) {
      setProblem(deckProblemText(result.problem, name, ts));
      return;
    }
    setProblem(null);
    setName(result.deck.name);
    setStatus(ts('deckRenamed', { name: result.deck.name }));
  };

  const askDelete = () =>
    void saver.save(async () => {
      setToDelete(await deckContentCounts(deck.id));
    });

  const confirmDelete = async () => {
    let result: Awaited<ReturnType<typeof deleteDeck>> | undefined;
    const isDone = await saver.save(async () => {
      result = await deleteDeck(deck.id);
    });
    setToDelete(null);
    if (!isDone || !result) return;
    if (result.ok) navigate('/');
    else setProblem(deckProblemText(result.problem, deck.name, ts));
  };

  return (
    <section className="deck-actions" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{ts('deckSection')}</h2>
      <div className="button-row start">
        <Link href={browsePath(deck.id)} className="button">
          {ts('browseDeckLink')}
        </Link>
        <Link href={addNotePath(deck.id)} className="button">
          {ts('addNoteToDeckLink')}
        </Link>
      </div>
      <DeckNameForm
        label={ts('deckRenameLabel')}
        submitLabel={ts('renameDeck')}
        name={name}
        problem={problem}
        status={status}
        onNameChange={(value) => {
          setName(value);
          setProblem(null);
        }}
        onSubmit={(event) => void rename(event)}
      />
      {deck.isHidden && <p>{ts('deckIsHidden')}</p>}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void saver.save(() => setDeckHidden(deck.id, !deck.isHidden, Date.now()))}>
          {deck.isHidden ? ts('showDeck') : ts('hideDeck')}
        </button>
        {!deck.isBuiltIn && deck.id !== STORIES_DECK_ID && (
          <button type="button" className="button danger" onClick={askDelete} disabled={toDelete !== null}>
            {ts('deleteDeck')}
          </button>
        )}
      </div>
      {deck.id === STORIES_DECK_ID && <p className="help">{ts('deckHoldsStories')}</p>}
      {toDelete && (
        <ConfirmPanel
          question={ts('deleteDeckQuestion', {
            name: deck.name,
            notes: ts('deckNotesCount', { count: toDelete.notes }),
            cards: ts('deckCardsCount', { count: toDelete.cards }),
            answers: ts('deckAnswersCount', { count: toDelete.reviewLogs }),
          })}
          details={toDelete.recordings > 0 ? [ts('deckRecordingsCount', { count: toDelete.recordings })] : []}
          confirmLabel={ts('deleteDeckConfirm')}
          onCancel={() => setToDelete(null)}
          onConfirm={() => void confirmDelete()}
        />
      )}
      <SaveFailure saver={saver} />
    </section>
  );
}
