/**
 * App settings and deck option presets. Reads fall back to defaults so a
 * fresh database needs no seeding step.
 */
import {
  DEFAULT_DECK_OPTIONS,
  DEFAULT_OPTIONS_ID,
  DEFAULT_SETTINGS,
  type AppSettings,
  type DeckOptions,
} from '../domain/types';
import { getDatabase } from './db';
import { toStorageError } from './errors';

export async function getSettings(): Promise<AppSettings> {
  try {
    const row = await getDatabase().settings.get('app');
    return { ...DEFAULT_SETTINGS, ...row?.value };
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Merges `patch` into the stored settings in one transaction. */
export async function updateSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
  const database = getDatabase();
  try {
    return await database.transaction('rw', database.settings, async () => {
      const row = await database.settings.get('app');
      const value: AppSettings = { ...DEFAULT_SETTINGS, ...row?.value, ...patch };
      await database.settings.put({ key: 'app', value });
      return value;
    });
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function getDeckOptions(id: string = DEFAULT_OPTIONS_ID): Promise<DeckOptions> {
  try {
    const stored = await getDatabase().deckOptions.get(id);
    return stored ? { ...DEFAULT_DECK_OPTIONS, ...stored } : { ...DEFAULT_DECK_OPTIONS, id };
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Options for several presets at once, keyed by id (defaults where none stored). */
export async function getDeckOptionsMap(ids: readonly string[]): Promise<Map<string, DeckOptions>> {
  const unique = [...new Set(ids)];
  try {
    const stored = await getDatabase().deckOptions.bulkGet(unique);
    return new Map(unique.map((id, index) => [id, { ...DEFAULT_DECK_OPTIONS, id, ...stored[index] }]));
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function updateDeckOptions(id: string, patch: Partial<Omit<DeckOptions, 'id'>>): Promise<DeckOptions> {
  const database = getDatabase();
  try {
    return await database.transaction('rw', database.deckOptions, async () => {
      const stored = await database.deckOptions.get(id);
      const value: DeckOptions = { ...DEFAULT_DECK_OPTIONS, ...stored, ...patch, id };
      await database.deckOptions.put(value);
      return value;
    });
  } catch (error) {
    throw toStorageError(error);
  }
}
