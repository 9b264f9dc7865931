// Media files (images and sounds cards show) kept safe with the rest of the
// collection, against the real Dexie on fake IndexedDB: backup -> wipe ->
// restore gives back every file (bytes, type, hash), a version-3 backup
// restores with no media, a backup may leave them out (the settings'
// checkbox), a merge adds the other device's new names and keeps this
// device's file where a name holds other bytes, Check database deletes
// files no note shows and reports notes showing files that are gone, and
// "delete all data" clears them. The settings screen says how many there are
// in English and in Russian.
import { screen, waitFor, within } from '@testing-library/react';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { validateBackup, type BackupFileV4 } from '../../src/domain/backupFormat';
import { bytesToBase64 } from '../../src/domain/base64';
import { DECK_FORMAT, type DeckFileV1 } from '../../src/domain/deckFormat';
import type { ImportMedia } from '../../src/domain/importers/types';
import type { NoteRecord } from '../../src/domain/types';
import { mergeDeckFiles, updateSettings } from '../../src/storage';
import { createBackup, restoreBackup, wipeAllData } from '../../src/storage/backup';
import { checkDatabase } from '../../src/storage/check';
import { mergeBackup, previewMergeBackup } from '../../src/storage/collectionMerge';
import { addMedia, getMediaBlob, mediaUsage, type MediaRecord } from '../../src/storage/media';
import { freshAppForEachTest } from '../helpers/componentApp';
import { FIXED_NOW, MINUTE, appDatabase } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';

freshAppForEachTest();

afterEach(() => {
  vi.restoreAllMocks();
});

const HASH_CAT = 'a'.repeat(64);
const HASH_MEOW = 'b'.repeat(64);
const HASH_OTHER_CAT = 'c'.repeat(64);
const CAT = [137, 80, 78, 71, 13, 10];
const MEOW = [73, 68, 51, 4];

/** A deck whose notes show an image and play a sound. */
const PICTURE_DECK: DeckFileV1 = {
  format: DECK_FORMAT,
  version: 1,
  deck: { id: 'pictures', name: 'Pictures', description: '' },
  cards: [
    { id: 'cat', type: 'basic', front: '<img src="cat.png">', back: 'A cat [sound:meow.mp3]' },
    { id: 'plain', type: 'basic', front: 'Plain', back: 'Text' },
  ],
};

function file(name: string, hash: string, bytes: number[], mime: string): ImportMedia {
  return { name, bytes: new Uint8Array(bytes), mime, kind: mime.startsWith('image/') ? 'image' : 'audio', hash };
}

async function pictureDeck(): Promise<void> {
  await mergeDeckFiles([PICTURE_DECK], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW });
  await addMedia([file('cat.png', HASH_CAT, CAT, 'image/png'), file('meow.mp3', HASH_MEOW, MEOW, 'audio/mpeg')], FIXED_NOW);
}

/** Every stored media file with its bytes and its blob's type. */
async function mediaWithBytes() {
  const stored = await appDatabase().media.orderBy('name').toArray();
  return Promise.all(stored.map(async ({ name, ...info }) => ({ name, ...info, type: (await getMediaBlob(name))?.type, bytes: [...new Uint8Array(info.bytes)] })));
}

const asFile = async (backup: Promise<BackupFileV4>): Promise<unknown> => JSON.parse(JSON.stringify(await backup)) as unknown;

function checked(input: unknown): BackupFileV4 {
  const result = validateBackup(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.backup;
}

describe('backup and restore', () => {
  it('gives back every media file: bytes, type, size, hash and time', async () => {
    await pictureDeck();
    const before = await mediaWithBytes();
    expect(before.map((media) => media.bytes)).toEqual([CAT, MEOW]);

    const backup = await asFile(createBackup(FIXED_NOW + MINUTE, '0.3.0'));
    expect(backup).toMatchObject({
      version: 4,
      media: [
        { name: 'cat.png', mime: 'image/png', size: CAT.length, hash: HASH_CAT, addedAt: FIXED_NOW, data: bytesToBase64(new Uint8Array(CAT)) },
        { name: 'meow.mp3', mime: 'audio/mpeg', size: MEOW.length, hash: HASH_MEOW, data: bytesToBase64(new Uint8Array(MEOW)) },
      ],
    });
    await wipeAllData();
    expect(await appDatabase().media.count()).toBe(0);

    await restoreBackup(checked(backup));
    expect(await mediaWithBytes()).toEqual(before);
  });

  it('restores a version-3 backup (no media) and leaves no media behind', async () => {
    await pictureDeck();
    const { media: _media, ...v3 } = (await asFile(createBackup(FIXED_NOW + MINUTE, '0.3.0'))) as BackupFileV4;
    void _media;
    const backup = checked({ ...v3, version: 3 });
    expect(backup.media).toEqual([]);
    await restoreBackup(backup);
    expect(await appDatabase().media.count()).toBe(0);
    expect(await appDatabase().notes.get('cat')).toBeDefined();
  });

  it('leaves the media out when asked, and a restore of that file removes this device’s', async () => {
    await pictureDeck();
    const backup = await asFile(createBackup(FIXED_NOW + MINUTE, '0.3.0', { withMedia: false }));
    expect(backup).toMatchObject({ version: 4, media: [] });
    await restoreBackup(checked(backup));
    expect(await mediaUsage()).toEqual({ count: 0, bytes: 0 });
  });

  it('“delete all data” clears the media files', async () => {
    await pictureDeck();
    await wipeAllData();
    expect(await mediaUsage()).toEqual({ count: 0, bytes: 0 });
  });
});

describe('merge from another device', () => {
  it('adds the names this device lacks, keeps its own file where the other holds other bytes, and a second merge changes nothing', async () => {
    await pictureDeck();
    const other = checked(await asFile(createBackup(FIXED_NOW + MINUTE, '0.3.0')));
    other.media = [
      { name: 'cat.png', mime: 'image/png', size: 2, hash: HASH_OTHER_CAT, addedAt: FIXED_NOW, data: bytesToBase64(new Uint8Array([1, 2])) },
      { name: 'meow.mp3', mime: 'audio/mpeg', size: MEOW.length, hash: HASH_MEOW, addedAt: FIXED_NOW, data: bytesToBase64(new Uint8Array(MEOW)) },
      { name: 'dog.webp', mime: 'image/webp', size: 3, hash: 'd'.repeat(64), addedAt: FIXED_NOW + MINUTE, data: bytesToBase64(new Uint8Array([4, 5, 6])) },
    ];
    const incoming = checked(JSON.parse(JSON.stringify(other)));

    const preview = await previewMergeBackup(incoming, FIXED_NOW + 2 * MINUTE);
    expect(preview.summary).toMatchObject({ mediaAdded: 1, mediaConflicts: 1 });
    expect(await mergeBackup(incoming, FIXED_NOW + 2 * MINUTE)).toEqual(preview);
    const merged = await mediaWithBytes();
    expect(merged.map(({ name, type, bytes }) => ({ name, type, bytes }))).toEqual([
      { name: 'cat.png', type: 'image/png', bytes: CAT },
      { name: 'dog.webp', type: 'image/webp', bytes: [4, 5, 6] },
      { name: 'meow.mp3', type: 'audio/mpeg', bytes: MEOW },
    ]);

    const again = await mergeBackup(incoming, FIXED_NOW + 3 * MINUTE);
    expect(again.hasChanges).toBe(false);
    expect(again.summary).toMatchObject({ mediaAdded: 0, mediaConflicts: 1 });
    expect(await mediaWithBytes()).toEqual(merged);
  });
});

describe('Check database', () => {
  it('deletes media files no note shows and reports a note showing a file that is gone, then finds only that', async () => {
    await pictureDeck();
    await addMedia([file('unused.gif', 'e'.repeat(64), [1, 2, 3], 'image/gif')], FIXED_NOW);
    await appDatabase().media.delete('meow.mp3');

    const report = await checkDatabase(FIXED_NOW + MINUTE, 'Recovered cards');
    expect(report.problems).toEqual([
      { code: 'media-unused', count: 1 },
      { code: 'media-missing', count: 1 },
    ]);
    expect(report.unrepaired).toEqual(['media-missing']);
    expect(await appDatabase().media.toCollection().primaryKeys()).toEqual(['cat.png']);
    expect((await checkDatabase(FIXED_NOW + 2 * MINUTE, 'Recovered cards')).problems).toEqual([{ code: 'media-missing', count: 1 }]);
  });

  it('keeps a file a note shows even when another tab adds that note during the check', async () => {
    await pictureDeck();
    await addMedia([file('late.png', 'f'.repeat(64), [7], 'image/png')], FIXED_NOW);
    const database = appDatabase();
    // The first read finds the file unused; before the write, a note that shows it arrives.
    const late: NoteRecord = { id: 'late', deckId: 'pictures', sourceId: 'late', type: 'basic', front: '<img src="late.png">', back: 'Late', tags: [], origin: { kind: 'app' }, position: 0, createdAt: FIXED_NOW, modifiedAt: FIXED_NOW };
    const readAll = (): Promise<MediaRecord[]> => database.media.toCollection().toArray();
    let reads = 0;
    const spy = vi.spyOn(database.media, 'toArray') as unknown as MockInstance<() => Promise<MediaRecord[]>>;
    spy.mockImplementation(async () => {
      const result = await readAll();
      reads += 1;
      // Another tab's write, queued behind the check's read (never awaited here: it waits for that read to end).
      if (reads === 1) written = Dexie.ignoreTransaction(() => database.notes.put(late));
      return result;
    });
    let written: Promise<unknown> = Promise.resolve();
    const report = await checkDatabase(FIXED_NOW + MINUTE, 'Recovered cards');
    await written;
    expect(reads).toBe(2);
    expect(report.problems).toEqual([]);
    expect(await database.media.get('late.png')).toBeDefined();
  });
});

describe('the settings screen', () => {
  it('shows the media files in storage and includes them in a backup unless unticked', async () => {
    await pictureDeck();
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:backup');
    // The download's link is not followed (happy-dom would navigate the app to it).
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const user = renderAppAt('/settings');
    expect(await screen.findByText('Media files (images and sounds of cards): 2, 10 B')).toBeInTheDocument();
    const include = await screen.findByRole('checkbox', { name: 'Include media files (2, 10 B)' });
    expect(include).toBeChecked();

    await user.click(include);
    await user.click(screen.getByRole('button', { name: 'Download backup' }));
    await waitFor(() => expect(created).toHaveBeenCalled());
    const written = JSON.parse(await (created.mock.calls[0]?.[0] as Blob).text()) as BackupFileV4;
    expect(written).toMatchObject({ version: 4, media: [] });
  });

  it('says what Check database deleted, and the storage line follows', async () => {
    await pictureDeck();
    await addMedia([file('unused.gif', 'e'.repeat(64), [1, 2, 3], 'image/gif')], FIXED_NOW);
    const user = renderAppAt('/settings');
    expect(await screen.findByText('Media files (images and sounds of cards): 3, 13 B')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check database' }));
    const status = await screen.findByText('Problems found and repaired:', {}, { timeout: 5000 });
    const banner = status.closest('.banner') as HTMLElement;
    expect(within(banner).getByText('1 media file was not shown by any card: it was deleted, freeing 3 B.')).toBeInTheDocument();
    expect(await screen.findByText('Media files (images and sounds of cards): 2, 10 B')).toBeInTheDocument();
  });

  it('lists a note showing a missing file apart, as nothing to repair', async () => {
    await pictureDeck();
    await appDatabase().media.delete('meow.mp3');
    const user = renderAppAt('/settings');
    await user.click(await screen.findByRole('button', { name: 'Check database' }));
    expect(await screen.findByText('Nothing needed repair.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Also found (nothing to repair):')).toBeInTheDocument();
    expect(screen.getByText('1 note shows a media file that is not on this device (such as “meow.mp3”). Importing its deck again may bring it back.')).toBeInTheDocument();
  });

  it('says a merge that only meets another file under a name kept this device’s', async () => {
    await pictureDeck();
    const other = checked(await asFile(createBackup(FIXED_NOW + MINUTE, '0.3.0')));
    other.media = other.media.map((media) => (media.name === 'cat.png' ? { ...media, hash: HASH_OTHER_CAT } : media));
    const user = renderAppAt('/settings');
    const input = await screen.findByLabelText('Merge a backup from another device', { selector: 'input' });
    await user.upload(input, new File([JSON.stringify(other)], 'other.json', { type: 'application/json' }));
    expect(
      await screen.findByText(
        'Nothing to merge: this device already has everything in that backup. 1 media file has the same name on both devices but other contents: this device’s file is kept.',
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
  });

  it('says before a restore what media the backup holds, or that this device’s will be deleted', async () => {
    await pictureDeck();
    const withMedia = await asFile(createBackup(FIXED_NOW + MINUTE, '0.3.0'));
    const withoutMedia = await asFile(createBackup(FIXED_NOW + MINUTE, '0.3.0', { withMedia: false }));
    const user = renderAppAt('/settings');
    const input = await screen.findByLabelText('Restore from backup', { selector: 'input' });
    await user.upload(input, new File([JSON.stringify(withMedia)], 'with.json', { type: 'application/json' }));
    expect(await within(await screen.findByRole('alertdialog')).findByText('The backup also holds 2 media files (10 B).')).toBeInTheDocument();
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));

    await user.upload(input, new File([JSON.stringify(withoutMedia)], 'without.json', { type: 'application/json' }));
    expect(
      await within(await screen.findByRole('alertdialog')).findByText(
        'The backup has no media files: the 2 media files on this device will be deleted, and cards that show them will miss them.',
      ),
    ).toBeInTheDocument();
  });

  it('says it all in Russian: the files, the checkbox and what Check database found', async () => {
    await pictureDeck();
    await addMedia([file('unused.gif', 'e'.repeat(64), [1, 2, 3], 'image/gif')], FIXED_NOW);
    await appDatabase().media.delete('meow.mp3');
    await updateSettings({ language: 'ru' });
    const user = renderAppAt('/settings');
    expect(await screen.findByText('Медиафайлы (изображения и звуки карточек): 2, 9 Б')).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: 'Включить медиафайлы (2, 9 Б)' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Проверить базу данных' }));
    expect(await screen.findByText('Найдено и исправлено:', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('1 медиафайл не показывался ни в одной карточке: он удалён, освобождено 3 Б.')).toBeInTheDocument();
    expect(screen.getByText('Также найдено (исправлять нечего):')).toBeInTheDocument();
    expect(
      screen.getByText('1 запись показывает медиафайл, которого нет на этом устройстве (например, «meow.mp3»). Повторный импорт её колоды может его вернуть.'),
    ).toBeInTheDocument();
  });
});
