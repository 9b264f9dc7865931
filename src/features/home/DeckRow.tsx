import { useT } from '../../ui/i18n';
import { Link } from '../../ui/Link';
import { navigate, studyPath } from '../../ui/router';
import type { HomeDeckModel } from './homeModel';

/**
 * One deck on the home screen: its name as shown under its group, New /
 * Learning / Due counts (in words for screen readers), its options link
 * (labelled when hovered or focused) and a study button; both links name
 * the deck in full.
 */
export function DeckRow({ row: { deck, shortName, nameLabel, headingLevel, counts, countsText, optionsHref, optionsLabel, studyLabel } }: { row: HomeDeckModel }) {
  const { t } = useT();
  const Heading = `h${headingLevel}` as 'h3';
  return (
    <li className="deck-row">
      <div className="deck-text">
        <Heading className="deck-name" aria-label={nameLabel}>
          {shortName}
        </Heading>
        <p className="counts">
          <span className="visually-hidden">{countsText}</span>
          <span aria-hidden="true" className="count new" title={t('newLabel')}>{counts.newCount}</span>
          <span aria-hidden="true" className="count learning" title={t('learningLabel')}>{counts.learningCount}</span>
          <span aria-hidden="true" className="count due" title={t('dueLabel')}>{counts.reviewCount}</span>
        </p>
      </div>
      <Link className="button ghost icon-button" href={optionsHref} aria-label={optionsLabel}>
        <span aria-hidden="true">⚙</span>
        <span aria-hidden="true" className="icon-label">{t('deckOptionsShort')}</span>
      </Link>
      <button type="button" className="button" aria-label={studyLabel} onClick={() => navigate(studyPath([deck.id]))}>
        {t('studyShort')}
      </button>
    </li>
  );
}
