// Practice aloud on the real app (Dexie over fake IndexedDB), with a fake
// microphone and MediaRecorder installed on globalThis: record, stop, play
// back, keep (listed, stored) or discard (nothing stored, URL revoked); no
// microphone (refused, none, no API): the timer and the self-check still
// work and the screen says why; the countdown's STAR part; the length
// choice saved; the rating written as an answer with the interval its
// button showed, a conflict and a card with nothing to rate; Russian.
//
// happy-dom's Blob does not survive fake-indexeddb's structured clone (it
// comes back as a plain `{ type }` object), so the tests record into Node's
// own Blob (`node:buffer`), which does: as a browser's Blob does.
import { Blob as NodeBlob } from 'node:buffer';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardQueue, Rating } from '../../src/domain/types';
import { getSettings, updateSettings } from '../../src/storage';
import { answerPractice, practiceCardOf, recordingAudio, saveStory } from '../../src/storage/stories';
import { formatInterval } from '../../src/ui/formatDuration';
import { createTranslator } from '../../src/ui/i18n';
import { PRACTICE_MESSAGES } from '../../src/ui/i18n/screens/practice';
import { emptyStory, MAX_RECORDING_BYTES, MAX_RECORDING_MS } from '../../src/domain/stories';
import { freshAppForEachTest, setClock } from '../helpers/componentApp';
import { appDatabase, FIXED_NOW } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';

freshAppForEachTest();

const QUESTION = 'fl-q-tell-me-about-failure';
const QUESTION_PATH = `/practice/note/${QUESTION}`;

class FakeTrack {
  isStopped = false;
  stop() {
    this.isStopped = true;
  }
}

class FakeStream {
  readonly tracks = [new FakeTrack()];
  getTracks() {
    return this.tracks;
  }
}

/** A MediaRecorder that records `nextChunkBytes` of silence per chunk; `stop` delivers the last chunk, then `stop`, as browsers do. */
class FakeMediaRecorder {
  static instances: FakeMediaRecorder[] = [];
  static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
  state: 'inactive' | 'recording' = 'inactive';
  readonly mimeType: string;
  timeslice: number | undefined;
  ondataavailable: ((event: { data: NodeBlob }) => void) | null = null;
  onstop: (() => void) | null = null;
  nextChunkBytes = 2000;

  constructor(
    readonly stream: FakeStream,
    readonly options: { mimeType?: string; audioBitsPerSecond?: number } = {},
  ) {
    this.mimeType = options.mimeType ?? 'audio/webm';
    FakeMediaRecorder.instances.push(this);
  }
  start(timeslice?: number) {
    this.state = 'recording';
    this.timeslice = timeslice;
  }
  /** A timeslice's chunk. */
  emit(bytes = this.nextChunkBytes) {
    this.ondataavailable?.({ data: new NodeBlob([new Uint8Array(bytes)], { type: this.mimeType }) });
  }
  stop() {
    if (this.state === 'inactive') return;
    this.state = 'inactive';
    setTimeout(() => {
      this.emit();
      this.onstop?.();
    }, 0);
  }
}

let getUserMedia: ReturnType<typeof vi.fn>;
let revoked: string[];

function installMicrophone(result: () => Promise<FakeStream>) {
  getUserMedia = vi.fn(result);
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
  vi.stubGlobal('MediaRecorder', FakeMediaRecorder);
}

beforeEach(() => {
  FakeMediaRecorder.instances = [];
  vi.stubGlobal('Blob', NodeBlob);
  revoked = [];
  const revoke = URL.revokeObjectURL.bind(URL);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url: string) => {
    revoked.push(url);
    revoke(url);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

function recorder(): FakeMediaRecorder {
  const last = FakeMediaRecorder.instances.at(-1);
  if (!last) throw new Error('no recorder was made');
  return last;
}

async function recordFiveSeconds(user: ReturnType<typeof renderAppAt>) {
  await user.click(await screen.findByRole('button', { name: 'Record' }));
  await screen.findByRole('button', { name: 'Stop' });
  setClock(FIXED_NOW + 5000);
  recorder().emit();
  await user.click(screen.getByRole('button', { name: 'Stop' }));
  return await screen.findByRole('group', { name: 'Your take' });
}

describe('practice aloud: recording', () => {
  it('records (asking for the microphone only on Record), stops, plays back, keeps: the recording is listed and stored', async () => {
    installMicrophone(() => Promise.resolve(new FakeStream()));
    const user = renderAppAt(QUESTION_PATH);
    const question = await screen.findByRole('region', { name: 'Question' });
    await waitFor(() => expect(question).toHaveTextContent('Tell me about a time you failed'));
    expect(screen.getByRole('button', { name: 'Record' })).toHaveAccessibleDescription(/Recording stays on this device/);
    expect(getUserMedia).not.toHaveBeenCalled();
    expect(await screen.findByText('No recordings kept yet.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Record' }));
    await screen.findByRole('button', { name: 'Stop' });
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true });
    expect(recorder().options).toEqual({ mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 32_000 });
    expect(recorder().timeslice).toBe(1000);
    // The indicator is up before any chunk arrived, and recording started the countdown.
    expect(screen.getByText('Recording · 0:00')).toBeInTheDocument();
    expect(screen.getByText('Now: Situation and task, until 0:21.')).toBeInTheDocument();

    setClock(FIXED_NOW + 5000);
    recorder().emit();
    await waitFor(() => expect(screen.getByText('Recording · 0:05')).toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    const take = await screen.findByRole('group', { name: 'Your take' });
    const audio = take.querySelector('audio');
    expect(audio).toHaveAttribute('controls');
    expect(audio?.getAttribute('src')).toMatch(/^blob:/);
    expect(within(take).getByText('0:05 · 4 KB')).toBeInTheDocument();
    // The microphone is released once stopped.
    expect(recorder().stream.tracks.every((track) => track.isStopped)).toBe(true);

    await user.click(within(take).getByRole('button', { name: 'Keep' }));
    const list = await screen.findByRole('list', { name: 'Recordings' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByText(/ · 0:05 · 4 KB$/)).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Your take' })).not.toBeInTheDocument();
    expect(revoked).toContain(audio?.getAttribute('src'));

    const stored = await appDatabase().recordings.toArray();
    expect(stored.map(({ ownerKind, ownerId, durationMs, size, mimeType }) => ({ ownerKind, ownerId, durationMs, size, mimeType }))).toEqual([
      { ownerKind: 'note', ownerId: QUESTION, durationMs: 5000, size: 4000, mimeType: 'audio/webm;codecs=opus' },
    ]);
    expect((await recordingAudio(stored[0]?.id ?? ''))?.size).toBe(4000);

    // Playable from the list; deleting asks first.
    await user.click(within(list).getByRole('button', { name: /^Listen to the recording of / }));
    await waitFor(() => expect(list.querySelector('audio')?.getAttribute('src')).toMatch(/^blob:/));
    await user.click(within(list).getByRole('button', { name: /^Delete the recording of / }));
    await user.click(within(list).getByRole('button', { name: 'Delete for good' }));
    expect(await screen.findByText('No recordings kept yet.')).toBeInTheDocument();
    expect(await appDatabase().recordings.count()).toBe(0);
  });

  it('discards: nothing is stored and the take’s URL is revoked', async () => {
    installMicrophone(() => Promise.resolve(new FakeStream()));
    const user = renderAppAt(QUESTION_PATH);
    const take = await recordFiveSeconds(user);
    const url = take.querySelector('audio')?.getAttribute('src');
    await user.click(within(take).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('group', { name: 'Your take' })).not.toBeInTheDocument();
    expect(screen.getByText('Discarded.')).toBeInTheDocument();
    expect(revoked).toContain(url);
    expect(await appDatabase().recordings.count()).toBe(0);
  });

  it('refuses to keep a recording over the size limit, and says so', async () => {
    installMicrophone(() => Promise.resolve(new FakeStream()));
    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('button', { name: 'Record' }));
    await screen.findByRole('button', { name: 'Stop' });
    // One huge chunk: the recorder stops itself at the limit.
    recorder().emit(MAX_RECORDING_BYTES + 1);
    const take = await screen.findByRole('group', { name: 'Your take' });
    expect(within(take).getByText('The recording stopped: it reached the 5 MB limit.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('This recording is larger than 5 MB, so it can’t be kept.');
    expect(within(take).getByRole('button', { name: 'Keep' })).toBeDisabled();
  });

  it('stops by itself at the length limit', async () => {
    installMicrophone(() => Promise.resolve(new FakeStream()));
    const timeouts = vi.spyOn(window, 'setTimeout');
    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('button', { name: 'Record' }));
    await screen.findByRole('button', { name: 'Stop' });
    const limit = timeouts.mock.calls.find(([, delay]) => delay === MAX_RECORDING_MS);
    if (!limit || typeof limit[0] !== 'function') throw new Error('no stop was planned at the limit');
    const stopAtLimit = limit[0];
    act(() => stopAtLimit());
    const take = await screen.findByRole('group', { name: 'Your take' });
    expect(within(take).getByText('The recording stopped at its 10-minute limit.')).toBeInTheDocument();
    expect(within(take).getByRole('button', { name: 'Keep' })).toBeEnabled();
  });

  it('the R key records and stops; the microphone is released when the screen goes away', async () => {
    installMicrophone(() => Promise.resolve(new FakeStream()));
    const user = renderAppAt(QUESTION_PATH);
    await screen.findByRole('button', { name: 'Record' });
    await user.keyboard('r');
    await screen.findByRole('button', { name: 'Stop' });
    await user.keyboard('r');
    await screen.findByRole('group', { name: 'Your take' });
    expect(FakeMediaRecorder.instances).toHaveLength(1);
    await user.keyboard('r');
    await screen.findByRole('button', { name: 'Stop' });
    expect(recorder().stream.tracks.every((track) => track.isStopped)).toBe(false);
    await user.click(screen.getByRole('link', { name: 'Home' }));
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    expect(recorder().stream.tracks.every((track) => track.isStopped)).toBe(true);
  });
});

describe('practice aloud without a microphone', () => {
  it('microphone refused: the plain message, and the timer and self-check still work', async () => {
    installMicrophone(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')));
    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('button', { name: 'Record' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Microphone access was refused\. You can still practise with the timer/);
    expect(FakeMediaRecorder.instances).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Start' }));
    setClock(FIXED_NOW + 30_000);
    await waitFor(() => expect(screen.getByRole('timer')).toHaveTextContent('1:30 left'));
    await user.click(screen.getByRole('button', { name: 'Done: check my answer' }));
    expect(screen.getByRole('checkbox', { name: 'Did I say what I personally did (“I”, not only “we”)?' })).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: /^Did it show\s*self-awareness\s*\?$/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /^Avoided:\s*blaming others$/ })).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Did I give the result in numbers?' }));
    expect(screen.getByText(/^1 of \d+ ticked$/)).toBeInTheDocument();
  });

  it('no microphone on the device: says so', async () => {
    installMicrophone(() => Promise.reject(new DOMException('Requested device not found', 'NotFoundError')));
    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('button', { name: 'Record' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^This device has no microphone/);
  });

  it('no navigator.mediaDevices: no Record button, a message, and the timer', async () => {
    vi.stubGlobal('MediaRecorder', FakeMediaRecorder);
    renderAppAt(QUESTION_PATH);
    expect(await screen.findByText(/^This browser can’t record audio here\. You can still practise with the timer/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start' })).toBeInTheDocument();
  });
});

describe('practice aloud: the countdown', () => {
  it('shows the STAR part to be in, says when time runs out and when it is over, then opens the self-check', async () => {
    const user = renderAppAt(QUESTION_PATH);
    expect(await screen.findByRole('timer')).toHaveTextContent('2:00 left');
    const split = screen.getByRole('list', { name: 'Time split' });
    expect(within(split).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Situation and task 0:00–0:21', 'Action 0:21–1:39', 'Result 1:39–2:00']);

    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.getByText('Now: Situation and task, until 0:21.')).toBeInTheDocument();
    setClock(FIXED_NOW + 30_000);
    await waitFor(() => expect(screen.getByText('Now: Action, until 1:39.')).toBeInTheDocument());
    expect(within(split).getByText('Action').closest('li')).toHaveAttribute('aria-current', 'step');

    setClock(FIXED_NOW + 110_000);
    await waitFor(() => expect(screen.getByText('Now: Result, until 2:00. Less than 15 seconds left: wrap up with the result.')).toBeInTheDocument());
    expect(screen.queryByRole('heading', { name: 'Check your answer' })).not.toBeInTheDocument();

    setClock(FIXED_NOW + 125_000);
    await waitFor(() => expect(screen.getByText('Time is up. Finish your sentence, then check your answer.')).toBeInTheDocument());
    expect(screen.getByRole('timer')).toHaveTextContent('0:00 left');
    expect(screen.getByRole('heading', { name: 'Check your answer' })).toBeInTheDocument();
  });

  it('pause keeps the time; the length is chosen on the screen and saved', async () => {
    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('radio', { name: '3 min' }));
    expect(screen.getByRole('timer')).toHaveTextContent('3:00 left');
    await waitFor(async () => expect((await getSettings()).practiceSeconds).toBe(180));

    await user.click(screen.getByRole('button', { name: 'Start' }));
    setClock(FIXED_NOW + 10_000);
    await waitFor(() => expect(screen.getByRole('timer')).toHaveTextContent('2:50 left'));
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    setClock(FIXED_NOW + 60_000);
    expect(screen.getByRole('timer')).toHaveTextContent('2:50 left');
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    setClock(FIXED_NOW + 65_000);
    await waitFor(() => expect(screen.getByRole('timer')).toHaveTextContent('2:45 left'));
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.getByRole('timer')).toHaveTextContent('3:00 left');
  });
});

describe('practice aloud: the rating', () => {
  it('writes a review log for the question’s card, scheduled as its button said', async () => {
    const practice = await practiceCardOf(QUESTION, FIXED_NOW);
    if (!practice) throw new Error('no card to practise');
    const goodMs = practice.previews[Rating.Good].due - practice.previews[Rating.Good].previewedAt;
    const interval = formatInterval(goodMs, createTranslator('en'));

    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('button', { name: 'Done: check my answer' }));
    const good = await screen.findByRole('button', { name: `Good · ${interval}` });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    setClock(FIXED_NOW + 40_000);
    await waitFor(() => expect(screen.getByRole('timer')).toHaveTextContent('1:20 left'));
    await user.click(good);

    expect(await screen.findByText(`Saved: Good, next in ${interval}.`)).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Rate this practice' })).not.toBeInTheDocument();
    const logs = await appDatabase().reviews.where('cardId').equals(practice.card.id).toArray();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.rating).toBe(Rating.Good);
    const card = await appDatabase().cards.get(practice.card.id);
    expect(card?.reps).toBe(practice.card.reps + 1);
    expect(card?.due).toBe(FIXED_NOW + 40_000 + goodMs);
  });

  it('the 1-4 keys rate once the self-check is shown', async () => {
    const user = renderAppAt(QUESTION_PATH);
    await screen.findByRole('button', { name: 'Done: check my answer' });
    await user.keyboard('4');
    expect(await appDatabase().reviews.count()).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Done: check my answer' }));
    await screen.findByRole('button', { name: /^Easy · / });
    await user.keyboard('4');
    expect(await screen.findByText(/^Saved: Easy, next in /)).toBeInTheDocument();
    expect(await appDatabase().reviews.count()).toBe(1);
  });

  it('a card answered elsewhere in the meantime: nothing is written and the screen says so', async () => {
    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('button', { name: 'Done: check my answer' }));
    const hard = await screen.findByRole('button', { name: /^Hard · / });
    const elsewhere = await practiceCardOf(QUESTION, FIXED_NOW);
    if (!elsewhere) throw new Error('no card to practise');
    expect((await answerPractice(elsewhere, Rating.Good, 1000, FIXED_NOW)).kind).toBe('saved');
    await user.click(hard);
    expect(await screen.findByRole('alert')).toHaveTextContent(/^This card was answered elsewhere/);
    expect(await appDatabase().reviews.count()).toBe(1);
  });

  it('a question whose cards are all suspended: says there is nothing to rate', async () => {
    await appDatabase()
      .cards.filter((card) => card.noteId === QUESTION)
      .modify({ queue: CardQueue.Suspended });
    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('button', { name: 'Done: check my answer' }));
    expect(await screen.findByText(/^There is nothing to rate/)).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Rate this practice' })).not.toBeInTheDocument();
  });
});

describe('practice aloud on a story', () => {
  it('shows the story, the questions it answers and its STAR notes; rates its study note’s card; keeps recordings as the story’s', async () => {
    installMicrophone(() => Promise.resolve(new FakeStream()));
    const labels = { tellFor: 'Tell this story for:', tellAlone: 'Tell this story.', parts: { situation: 'Situation', task: 'Task', action: 'Action', result: 'Result' }, resultNumbers: 'Numbers', learned: 'Learned' };
    const story = await saveStory(
      null,
      { ...emptyStory(), title: 'The migration that slipped', situation: 'We moved billing.', action: 'I split the cut-over.', noteIds: [QUESTION] },
      { labels, deckName: 'My stories' },
      FIXED_NOW,
    );
    const user = renderAppAt(`/practice/story/${story.id}`);
    expect(await screen.findByRole('heading', { name: 'The migration that slipped', level: 2 })).toBeInTheDocument();
    expect(screen.getByText(/^“Tell me about a time you failed\.”/)).toBeInTheDocument();
    await user.click(screen.getByText('Your STAR notes'));
    expect(screen.getByText('I split the cut-over.')).toBeVisible();

    const take = await recordFiveSeconds(user);
    await user.click(within(take).getByRole('button', { name: 'Keep' }));
    await screen.findByRole('list', { name: 'Recordings' });
    expect((await appDatabase().recordings.toArray()).map((recording) => [recording.ownerKind, recording.ownerId])).toEqual([['story', story.id]]);

    await user.click(screen.getByRole('button', { name: 'Done: check my answer' }));
    await user.click(await screen.findByRole('button', { name: /^Good · / }));
    await screen.findByText(/^Saved: Good/);
    const studyCards = await appDatabase()
      .cards.filter((card) => card.noteId === story.studyNoteId)
      .toArray();
    const logs = await appDatabase().reviews.where('cardId').anyOf(studyCards.map((card) => card.id)).toArray();
    expect(logs).toHaveLength(1);
  });
});

describe('practice aloud in Russian', () => {
  it('every text of the screen is Russian (the decks’ own words aside)', async () => {
    installMicrophone(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')));
    await updateSettings({ language: 'ru' });
    const user = renderAppAt(QUESTION_PATH);
    await user.click(await screen.findByRole('button', { name: 'Записать' }));
    await screen.findByText(/^Доступ к микрофону запрещён/);
    await user.click(screen.getByRole('button', { name: 'Старт' }));
    await user.click(screen.getByRole('button', { name: 'Готово: проверить ответ' }));
    await screen.findByRole('button', { name: /^Хорошо · / });
    await screen.findByRole('checkbox', { name: /^Видно ли в ответе:\s*self-awareness\s*\?$/ });
    expect(screen.getByText('Сейчас: Ситуация и задача, до 0:21.')).toBeInTheDocument();

    const english = new Set(
      Object.entries(PRACTICE_MESSAGES.en).flatMap(([key, value]) => {
        const russian = PRACTICE_MESSAGES.ru[key as keyof typeof PRACTICE_MESSAGES.ru];
        return typeof value === 'string' && value !== russian ? [value] : [];
      }),
    );
    const shown: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.markdown, .card-text, .card-source')) continue;
      const text = node.textContent?.trim() ?? '';
      if (text) shown.push(text);
    }
    for (const element of document.body.querySelectorAll('[aria-label]')) shown.push(element.getAttribute('aria-label') ?? '');
    expect(shown.filter((text) => english.has(text) || /[A-Za-z]{3,}/.test(text))).toEqual([]);
  });
});
