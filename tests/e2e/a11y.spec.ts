import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { HomePage } from './pages/ReviewPage';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`no axe violations on every screen (${theme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const home = new HomePage(page);
    await home.open();
    await expectNoViolations(page, 'home');

    const review = await home.study('Failure & Learning: Red Flags');
    await expectNoViolations(page, 'review question');
    await review.showAnswer();
    await expectNoViolations(page, 'review answer');

    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expectNoViolations(page, 'settings');

    await page.goto('/import');
    await expect(page.getByRole('heading', { name: 'Import a deck' })).toBeVisible();
    await expectNoViolations(page, 'import');

    await home.open();
    const count = Number(/^(\d+) new/.exec(await home.countsOf('Failure & Learning: Red Flags'))?.[1]);
    const again = await home.study('Failure & Learning: Red Flags');
    for (let index = 0; index < count; index += 1) {
      await again.showAnswer();
      await again.answer('Easy');
    }
    await expect(page.getByRole('heading', { name: 'All done for today' })).toBeVisible();
    await expectNoViolations(page, 'end of session');
  });
}
