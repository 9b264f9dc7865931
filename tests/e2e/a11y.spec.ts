import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { HomePage } from './pages/ReviewPage';

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
      const review = await home.study(RED_FLAGS);
      await expectNoViolations(page, 'review question');
      await review.showAnswer();
      await expectNoViolations(page, 'review answer');
    });

    test('settings, deck settings and import have no violations', async ({ page }) => {
      await page.goto('/settings');
      await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Download backup' })).toBeVisible();
      await expectNoViolations(page, 'settings');
      await page.goto('/');
      await page.getByRole('link', { name: `Options for ${RED_FLAGS}` }).click();
      await expect(page.getByRole('heading', { name: 'Deck options' })).toBeVisible();
      const ownSettings = page.getByRole('radio', { name: 'Use separate settings for this deck' });
      await ownSettings.click();
      await expect(ownSettings).toBeChecked();
      await expect(page.getByRole('textbox', { name: 'New cards per day' })).toBeVisible();
      await expectNoViolations(page, 'deck options');
      await page.goto('/import');
      await expect(page.getByRole('heading', { name: 'Import a deck' })).toBeVisible();
      await expectNoViolations(page, 'import');
    });

    test('the end of a session has no violations', async ({ page }) => {
      const home = new HomePage(page);
      await home.open();
      await home.finishDeck(RED_FLAGS);
      await expect(page.getByRole('heading', { name: 'All done for today' })).toBeVisible();
      await expectNoViolations(page, 'end of session');
    });
  });
}
