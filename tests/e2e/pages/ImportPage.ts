import { expect, type Page } from '@playwright/test';

/** The import screen: choose a file, read the preview, confirm with "Import". */
export class ImportPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/import');
    await expect(this.page.getByRole('heading', { name: 'Import a deck', level: 1 })).toBeVisible();
  }

  /** The hidden file input behind the "Choose a file" button (the drop zone shares the label, hence the `and`). */
  get fileInput() {
    return this.page.getByLabel(/^(Choose a file|Import another file)$/).and(this.page.locator('input[type="file"]'));
  }

  async choose(filePath: string) {
    await this.fileInput.setInputFiles(filePath);
  }

  async chooseText(name: string, mimeType: string, text: string) {
    await this.fileInput.setInputFiles({ name, mimeType, buffer: Buffer.from(text, 'utf8') });
  }

  get deckNameField() {
    return this.page.getByRole('textbox', { name: 'Deck name' });
  }

  get importButton() {
    return this.page.getByRole('button', { name: 'Import', exact: true });
  }

  get status() {
    return this.page.getByRole('status');
  }

  get unknownSections() {
    return this.page.getByRole('heading', { name: 'Sections not imported (not understood)' }).locator('xpath=..').getByRole('listitem');
  }

  async confirm() {
    await this.importButton.click();
    await expect(this.status).toContainText(/^Imported \d+ cards? into “/);
  }

  async goHome() {
    await this.page.getByRole('link', { name: 'Home' }).click();
    await expect(this.page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  }
}

/** The home screen's counts: every deck's "N new, N learning, N due" line, by deck name. */
export async function homeCounts(page: Page): Promise<Record<string, string>> {
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  const rows = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
  await expect(rows.first()).toBeVisible();
  const counts: Record<string, string> = {};
  for (const row of await rows.all()) {
    const name = (await row.getByRole('heading', { level: 3 }).innerText()).trim();
    counts[name] = (await row.locator('.visually-hidden').innerText()).trim();
  }
  return counts;
}

/** The settings screen's backup section. */
export class BackupPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  }

  /** Clicks "Download backup" and saves the file to `path`. */
  async downloadBackup(path: string) {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Download backup' }).click(),
    ]);
    await download.saveAs(path);
    return download;
  }

  async deleteAllData() {
    await this.page.getByRole('button', { name: 'Delete all data' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Delete everything' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'All data deleted.' })).toBeVisible();
  }

  async restore(path: string) {
    await this.page.getByLabel('Restore from backup').setInputFiles(path);
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Replace everything' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Backup restored.' })).toBeVisible();
  }
}
