// The story bank's screens in a real Chromium at phone size: write a story
// linked to a built-in question, open it, its delete confirmation, the
// editor and coverage, with axe in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the story screens have no axe violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/stories');
    await expect(page.getByRole('heading', { name: 'Your story bank is empty' })).toBeVisible();
    await expectNoViolations(page, 'empty story list');

    await page.getByRole('link', { name: 'Write your first story' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Checkout outage');
    await page.getByRole('textbox', { name: 'Situation' }).fill('Checkout went **down** on Black Friday.');
    await page.getByRole('textbox', { name: 'Short version (60-90 s)' }).fill('I broke checkout, rolled back fast and added canaries.');
    await page.getByRole('checkbox', { name: 'resilience' }).check();
    await page.getByRole('searchbox', { name: 'Find a question to link' }).fill('time you failed');
    await page.getByRole('checkbox', { name: /Tell me about a time you failed/ }).check();
    await page.getByText('Preview').click();
    await expectNoViolations(page, 'story editor');
    await page.getByRole('button', { name: 'Save story' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Checkout outage' })).toBeVisible();
    await expectNoViolations(page, 'story');
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(page, 'delete confirmation');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: 'Back to my stories' }).click();
    await expect(page.getByRole('list', { name: 'Stories' })).toBeVisible();
    await expectNoViolations(page, 'story list');
    await page.getByRole('link', { name: 'Coverage' }).click();
    await expect(page.getByText(/^1 of \d+ questions covered$/)).toBeVisible();
    await expectNoViolations(page, 'coverage');
  });
}
