import { describe, expect, it } from 'vitest';
import { deckPlace, deckTree } from '../../src/domain/deckTree';

describe('deckPlace', () => {
  it('leaves out the group name a deck name starts with (": ", " - ", "::"), any case', () => {
    expect(deckPlace({ name: 'Failure & Learning: Questions', group: 'Failure & Learning' })).toEqual({ groupPath: ['Failure & Learning'], shortName: 'Questions' });
    expect(deckPlace({ name: 'Failure & Learning - Red Flags', group: 'Failure & Learning' }).shortName).toBe('Red Flags');
    expect(deckPlace({ name: 'failure & learning::Mindset', group: 'Failure & Learning' })).toEqual({ groupPath: ['Failure & Learning'], shortName: 'Mindset' });
    expect(deckPlace({ name: 'Interview::Behavioral::STAR', group: 'Interview / Behavioral' })).toEqual({ groupPath: ['Interview', 'Behavioral'], shortName: 'STAR' });
    expect(deckPlace({ name: 'Failure & Learning at work', group: 'Failure & Learning' }).shortName).toBe('Failure & Learning at work');
    expect(deckPlace({ name: 'Questions', group: 'Failure & Learning' }).shortName).toBe('Questions');
  });

  it('keeps the full name when nothing visible would be left', () => {
    expect(deckPlace({ name: 'Group:  \u200B', group: 'Group' }).shortName).toBe('Group:  \u200B');
    expect(deckPlace({ name: '::', group: undefined })).toEqual({ groupPath: [], shortName: '::' });
  });

  it('reads the levels of a group ("A / B") and of a name ("A::B::C")', () => {
    expect(deckPlace({ name: 'STAR', group: 'Interview / Behavioral' })).toEqual({ groupPath: ['Interview', 'Behavioral'], shortName: 'STAR' });
    expect(deckPlace({ name: 'Interview::Behavioral::STAR' })).toEqual({ groupPath: ['Interview', 'Behavioral'], shortName: 'STAR' });
    expect(deckPlace({ name: ' Interview :: :: STAR ' })).toEqual({ groupPath: ['Interview'], shortName: 'STAR' });
    expect(deckPlace({ name: 'Plain' })).toEqual({ groupPath: [], shortName: 'Plain' });
  });
});

describe('deckTree', () => {
  it('nests groups in the order their first deck comes, with ungrouped decks under one title', () => {
    const tree = deckTree(
      [
        { name: 'Mine' },
        { name: 'STAR', group: 'Interview / Behavioral' },
        { name: 'Interview::System design' },
        { name: 'Interview::Behavioral::Conflict' },
        { name: 'Other' },
      ],
      'My decks',
      (deck, place) => `${deck.name} as ${place.shortName}`,
    );
    expect(tree).toEqual([
      { title: 'My decks', path: ['My decks'], items: ['Mine as Mine', 'Other as Other'], children: [] },
      {
        title: 'Interview',
        path: ['Interview'],
        items: ['Interview::System design as System design'],
        children: [
          {
            title: 'Behavioral',
            path: ['Interview', 'Behavioral'],
            items: ['STAR as STAR', 'Interview::Behavioral::Conflict as Conflict'],
            children: [],
          },
        ],
      },
    ]);
  });
});
