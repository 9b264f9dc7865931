// Browse and the note editor on the real app (Dexie over fake IndexedDB):
// search by a word of the back (case and accents ignored), filters, actions
// on a selection with undo and a confirmation for delete, a failed write
// that changes nothing and says why, editing a note and adding a cloze note.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CardQueue } from '../../src/domain/types';
import { mergeDeckFiles } from '../../src/storage';
import { STORE } from '../../src/storage/schema';
import { freshAppForEachTest } from '../helpers/componentApp';
import { appDatabase, DAY, FIXED_NOW, smallDeckFile, withFullStorageFor } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';
import { DECK_FORMAT } from '../../src/domain/deckFormat';

freshAppForEachTest();

async function seedKitchen(): Promise<void> {
  await mergeDeckFiles(
    [
      {
        format: DECK_FORMAT,
        version: 1,
        deck: { id: 'kitchen', name: 'Kitchen', description: 'Words' },
        cards: [
          { id: 'knife', type: 'basic', front: 'Knife', back: 'Нож, a sharp blade' },
          { id: 'spoon', type: 'basic', front: 'Spoon', back: 'Ложка for the crème brûlée', tags: ['dessert'] },
          { id: 'fork', type: 'basic', front: 'Fork', back: 'Вилка' },
        ],
      },
    ],
    { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY },
  );
}

function list(): HTMLElement {
  return screen.getByRole('list', { name: 'Cards' });
}

async function rowQuestions(): Promise<string[]> {
  await waitFor(() => expect(within(list()).queryAllByRole('listitem').length).toBeGreaterThan(0));
  return within(list())
    .getAllByRole('listitem')
    .map((item) => within(item).getByRole('link').textContent ?? '');
}

describe('browse', () => {
  it('finds a card by a word of its back, ignoring case and accents, as you type', async () => {
    await seedKitchen();
    const user = renderAppAt('/browse/kitchen');
    expect(await screen.findByText('3 cards')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search cards' }), 'CREME BRULEE');
    await waitFor(() => expect(screen.getByText('1 card')).toBeInTheDocument());
    expect(await rowQuestions()).toEqual(['Spoon']);
    await user.clear(screen.getByRole('searchbox', { name: 'Search cards' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search cards' }), 'dessert');
    await waitFor(() => expect(screen.getByText('1 card')).toBeInTheDocument());
  });

  it('searches a 3,000-card deck to the end: every match, in order, and the count', async () => {
    await mergeDeckFiles([smallDeckFile('many', 3000, 'Many')], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY });
    const user = renderAppAt('/browse/many');
    expect(await screen.findByText('3000 cards', {}, { timeout: 10_000 })).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search cards' }), '7');
    // The cards whose number has a 7 ("Question 7 of many", "Answer 7 of many" ...).
    const expected = Array.from({ length: 3000 }, (_, i) => i + 1).filter((n) => String(n).includes('7'));
    expect(await screen.findByText(`${expected.length} cards`, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect((await rowQuestions()).slice(0, 3)).toEqual(expected.slice(0, 3).map((n) => `Question ${n} of many`));
  }, 30_000);

  it('filters by state: a suspended card is found under Suspended, and a row says its state in words', async () => {
    await seedKitchen();
    await appDatabase().cards.update('fork', { queue: CardQueue.Suspended });
    const user = renderAppAt('/browse/kitchen');
    expect(await screen.findByText('3 cards')).toBeInTheDocument();
    await user.click(screen.getByText('Filters'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'Suspended');
    await waitFor(() => expect(screen.getByText('1 card')).toBeInTheDocument());
    expect(await rowQuestions()).toEqual(['Fork']);
    expect(within(list()).getByText(/New · Suspended · Kitchen/)).toBeInTheDocument();
  });

  it('suspends the selected cards, says how many, and undoes it', async () => {
    await seedKitchen();
    const user = renderAppAt('/browse/kitchen');
    await screen.findByText('3 cards');
    await user.click(await screen.findByRole('checkbox', { name: 'Select: Knife' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select: Spoon' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Suspend' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Suspend: 2 cards.'));
    expect((await appDatabase().cards.bulkGet(['knife', 'spoon'])).map((card) => card?.queue)).toEqual([CardQueue.Suspended, CardQueue.Suspended]);
    await waitFor(() => expect(within(list()).getAllByText(/New · Suspended · Kitchen/)).toHaveLength(2));

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Undone.'));
    expect((await appDatabase().cards.bulkGet(['knife', 'spoon'])).map((card) => card?.queue)).toEqual([CardQueue.New, CardQueue.New]);
  });

  it('asks before deleting, naming the count, then deletes the note and its card', async () => {
    await seedKitchen();
    const user = renderAppAt('/browse/kitchen');
    await screen.findByText('3 cards');
    await user.click(await screen.findByRole('checkbox', { name: 'Select: Fork' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog');
    expect(confirm).toHaveTextContent('Delete 1 card with its note, the note’s other cards and their answer history?');
    expect(await appDatabase().cards.get('fork')).toBeDefined();
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByText('2 cards')).toBeInTheDocument());
    expect(await appDatabase().cards.get('fork')).toBeUndefined();
    expect(await appDatabase().notes.get('fork')).toBeUndefined();
  });

  it('a failed write changes nothing and says why in plain words', async () => {
    await seedKitchen();
    const user = renderAppAt('/browse/kitchen');
    await screen.findByText('3 cards');
    await user.click(await screen.findByRole('checkbox', { name: 'Select: Knife' }));
    await withFullStorageFor(STORE.cards, async () => {
      await user.click(screen.getByRole('button', { name: 'Suspend' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(/Your change was not saved\. This device is out of storage space/);
    });
    expect((await appDatabase().cards.get('knife'))?.queue).toBe(CardQueue.New);
  });

  it('"/" focuses the search; arrows move through the rows; s suspends the active card', async () => {
    await seedKitchen();
    const user = renderAppAt('/browse/kitchen');
    await screen.findByText('3 cards');
    await rowQuestions();
    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: 'Search cards' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(list()).toHaveFocus();
    await user.keyboard('{ArrowDown}s');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Suspend: 1 card.'));
    expect((await appDatabase().cards.get('spoon'))?.queue).toBe(CardQueue.Suspended);
  });

  it('opens from a deck\'s options screen with that deck only', async () => {
    await seedKitchen();
    const user = renderAppAt('/deck/kitchen/options');
    await user.click(await screen.findByRole('link', { name: 'Browse its cards' }));
    expect(await screen.findByText('3 cards')).toBeInTheDocument();
    expect(await rowQuestions()).toEqual(['Knife', 'Spoon', 'Fork']);
  });

  it('lists nested decks as a tree in the deck filter (a group per path, each deck by its own name)', async () => {
    await seedKitchen();
    await mergeDeckFiles([smallDeckFile('star', 1, 'Interview::Behavioral::STAR')], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY });
    const user = renderAppAt('/browse');
    await user.click(await screen.findByText('Filters'));
    const deckFilter = screen.getByRole('combobox', { name: 'Deck' });
    const group = within(deckFilter).getByRole('group', { name: 'Interview › Behavioral' });
    expect(within(group).getByRole('option', { name: 'STAR' })).toBeInTheDocument();
    await user.selectOptions(deckFilter, 'STAR');
    await waitFor(() => expect(screen.getByText('1 card')).toBeInTheDocument());
  });

  it('works in Russian', async () => {
    await seedKitchen();
    const { updateSettings } = await import('../../src/storage');
    await updateSettings({ language: 'ru' });
    renderAppAt('/browse/kitchen');
    expect(await screen.findByText('3 карточки')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Поиск по карточкам' })).toBeInTheDocument();
  });
});

describe('note editor', () => {
  it('edits a note’s front from Browse; the card shows the new text', async () => {
    await seedKitchen();
    const user = renderAppAt('/browse/kitchen');
    await screen.findByText('3 cards');
    await user.click(await within(list()).findByRole('link', { name: 'Knife' }));
    const front = await screen.findByRole('textbox', { name: 'Front' });
    expect(front).toHaveValue('Knife');
    await user.clear(front);
    await user.type(front, 'A kitchen knife');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await appDatabase().cards.get('knife'))?.front).toBe('A kitchen knife'));
    expect(await appDatabase().notes.get('knife')).toMatchObject({ front: 'A kitchen knife' });
  });

  it('edits from review ("Edit" on the answer side): the same card shows the new text, and the answer keeps it', async () => {
    await mergeDeckFiles(
      [{ format: DECK_FORMAT, version: 1, deck: { id: 'one', name: 'One', description: '' }, cards: [{ id: 'only', type: 'basic', front: 'Old front', back: 'Old back' }] }],
      { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY },
    );
    const user = renderAppAt('/study/one');
    expect(await screen.findByRole('region', { name: 'Question' })).toHaveTextContent('Old front');
    await user.click(screen.getByRole('button', { name: /^Show answer/ }));
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit note' });
    const front = await within(dialog).findByRole('textbox', { name: 'Front' });
    await user.clear(front);
    await user.type(front, 'New front');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('region', { name: 'Question' })).toHaveTextContent('New front');
    expect(screen.getByRole('region', { name: 'Answer' })).toHaveTextContent('Old back');
    // The rating writes the card with its new text, not the text it had when its buttons were computed.
    await user.click(screen.getByRole('button', { name: /^Good/ }));
    await waitFor(async () => expect((await appDatabase().cards.get('only'))?.reps).toBe(1));
    expect((await appDatabase().cards.get('only'))?.front).toBe('New front');
  });

  it('an edit in review that removes the cloze on screen moves on to the next card, and the removed card stays retired', async () => {
    await mergeDeckFiles(
      [{ format: DECK_FORMAT, version: 1, deck: { id: 'cz', name: 'Cloze', description: '' }, cards: [{ id: 'pm', type: 'cloze', text: 'A postmortem looks at {{c1::systems}}, not {{c2::people}}' }] }],
      { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY },
    );
    const user = renderAppAt('/study/cz');
    // The blank is Markdown, shown once marked has loaded.
    await waitFor(() => expect(screen.getByRole('region', { name: 'Question' })).toHaveTextContent('A postmortem looks at [...], not people'));
    await user.click(screen.getByRole('button', { name: /^Show answer/ }));
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit note' });
    const text = await within(dialog).findByRole('textbox', { name: 'Text, with each answer as {{c1::answer}}' });
    await user.clear(text);
    await user.click(text);
    await user.paste('A postmortem looks at systems, not {{c2::people}}');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await appDatabase().cards.get('pm::c1'))?.queue).toBe(CardQueue.Retired));
    // c1 has left the screen (answering it would have brought it back): c2's question is next.
    await waitFor(() => expect(screen.getByRole('region', { name: 'Question' })).toHaveTextContent('A postmortem looks at systems, not [...]'));
    expect(screen.queryByRole('region', { name: 'Answer' })).not.toBeInTheDocument();
    expect((await appDatabase().cards.get('pm::c1'))?.reps).toBe(0);
  });

  it('an edit from review that cannot be written puts the old text back and says why', async () => {
    await mergeDeckFiles(
      [{ format: DECK_FORMAT, version: 1, deck: { id: 'one', name: 'One', description: '' }, cards: [{ id: 'only', type: 'basic', front: 'Old front', back: 'Old back' }] }],
      { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY },
    );
    const user = renderAppAt('/study/one');
    await screen.findByRole('region', { name: 'Question' });
    await user.click(screen.getByRole('button', { name: /^Show answer/ }));
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit note' });
    const front = await within(dialog).findByRole('textbox', { name: 'Front' });
    await user.clear(front);
    await user.type(front, 'New front');
    await withFullStorageFor(STORE.notes, async () => {
      await user.click(within(dialog).getByRole('button', { name: 'Save' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(/Your change was not saved\. This device is out of storage space/);
    });
    expect(screen.getByRole('region', { name: 'Question' })).toHaveTextContent('Old front');
    expect(await appDatabase().notes.get('only')).toMatchObject({ front: 'Old front' });
    expect((await appDatabase().cards.get('only'))?.front).toBe('Old front');
  });

  it('refuses an empty back and says so', async () => {
    await seedKitchen();
    const user = renderAppAt('/note/knife');
    const back = await screen.findByRole('textbox', { name: 'Back' });
    await user.clear(back);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Write the back.');
    expect(await appDatabase().notes.get('knife')).toMatchObject({ back: 'Нож, a sharp blade' });
  });

  it('adds a cloze note with two deletions (two cards, previewed first), keeping deck and type for the next', async () => {
    await seedKitchen();
    const user = renderAppAt('/add/kitchen');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Note type' }), 'Cloze');
    const text = screen.getByRole('textbox', { name: 'Text, with each answer as {{c1::answer}}' });
    await user.click(text);
    await user.paste('A postmortem looks at {{c1::systems}}, not {{c2::people}}');
    const preview = await screen.findByRole('region', { name: 'The cards this note makes' });
    expect(within(preview).getAllByRole('listitem')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Added a note with 2 cards to “Kitchen”.'));
    const cards = (await appDatabase().cards.where('[deckId+queue+position]').between(['kitchen', CardQueue.New, -Infinity], ['kitchen', CardQueue.New, Infinity]).toArray()).filter((card) => card.template === 'cloze');
    expect(cards.map((card) => card.front).sort()).toEqual(['A postmortem looks at [...], not people', 'A postmortem looks at systems, not [...]']);
    // Ready for the next note: same type, empty text.
    expect(screen.getByRole('combobox', { name: 'Note type' })).toHaveValue('cloze');
    expect(screen.getByRole('textbox', { name: 'Text, with each answer as {{c1::answer}}' })).toHaveValue('');
  });
});

describe('review: setting the card on screen aside', () => {
  async function seedTwo(): Promise<void> {
    await mergeDeckFiles(
      [
        {
          format: DECK_FORMAT,
          version: 1,
          deck: { id: 'two', name: 'Two', description: '' },
          cards: [
            { id: 'first', type: 'basic', front: 'First question', back: 'First answer' },
            { id: 'second', type: 'basic', front: 'Second question', back: 'Second answer' },
          ],
        },
      ],
      { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW - DAY },
    );
  }

  it('"-" buries the card until tomorrow and "s" suspends the next; each says so and the session moves on', async () => {
    await seedTwo();
    const user = renderAppAt('/study/two');
    expect(await screen.findByRole('region', { name: 'Question' })).toHaveTextContent('First question');
    await user.keyboard('-');
    expect(await screen.findByText('Card buried until tomorrow.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Question' })).toHaveTextContent('Second question');
    await waitFor(async () => expect((await appDatabase().cards.get('first'))?.queue).toBe(CardQueue.Buried));
    await user.keyboard('s');
    expect(await screen.findByRole('heading', { name: 'All done for today' })).toBeInTheDocument();
    await waitFor(async () => expect((await appDatabase().cards.get('second'))?.queue).toBe(CardQueue.Suspended));
  });

  it('the buttons on the answer side do the same; a failed write brings the card back and says why', async () => {
    await seedTwo();
    const user = renderAppAt('/study/two');
    await screen.findByRole('region', { name: 'Question' });
    await user.click(screen.getByRole('button', { name: /^Show answer/ }));
    await withFullStorageFor(STORE.cards, async () => {
      await user.click(await screen.findByRole('button', { name: 'Suspend' }));
      expect(await screen.findByText(/That card could not be set aside: This device is out of storage space/)).toBeInTheDocument();
    });
    expect((await appDatabase().cards.get('first'))?.queue).toBe(CardQueue.New);
    expect((await appDatabase().cards.get('second'))?.queue).toBe(CardQueue.New);
  });
});
