/**
 * Browse and the note editor, driven by roles and names: search, filters,
 * selecting rows, actions on the selection, and the editor's fields.
 */
import { expect, type Locator } from '@playwright/test';
import { AppScreen } from './AppScreen';

export class BrowsePage extends AppScreen {
  /** Opens Browse directly (`/browse`, or one deck's `/browse/<deck id>`). */
  async open(path = '/browse'): Promise<void> {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Browse cards', level: 1 });
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search cards' });
  }

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Cards' });
  }

  /** The questions of the rows on screen. */
  rows(): Locator {
    return this.list.getByRole('listitem');
  }

  get count(): Locator {
    return this.page.getByText(/^\d+ cards?$/);
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async filterByDeck(deckName: string): Promise<void> {
    const filters = this.page.getByText('Filters', { exact: true });
    if (!(await this.page.getByRole('combobox', { name: 'Deck' }).isVisible())) await filters.click();
    await this.page.getByRole('combobox', { name: 'Deck' }).selectOption({ label: deckName });
  }

  async select(question: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Select: ${question}` }).check();
  }

  /** An action on the selection ("Suspend", "Bury until tomorrow" ...); waits for its report. */
  async act(action: string): Promise<void> {
    await this.page.getByRole('button', { name: action, exact: true }).click();
    await expect(this.page.getByRole('status').filter({ hasText: /: \d+ cards?\./ })).toBeVisible();
  }

  async clearSelection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clear selection' }).click();
  }

  /** Opens the editor for a row's note. */
  async edit(question: string): Promise<NoteEditorPage> {
    await this.list.getByRole('link', { name: question }).click();
    await expect(this.page.getByRole('heading', { name: 'Edit note', level: 1 })).toBeVisible();
    return new NoteEditorPage(this.page);
  }

  async openAdd(): Promise<NoteEditorPage> {
    await this.page.getByRole('link', { name: 'Add', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Add a note', level: 1 })).toBeVisible();
    return new NoteEditorPage(this.page);
  }
}

/** The note editor (edit or add). */
export class NoteEditorPage extends AppScreen {
  field(label: 'Front' | 'Back' | 'Tags (separated by spaces)' | 'Text, with each answer as {{c1::answer}}'): Locator {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  async chooseType(type: 'Basic' | 'Basic and reversed' | 'Cloze'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Note type' }).selectOption({ label: type });
  }

  async chooseDeck(deckName: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Deck', exact: true }).selectOption({ label: deckName });
  }

  get preview(): Locator {
    return this.page.getByRole('region', { name: 'The cards this note makes' }).getByRole('listitem');
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }

  async add(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.page.getByRole('status')).toContainText(/^Added a note with \d+ cards? to “/);
  }
}
