import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { BrowsePage } from './pages/BrowsePage';
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

    test('deck management (rename, delete confirmation, hidden decks) has no violations', async ({ page }) => {
      const home = new HomePage(page);
      await home.open();
      const options = await home.openDeckOptions(RED_FLAGS);
      await options.hideFromHome();
      await expectNoViolations(page, 'deck options of a hidden deck');
      await options.goHome();
      await expect(page.getByRole('link', { name: 'Hidden decks (1)' })).toBeVisible();
      // The options link's label, shown while it is focused.
      await page.getByRole('link', { name: /^Options for / }).first().focus();
      await expectNoViolations(page, 'home with a hidden deck, an options link focused');
      await page.getByRole('link', { name: 'Hidden decks (1)' }).click();
      await expect(page.getByRole('button', { name: `Show ${RED_FLAGS} on home` })).toBeVisible();
      await expectNoViolations(page, 'settings with hidden decks');
      await page.getByRole('textbox', { name: 'New deck name' }).fill('Empty deck');
      await page.getByRole('button', { name: 'Create deck' }).click();
      await expect(page.getByText('Deck “Empty deck” created.')).toBeVisible();
      await home.open();
      const empty = await home.openDeckOptions('Empty deck');
      await empty.askToDelete();
      await expectNoViolations(page, 'delete confirmation');
    });

    test('browse with a selection, the note editor, adding a note and the edit dialog over review have no violations', async ({ page }) => {
      const browse = new BrowsePage(page);
      await browse.open();
      await expect(browse.rows().first()).toBeVisible();
      await expect(browse.count).toBeVisible();
      await page.getByText('Filters', { exact: true }).click();
      await browse.select(await browse.rows().first().getByRole('link').innerText());
      await expectNoViolations(page, 'browse');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoViolations(page, 'browse delete confirmation');

      const editor = await browse.edit(await browse.rows().first().getByRole('link').innerText());
      await expect(editor.preview.first()).toBeVisible();
      await expectNoViolations(page, 'note editor');
      await page.goto('/add');
      await editor.chooseType('Cloze');
      await editor.field('Text, with each answer as {{c1::answer}}').fill('A {{c1::blameless}} postmortem');
      await expect(editor.preview).toHaveCount(1);
      await expectNoViolations(page, 'add a note');

      const review = new ReviewPage(page);
      await review.open(`/study/failure-learning-red-flags`);
      await review.reveal();
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Edit note' })).toBeVisible();
      await expectNoViolations(page, 'edit dialog over review');
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
