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

  /** "Use separate settings for this deck": the deck gets a preset of its own, whose fields appear. */
  async useOwnSettings(): Promise<void> {
    await this.ownSettingsChoice.click();
    await expect(this.ownSettingsChoice).toBeChecked();
  }
}
