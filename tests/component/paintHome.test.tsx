/**
 * The boot paint of the home (DOM alone, before React) and React's HomeScreen
 * must be the same markup, or the first frame would jump when React takes
 * over. Compares the two trees (tags, attributes, text) for several homes in
 * both languages.
 */
import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type DeckRecord } from '../../src/domain/types';
import { HomeScreen } from '../../src/features/home/HomeScreen';
import { homeContent, paintHome } from '../../src/features/home/paintHome';
import { getSettings, type HomeOverview } from '../../src/storage';
import { handOver } from '../../src/ui/handoff';
import { createTranslator, TranslatorContext, type Language } from '../../src/ui/i18n';
import { FIXED_NOW, MINUTE } from '../helpers/componentDb';

function deck(id: string, name: string, group?: string): DeckRecord {
  return { id, name, description: '', group, isBuiltIn: group !== undefined, optionsId: 'default', createdAt: 0, updatedAt: 0 };
}

const HOMES: Record<string, HomeOverview> = {
  'cards due in two groups': {
    decks: [deck('q', 'Questions', 'Failure & Learning'), deck('r', 'Red flags', 'Failure & Learning'), deck('mine', '<b>My & deck</b>')],
    counts: [
      { deckId: 'q', newCount: 20, learningCount: 2, reviewCount: 7, nextDue: null },
      { deckId: 'r', newCount: 0, learningCount: 0, reviewCount: 0, nextDue: FIXED_NOW + 90 * MINUTE },
      { deckId: 'mine', newCount: 3, learningCount: 0, reviewCount: 0, nextDue: null },
    ],
    hiddenDecks: 0,
    dayStartHour: 4,
    settings: { ...DEFAULT_SETTINGS, lastBackupAt: null, backupReminderDismissedAt: null },
    firstReviewTime: FIXED_NOW - 30 * 86_400_000, // history, never backed up: the reminder shows
  },
  'nothing due, next review later': {
    decks: [deck('q', 'Questions', 'Failure & Learning')],
    counts: [{ deckId: 'q', newCount: 0, learningCount: 0, reviewCount: 0, nextDue: FIXED_NOW + 3 * 86_400_000 }],
    hiddenDecks: 2,
    dayStartHour: 4,
    settings: null,
    firstReviewTime: null,
  },
  'nested groups, short names, hidden decks': {
    decks: [
      deck('q', 'Failure & Learning: Questions', 'Failure & Learning'),
      deck('star', 'STAR', 'Interview / Behavioral'),
      deck('conflict', 'Interview::Behavioral::Conflict'),
      deck('sys', 'Interview::System design'),
    ],
    hiddenDecks: 1,
    counts: [{ deckId: 'star', newCount: 1, learningCount: 1, reviewCount: 1, nextDue: null }],
    dayStartHour: 4,
    settings: null,
    firstReviewTime: null,
  },
  'no decks': { decks: [], hiddenDecks: 0, counts: [], dayStartHour: 4, settings: DEFAULT_SETTINGS, firstReviewTime: null },
};

/** A tree as text: tag, sorted attributes, children; text as is. */
function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return JSON.stringify(node.textContent);
  if (!(node instanceof Element)) return '';
  const attributes = [...node.attributes].map((attribute) => `${attribute.name}=${JSON.stringify(attribute.value)}`).sort();
  return `<${node.tagName.toLowerCase()} ${attributes.join(' ')}>${[...node.childNodes].map(shape).join('')}</>`;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(FIXED_NOW);
});
afterEach(() => vi.useRealTimers());

describe('the home painted before React', () => {
  for (const language of ['en', 'ru'] as Language[]) {
    for (const [name, overview] of Object.entries(HOMES)) {
      it(`is React's HomeScreen markup (${name}, ${language})`, async () => {
        const translator = createTranslator(language);
        handOver('home', Promise.resolve(overview));
        await Promise.resolve(); // the handed-over reads have arrived, as when the boot paint ran
        const { container } = render(
          <TranslatorContext.Provider value={translator}>
            <HomeScreen />
          </TranslatorContext.Provider>,
        );
        const painted = document.createElement('div');
        painted.append(...homeContent(overview, FIXED_NOW, translator));
        expect([...painted.childNodes].map(shape)).toEqual([...container.childNodes].map(shape));
        expect(container.textContent).not.toContain('…'); // the first render had the counts, no loading line
      });
    }
  }

  it('puts deck names in as text, never as HTML', () => {
    const root = document.createElement('div');
    paintHome(root, HOMES['cards due in two groups'] as HomeOverview, FIXED_NOW, createTranslator('en'));
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<b>My & deck</b>');
  });

  it('has buttons and links that work before React: a tap navigates in the app', () => {
    window.history.replaceState(null, '', '/');
    const root = document.createElement('div');
    document.body.append(root);
    paintHome(root, HOMES['cards due in two groups'] as HomeOverview, FIXED_NOW, createTranslator('en'));
    const studyQuestions = [...root.querySelectorAll('button')].find((button) => button.getAttribute('aria-label') === 'Study Questions');
    studyQuestions?.click();
    expect(window.location.pathname).toBe('/study/q');
    (root.querySelector('a[href="/import"]') as HTMLAnchorElement).click();
    expect(window.location.pathname).toBe('/import');
    [...root.querySelectorAll('button')].find((button) => button.textContent === 'Study all decks')?.click();
    expect(window.location.pathname).toBe('/study/all');
    root.remove();
  });

  it("has a backup reminder whose Dismiss stores the dismissal before React is there", async () => {
    const root = document.createElement('div');
    paintHome(root, HOMES['cards due in two groups'] as HomeOverview, FIXED_NOW, createTranslator('en'));
    expect(root.querySelector('aside')?.textContent).toContain('Back up now');
    [...root.querySelectorAll('button')].find((button) => button.textContent === 'Dismiss')?.click();
    expect(root.querySelector('aside')).toBeNull();
    await vi.waitFor(async () => expect((await getSettings()).backupReminderDismissedAt).toBe(FIXED_NOW));
  });

  it('leaves a root alone that React has rendered into already', () => {
    const root = document.createElement('div');
    root.append(document.createElement('p'));
    expect(paintHome(root, HOMES['no decks'] as HomeOverview, FIXED_NOW, createTranslator('en'))).toBe(false);
    expect(root.children).toHaveLength(1);
  });
});
