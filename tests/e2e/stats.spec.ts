// Stats in a real Chromium at phone size: five answers in a built-in deck
// show up as today's reviews, the forecast puts each answered card on the
// day IndexedDB says it is due (counted in the Stats worker), and the screen
// has no axe violations in the light and dark themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { StatsPage } from './pages/StatsPage';

const RED_FLAGS = 'Failure & Learning: Red Flags';
const DAY_START_HOUR = 4;

/** The row label the forecast table gives the study day `due` falls on ("Today", "Tomorrow", "Tue, Mar 17"), read in the page's own time zone. */
async function forecastLabelOf(page: Page, due: number): Promise<string> {
  return page.evaluate(
    ({ due, hour }) => {
      const dayStart = (ms: number) => {
        const start = new Date(ms);
        start.setHours(hour, 0, 0, 0);
        if (start.getTime() > ms) start.setDate(start.getDate() - 1);
        return start;
      };
      const dueDay = dayStart(due);
      const offset = Math.round((dueDay.getTime() - dayStart(Date.now()).getTime()) / 86_400_000);
      if (offset <= 0) return 'Today';
      if (offset === 1) return 'Tomorrow';
      const date = Date.UTC(dueDay.getFullYear(), dueDay.getMonth(), dueDay.getDate());
      return new Intl.DateTimeFormat('en', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(date);
    },
    { due, hour: DAY_START_HOUR },
  );
}

async function expectNoSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((violation) => `${violation.impact}: ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary.filter((line) => /^(serious|critical):/.test(line)), `serious or critical axe violations on ${where}`).toEqual([]);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

test('five answers: Stats shows 5 reviews today and the forecast for tomorrow', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const review = await home.openDeck(RED_FLAGS);
  // Good, Again and Hard keep a new card in learning (due again within minutes: today); Easy graduates it to a review days away.
  for (const rating of ['Good', 'Again', 'Good', 'Hard', 'Easy'] as const) await review.studyCard(rating);
  await new AppBrowser(page).expectStoredLogCount(5);
  await review.goHome();

  const stats = new StatsPage(page);
  await stats.openFromHome();
  // The figures were counted in the Stats worker.
  expect(await page.evaluate(() => performance.getEntriesByType('resource').some((entry) => /stats\.worker/.test(entry.name)))).toBe(true);

  const today = stats.section('Today');
  await expect(today.getByText(/^5 answers in \d+ (sec|min)$/)).toBeVisible();
  await expect(today.getByText('Again: 1 (20%)')).toBeVisible();

  const forecast = stats.section('Forecast');
  await expect(forecast.getByText('Due today: 4, of them overdue: 0')).toBeVisible();
  await expect(forecast.getByText('Due tomorrow: 0')).toBeVisible();
  await expect(forecast.getByText('Next 30 days: 5')).toBeVisible();
  // The graduated card sits on the day IndexedDB says it is due.
  const { cards } = await new AppBrowser(page).storedReviews();
  const graduated = cards.filter((card) => card.queue === 2);
  expect(graduated).toHaveLength(1);
  const label = await forecastLabelOf(page, graduated[0]!.due);
  const table = await stats.showTable('Forecast');
  await expect(stats.row(table, label)).toHaveText(new RegExp(`^${label}\\s*1$`));
  await expect(stats.row(table, 'Tomorrow')).toHaveText(/^Tomorrow\s*0$/);
  await expect(stats.row(table, 'Today')).toHaveText(/^Today\s*4$/);

  await expect(stats.section('Calendar').getByText('Current streak: 1 day')).toBeVisible();
  const counts = stats.section('Cards by state');
  await expect(stats.row(counts.getByRole('table'), 'Learning')).toHaveText(/^Learning\s*4 \(/);
  await expect(stats.row(counts.getByRole('table'), 'Review')).toHaveText(/^Review\s*1 \(/);

  // One deck: the same answers (they were all in Red Flags).
  await stats.chooseDeck(RED_FLAGS);
  await expect(page).toHaveURL(/\/stats\/[^/]+$/);
  await expect(today.getByText(/^5 answers in/)).toBeVisible();
});

test('Stats fits a 360 px phone: nothing scrolls sideways, targets are thumb-sized', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const home = new HomePage(page);
  await home.open();
  const stats = new StatsPage(page);
  await stats.openFromHome();
  await stats.showAllTables();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const target of [stats.deckPicker, ...(await page.getByText('Show as table').all())]) {
    const box = await target.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`the stats screen has no axe violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const home = new HomePage(page);
    await home.open();
    const review = await home.openDeck(RED_FLAGS);
    for (const rating of ['Good', 'Easy', 'Again'] as const) await review.studyCard(rating);
    await review.goHome();
    const stats = new StatsPage(page);
    await stats.openFromHome();
    await expectNoSeriousViolations(page, 'stats');
    await stats.showAllTables();
    await expectNoSeriousViolations(page, 'stats with its tables open');
  });
}
