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

  /** Exports one deck ("Deck to export", then "Export deck (JSON)" or "(Anki text)") and saves the file to `path`. */
  async exportDeck(deckName: string, format: 'JSON' | 'Anki text', path: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Deck to export' }).selectOption({ label: deckName });
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: `Export deck (${format})` }).click()]);
    await download.saveAs(path);
  }

  async deleteAllData(): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete all data' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Delete everything' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'All data deleted.' })).toBeVisible();
  }

  /** The preview of a merge: what merging the chosen backup would change, with "Merge" and "Cancel". */
  get mergePreview(): Locator {
    return this.page.getByRole('alertdialog').filter({ hasText: 'Merge the backup from' });
  }

  /** Chooses the backup at `path` with "Merge a backup from another device" (the preview, or "Nothing to merge", follows). */
  async chooseBackupToMerge(path: string): Promise<void> {
    await this.page.getByLabel('Merge a backup from another device').setInputFiles(path);
  }

  /** Merges the backup at `path`: chooses it, reads the preview, clicks "Merge" and waits for "Backup merged."; returns the preview's lines. */
  async mergeBackup(path: string): Promise<string[]> {
    await this.chooseBackupToMerge(path);
    await expect(this.mergePreview).toBeVisible();
    const lines = (await this.mergePreview.getByRole('listitem').allInnerTexts()).map((line) => line.trim());
    await this.mergePreview.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Backup merged.' })).toBeVisible();
    return lines;
  }

  /** Chooses the backup at `path` to merge and sees "Nothing to merge", with no preview to confirm. */
  async expectNothingToMerge(path: string): Promise<void> {
    await this.chooseBackupToMerge(path);
    await expect(this.page.getByRole('status').filter({ hasText: 'Nothing to merge' })).toBeVisible();
    await expect(this.mergePreview).toHaveCount(0);
  }

  async restore(path: string): Promise<void> {
    await this.page.getByLabel('Restore from backup').setInputFiles(path);
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Replace everything' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Backup restored.' })).toBeVisible();
  }
}
