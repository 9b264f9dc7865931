/**
 * Where a deck sits on the home screen: its group path and the name shown
 * under it. A deck's `group` is a path whose levels are joined by " / " (the
 * Anki importer turns "Interview::Behavioral::STAR" into group
 * "Interview / Behavioral" and name "STAR"); a name that still holds "::"
 * (made or renamed in the app) adds its leading parts to the path. A name
 * that repeats its group ("Failure & Learning: Questions" in group
 * "Failure & Learning") is shown without it. Pure: no React, no storage.
 */
import type { DeckRecord } from './types';
import { hasVisibleText } from './visibleText';

/** A deck's place: the groups above it, outermost first, and its name as shown there. */
export interface DeckPlace {
  groupPath: string[];
  shortName: string;
}

const GROUP_LEVEL_SEPARATOR = ' / ';
const NAME_LEVEL_SEPARATOR = '::';
/** What may follow a group's name at the start of a deck's name for it to be left out. */
const PREFIX_SEPARATORS = [': ', ' - ', '::'] as const;

/**
 * @example
 * deckPlace({ name: 'Failure & Learning: Questions', group: 'Failure & Learning' });
 * // { groupPath: ['Failure & Learning'], shortName: 'Questions' }
 * deckPlace({ name: 'STAR', group: 'Interview / Behavioral' });
 * // { groupPath: ['Interview', 'Behavioral'], shortName: 'STAR' }
 * deckPlace({ name: 'Interview::Behavioral::STAR' });
 * // { groupPath: ['Interview', 'Behavioral'], shortName: 'STAR' }
 */
export function deckPlace(deck: Pick<DeckRecord, 'name' | 'group'>): DeckPlace {
  const groupPath = (deck.group ?? '').split(GROUP_LEVEL_SEPARATOR).map((part) => part.trim()).filter(hasVisibleText);
  const nameParts = deck.name.split(NAME_LEVEL_SEPARATOR).map((part) => part.trim()).filter(hasVisibleText);
  const last = nameParts.pop();
  if (last === undefined) return { groupPath, shortName: deck.name };
  // A name that repeats its group's levels ("Interview::Behavioral::STAR" in "Interview / Behavioral") adds only the rest.
  let repeated = 0;
  while (repeated < nameParts.length && repeated < groupPath.length && nameParts[repeated]?.toLowerCase() === groupPath[repeated]?.toLowerCase()) repeated += 1;
  groupPath.push(...nameParts.slice(repeated));
  const group = deck.group?.trim();
  const prefixes = [...new Set([group, groupPath.at(-1)].filter((prefix): prefix is string => !!prefix))];
  return { groupPath, shortName: withoutPrefix(nameParts.length > 0 ? last : deck.name.trim(), prefixes) };
}

/** `name` without a leading group name and separator ("Group: Name" -> "Name"), if something visible is left. */
function withoutPrefix(name: string, prefixes: readonly string[]): string {
  const lower = name.toLowerCase();
  for (const prefix of prefixes) {
    for (const separator of PREFIX_SEPARATORS) {
      const start = `${prefix}${separator}`.toLowerCase();
      if (!lower.startsWith(start)) continue;
      const rest = name.slice(start.length).trim();
      if (hasVisibleText(rest)) return rest;
    }
  }
  return name;
}

/** A group on the home screen: its decks, then its sub-groups. */
export interface DeckGroupNode<T> {
  /** The group's own name (its last level). */
  title: string;
  /** Its levels from the top, itself included. */
  path: string[];
  items: T[];
  children: DeckGroupNode<T>[];
}

/**
 * Decks arranged as a tree of groups, in the order given (a group appears
 * where its first deck does). Decks with no group go into a top-level group
 * named `ungroupedTitle`.
 *
 * @example
 * deckTree([{ name: 'STAR', group: 'Interview / Behavioral' }], 'My decks', (deck) => deck.name);
 * // [{ title: 'Interview', path: ['Interview'], items: [], children: [
 * //   { title: 'Behavioral', path: ['Interview', 'Behavioral'], items: ['STAR'], children: [] }] }]
 */
export function deckTree<D extends Pick<DeckRecord, 'name' | 'group'>, T>(
  decks: readonly D[],
  ungroupedTitle: string,
  item: (deck: D, place: DeckPlace) => T,
): DeckGroupNode<T>[] {
  const roots: DeckGroupNode<T>[] = [];
  for (const deck of decks) {
    const place = deckPlace(deck);
    const path = place.groupPath.length > 0 ? place.groupPath : [ungroupedTitle];
    let level = roots;
    let node: DeckGroupNode<T> | undefined;
    for (const [depth, title] of path.entries()) {
      node = level.find((candidate) => candidate.title === title);
      if (!node) {
        node = { title, path: path.slice(0, depth + 1), items: [], children: [] };
        level.push(node);
      }
      level = node.children;
    }
    node?.items.push(item(deck, place));
  }
  return roots;
}
