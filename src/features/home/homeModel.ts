/**
 * What the home screen shows, from the overview: the backup reminder, the
 * total for today, the line shown when nothing is due, and the decks in their groups with their
 * counts and texts. Shared by the React screen (`HomeScreen.tsx`) and the
 * boot paint (`paintHome.ts`), so both say the same; React-free.
 */
import { deckTree, type DeckGroupNode } from '../../domain/deckTree';
import type { AppSettings, DeckCounts, DeckRecord } from '../../domain/types';
import type { HomeOverview } from '../../storage';
import { formatWait } from '../../ui/formatDuration';
import type { Translator } from '../../ui/i18n/translate';
import { deckOptionsPath } from '../../ui/paths';

export interface HomeDeckModel {
  deck: DeckRecord;
  /** The name as shown under its group (without the group's name it repeats; the last level of "A::B"). */
  shortName: string;
  /** The heading's accessible name when the name shown is shorter: the full name (screen readers, page objects). */
  nameLabel: string | undefined;
  /** The level of the deck's name heading (one below its group's). */
  headingLevel: number;
  counts: DeckCounts;
  /** The counts in words (for screen readers; the numbers are shown as badges under the legend). */
  countsText: string;
  optionsHref: string;
  /** The options link's name, with the deck's full name. */
  optionsLabel: string;
  /** The study button's name, with the deck's full name. */
  studyLabel: string;
}

/** A group of decks: its decks, then its sub-groups (nested decks, "Interview::Behavioral::STAR"). */
export interface HomeGroupModel {
  title: string;
  headingId: string;
  /** 2 for a top-level group, 3 for its sub-groups, ... (at most 6). */
  headingLevel: number;
  decks: HomeDeckModel[];
  groups: HomeGroupModel[];
}

export interface HomeModel {
  /** Whether the backup reminder shows (`shouldRemindBackup`). */
  remindBackup: boolean;
  totalDue: number;
  /** "56 cards today: 56 new, 0 due" (learning and reviews are both due). */
  totalText: string;
  /** The line instead of "Study all" when nothing is due. */
  emptyText: string;
  /** Whether the New / Learning / Due legend shows (there are decks). */
  showLegend: boolean;
  groups: HomeGroupModel[];
  /** "Hidden decks (2)", when some decks are hidden; null when none is. */
  hiddenDecksText: string | null;
}

/** Today's cards over the listed decks: new, the others (learning and reviews), and both; the app icon's badge shows `totalDue`. */
export function todayTotals(counts: readonly DeckCounts[]): { totalNew: number; totalOthers: number; totalDue: number } {
  const totalNew = counts.reduce((sum, entry) => sum + entry.newCount, 0);
  const totalOthers = counts.reduce((sum, entry) => sum + entry.learningCount + entry.reviewCount, 0);
  return { totalNew, totalOthers, totalDue: totalNew + totalOthers };
}

export function homeModel({ decks, counts, settings, firstReviewTime, hiddenDecks }: HomeOverview, nowMs: number, { t }: Translator): HomeModel {
  const countsById = new Map(counts.map((entry) => [entry.deckId, entry]));
  const { totalNew, totalOthers, totalDue } = todayTotals(counts);
  const nextDue = counts.reduce<number | null>(
    (earliest, entry) => (entry.nextDue !== null && (earliest === null || entry.nextDue < earliest) ? entry.nextDue : earliest),
    null,
  );
  const emptyText =
    decks.length === 0
      ? t('noDecks')
      : nextDue !== null
        ? `${t('nothingDue')} ${t('nextReviewIn', { time: formatWait(nextDue - nowMs, t) })}`
        : t('nothingDueNoNext');
  const tree = deckTree(decks, t('myDecks'), (deck, place): Omit<HomeDeckModel, 'headingLevel'> => {
    const deckCounts = countsById.get(deck.id) ?? emptyCounts(deck.id);
    return {
      deck,
      shortName: place.shortName,
      nameLabel: place.shortName === deck.name ? undefined : deck.name,
      counts: deckCounts,
      countsText: t('deckCountsText', { new: deckCounts.newCount, learning: deckCounts.learningCount, due: deckCounts.reviewCount }),
      optionsHref: deckOptionsPath(deck.id),
      optionsLabel: t('deckOptionsFor', { name: deck.name }),
      studyLabel: t('studyDeck', { name: deck.name }),
    };
  });
  const usedIds = new Set<string>();
  const groupModel = (node: DeckGroupNode<Omit<HomeDeckModel, 'headingLevel'>>): HomeGroupModel => {
    const headingLevel = Math.min(node.path.length + 1, 6);
    const base = `group-${slug(node.path.join('-'))}`;
    let headingId = base;
    for (let suffix = 2; usedIds.has(headingId); suffix += 1) headingId = `${base}-${suffix}`;
    usedIds.add(headingId);
    return {
      title: node.title,
      headingId,
      headingLevel,
      decks: node.items.map((item) => ({ ...item, headingLevel: Math.min(headingLevel + 1, 6) })),
      groups: node.children.map(groupModel),
    };
  };
  return {
    remindBackup: settings !== null && shouldRemindBackup(settings, firstReviewTime, nowMs),
    totalDue,
    totalText: t('totalToday', { count: totalDue, new: totalNew, due: totalOthers }),
    emptyText,
    showLegend: decks.length > 0,
    groups: tree.map(groupModel),
    hiddenDecksText: hiddenDecks > 0 ? t('hiddenDecksLink', { count: hiddenDecks }) : null,
  };
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * True when there is review history, no backup for 7 days (counted from the
 * first answer if there was never one), and no dismissal in the last 7 days.
 */
export function shouldRemindBackup(settings: AppSettings, firstReviewAt: number | null, nowMs: number): boolean {
  if (firstReviewAt === null) return false;
  const lastSafePoint = settings.lastBackupAt ?? firstReviewAt;
  const isDismissedRecently = settings.backupReminderDismissedAt !== null && nowMs - settings.backupReminderDismissedAt < WEEK_MS;
  return nowMs - lastSafePoint >= WEEK_MS && !isDismissedRecently;
}

function emptyCounts(deckId: string): DeckCounts {
  return { deckId, newCount: 0, learningCount: 0, reviewCount: 0, nextDue: null };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9а-яё]+/gi, '-');
}
