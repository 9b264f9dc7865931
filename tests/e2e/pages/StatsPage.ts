/**
 * The Stats screen: its sections (regions named by their headings), the
 * deck picker, the facts under each chart and its "Show as table" tables.
 */
import { expect, type Locator } from '@playwright/test';
import { AppScreen } from './AppScreen';

export class StatsPage extends AppScreen {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Statistics', level: 1 });
  }

  /** A section by its heading: "Today", "Forecast", "Calendar", "True retention", "Cards by state", "Stability"... */
  section(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  get deckPicker(): Locator {
    return this.page.getByRole('combobox', { name: 'Deck' });
  }

  /** Opens Stats from home's "Stats" link and waits for the figures. */
  async openFromHome(): Promise<void> {
    await this.page.getByRole('link', { name: 'Stats', exact: true }).click();
    await this.waitForFigures();
  }

  /** Opens a stats link directly: `/stats` or `/stats/<deck id>`. */
  async open(path = '/stats'): Promise<void> {
    await this.page.goto(path);
    await this.waitForFigures();
  }

  /** The figures are counted and every section is drawn (they appear a group a frame, the last is Retrievability). */
  async waitForFigures(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.section('Forecast')).toBeVisible({ timeout: 30_000 });
    await expect(this.section('Retrievability')).toBeAttached();
  }

  async chooseDeck(name: string): Promise<void> {
    await this.deckPicker.selectOption({ label: name });
  }

  /** "Show as table" under a section's chart. */
  async showTable(section: string): Promise<Locator> {
    await this.section(section).getByText('Show as table').click();
    const table = this.section(section).getByRole('table');
    await expect(table).toBeVisible();
    return table;
  }

  /** Opens every "Show as table" on the screen. */
  async showAllTables(): Promise<void> {
    for (const summary of await this.page.getByText('Show as table').all()) await summary.click();
  }

  /** A row of a table by its header cell: "Tomorrow", "Last week", "New"... */
  row(table: Locator, header: string): Locator {
    return table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: header, exact: true }) });
  }
}
