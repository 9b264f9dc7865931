/**
 * The home screen ("Today"): the decks with their counts, ways to study, and
 * the links to import, settings and each deck's options.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { DeckOptionsPage } from './DeckOptionsPage';
import { ImportPage } from './ImportPage';
import { ReviewPage } from './ReviewPage';
import { SettingsPage } from './SettingsPage';

/** A deck's counts line as a screen reader reads it, e.g. "20 new, 0 learning, 0 due". */
const COUNTS_TEXT = /^\d+ new, \d+ learning, \d+ due$/;

export class HomePage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Today', level: 1 });
  }

  get studyAllButton(): Locator {
    return this.page.getByRole('button', { name: 'Study all decks' });
  }

  /** "42 cards today: 40 new, 2 due". */
  get totalDue(): Locator {
    return this.page.getByText(/^\d+ cards? today: \d+ new, \d+ due$/);
  }

  /**
   * A deck's name heading, by its full name: under its group the name is shown
   * without the group's ("Questions" under "Failure & Learning", "STAR" under
   * "Interview" > "Behavioral"), and the heading is named with the full name.
   */
  deckHeading(deckName: string): Locator {
    return this.page.getByRole('listitem').getByRole('heading', { name: deckName, exact: true });
  }

  studyButton(deckName: string): Locator {
    return this.page.getByRole('button', { name: `Study ${deckName}`, exact: true });
  }

  /** One deck's row: its name, counts, options link and study button. */
  deckRow(deckName: string): Locator {
    // Inside `has`, the locator is relative to each row: its own name heading.
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: deckName, exact: true }) });
  }

  /** Opens the app at home and waits until the built-in decks are listed. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.waitForDecks();
  }

  /** Home is up with its decks (after a first visit, once the built-in decks are installed). */
  async waitForDecks(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(this.page.getByRole('button', { name: /^Study Failure & Learning/ }).first()).toBeVisible();
  }

  /** Starts studying one deck: its "Study" button, then the first card. */
  async openDeck(deckName: string): Promise<ReviewPage> {
    await this.studyButton(deckName).click();
    return this.expectReview();
  }

  /** "Study all decks", then the first card. */
  async studyAll(): Promise<ReviewPage> {
    await this.studyAllButton.click();
    return this.expectReview();
  }

  private async expectReview(): Promise<ReviewPage> {
    const review = new ReviewPage(this.page);
    await expect(review.showAnswerButton).toBeVisible();
    return review;
  }

  /** The counts line of one deck, e.g. "20 new, 0 learning, 0 due". */
  async countsOf(deckName: string): Promise<string> {
    return (await this.deckRow(deckName).getByText(COUNTS_TEXT).innerText()).trim();
  }

  /** New cards the deck offers today, read from its counts line. */
  async newCountOf(deckName: string): Promise<number> {
    return Number(/^(\d+) new/.exec(await this.countsOf(deckName))?.[1]);
  }

  /** Every deck's counts line, by deck name. */
  async allCounts(): Promise<Record<string, string>> {
    await expect(this.heading).toBeVisible();
    const rows = this.page.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: /^Study / }) });
    await expect(rows.first()).toBeVisible();
    const counts: Record<string, string> = {};
    for (const row of await rows.all()) {
      const heading = row.getByRole('heading');
      // The full name: the heading's own name when it shows a shorter one.
      const name = ((await heading.getAttribute('aria-label')) ?? (await heading.innerText())).trim();
      counts[name] = (await row.getByText(COUNTS_TEXT).innerText()).trim();
    }
    return counts;
  }

  /**
   * Studies a fresh deck with Easy until the session ends (nothing comes back
   * today; siblings of answered cards wait until tomorrow); returns how many
   * cards were answered.
   */
  async finishDeck(deckName: string): Promise<number> {
    const offered = await this.newCountOf(deckName);
    const review = await this.openDeck(deckName);
    let count = 0;
    while (count <= offered) {
      await expect(review.cardOrDone).toBeVisible();
      if (await review.doneHeading.isVisible()) break;
      await review.studyCard('Easy');
      count += 1;
    }
    await expect(review.doneHeading).toBeVisible();
    return count;
  }

  /** The "Import" link. */
  async openImport(): Promise<ImportPage> {
    await this.page.getByRole('link', { name: 'Import' }).click();
    const importer = new ImportPage(this.page);
    await expect(importer.heading).toBeVisible();
    return importer;
  }

  /** The "Settings" link. */
  async openSettings(): Promise<SettingsPage> {
    await this.page.getByRole('link', { name: 'Settings' }).click();
    const settings = new SettingsPage(this.page);
    await expect(settings.heading).toBeVisible();
    return settings;
  }

  /** A deck's "Options for …" link. */
  async openDeckOptions(deckName: string): Promise<DeckOptionsPage> {
    await this.page.getByRole('link', { name: `Options for ${deckName}` }).click();
    const options = new DeckOptionsPage(this.page);
    await expect(options.heading).toBeVisible();
    return options;
  }
}
