import { useId } from 'react';
import { NotFound } from '../../ui/NotFound';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { useScreenT, useT } from '../../ui/i18n';
import { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';
import { DEFAULT_OPTIONS_ID } from '../../domain/types';
import { setOwnDeckOptions } from '../../storage';
import { useDeck, useDeckOptions } from '../../ui/data';
import { SaveFailure } from '../../ui/SaveFailure';
import { useSave } from '../../ui/useSave';
import { OptionFields } from './fields';
import { DeckSection } from './DeckSection';
import { LazyOptimizerSection } from '../optimizer/LazyOptimizerSection';

/** One deck's study settings: the shared preset, or a preset of its own. */
export function DeckOptionsScreen({ deckId }: { deckId: string }) {
  const { t } = useT();
  const ts = useScreenT(SETTINGS_MESSAGES);
  const id = useId();
  const deck = useDeck(deckId);
  const options = useDeckOptions(deck?.optionsId ?? DEFAULT_OPTIONS_ID);
  const saver = useSave();
  const isOwn = !!deck && deck.optionsId !== DEFAULT_OPTIONS_ID;
  if (deck === null) return <NotFound text={t('deckNotFound')} />;
  return (
    <>
      <ScreenHeader title={ts('deckOptionsTitle')} />
      {deck && <DeckSection key={deck.id} deck={deck} />}
      {deck && (
        <section aria-labelledby={`${id}-heading`}>
          <h2 id={`${id}-heading`}>{deck.name}</h2>
          <fieldset className="choice">
            <legend>{ts('optionsPresetLabel')}</legend>
            <label>
              <input type="radio" name={`${id}-preset`} checked={!isOwn} onChange={() => void saver.save(() => setOwnDeckOptions(deck.id, false))} />
              {ts('useSharedOptions')}
            </label>
            <label>
              <input type="radio" name={`${id}-preset`} checked={isOwn} onChange={() => void saver.save(() => setOwnDeckOptions(deck.id, true))} />
              {ts('useOwnOptions')}
            </label>
          </fieldset>
          {options?.id === deck.optionsId && <OptionFields key={options.id} options={options} saver={saver} />}
          <SaveFailure saver={saver} />
          {options?.id === deck.optionsId && <LazyOptimizerSection key={`optimizer:${options.id}`} presetId={options.id} />}
        </section>
      )}
    </>
  );
}
