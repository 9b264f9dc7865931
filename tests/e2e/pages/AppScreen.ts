import { expect, type Page } from '@playwright/test';

/** What every screen's page object shares: its page, and the header's "Home" link. */
export abstract class AppScreen {
  constructor(readonly page: Page) {}

  /** The header's "Home" link, back to "Today". */
  async goHome(): Promise<void> {
    await this.page.getByRole('link', { name: 'Home', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  }
}
