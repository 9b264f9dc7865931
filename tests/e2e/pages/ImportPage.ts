import { expect } from '@playwright/test';
import { AppScreen } from './AppScreen';

/** The import screen: choose a file, read the preview, confirm with "Import". */
export class ImportPage extends AppScreen {
  get heading() {
    return this.page.getByRole('heading', { name: 'Import a deck', level: 1 });
  }

  async open() {
    await this.page.goto('/import');
    await expect(this.heading).toBeVisible();
  }

  /** The file input behind the "Choose a file" button ("Import another file" after an import): a button to assistive tech. */
  get fileInput() {
    return this.page.getByRole('button', { name: /^(Choose a file|Import another file)$/ });
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

  /** "Import N cards, skip M", shown instead of "Import" when some rows are left out. */
  get importSkippingButton() {
    return this.page.getByRole('button', { name: /^Import \d+ cards?, skip \d+$/ });
  }

  get skippedRows() {
    return this.page.getByRole('region', { name: 'Skipped rows (not imported)' }).getByRole('listitem');
  }

  /** The preview's first cards of each kind. */
  get sampleCards() {
    return this.page.getByRole('region', { name: 'First cards' }).getByRole('listitem');
  }

  get status() {
    return this.page.getByRole('status');
  }

  get unknownSections() {
    return this.page.getByRole('region', { name: 'Sections not imported (not understood)' }).getByRole('listitem');
  }

  async confirm() {
    await this.importButton.click();
    await expect(this.status).toContainText(/^Imported \d+ cards? into “/);
  }
}
