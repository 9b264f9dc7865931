/**
 * Media files on cards in a real Chromium, with the real DOMPurify: an image
 * named by a plain file name is painted from the stored blob, a `[sound:…]`
 * tag is a play button that plays the stored sound, a missing file says so,
 * and every other image source (remote, protocol-relative, a parent folder,
 * javascript:) is still dropped, with no request leaving the app.
 */
import { expect, test, type Page } from '@playwright/test';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';

/** A 1x1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** A tenth of a second of 8-bit mono silence at 8 kHz, as WAV. */
function silentWavBase64(): string {
  const samples = 800;
  const wav = Buffer.alloc(44 + samples, 128);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(8000, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples, 40);
  return wav.toString('base64');
}

/** Stores media records the way `storage/media.ts` does, with raw IndexedDB (the app has created its stores). */
async function storeMedia(page: Page, files: { name: string; mime: string; base64: string }[]): Promise<void> {
  await page.evaluate(async (records) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('interview-flashcards');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    await new Promise<void>((resolve, reject) => {
      const transaction = database.transaction('media', 'readwrite');
      for (const { name, mime, base64 } of records) {
        const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        transaction.objectStore('media').put({ name, bytes: bytes.buffer, mime, size: bytes.length, hash: name.padEnd(64, '0'), addedAt: Date.now() });
      }
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('write failed'));
    });
    database.close();
  }, files);
}

test('a card shows its stored image and plays its stored sound; missing files and other sources are handled', async ({ page }) => {
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    if (!/^(http:\/\/localhost|blob:|data:)/.test(request.url())) foreignRequests.push(request.url());
  });
  // What the page asked to play, and whether it played.
  await page.addInitScript(() => {
    const played: string[] = [];
    (window as unknown as { __played: string[] }).__played = played;
    const play = Reflect.get(HTMLMediaElement.prototype, 'play');
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      played.push(this.src);
      return play.call(this);
    };
  });

  const importPage = new ImportPage(page);
  await importPage.open();
  const front = '<img src="cat.png" alt="A cat"> Which animal? [sound:meow.wav] [sound:gone.mp3]';
  const back = 'Cat<img src="https://tracker.example/p.png"><img src="//host.example/a.png"><img src="../a.png" alt="parent"><img src="javascript:alert(1)" alt="js"><img src="gone.png" alt="Gone">';
  await importPage.chooseText('media.txt', 'text/plain', `#separator:tab\n#html:true\n#columns:Front\tBack\n${front}\t${back}\n`);
  await importPage.confirm();
  await storeMedia(page, [
    { name: 'cat.png', mime: 'image/png', base64: PNG_BASE64 },
    { name: 'meow.wav', mime: 'audio/wav', base64: silentWavBase64() },
  ]);

  const home = new HomePage(page);
  await home.open();
  const review = await home.openDeck('media');
  const image = review.question.getByRole('img', { name: 'A cat' });
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(1);
  await expect(review.question).not.toContainText('[sound:');

  const play = review.question.getByRole('button', { name: 'Play sound meow.wav' });
  await expect(play).toBeEnabled();
  const box = await play.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(44);
  expect(box?.height).toBeGreaterThanOrEqual(44);
  await play.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __played: string[] }).__played)).toEqual([expect.stringMatching(/^blob:/)]);
  const missingSound = review.question.getByRole('button', { name: 'Play sound gone.mp3' });
  await expect(missingSound).toBeDisabled();
  await expect(missingSound).toHaveAttribute('title', 'Sound file missing: gone.mp3');

  await review.reveal();
  await expect(review.answerRegion.getByText('Gone')).toHaveAttribute('title', 'Image file missing: gone.png');
  const sources = await review.card.evaluate((card) => [...card.querySelectorAll('img')].map((img) => [img.getAttribute('src'), img.getAttribute('data-media')]));
  expect(sources).toEqual([[expect.stringMatching(/^blob:/), 'cat.png'], [null, null], [null, null], [null, null], [null, null]]);
  expect(foreignRequests).toEqual([]);
});
