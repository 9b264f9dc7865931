/**
 * The decks shipped with the app (the JSON files in `decks/`). They are
 * loaded with dynamic imports so they stay out of the initial bundle, and
 * each one goes through the same validator as an imported file.
 */
import { validateDeckFile, type DeckFileV1 } from './deckFormat';

/**
 * Version of the built-in deck content as a whole. Change it whenever any
 * built-in deck file changes, so installed apps know to merge the new
 * content (card ids stay stable, so progress is kept).
 */
export const BUILT_IN_DECKS_VERSION: string = '2026-12-07.1';

/** One loader per built-in deck file; each becomes its own chunk. */
const BUILT_IN_DECK_LOADERS: ReadonlyArray<() => Promise<{ default: unknown }>> = [
  () => import('../../decks/failure-learning-questions.json'),
  () => import('../../decks/failure-learning-red-flags.json'),
  () => import('../../decks/failure-learning-mindset.json'),
];

/**
 * Loads and validates every built-in deck, in display order.
 * Throws if a shipped file is invalid (a bug caught by the unit tests).
 *
 * @example
 * const decks = await loadBuiltInDecks();
 * const cards = decks.flatMap(expandDeckFile);
 */
export async function loadBuiltInDecks(): Promise<DeckFileV1[]> {
  const modules = await Promise.all(BUILT_IN_DECK_LOADERS.map((load) => load()));
  return modules.map((module, index) => {
    const result = validateDeckFile(module.default);
    if (!result.ok) {
      const details = result.errors.map((issue) => JSON.stringify(issue)).join('\n');
      throw new Error(`Built-in deck ${index + 1} is invalid:\n${details}`);
    }
    return result.file;
  });
}
