// The import screen: choose a file, see a preview (deck name, counts by
// type, what a merge would change, problems), and only "Import" writes.
import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CardQueue, CardState, Rating, type CardRecord } from '../../src/domain/types';
import { cardsOfDeck, countAllCards, countReviewLogs, listDecks, recordReview, updateSettings } from '../../src/storage';
import { renderAppAt } from '../helpers/renderApp';
import { freshAppForEachTest } from '../helpers/componentApp';
import { DAY, FIXED_NOW } from '../helpers/componentDb';
import { PARSE_TIME_LIMIT_MS } from '../../src/features/import/parseInWorker';

const CSV_NAME = 'kitchen-words.csv';
const CSV = ['Front,Back', 'Knife,Нож', 'Spoon,Ложка', 'Fork,Вилка'].join('\n');

freshAppForEachTest();

const renderAt = renderAppAt;

function csvFile(text: string, name = CSV_NAME): File {
  return new File([text], name, { type: 'text/csv' });
}

/** The file input (its visible label is the "Choose a file" button). */
async function fileInput(): Promise<HTMLInputElement> {
  const input = await screen.findByLabelText(/^(Choose a file|Import another file|Выбрать файл|Импортировать другой файл)$/, { selector: 'input' });
  return input as HTMLInputElement;
}

async function chooseFile(user: ReturnType<typeof userEvent.setup>, file: File) {
  await user.upload(await fileInput(), file);
}

async function importedDeckId(name: string): Promise<string> {
  const deck = (await listDecks()).find((candidate) => candidate.name === name);
  if (!deck) throw new Error(`no deck named ${name}`);
  return deck.id;
}

describe('import screen', () => {
  it('previews a CSV and writes its cards only after "Import"', async () => {
    const before = await countAllCards();
    const user = renderAt('/import');

    await chooseFile(user, csvFile(CSV));

    const nameField = await screen.findByRole('textbox', { name: 'Deck name' });
    expect(nameField).toHaveValue('kitchen-words');
    expect(screen.getByText('3 basic, 0 reversible, 0 cloze cards')).toBeInTheDocument();
    expect(screen.getByText('3 new, 0 updated, 0 unchanged')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // Nothing is written by the preview.
    expect(await countAllCards()).toBe(before);

    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Imported 3 cards into “kitchen-words”.');
    expect(await countAllCards()).toBe(before + 3);
    const cards = await cardsOfDeck(await importedDeckId('kitchen-words'));
    expect(cards.map((card) => [card.front, card.back]).sort()).toEqual([
      ['Fork', 'Вилка'],
      ['Knife', 'Нож'],
      ['Spoon', 'Ложка'],
    ]);
  });

  it('shows the first cards of each kind in the preview, rendered as in review (a cloze as question, then answer)', async () => {
    const user = renderAt('/import');
    const text = [
      '#separator:tab',
      '#html:false',
      '#notetype column:3',
      'What does **STAR** stand for?\tSituation, Task, Action, Result\tBasic',
      'Second basic\tTwo\tBasic',
      'Third basic\tThree\tBasic',
      'Blameless\tA postmortem that looks at systems, not people\tBasic (and reversed card)',
      'A postmortem names {{c1::systems}}, not {{c2::people}}\t\tCloze',
    ].join('\n');
    await chooseFile(user, new File([text], 'kinds.txt', { type: 'text/plain' }));

    const samples = await screen.findByRole('region', { name: 'First cards' });
    const items = within(samples).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual([
      'Basic card',
      'Basic card',
      'Reversible card, front to back',
      'Reversible card, back to front',
      'Cloze card: question, then answer',
      'Cloze card: question, then answer',
    ]);
    // Markdown rendered, not shown as text; the third basic card is not a sample.
    expect((await within(items[0] as HTMLElement).findByText('STAR')).tagName).toBe('STRONG');
    expect(within(items[0] as HTMLElement).getByText('Situation, Task, Action, Result')).toBeInTheDocument();
    expect(within(samples).queryByText('Third basic')).not.toBeInTheDocument();
    // The cloze: the blank first, then the sentence with the answer filled in.
    const cloze = items[4] as HTMLElement;
    expect(cloze.textContent).toContain('[...]');
    expect((await within(cloze).findByText('systems')).tagName).toBe('STRONG');
    // No named review regions in a preview (they belong to the card under review).
    expect(within(samples).queryByRole('region')).not.toBeInTheDocument();
  });

  it('keeps two decks whose names differ only in case or punctuation apart (version 1 stored them as one)', async () => {
    const user = renderAt('/import');
    const tsv = ['#separator:tab', '#deck column:1', 'Team A\tWho owns the pager?\tThe on-call lead', 'team-a\tWho owns the roadmap?\tThe product lead'].join('\n');
    await chooseFile(user, new File([tsv], 'teams.txt', { type: 'text/plain' }));
    const names = await screen.findAllByRole('textbox', { name: 'Deck name' });
    expect(names.map((field) => (field as HTMLInputElement).value)).toEqual(['Team A', 'team-a']);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Imported 2 cards into “Team A, team-a”.');

    const first = await cardsOfDeck(await importedDeckId('Team A'));
    const second = await cardsOfDeck(await importedDeckId('team-a'));
    expect(first.map((card) => card.front)).toEqual(['Who owns the pager?']);
    expect(second.map((card) => card.front)).toEqual(['Who owns the roadmap?']);
  });

  it('uses the deck name typed in the preview', async () => {
    const user = renderAt('/import');
    await chooseFile(user, csvFile(CSV));
    const nameField = await screen.findByRole('textbox', { name: 'Deck name' });

    await user.clear(nameField);
    await user.type(nameField, 'Kitchen');
    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Imported 3 cards into “Kitchen”.');
    expect(await cardsOfDeck(await importedDeckId('Kitchen'))).toHaveLength(3);
  });

  it('offers "Import 2 cards, skip 1" for a CSV with one empty back, lists the skipped row, and imports the good rows', async () => {
    const before = await countAllCards();
    const user = renderAt('/import');

    await chooseFile(user, csvFile(['Front,Back', 'Knife,Нож', 'Spoon,', 'Fork,Вилка'].join('\n'), 'broken.csv'));

    const skipped = (await screen.findByRole('heading', { name: 'Skipped rows (not imported)' })).closest('section');
    if (!skipped) throw new Error('no skipped rows section');
    expect(within(skipped).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Row 3: the back of the card is empty.']);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('2 basic, 0 reversible, 0 cloze cards')).toBeInTheDocument();
    expect(await countAllCards()).toBe(before);

    await user.click(screen.getByRole('button', { name: 'Import 2 cards, skip 1' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Imported 2 cards into “broken”.');
    expect(await countAllCards()).toBe(before + 2);
    const cards = await cardsOfDeck(await importedDeckId('broken'));
    expect(cards.map((card) => card.front).sort()).toEqual(['Fork', 'Knife']);
  });

  it('refuses a CSV where no row can be imported, lists why, and writes nothing', async () => {
    const before = await countAllCards();
    const user = renderAt('/import');

    await chooseFile(user, csvFile(['Front,Back', 'Knife,', ',Ложка'].join('\n'), 'empty-backs.csv'));

    const problems = (await screen.findByRole('heading', { name: 'Problems' })).closest('section');
    if (!problems) throw new Error('no problems section');
    expect(within(problems).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'None of the 2 card rows could be imported (see why below), so nothing was imported.',
    ]);
    const skipped = screen.getByRole('heading', { name: 'Skipped rows (not imported)' }).closest('section');
    if (!skipped) throw new Error('no skipped rows section');
    expect(within(skipped).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Row 2: the back of the card is empty.',
      'Row 3: the front of the card is empty.',
    ]);
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(await countAllCards()).toBe(before);
    expect((await listDecks()).some((deck) => deck.name === 'empty-backs')).toBe(false);
  });

  it('says "This file took too long to read" when the worker passes its time limit, and writes nothing', async () => {
    const before = await countAllCards();
    const user = renderAt('/import');
    const input = await fileInput();
    const stopped: string[] = [];
    class SilentWorker {
      addEventListener(): void {}
      postMessage(): void {}
      terminate(): void {
        stopped.push('terminated');
      }
    }
    vi.stubGlobal('Worker', SilentWorker);
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    vi.setSystemTime(FIXED_NOW);
    try {
      await user.upload(input, csvFile(CSV));
      await screen.findByText('Checking the file…');
      await vi.advanceTimersByTimeAsync(PARSE_TIME_LIMIT_MS);
      expect(await screen.findByRole('alert')).toHaveTextContent(/^This file took too long to read \(more than 20 seconds\), so nothing was imported\./);
    } finally {
      vi.unstubAllGlobals();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(FIXED_NOW);
    }
    expect(stopped).toEqual(['terminated']);
    expect(await countAllCards()).toBe(before);
  });

  it('words the problems and the sections it did not understand in Russian when the app is in Russian', async () => {
    await updateSettings({ language: 'ru' });
    const user = renderAt('/import');
    await screen.findByRole('heading', { name: 'Импорт колоды', level: 1 });

    await chooseFile(user, csvFile(['Front,Back', 'Knife,Нож', 'Spoon,', 'Fork,Вилка'].join('\n'), 'broken.csv'));

    const skipped = (await screen.findByRole('heading', { name: 'Пропущенные строки (не импортированы)' })).closest('section');
    if (!skipped) throw new Error('no skipped rows section');
    expect(within(skipped).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Строка 3: у карточки пустой оборот.']);
    expect(screen.getByRole('button', { name: 'Импортировать 2 карточки, пропустить 1' })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Отмена' }));
    const many = ['Front,Back', ...Array.from({ length: 5 }, (_, i) => `Q${i},A${i}`), 'Empty,'].join('\n');
    await chooseFile(user, csvFile(many, 'many.csv'));
    expect(await screen.findByRole('button', { name: 'Импортировать 5 карточек, пропустить 1' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Отмена' }));
    await chooseFile(user, csvFile(['Front,Back', 'One,Один', ',Пусто', 'Empty,'].join('\n'), 'one.csv'));
    expect(await screen.findByRole('button', { name: 'Импортировать 1 карточку, пропустить 2' })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Отмена' }));
    const chapter = '# 01. Notes\n\nIntro text.\n\n## "Why this company?"\n\n### Key Points\n\n- Mission\n- Team\n\n## См. также\n\n- [Next](02.md)\n';
    await chooseFile(user, new File([chapter], 'notes.md', { type: 'text/markdown' }));
    const unknown = (await screen.findByRole('heading', { name: 'Разделы, которые не удалось разобрать' })).closest('section');
    if (!unknown) throw new Error('no unknown sections');
    expect(within(unknown).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Текст перед первым разделом (строка 3)',
      'См. также (строка 12)',
    ]);
  });

  it('refuses a deck JSON from a newer version in plain words and writes nothing', async () => {
    const before = await countAllCards();
    const user = renderAt('/import');
    const json = JSON.stringify({
      format: 'interview-flashcards/deck',
      version: 99,
      deck: { id: 'future', name: 'Future', description: '' },
      cards: [{ id: 'f-1', type: 'basic', front: 'Q', back: 'A' }],
    });

    await chooseFile(user, new File([json], 'future.json', { type: 'application/json' }));

    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((alert) => alert.textContent).join('\n')).toMatch(/newer|version 99/i);
    const importButton = screen.queryByRole('button', { name: 'Import' });
    if (importButton) expect(importButton).toBeDisabled();
    expect(await countAllCards()).toBe(before);
    expect((await listDecks()).some((deck) => deck.name === 'Future')).toBe(false);
  });

  it('re-importing the same file changes nothing and keeps review history; changed text counts as updated', async () => {
    const user = renderAt('/import');
    await chooseFile(user, csvFile(CSV));
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    await screen.findByRole('status');
    const deckId = await importedDeckId('kitchen-words');
    const total = await countAllCards();

    // Answer one imported card (as the review screen would save it).
    const [card] = await cardsOfDeck(deckId);
    if (!card) throw new Error('no imported card');
    const answered: CardRecord = {
      ...card,
      state: CardState.Review,
      queue: CardQueue.Review,
      stability: 3,
      difficulty: 5,
      reps: 1,
      scheduledDays: 3,
      lastReview: FIXED_NOW,
      due: FIXED_NOW + 3 * DAY,
    };
    await recordReview(answered, {
      cardId: card.id,
      noteId: card.noteId,
      deckId,
      rating: Rating.Good,
      state: card.state,
      due: card.due,
      stability: card.stability,
      difficulty: card.difficulty,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reviewTime: FIXED_NOW,
      durationMs: 4000,
      day: 0,
      before: {
        due: card.due,
        stability: card.stability,
        difficulty: card.difficulty,
        elapsedDays: card.elapsedDays,
        scheduledDays: card.scheduledDays,
        learningSteps: card.learningSteps,
        reps: card.reps,
        lapses: card.lapses,
        state: card.state,
        lastReview: card.lastReview,
        queue: card.queue,
      },
    });
    expect(await countReviewLogs()).toBe(1);

    // Same file again: all unchanged.
    await chooseFile(user, csvFile(CSV));
    expect(await screen.findByText('0 new, 0 updated, 3 unchanged')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Imported 3 cards into “kitchen-words”.');

    // The same file with one back changed: one updated.
    await chooseFile(user, csvFile(CSV.replace('Spoon,Ложка', 'Spoon,Ложечка')));
    expect(await screen.findByText('0 new, 1 updated, 2 unchanged')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByRole('status');

    await waitFor(async () => expect((await cardsOfDeck(deckId)).find((c) => c.front === 'Spoon')?.back).toBe('Ложечка'));
    expect(await countAllCards()).toBe(total);
    expect(await countReviewLogs()).toBe(1);
    const kept = (await cardsOfDeck(deckId)).find((candidate) => candidate.id === card.id);
    expect(kept).toMatchObject({ state: CardState.Review, queue: CardQueue.Review, reps: 1, due: FIXED_NOW + 3 * DAY });
  });
});
