import { useT } from '../../ui/i18n';
import { Link } from '../../ui/Link';
import { deckOptionsPath, navigate, studyPath } from '../../ui/router';
import type { DeckCounts, DeckRecord } from '../../domain/types';

/** One deck on the home screen: name, New / Learning / Due counts and a study button. */
export function DeckRow({ deck, counts }: { deck: DeckRecord; counts: DeckCounts }) {
  const { t } = useT();
  const countsText = t('deckCountsText', { new: counts.newCount, learning: counts.learningCount, due: counts.reviewCount });
  return (
    <li className="deck-row">
      <div className="deck-text">
        <h3 className="deck-name">{deck.name}</h3>
        <p className="counts">
          <span className="visually-hidden">{countsText}</span>
          <span aria-hidden="true" className="count new" title={t('newLabel')}>{counts.newCount}</span>
          <span aria-hidden="true" className="count learning" title={t('learningLabel')}>{counts.learningCount}</span>
          <span aria-hidden="true" className="count due" title={t('dueLabel')}>{counts.reviewCount}</span>
        </p>
      </div>
      <Link className="button ghost icon-button" href={deckOptionsPath(deck.id)} aria-label={t('deckOptionsFor', { name: deck.name })}>
        <span aria-hidden="true">⚙</span>
      </Link>
      <button type="button" className="button" aria-label={t('studyDeck', { name: deck.name })} onClick={() => navigate(studyPath([deck.id]))}>
        {t('studyShort')}
      </button>
    </li>
  );
}
