import { useId, useState, type FormEvent } from 'react';
import { createDeck, setDeckHidden } from '../../storage/deckAdmin';
import { useDecks } from '../../ui/data';
import { useScreenT } from '../../ui/i18n';
import { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';
import { SaveFailure } from '../../ui/SaveFailure';
import { DeckNameForm } from './DeckNameForm';
import { useSave } from '../../ui/useSave';
import { deckProblemText } from './DeckSection';

/**
 * Settings' "Decks": a new empty deck by name, and the hidden decks (the
 * home's "Hidden decks (N)" link leads here), each with a way back to the home.
 */
export function DecksSection() {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const id = useId();
  const saver = useSave();
  const decks = useDecks();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const hidden = (decks ?? []).filter((deck) => deck.isHidden);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    let result: Awaited<ReturnType<typeof createDeck>> | undefined;
    if (!(await saver.save(async () => (result = await createDeck(name, Date.now())))) || !result) return;
    if (!result.ok) {
      setProblem(deckProblemText(result.problem, name, ts));
      return;
    }
    setProblem(null);
    setName('');
    setStatus(ts('deckCreated', { name: result.deck.name }));
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{ts('decksSection')}</h2>
      <DeckNameForm
        label={ts('newDeckLabel')}
        submitLabel={ts('createDeck')}
        name={name}
        problem={problem}
        status={status}
        onNameChange={(value) => {
          setName(value);
          setProblem(null);
        }}
        onSubmit={(event) => void create(event)}
      />
      {hidden.length > 0 && (
        <>
          <h3 id={`${id}-hidden`}>{ts('hiddenDecksHeading')}</h3>
          <ul className="hidden-deck-list" aria-labelledby={`${id}-hidden`}>
            {hidden.map((deck) => (
              <li key={deck.id}>
                <span>{deck.name}</span>
                <button
                  type="button"
                  className="button"
                  aria-label={ts('showDeckNamed', { name: deck.name })}
                  onClick={() => void saver.save(() => setDeckHidden(deck.id, false, Date.now()))}
                >
                  {ts('showDeck')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <SaveFailure saver={saver} />
    </section>
  );
}
