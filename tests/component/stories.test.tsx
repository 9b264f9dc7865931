// The story bank on the real app (Dexie over fake IndexedDB, the built-in
// decks installed): writing a story linked to a built-in question (stored,
// with its study note in "My stories"), editing, duplicating, deleting after
// a confirmation, coverage, the review's story panel, the note editor's
// notice on a study note, Russian, and a failed save that keeps the fields.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STORIES_DECK_ID, type StoryContent } from '../../src/domain/stories';
import { updateSettings } from '../../src/storage';
import { STORE } from '../../src/storage/schema';
import { addRecording, loadQuestions, saveStory } from '../../src/storage/stories';
import StoryPanel from '../../src/features/stories/StoryPanel';
import { freshAppForEachTest } from '../helpers/componentApp';
import { appDatabase, FIXED_NOW, withFullStorageFor } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';
import { STORIES_MESSAGES } from '../../src/ui/i18n/screens/stories';

freshAppForEachTest();

const FAILED_QUESTION = 'fl-q-tell-me-about-failure';
const MISTAKE_QUESTION = 'fl-q-mistake-you-made';
const WORDING = {
  labels: {
    tellFor: 'Tell this story for:',
    tellAlone: 'Tell this story in 60-90 seconds.',
    parts: { situation: 'Situation', task: 'Task', action: 'Action', result: 'Result' },
    resultNumbers: 'Result in numbers',
    learned: 'What I learned',
  },
  deckName: 'My stories',
};

function story(overrides: Partial<StoryContent> = {}): StoryContent {
  return {
    title: 'Checkout outage',
    situation: 'Our checkout went down on Black Friday.',
    task: 'Restore payments within the hour.',
    action: 'I rolled back the release and added a canary stage.',
    result: 'Payments were back in 40 minutes.',
    resultNumbers: 'Downtime cut from 3 h to 40 min.',
    learned: 'Ship behind flags.',
    short: 'I broke checkout, rolled back fast and added canaries.',
    signals: ['resilience'],
    tags: ['payments'],
    noteIds: [FAILED_QUESTION],
    ...overrides,
  };
}

const forms = (value: string | Record<string, string>): string[] => (typeof value === 'string' ? [value] : Object.values(value));
const RUSSIAN = new Set(Object.values(STORIES_MESSAGES.ru).flatMap(forms));
/** The story bank's English messages (as patterns for their placeholders) that differ from every Russian one. */
const ENGLISH = Object.values(STORIES_MESSAGES.en)
  .flatMap(forms)
  .filter((text) => !RUSSIAN.has(text) && /[A-Za-z]{2,}/.test(text.replace(/\{\w+\}/g, '')))
  .map((text) => new RegExp(`^${text.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?')}$`, 's'));

/** Text nodes and accessible names on screen that are one of the story bank's English messages. */
function englishOnScreen(): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push((node.textContent ?? '').trim());
  for (const element of document.body.querySelectorAll('[aria-label], [placeholder]')) texts.push(element.getAttribute('aria-label') ?? '', element.getAttribute('placeholder') ?? '');
  return texts.filter((text) => text !== '' && ENGLISH.some((pattern) => pattern.test(text)));
}

async function seedStory(overrides: Partial<StoryContent> = {}) {
  return await saveStory(null, story(overrides), WORDING, FIXED_NOW);
}

describe('the story bank', () => {
  it('writes a first story with its four parts and a question: the story and its study note in "My stories" are stored', async () => {
    const user = renderAppAt('/stories');
    expect(await screen.findByRole('heading', { name: 'Your story bank is empty' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Write your first story' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'New story' })).toBeInTheDocument();

    await user.type(await screen.findByRole('textbox', { name: 'Title' }), 'Checkout outage');
    await user.type(screen.getByRole('textbox', { name: 'Situation' }), 'Checkout went down.');
    await user.type(screen.getByRole('textbox', { name: 'Task' }), 'Restore payments.');
    await user.type(screen.getByRole('textbox', { name: 'Action' }), 'I rolled back.');
    await user.type(screen.getByRole('textbox', { name: 'Result' }), 'Back in 40 minutes.');
    await user.type(screen.getByRole('textbox', { name: 'Short version (60-90 s)' }), 'I broke checkout and fixed it.');
    await user.click(await screen.findByRole('checkbox', { name: 'resilience' }));
    await user.type(screen.getByRole('textbox', { name: 'Your own signal' }), 'calm under pressure{Enter}');
    expect(screen.getByRole('checkbox', { name: 'calm under pressure' })).toBeChecked();
    await user.type(screen.getByRole('searchbox', { name: 'Find a question to link' }), 'time you failed');
    await user.click(screen.getByRole('checkbox', { name: /Tell me about a time you failed/ }));
    expect(screen.getByRole('button', { name: /^Remove: .*Tell me about a time you failed/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save story' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout outage' })).toBeInTheDocument();
    const stories = await appDatabase().stories.toArray();
    expect(stories).toHaveLength(1);
    const [stored] = stories;
    expect(stored).toMatchObject({
      title: 'Checkout outage',
      situation: 'Checkout went down.',
      task: 'Restore payments.',
      action: 'I rolled back.',
      result: 'Back in 40 minutes.',
      short: 'I broke checkout and fixed it.',
      signals: ['resilience', 'calm under pressure'],
      noteIds: [FAILED_QUESTION],
    });
    expect(window.location.pathname).toBe(`/stories/${stored?.id}`);
    const deck = await appDatabase().decks.get(STORIES_DECK_ID);
    expect(deck?.name).toBe('My stories');
    const studyNotes = await appDatabase().notes.where('deckId').equals(STORIES_DECK_ID).toArray();
    expect(studyNotes).toHaveLength(1);
    expect(studyNotes[0]?.id).toBe(stored?.studyNoteId);
    expect(studyNotes[0]?.origin).toEqual({ kind: 'story', storyId: stored?.id });
    // The story page shows the parts and the question with a way to practise it.
    expect(screen.getByRole('heading', { name: 'Situation' })).toBeInTheDocument();
    expect(screen.getByText('Checkout went down.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Practise aloud: .*Tell me about a time you failed/ })).toHaveAttribute('href', `/practice/note/${FAILED_QUESTION}`);
  });

  it('opens a new story for a question with that question already linked', async () => {
    renderAppAt(`/stories/new/${FAILED_QUESTION}`);
    expect(await screen.findByRole('button', { name: /^Remove: .*Tell me about a time you failed/ })).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: /Tell me about a time you failed/ })).toBeChecked();
  });

  it('edits a story: the new title and links are stored and its study note follows', async () => {
    const seeded = await seedStory();
    const user = renderAppAt(`/stories/${seeded.id}/edit`);
    const title = await screen.findByRole('textbox', { name: 'Title' });
    expect(title).toHaveValue('Checkout outage');
    await user.clear(title);
    await user.type(title, 'Payments outage');
    await user.click(await screen.findByRole('checkbox', { name: /Tell me about a mistake you made/ }));
    await user.click(screen.getByRole('button', { name: 'Save story' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Payments outage' })).toBeInTheDocument();
    const stored = await appDatabase().stories.get(seeded.id);
    expect(stored?.title).toBe('Payments outage');
    expect(stored?.noteIds).toEqual([FAILED_QUESTION, MISTAKE_QUESTION]);
    const note = await appDatabase().notes.get(seeded.studyNoteId);
    expect(note?.type === 'basic' && note.front).toContain('**Payments outage**');
  });

  it('lists the stories with their signals and how many questions each answers', async () => {
    await seedStory();
    renderAppAt('/stories');
    const list = await screen.findByRole('list', { name: 'Stories' });
    expect(within(list).getByRole('link', { name: 'Checkout outage' })).toBeInTheDocument();
    expect(within(list).getByText('Answers 1 question')).toBeInTheDocument();
    expect(within(list).getByText('Signals: resilience')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New story' })).toHaveAttribute('href', '/stories/new');
    expect(screen.getByRole('link', { name: 'Coverage' })).toHaveAttribute('href', '/stories/coverage');
    // The check the Russian test relies on sees these English words.
    expect(englishOnScreen()).toEqual(expect.arrayContaining(['My stories', 'New story', 'Answers 1 question', 'Signals: resilience']));
  });

  it('duplicates a story under "(copy)" with a study note of its own', async () => {
    const seeded = await seedStory();
    const user = renderAppAt(`/stories/${seeded.id}`);
    await user.click(await screen.findByRole('button', { name: 'Duplicate' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout outage (copy)' })).toBeInTheDocument();
    const stories = await appDatabase().stories.toArray();
    expect(stories.map((one) => one.title).sort()).toEqual(['Checkout outage', 'Checkout outage (copy)']);
    expect(new Set(stories.map((one) => one.studyNoteId)).size).toBe(2);
  });

  it('deletes a story only after a confirmation that names its recordings, with its study note and recordings', async () => {
    const seeded = await seedStory();
    const added = await addRecording({ kind: 'story', id: seeded.id }, new Blob([new Uint8Array(2048)], { type: 'audio/webm' }), 65_000, FIXED_NOW);
    expect(added.ok).toBe(true);
    const user = renderAppAt(`/stories/${seeded.id}`);
    expect(await screen.findByText(/1:05$/)).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete “Checkout outage”?' });
    expect(within(dialog).getByText('1 recording (2 KB).')).toBeInTheDocument();
    // Cancel keeps everything.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await appDatabase().stories.count()).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete story' }));
    expect(await screen.findByRole('heading', { name: 'Your story bank is empty' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/stories');
    expect(await appDatabase().stories.count()).toBe(0);
    expect(await appDatabase().notes.get(seeded.studyNoteId)).toBeUndefined();
    expect(await appDatabase().recordings.count()).toBe(0);
  });

  it('says a story that does not exist, with a way back', async () => {
    renderAppAt('/stories/nothing-here');
    expect(await screen.findByText('This story does not exist: it may have been deleted.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to my stories' })).toHaveAttribute('href', '/stories');
  });

  it('counts a linked question as covered and the others not, in words', async () => {
    await seedStory();
    const { questions, signals } = await loadQuestions();
    renderAppAt('/stories/coverage');
    expect(await screen.findByText(`1 of ${questions.length} questions covered`)).toBeInTheDocument();
    expect(screen.getByText(`1 of ${signals.length} signals shown`)).toBeInTheDocument();
    const covered = screen.getByText(/Tell me about a time you failed/).closest('li');
    expect(covered).not.toBeNull();
    expect(within(covered as HTMLElement).getByText('1 story')).toBeInTheDocument();
    expect(within(covered as HTMLElement).getByRole('link', { name: 'Checkout outage' })).toBeInTheDocument();
    const uncovered = screen.getByText(/Tell me about a mistake you made/).closest('li');
    expect(within(uncovered as HTMLElement).getByText('No story yet')).toBeInTheDocument();
    expect(within(uncovered as HTMLElement).getByRole('link', { name: /^Write one/ })).toHaveAttribute('href', `/stories/new/${MISTAKE_QUESTION}`);
    expect(screen.getAllByText('No story yet')).toHaveLength(questions.length - 1);
  });

  it('keeps every field and says why when the save fails', async () => {
    const user = renderAppAt('/stories/new');
    await user.type(await screen.findByRole('textbox', { name: 'Title' }), 'Lost nothing');
    await user.type(screen.getByRole('textbox', { name: 'Action' }), 'I kept the draft.');
    await withFullStorageFor(STORE.stories, async () => {
      await user.click(screen.getByRole('button', { name: 'Save story' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(/Your change was not saved\..*out of storage space/);
    });
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Lost nothing');
    expect(screen.getByRole('textbox', { name: 'Action' })).toHaveValue('I kept the draft.');
    expect(window.location.pathname).toBe('/stories/new');
    expect(await appDatabase().stories.count()).toBe(0);
    expect(await appDatabase().notes.where('deckId').equals(STORIES_DECK_ID).count()).toBe(0);
  });

  it('asks for a title before saving, in plain words', async () => {
    const user = renderAppAt('/stories/new');
    await user.click(await screen.findByRole('button', { name: 'Save story' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Give the story a title.');
    expect(await appDatabase().stories.count()).toBe(0);
  });

  it('sends the note editor of a study note to the story', async () => {
    const seeded = await seedStory();
    renderAppAt(`/note/${seeded.studyNoteId}`);
    expect(await screen.findByText('This card is made from your story “Checkout outage”; edit the story instead.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit the story' })).toHaveAttribute('href', `/stories/${seeded.id}/edit`);
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });

  it('shows the story bank in Russian', async () => {
    await updateSettings({ language: 'ru' });
    const user = renderAppAt('/stories');
    expect(await screen.findByRole('heading', { level: 1, name: 'Мои истории' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Банк историй пуст' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Написать первую историю' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Новая история' })).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: 'Ситуация' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Сохранить историю' })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Название' }), 'Сбой оплаты');
    await user.click(screen.getByRole('button', { name: 'Сохранить историю' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Сбой оплаты' })).toBeInTheDocument();
    expect((await appDatabase().decks.get(STORIES_DECK_ID))?.name).toBe('Мои истории');
  });

  it('shows no English of its own on a Russian story, editor, list and coverage', async () => {
    await updateSettings({ language: 'ru' });
    const seeded = await seedStory();
    await addRecording({ kind: 'story', id: seeded.id }, new Blob([new Uint8Array(4096)], { type: 'audio/webm' }), 30_000, FIXED_NOW);
    const user = renderAppAt(`/stories/${seeded.id}`);
    expect(await screen.findByRole('heading', { name: 'На какие вопросы отвечает' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Удалить' }));
    expect(await screen.findByRole('alertdialog', { name: 'Удалить «Checkout outage»?' })).toHaveTextContent('1 запись (4 КБ).');
    expect(englishOnScreen()).toEqual([]);
    await user.click(screen.getByRole('link', { name: 'Править' }));
    expect(await screen.findByRole('searchbox', { name: 'Найти вопрос для привязки' })).toBeInTheDocument();
    await user.click(screen.getByText('Предпросмотр'));
    expect(englishOnScreen()).toEqual([]);
    await user.click(screen.getByRole('link', { name: 'Отмена' }));
    await user.click(await screen.findByRole('link', { name: 'К моим историям' }));
    expect(await screen.findByText('Отвечает на 1 вопрос')).toBeInTheDocument();
    expect(englishOnScreen()).toEqual([]);
    await user.click(screen.getByRole('link', { name: 'Покрытие' }));
    expect(await screen.findByText(/^Вопросов с историей: 1 из \d+$/)).toBeInTheDocument();
    expect(englishOnScreen()).toEqual([]);
  });
});

describe('the review story panel', () => {
  it('shows "Your story" with its short version for a linked question', async () => {
    await seedStory();
    render(<StoryPanel noteId={FAILED_QUESTION} isQuestion />);
    expect(await screen.findByRole('heading', { name: 'Your story: Checkout outage' })).toBeInTheDocument();
    expect(screen.getByText('I broke checkout, rolled back fast and added canaries.')).toBeInTheDocument();
    expect(screen.getByText('The whole story (STAR)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Practise aloud' })).toHaveAttribute('href', `/practice/note/${FAILED_QUESTION}`);
  });

  it('offers "Write one" for a question without a story, and nothing for a note that is not a question', async () => {
    const { container } = render(<StoryPanel noteId={MISTAKE_QUESTION} isQuestion />);
    expect(await screen.findByText('No story for this question yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Write one' })).toHaveAttribute('href', `/stories/new/${MISTAKE_QUESTION}`);
    expect(screen.getByRole('link', { name: 'Practise aloud' })).toHaveAttribute('href', `/practice/note/${MISTAKE_QUESTION}`);
    container.remove();

    // A note that is not a question, read before a question's panel: once the question's panel has its answer, the other still shows nothing.
    render(
      <>
        <div data-testid="not-a-question">
          <StoryPanel noteId="fl-q-failed-situation" isQuestion={false} />
        </div>
        <StoryPanel noteId="fl-q-do-differently" isQuestion />
      </>,
    );
    expect(await screen.findByText('No story for this question yet')).toBeInTheDocument();
    expect(screen.getByTestId('not-a-question')).toBeEmptyDOMElement();
  });
});
