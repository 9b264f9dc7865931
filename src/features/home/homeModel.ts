/**
 * What the home screen shows, from the overview: the backup reminder, the
 * total for today, the line shown when nothing is due, and the decks in their groups with their
 * counts and texts. Shared by the React screen (`HomeScreen.tsx`) and the
 * boot paint (`paintHome.ts`), so both say the same; React-free.
 */
import type { AppSettings, DeckCounts, DeckRecord } from '../../domain/types';
import type { HomeOverview } from '../../storage';
import { formatWait } from '../../ui/formatDuration';
import type { Translator } from '../../ui/i18n/translate';
import { deckOptionsPath } from '../../ui/paths';

export interface HomeDeckModel {
  deck: DeckRecord;
  counts: DeckCounts;
  /** The counts in words (for screen readers; the numbers are shown as badges). */
  countsText: string;
  optionsHref: string;
  optionsLabel: string;
  studyLabel: string;
}

export interface HomeModel {
  /** Whether the backup reminder shows (`shouldRemindBackup`). */
  remindBackup: boolean;
  totalDue: number;
  /** The line instead of "Study all" when nothing is due. */
  emptyText: string;
  groups: { title: string; headingId: string; decks: HomeDeckModel[] }[];
}

export function homeModel({ decks, counts, settings, firstReviewTime }: HomeOverview, nowMs: number, { t }: Translator): HomeModel {
  const countsById = new Map(counts.map((entry) => [entry.deckId, entry]));
  const totalDue = counts.reduce((sum, entry) => sum + entry.newCount + entry.learningCount + entry.reviewCount, 0);
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
  const groups = new Map<string, HomeDeckModel[]>();
  for (const deck of decks) {
    const title = deck.group ?? t('myDecks');
    const deckCounts = countsById.get(deck.id) ?? emptyCounts(deck.id);
    const model: HomeDeckModel = {
      deck,
      counts: deckCounts,
      countsText: t('deckCountsText', { new: deckCounts.newCount, learning: deckCounts.learningCount, due: deckCounts.reviewCount }),
      optionsHref: deckOptionsPath(deck.id),
      optionsLabel: t('deckOptionsFor', { name: deck.name }),
      studyLabel: t('studyDeck', { name: deck.name }),
    };
    groups.set(title, [...(groups.get(title) ?? []), model]);
  }
  return {
    remindBackup: settings !== null && shouldRemindBackup(settings, firstReviewTime, nowMs),
    totalDue,
    emptyText,
    groups: [...groups.entries()].map(([title, groupDecks]) => ({ title, headingId: `group-${slug(title)}`, decks: groupDecks })),
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
