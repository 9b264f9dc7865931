import { useT } from '../../ui/i18n';
import { Link } from '../../ui/Link';
import { navigate, studyPath } from '../../ui/router';
import type { HomeDeckModel } from './homeModel';

/** One deck on the home screen: name, New / Learning / Due counts and a study button. */
export function DeckRow({ row: { deck, counts, countsText, optionsHref, optionsLabel, studyLabel } }: { row: HomeDeckModel }) {
  const { t } = useT();
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
      <Link className="button ghost icon-button" href={optionsHref} aria-label={optionsLabel}>
        <span aria-hidden="true">⚙</span>
      </Link>
      <button type="button" className="button" aria-label={studyLabel} onClick={() => navigate(studyPath([deck.id]))}>
        {t('studyShort')}
      </button>
    </li>
  );
}
