/** The settings screen: study settings, appearance, and the backup section. */
import { expect, type Download, type Locator } from '@playwright/test';
import { AppScreen } from './AppScreen';

export class SettingsPage extends AppScreen {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Settings', level: 1 });
  }

  get downloadBackupButton(): Locator {
    return this.page.getByRole('button', { name: 'Download backup' });
  }

  /** The shared preset's "New cards per day" (the first such field on the screen). */
  get newCardsPerDay(): Locator {
    return this.page.getByRole('textbox', { name: 'New cards per day' }).first();
  }

  /** Opens /settings directly. */
  async open(): Promise<void> {
    await this.page.goto('/settings');
    await expect(this.heading).toBeVisible();
  }

  /** Types a number and presses Enter (the field saves on Enter or when it loses focus). */
  async setNewCardsPerDay(count: number): Promise<void> {
    await this.newCardsPerDay.fill(String(count));
    await this.newCardsPerDay.press('Enter');
  }

  /** Clicks "Download backup" and saves the file to `path`. */
  async downloadBackup(path: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.downloadBackupButton.click()]);
    await download.saveAs(path);
    return download;
  }

  async deleteAllData(): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete all data' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Delete everything' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'All data deleted.' })).toBeVisible();
  }

  async restore(path: string): Promise<void> {
    await this.page.getByLabel('Restore from backup').setInputFiles(path);
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Replace everything' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Backup restored.' })).toBeVisible();
  }
}
