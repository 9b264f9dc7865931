/**
 * App settings and deck option presets: reading and updating them, and
 * pointing a deck at the shared preset or at one of its own. Reads fall back
 * to defaults so a fresh database needs no seeding step.
 */
import {
  DEFAULT_DECK_OPTIONS,
  DEFAULT_OPTIONS_ID,
  DEFAULT_SETTINGS,
  type AppSettings,
  type DeckOptions,
  type DeckRecord,
} from '../domain/types';
import { getDatabase, type FlashcardsDatabase } from './db';
import { guarded } from './errors';

export function getSettings(): Promise<AppSettings> {
  return guarded(async () => {
    const row = await getDatabase().settings.get('app');
    return { ...DEFAULT_SETTINGS, ...row?.value };
  });
}

/** Merges `patch` into the stored settings in one transaction. */
export function updateSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', database.settings, async () => {
      const row = await database.settings.get('app');
      const value: AppSettings = { ...DEFAULT_SETTINGS, ...row?.value, ...patch };
      await database.settings.put({ key: 'app', value });
      return value;
    });
  });
}

export function getDeckOptions(id: string = DEFAULT_OPTIONS_ID): Promise<DeckOptions> {
  return guarded(async () => {
    const stored = await getDatabase().deckOptions.get(id);
    return stored ? { ...DEFAULT_DECK_OPTIONS, ...stored } : { ...DEFAULT_DECK_OPTIONS, id };
  });
}

export function updateDeckOptions(id: string, patch: Partial<Omit<DeckOptions, 'id'>>): Promise<DeckOptions> {
  return guarded(async () => {
    const database = getDatabase();
    return await database.transaction('rw', database.deckOptions, async () => {
      const stored = await database.deckOptions.get(id);
      const value: DeckOptions = { ...DEFAULT_DECK_OPTIONS, ...stored, ...patch, id };
      await database.deckOptions.put(value);
      return value;
    });
  });
}

/** The decks that use a preset (call inside a transaction over `decks`). */
export async function decksUsingPreset(database: FlashcardsDatabase, presetId: string): Promise<DeckRecord[]> {
  return (await database.decks.toArray()).filter((deck) => deck.optionsId === presetId);
}

/** The preset id a deck uses when it has settings of its own. */
export function ownOptionsIdOf(deckId: string): string {
  return `deck:${deckId}`;
}

/**
 * Points a deck at the shared preset or at a preset of its own; a new own
 * preset starts as a copy of the shared one. Deck and preset change together.
 */
export function setOwnDeckOptions(deckId: string, isOwn: boolean): Promise<void> {
  return guarded(async () => {
    const database = getDatabase();
    await database.transaction('rw', database.decks, database.deckOptions, async () => {
      const deck = await database.decks.get(deckId);
      if (!deck) throw new Error(`There is no deck "${deckId}".`);
      const optionsId = isOwn ? ownOptionsIdOf(deckId) : DEFAULT_OPTIONS_ID;
      if (isOwn && !(await database.deckOptions.get(optionsId))) {
        const shared = await database.deckOptions.get(DEFAULT_OPTIONS_ID);
        await database.deckOptions.put({ ...DEFAULT_DECK_OPTIONS, ...shared, id: optionsId, name: deck.name });
      }
      await database.decks.update(deckId, { optionsId });
    });
  });
}
