import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';
import { ReviewPage } from './pages/ReviewPage';
import { SettingsPage } from './pages/SettingsPage';

const RED_FLAGS = 'Failure & Learning: Red Flags';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe, ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
    });

    test('home and both sides of a review card have no violations', async ({ page }) => {
      const home = new HomePage(page);
      await home.open();
      await expectNoViolations(page, 'home');
      const review = await home.openDeck(RED_FLAGS);
      await expectNoViolations(page, 'review question');
      await review.reveal();
      await expectNoViolations(page, 'review answer');
    });

    test('settings, deck settings and import have no violations', async ({ page }) => {
      const settings = new SettingsPage(page);
      await settings.open();
      await expect(settings.downloadBackupButton).toBeVisible();
      await expectNoViolations(page, 'settings');
      const home = new HomePage(page);
      await home.open();
      const options = await home.openDeckOptions(RED_FLAGS);
      await options.useOwnSettings();
      await expect(options.newCardsPerDay).toBeVisible();
      await expectNoViolations(page, 'deck options');
      const importer = new ImportPage(page);
      await importer.open();
      await expectNoViolations(page, 'import');
      // The preview of a chapter, with its first cards.
      await importer.chooseText('06-delivery.md', 'text/markdown', readFileSync(new URL('../fixtures/import/06-delivery.md', import.meta.url), 'utf8'));
      await expect(importer.sampleCards.first()).toBeVisible();
      await expectNoViolations(page, 'import preview');
    });

    test('the end of a session has no violations', async ({ page }) => {
      const home = new HomePage(page);
      await home.open();
      await home.finishDeck(RED_FLAGS);
      await expect(new ReviewPage(page).doneHeading).toBeVisible();
      await expectNoViolations(page, 'end of session');
    });
  });
}
