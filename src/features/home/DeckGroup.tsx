import { DeckRow } from './DeckRow';
import type { HomeGroupModel } from './homeModel';

/** A group of decks on the home screen: its heading, its decks, then its sub-groups (indented). */
export function DeckGroup({ group }: { group: HomeGroupModel }) {
  const Heading = `h${group.headingLevel}` as 'h2';
  return (
    <section className={group.headingLevel > 2 ? 'deck-group sub-group' : 'deck-group'} aria-labelledby={group.headingId}>
      <Heading id={group.headingId}>{group.title}</Heading>
      {group.decks.length > 0 && (
        <ul className="deck-list">
          {group.decks.map((row) => (
            <DeckRow key={row.deck.id} row={row} />
          ))}
        </ul>
      )}
      {group.groups.map((child) => (
        <DeckGroup key={child.headingId} group={child} />
      ))}
    </section>
  );
}
