import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';
import { ReviewPage } from './pages/ReviewPage';

const HOSTILE = fileURLToPath(new URL('../fixtures/e2e/hostile-anki.txt', import.meta.url));

/** Everything inside the card that could run code or reach another origin. */
async function activeContentIn(page: Page): Promise<string[]> {
  return new ReviewPage(page).card.evaluate((card) => {
    const found: string[] = [];
    for (const element of card.querySelectorAll('*')) {
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE'].includes(element.tagName)) found.push(element.tagName);
      for (const name of element.getAttributeNames()) if (name.startsWith('on')) found.push(`${element.tagName}[${name}]`);
      const url = (element.getAttribute('href') ?? element.getAttribute('src') ?? '').trim().toLowerCase();
      if (url.startsWith('javascript:')) found.push(`${element.tagName} javascript: URL`);
      if (element.tagName === 'IMG' && url && !url.startsWith('data:image/')) found.push(`IMG ${url}`);
    }
    return found;
  });
}

test('hostile HTML in an Anki text import is sanitized in the real browser', async ({ page }) => {
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://localhost')) foreignRequests.push(request.url());
  });
  const importPage = new ImportPage(page);
  await importPage.open();
  await importPage.choose(HOSTILE);
  await expect(importPage.importButton).toBeEnabled();
  await importPage.importButton.click();
  await expect(page.getByText(/Imported 4 cards/)).toBeVisible();

  const home = new HomePage(page);
  await home.open();
  const review = await home.openDeck('hostile-anki');
  const fronts: string[] = [];
  for (let index = 0; index < 4; index += 1) {
    await review.reveal();
    // The sanitizer loads on the first HTML card; wait until the escaped text is replaced.
    await expect(review.card).not.toContainText('<');
    fronts.push(await review.questionText());
    expect(await activeContentIn(page), fronts.at(-1)).toEqual([]);
    if (fronts.at(-1)?.includes('Script card')) {
      await expect(review.card.locator('b')).toHaveText('Bold');
      await expect(review.card.locator('i')).toHaveText('italic');
    }
    await review.answer('Easy');
  }
  expect(fronts.join(' | ')).toMatch(/Script card.*|.*Image card/);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(foreignRequests).toEqual([]);
  await expect(review.doneHeading).toBeVisible();
});

test.describe('plain Markdown links', () => {
  test('a javascript: link in Markdown renders as plain text', async ({ page }) => {
    const importPage = new ImportPage(page);
    await importPage.open();
    await importPage.chooseText('links.csv', 'text/csv', 'Front;Back\n[tap me](javascript:window.__pwned=9);[docs](https://example.org)\n');
    await importPage.importButton.click();
    await expect(page.getByText(/Imported 1 card/)).toBeVisible();
    const home = new HomePage(page);
    await home.open();
    const review = await home.openDeck('links');
    await review.reveal();
    await expect(review.card).toContainText('tap me');
    expect(await activeContentIn(page)).toEqual([]);
    await expect(review.card.getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://example.org');
  });
});
