// Media files in IndexedDB (schema 4's `media` store): how a package's files
// are planned against what is stored (new, the same bytes, a name taken by
// other bytes), written inside the caller's transaction, and read back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportMedia } from '../../src/domain/importers/types';
import { addMedia, getMediaBlob, MEDIA_TABLES, mediaUsage, planMediaWrites, putMedia, renamedMediaName } from '../../src/storage/media';
import { FIXED_NOW, MINUTE, appDatabase, deleteAppDatabase } from '../helpers/componentDb';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);
const HASH_D = 'd'.repeat(64);

function file(name: string, hash: string, bytes: number[] = [1, 2, 3], mime = 'image/png'): ImportMedia {
  return { name, bytes: new Uint8Array(bytes), mime, kind: mime.startsWith('image/') ? 'image' : 'audio', hash };
}

async function bytesOf(name: string): Promise<number[] | undefined> {
  const blob = await getMediaBlob(name);
  return blob ? [...new Uint8Array(await blob.arrayBuffer())] : undefined;
}

beforeEach(deleteAppDatabase);
afterEach(deleteAppDatabase);

describe('renamedMediaName', () => {
  it('puts the first eight hex digits of the hash before the extension, and a counter after them when asked', () => {
    expect(renamedMediaName('cat.png', 'AB12CD34EF', 1)).toBe('cat-ab12cd34.png');
    expect(renamedMediaName('cat.png', 'ab12cd34ef', 2)).toBe('cat-ab12cd34-2.png');
    expect(renamedMediaName('archive.tar.gz', HASH_B, 1)).toBe('archive.tar-bbbbbbbb.gz');
    expect(renamedMediaName('README', HASH_B, 1)).toBe('README-bbbbbbbb');
    expect(renamedMediaName('.hidden', HASH_B, 1)).toBe('.hidden-bbbbbbbb');
  });
});

describe('planning and writing a package’s media', () => {
  it('stores new files as blobs with their type, size, hash and time', async () => {
    const plan = await addMedia([file('cat.png', HASH_A, [1, 2, 3]), file('hello.mp3', HASH_B, [4, 5], 'audio/mpeg')], FIXED_NOW);
    expect(plan).toMatchObject({ unchanged: 0, added: 2, bytes: 5 });
    expect(plan.renames.size).toBe(0);
    expect(await bytesOf('cat.png')).toEqual([1, 2, 3]);
    expect((await getMediaBlob('hello.mp3'))?.type).toBe('audio/mpeg');
    expect(await appDatabase().media.get('cat.png')).toMatchObject({ name: 'cat.png', mime: 'image/png', size: 3, hash: HASH_A, addedAt: FIXED_NOW });
    expect(await mediaUsage()).toEqual({ count: 2, bytes: 5 });
    expect(await getMediaBlob('nothing.png')).toBeUndefined();
  });

  it('writes nothing for a file stored with the same bytes', async () => {
    await addMedia([file('cat.png', HASH_A)], FIXED_NOW);
    const plan = await addMedia([file('cat.png', HASH_A.toUpperCase())], FIXED_NOW + MINUTE);
    expect(plan).toMatchObject({ toPut: [], unchanged: 1, added: 0, bytes: 0 });
    expect(plan.renames.size).toBe(0);
    expect((await appDatabase().media.get('cat.png'))?.addedAt).toBe(FIXED_NOW);
  });

  it('stores a file whose name holds other bytes under a new name, and reports the rename; the same file again is renamed but not written', async () => {
    await addMedia([file('cat.png', HASH_A, [1])], FIXED_NOW);
    const plan = await addMedia([file('cat.png', HASH_B, [2, 2])], FIXED_NOW + MINUTE);
    expect(plan.renames).toEqual(new Map([['cat.png', 'cat-bbbbbbbb.png']]));
    expect(plan).toMatchObject({ unchanged: 0, added: 1, bytes: 2 });
    expect(await bytesOf('cat.png')).toEqual([1]);
    expect(await bytesOf('cat-bbbbbbbb.png')).toEqual([2, 2]);

    const again = await addMedia([file('cat.png', HASH_B, [2, 2])], FIXED_NOW + 2 * MINUTE);
    expect(again.renames).toEqual(new Map([['cat.png', 'cat-bbbbbbbb.png']]));
    expect(again).toMatchObject({ toPut: [], unchanged: 1, added: 0 });
    expect(await mediaUsage()).toEqual({ count: 2, bytes: 3 });
  });

  it('keeps looking when the new name holds other bytes too', async () => {
    await addMedia([file('cat.png', HASH_A, [1]), file('cat-cccccccc.png', HASH_D, [4])], FIXED_NOW);
    const plan = await addMedia([file('cat.png', HASH_C, [3])], FIXED_NOW);
    expect(plan.renames).toEqual(new Map([['cat.png', 'cat-cccccccc-2.png']]));
    expect(await bytesOf('cat-cccccccc-2.png')).toEqual([3]);
    expect(await bytesOf('cat-cccccccc.png')).toEqual([4]);
  });

  it('tells apart two files of one package with the same name', async () => {
    const plan = await addMedia([file('a.png', HASH_A, [1]), file('a.png', HASH_B, [2]), file('a.png', HASH_A, [1])], FIXED_NOW);
    expect(plan.toPut.map((record) => record.name)).toEqual(['a.png', 'a-bbbbbbbb.png']);
    expect(plan).toMatchObject({ unchanged: 1, added: 2 });
  });

  it('runs inside the caller’s transaction with its other tables: a failed import writes no media', async () => {
    const database = appDatabase();
    const failed = database.transaction('rw', [database.notes, ...MEDIA_TABLES(database)], async () => {
      const plan = await planMediaWrites(database, [file('cat.png', HASH_A)], FIXED_NOW);
      await putMedia(database, plan.toPut);
      throw new Error('the notes could not be written');
    });
    await expect(failed).rejects.toThrow('the notes could not be written');
    expect(await mediaUsage()).toEqual({ count: 0, bytes: 0 });

    await database.transaction('rw', [database.notes, ...MEDIA_TABLES(database)], async () => {
      const plan = await planMediaWrites(database, [file('cat.png', HASH_A)], FIXED_NOW);
      await putMedia(database, plan.toPut);
    });
    expect(await bytesOf('cat.png')).toEqual([1, 2, 3]);
  });
});
