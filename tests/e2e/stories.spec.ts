// Issue 16's "Done when", in a real Chromium with a fake microphone: a story
// with all four STAR parts linked to a built-in question shows on that
// card's answer side; practising the question records 3 s that play back
// and is rated; offline after a reload the story, the link and the recording
// are there; the backup holds the story; deleting the story frees its
// recording's space; coverage counts the linked question only; and with the
// microphone refused, practice keeps its timer and checklist and says why.
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { chromium, devices, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from '../helpers/chromium';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import type { ReviewPage } from './pages/ReviewPage';
import { SettingsPage } from './pages/SettingsPage';

const QUESTIONS_DECK = 'Failure & Learning: Questions';
const QUESTION_ID = 'fl-q-tell-me-about-failure';
const TITLE = 'The login migration outage';

interface StoredStory {
  id: string;
  title: string;
  noteIds: string[];
  studyNoteId: string;
}
interface StoredRecording {
  id: string;
  ownerId: string;
  ownerKind: string;
  size: number;
  durationMs: number;
}

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    `axe on ${screen}`,
  ).toEqual([]);
}

/** Records for about `seconds` on the practice screen, then stops; resolves once the take's player is there. */
async function recordFor(page: Page, seconds: number): Promise<void> {
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.getByText(/^Recording/).first()).toBeVisible();
  await page.waitForTimeout(seconds * 1000);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Keep' })).toBeVisible();
}

/** The duration of the audio element of the take just recorded, once its metadata is loaded. */
async function takeDuration(page: Page): Promise<number> {
  const audio = page.locator('.practice-take audio');
  await expect(audio).toHaveCount(1);
  return await audio.evaluate(
    (element: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        const settle = () => {
          // A MediaRecorder webm has no duration in its header: seek to the end to learn it.
          if (Number.isFinite(element.duration)) resolve(element.duration);
          else {
            element.addEventListener('durationchange', () => Number.isFinite(element.duration) && resolve(element.duration), { once: false });
            element.currentTime = 1e9;
          }
        };
        if (element.readyState >= 1) settle();
        else element.addEventListener('loadedmetadata', settle, { once: true });
        setTimeout(() => reject(new Error('the audio never told its duration')), 10_000);
      }),
  );
}

test('a story linked to a built-in question: on its answer side, practised with a recording, kept offline, in the backup, deleted with its recording', async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  const app = new AppBrowser(page);
  const home = new HomePage(page);
  await home.open();
  await app.waitForServiceWorkerControl();

  // Write the story with all four parts, linked to the built-in question.
  await page.getByRole('link', { name: 'Stories' }).click();
  await page.getByRole('link', { name: 'Write your first story' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill(TITLE);
  await page.getByRole('textbox', { name: 'Situation', exact: true }).fill('We moved **login** to OAuth 2.0 for 50K users.');
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('I owned the rollout plan.');
  await page.getByRole('textbox', { name: 'Action', exact: true }).fill('I skipped the staged rollout, saw logins fail, rolled back and led the postmortem.');
  await page.getByRole('textbox', { name: 'Result', exact: true }).fill('Four hours down; every migration since goes out behind a flag.');
  await page.getByRole('textbox', { name: 'Short version (60-90 s)' }).fill('I broke login with a rushed migration, owned it, and changed how we roll out.');
  await page.getByRole('checkbox', { name: 'ownership and accountability' }).check();
  await page.getByRole('searchbox', { name: 'Find a question to link' }).fill('time you failed');
  await page.getByRole('checkbox', { name: /Tell me about a time you failed/ }).check();
  await page.getByRole('button', { name: 'Save story' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const stored = (await app.storedRecords(['stories']))?.stories as StoredStory[];
  expect(stored).toHaveLength(1);
  const story = stored[0]!;
  expect(story.noteIds).toEqual([QUESTION_ID]);

  // Coverage: the linked question covered, the others not.
  await page.goto('/stories/coverage');
  await expect(page.getByText(/^1 of \d+ questions covered$/)).toBeVisible();
  const covered = page.getByRole('listitem').filter({ hasText: 'Tell me about a time you failed' }).first();
  await expect(covered).toContainText(TITLE);
  await expect(page.getByRole('listitem').filter({ hasText: 'How do you handle setbacks' }).first()).toContainText('No story yet');

  // The question's answer side shows the story (the deck's first note comes first; its siblings are buried).
  await page.goto('/');
  const review: ReviewPage = await home.openDeck(QUESTIONS_DECK);
  await review.studyCard('Good');
  expect(await review.questionText()).toContain('Tell me about a time you failed.');
  await review.reveal();
  await expect(page.getByText(`Your story: ${TITLE}`)).toBeVisible();
  await expect(page.getByText('I broke login with a rushed migration, owned it, and changed how we roll out.')).toBeVisible();
  await expectNoSeriousViolations(page, 'answer side with a story');

  // Practise the question: record 3 s, play it back, keep it, check, rate.
  await page.getByRole('link', { name: 'Practise aloud' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/practice/note/${QUESTION_ID}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await recordFor(page, 3);
  expect(await takeDuration(page)).toBeGreaterThan(2);
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(page.getByRole('list', { name: 'Recordings' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Done: check my answer' }).click();
  await expect(page.getByRole('checkbox', { name: 'Did I say what I personally did (“I”, not only “we”)?' })).toBeVisible();
  await expectNoSeriousViolations(page, 'practice with the self-check');
  const logsBefore = (await app.storedReviews()).logs.filter((log) => log.cardId === QUESTION_ID).length;
  await page.getByRole('group', { name: 'Rate this practice' }).getByRole('button', { name: /^Good/ }).click();
  await expect(page.getByText(/^Saved: Good, next in/)).toBeVisible();
  expect((await app.storedReviews()).logs.filter((log) => log.cardId === QUESTION_ID)).toHaveLength(logsBefore + 1);

  // The story's own practice, with a recording of its own.
  await page.goto(`/practice/story/${story.id}`);
  await recordFor(page, 2);
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(page.getByRole('list', { name: 'Recordings' }).getByRole('listitem')).toHaveCount(1);

  // Offline, after a reload: the story, its link and the recordings are there.
  await context.setOffline(true);
  try {
    await page.goto(`/stories/${story.id}`);
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByRole('link', { name: /Tell me about a time you failed/ }).first()).toBeVisible();
    await expect(page.getByText('No recordings yet.')).toHaveCount(0);
    await page.goto(`/practice/note/${QUESTION_ID}`);
    await expect(page.getByRole('list', { name: 'Recordings' }).getByRole('listitem')).toHaveCount(1);
  } finally {
    await context.setOffline(false);
  }

  // The backup holds the story and both recordings.
  const settings = new SettingsPage(page);
  await page.goto('/settings');
  const backupPath = testInfo.outputPath('backup.json');
  await settings.downloadBackup(backupPath);
  const backup = JSON.parse(await readFile(backupPath, 'utf8')) as { stories: StoredStory[]; recordings: StoredRecording[] };
  expect(backup.stories.map((entry) => entry.title)).toEqual([TITLE]);
  expect(backup.recordings.map((entry) => entry.ownerId).sort()).toEqual([QUESTION_ID, story.id].sort());

  // Deleting the story frees its recording's space; the question's stays.
  const recordingsBefore = (await app.storedRecords(['recordings']))?.recordings as StoredRecording[];
  const storyRecording = recordingsBefore.find((recording) => recording.ownerId === story.id)!;
  await page.goto(`/stories/${story.id}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('1 recording');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete story' }).click();
  await expect(page).toHaveURL(/\/stories$/);
  const recordingsAfter = (await app.storedRecords(['recordings']))?.recordings as StoredRecording[];
  expect(recordingsAfter.map((recording) => recording.ownerId)).toEqual([QUESTION_ID]);
  const total = (list: StoredRecording[]) => list.reduce((sum, recording) => sum + recording.size, 0);
  expect(total(recordingsBefore) - total(recordingsAfter)).toBe(storyRecording.size);
  expect((await app.storedRecords(['stories']))?.stories).toEqual([]);
  const notes = ((await app.storedRecords(['notes']))?.notes ?? []) as { id: string }[];
  expect(notes.some((note) => note.id === story.studyNoteId)).toBe(false);
});

test('practice with the microphone refused keeps the timer and the checklist and says why', async () => {
  // A browser of its own, without the fake microphone's automatic consent: the permission prompt is denied.
  const browser = await chromium.launch({ executablePath: await resolveChromium(), args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--deny-permission-prompts'] });
  try {
    const context = await browser.newContext({ ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    const home = new HomePage(page);
    await home.open();
    await page.goto(`/practice/note/${QUESTION_ID}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(page.getByText(/Microphone access was refused\. You can still practise with the timer and the checklist\./)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByText(/left$/).first()).toBeVisible();
    await page.getByRole('button', { name: 'Done: check my answer' }).click();
    await expect(page.getByRole('checkbox', { name: 'Did I end with what I learned?' })).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expectNoSeriousViolations(page, `practice with the microphone refused (${theme})`);
    }
  } finally {
    await browser.close();
  }
});
