import { useId, useState, type FormEvent } from 'react';
import { createDeck, setDeckHidden } from '../../storage/deckAdmin';
import { useDecks } from '../../ui/data';
import { useT } from '../../ui/i18n';
import { SaveFailure } from '../../ui/SaveFailure';
import { DeckNameForm } from './DeckNameForm';
import { useSave } from '../../ui/useSave';
import { deckProblemText } from './DeckSection';

/**
 * Settings' "Decks": a new empty deck by name, and the hidden decks (the
 * home's "Hidden decks (N)" link leads here), each with a way back to the home.
 */
export function DecksSection() {
  const { t } = useT();
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
      setProblem(deckProblemText(result.problem, name, t));
      return;
    }
    setProblem(null);
    setName('');
    setStatus(t('deckCreated', { name: result.deck.name }));
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('decksSection')}</h2>
      <DeckNameForm
        label={t('newDeckLabel')}
        submitLabel={t('createDeck')}
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
          <h3 id={`${id}-hidden`}>{t('hiddenDecksHeading')}</h3>
          <ul className="hidden-deck-list" aria-labelledby={`${id}-hidden`}>
            {hidden.map((deck) => (
              <li key={deck.id}>
                <span>{deck.name}</span>
                <button
                  type="button"
                  className="button"
                  aria-label={t('showDeckNamed', { name: deck.name })}
                  onClick={() => void saver.save(() => setDeckHidden(deck.id, false, Date.now()))}
                >
                  {t('showDeck')}
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
