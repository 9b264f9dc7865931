// Two devices (two browser profiles) study different decks, each downloads
// its backup and merges the other's: both end with the same cards, answers
// and home counts, and merging again has nothing to do.
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import type { RatingName } from './pages/ReviewPage';
import type { SettingsPage } from './pages/SettingsPage';

interface Device {
  context: BrowserContext;
  home: HomePage;
  app: AppBrowser;
}

async function openDevice(browser: Browser): Promise<Device> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const home = new HomePage(page);
  await home.open();
  return { context, home, app: new AppBrowser(page) };
}

/** Studies `ratings.length` cards of one deck, then goes home. */
async function study(device: Device, deckName: string, ratings: readonly RatingName[]): Promise<void> {
  const review = await device.home.openDeck(deckName);
  for (const rating of ratings) {
    await expect(review.showAnswerButton).toBeVisible();
    await review.studyCard(rating);
  }
  await expect(review.cardOrDone).toBeVisible();
  await review.goHome();
}

/**
 * What both devices must agree on: every card's place, queue and schedule
 * (a never-studied card's due time is when that device added it, so it is
 * left out), and every answer.
 */
async function studiedCollection(device: Device): Promise<{ cards: unknown[]; logs: unknown[] }> {
  const records = await device.app.storedRecords(['cards', 'reviews']);
  if (!records) throw new Error('The app has not created its database yet.');
  const cards = (records.cards as Record<string, unknown>[]).map((card) => {
    const { front: _front, back: _back, tags: _tags, source: _source, due, ...rest } = card;
    void [_front, _back, _tags, _source];
    return card.reps === 0 ? rest : { ...rest, due };
  });
  const byId = (a: unknown, b: unknown) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id));
  return { cards: cards.sort(byId), logs: [...(records.reviews ?? [])].sort(byId) };
}

async function backupOf(device: Device, path: string): Promise<SettingsPage> {
  const settings = await device.home.openSettings();
  await settings.downloadBackup(path);
  return settings;
}

test('two devices merge each other’s backups and end with the same cards, answers and counts', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const a = await openDevice(browser);
  const b = await openDevice(browser);
  const [firstDeck, secondDeck] = Object.keys(await a.home.allCounts());
  if (!firstDeck || !secondDeck) throw new Error('The app needs two built-in decks for this test.');

  await study(a, firstDeck, ['Good', 'Good', 'Easy']);
  await study(b, secondDeck, ['Again', 'Good', 'Hard', 'Good']);
  expect(await a.home.allCounts()).not.toEqual(await b.home.allCounts());

  const pathA = testInfo.outputPath('device-a.json');
  const pathB = testInfo.outputPath('device-b.json');
  const settingsA = await backupOf(a, pathA);
  const settingsB = await backupOf(b, pathB);

  const previewOnA = await settingsA.mergeBackup(pathB);
  expect(previewOnA).toContain('4 answers added to the history.');
  const previewOnB = await settingsB.mergeBackup(pathA);
  expect(previewOnB).toContain('3 answers added to the history.');

  const onA = await studiedCollection(a);
  const onB = await studiedCollection(b);
  expect(onA.logs).toHaveLength(7);
  expect(onA.logs).toEqual(onB.logs);
  expect(onA.cards).toEqual(onB.cards);

  await settingsA.goHome();
  await settingsB.goHome();
  const countsOnA = await a.home.allCounts();
  expect(await b.home.allCounts()).toEqual(countsOnA);

  // Merging the same files again, or each device's backup after the merge, changes nothing.
  const settingsAgainA = await a.home.openSettings();
  await settingsAgainA.expectNothingToMerge(pathB);
  const mergedPathA = testInfo.outputPath('device-a-merged.json');
  await settingsAgainA.downloadBackup(mergedPathA);
  const settingsAgainB = await b.home.openSettings();
  await settingsAgainB.expectNothingToMerge(pathA);
  await settingsAgainB.expectNothingToMerge(mergedPathA);

  expect(await studiedCollection(a)).toEqual(onA);
  expect(await studiedCollection(b)).toEqual(onB);
  await settingsAgainA.goHome();
  expect(await a.home.allCounts()).toEqual(countsOnA);

  await a.context.close();
  await b.context.close();
});
