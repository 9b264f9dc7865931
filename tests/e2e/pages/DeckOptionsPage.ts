/** One deck's options: the shared preset or a preset of its own, and its fields. */
import { expect, type Locator } from '@playwright/test';
import { AppScreen } from './AppScreen';

export class DeckOptionsPage extends AppScreen {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Deck options' });
  }

  get ownSettingsChoice(): Locator {
    return this.page.getByRole('radio', { name: 'Use separate settings for this deck' });
  }

  get newCardsPerDay(): Locator {
    return this.page.getByRole('textbox', { name: 'New cards per day' });
  }

  get deckNameField(): Locator {
    return this.page.getByRole('textbox', { name: 'Deck name' });
  }

  /** The delete confirmation ("Delete “X” with its 3 notes, 3 cards and 1 answer? …"). */
  get deleteConfirmation(): Locator {
    return this.page.getByRole('alertdialog');
  }

  /** Types a new name and presses "Rename"; waits until the screen says it is stored. */
  async rename(name: string): Promise<void> {
    await this.deckNameField.fill(name);
    await this.page.getByRole('button', { name: 'Rename' }).click();
    await expect(this.page.getByText(`Renamed to “${name.trim()}”.`)).toBeVisible();
  }

  /** "Delete deck…": shows the confirmation, which names what goes. */
  async askToDelete(): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete deck…' }).click();
    await expect(this.deleteConfirmation).toBeVisible();
  }

  /** "Delete for good" in the confirmation; the home screen opens. */
  async confirmDelete(): Promise<void> {
    await this.deleteConfirmation.getByRole('button', { name: 'Delete for good' }).click();
    await expect(this.page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  }

  /** "Hide from home" (built-in decks cannot be deleted). */
  async hideFromHome(): Promise<void> {
    await this.page.getByRole('button', { name: 'Hide from home' }).click();
    await expect(this.page.getByRole('button', { name: 'Show on home' })).toBeVisible();
  }

  /** "Optimize FSRS parameters": the preset's optimizer section (loaded on its own). */
  get optimizer(): Locator {
    return this.page.getByRole('region', { name: 'Optimize FSRS parameters' });
  }

  get optimizeButton(): Locator {
    return this.optimizer.getByRole('button', { name: 'Optimize', exact: true });
  }

  get cancelOptimizeButton(): Locator {
    return this.optimizer.getByRole('button', { name: 'Cancel' });
  }

  get optimizerProgress(): Locator {
    return this.optimizer.getByRole('progressbar', { name: 'Optimizing' });
  }

  /** The scores of the current and the new parameters, after a run. */
  get optimizerScores(): Locator {
    return this.optimizer.getByRole('table');
  }

  get useNewParametersButton(): Locator {
    return this.optimizer.getByRole('button', { name: 'Use the new parameters' });
  }

  get goBackToPreviousParametersButton(): Locator {
    return this.optimizer.getByRole('button', { name: 'Go back to the previous parameters' });
  }

  /** "Optimize": the run starts (its progress bar shows). */
  async optimize(): Promise<void> {
    await this.optimizeButton.click();
    await expect(this.cancelOptimizeButton.or(this.optimizerScores)).toBeVisible();
  }

  /** "Use separate settings for this deck": the deck gets a preset of its own, whose fields appear. */
  async useOwnSettings(): Promise<void> {
    await this.ownSettingsChoice.click();
    await expect(this.ownSettingsChoice).toBeChecked();
  }
}
