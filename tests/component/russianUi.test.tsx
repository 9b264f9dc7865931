// With the app in Russian, no screen shows English: every text node and
// every accessible name (aria-label, title, placeholder, alt, aria-valuetext)
// on home, review (question, answer, session end), settings, deck options,
// import, not-found and error states is checked against the English
// messages (exact text, or a template with its placeholders filled), and
// for Latin words no Russian message uses (English that never reached
// messages.ts). Deck and card content comes from the data and is left out.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deckPlace } from '../../src/domain/deckTree';
import { DEFAULT_DECK_OPTIONS, Rating } from '../../src/domain/types';
import { answerCard } from '../../src/domain/scheduler';
import { studyDayOf } from '../../src/domain/studyDay';
import { mergeDeckFiles, recordReview, updateSettings } from '../../src/storage';
import { en as appEn, ru as appRu } from '../../src/ui/i18n/messages';
import { BROWSE_MESSAGES } from '../../src/ui/i18n/screens/browse';
import { IMPORT_MESSAGES } from '../../src/ui/i18n/screens/import';
import { STORIES_MESSAGES } from '../../src/ui/i18n/screens/stories';
import { PRACTICE_MESSAGES } from '../../src/ui/i18n/screens/practice';
import { SETTINGS_MESSAGES } from '../../src/ui/i18n/screens/settings';
import { STATS_MESSAGES } from '../../src/ui/i18n/screens/stats';
import { OPTIMIZER_MESSAGES } from '../../src/ui/i18n/screens/optimizer';
import { deckOptionsPath } from '../../src/ui/paths';
import { renderAppAt } from '../helpers/renderApp';
import { freezeClock, freshAppWithBuiltInDecks, tearDownApp } from '../helpers/componentApp';
import { DAY, FIXED_NOW, MINUTE, appDatabase, smallDeckFile, withFailingLogWrites, withFullStorageFor } from '../helpers/componentDb';

// A new version is waiting (so the update banner shows), and switching to it never finishes (so it shows "reloading").
vi.mock(import('../../src/pwa/registerServiceWorker'), async (importOriginal) => ({
  ...(await importOriginal()),
  isUpdateAvailable: () => true,
  onUpdateAvailable: () => () => undefined,
  applyUpdate: () => new Promise<void>(() => undefined),
}));
// The browser offers installation (so the install button shows).
const OFFERS_INSTALL = { canPrompt: true, isStandalone: false, isIos: false };
vi.mock(import('../../src/pwa/installPrompt'), async (importOriginal) => ({
  ...(await importOriginal()),
  getInstallState: () => OFFERS_INSTALL,
}));

const DECK_ID = 'mine';
const DECK_NAME = 'Мои ответы';

type Template = string;
const forms = (value: string | Record<string, string>): string[] => (typeof value === 'string' ? [value] : Object.values(value));

/** English texts a Russian screen must not show: every form of every message whose Russian differs. */
/** Every dictionary: the first load's and the lazy screens' own. */
const en: Record<string, string | Record<string, string>> = { ...appEn, ...IMPORT_MESSAGES.en, ...BROWSE_MESSAGES.en, ...STORIES_MESSAGES.en, ...PRACTICE_MESSAGES.en, ...SETTINGS_MESSAGES.en, ...STATS_MESSAGES.en, ...OPTIMIZER_MESSAGES.en };
const ru: Record<string, string | Record<string, string>> = { ...appRu, ...IMPORT_MESSAGES.ru, ...BROWSE_MESSAGES.ru, ...STORIES_MESSAGES.ru, ...PRACTICE_MESSAGES.ru, ...SETTINGS_MESSAGES.ru, ...STATS_MESSAGES.ru, ...OPTIMIZER_MESSAGES.ru };

const ENGLISH: Template[] = Object.keys(en).flatMap((key) => {
  const russian = new Set(forms(ru[key] ?? ''));
  return forms(en[key] ?? '').filter((text) => !russian.has(text));
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A template as a pattern for whole strings: "Study {name}" -> /^Study (.+?)$/; only templates with Latin words of their own. */
const ENGLISH_PATTERNS: { template: Template; pattern: RegExp }[] = ENGLISH.filter(
  (template) => /\{\w+\}/.test(template) && /[A-Za-z]{2,}/.test(template.replace(/\{\w+\}/g, '')),
).map((template) => ({
  template,
  pattern: new RegExp(`^${template.split(/\{\w+\}/).map(escapeRegExp).join('(.+?)')}$`, 's'),
}));
const ENGLISH_EXACT = new Set(ENGLISH.filter((template) => !/\{\w+\}/.test(template)));

/** Latin words the Russian messages use themselves (JSON, Anki, Safari, m/h/d...): allowed on a Russian screen. */
const RUSSIAN_LATIN = new Set(
  Object.values(ru)
    .flatMap(forms)
    .flatMap((text) => text.replace(/\{\w+\}/g, '').match(/[A-Za-z]+/g) ?? []),
);

interface Seen {
  text: string;
  where: string;
}

/** Content from the data: deck names (also as the home shows them under their groups), groups, descriptions and card fronts (card text is skipped by its container). */
async function contentStrings(): Promise<string[]> {
  const decks = await appDatabase().decks.toArray();
  // Card text too: Browse names a row's checkbox by its question, the editor shows the fields.
  const fronts = (await appDatabase().cards.toArray()).flatMap((card) => [card.front, card.back]);
  // Longest first, so a name that contains its group ("Group: Name") is taken out whole.
  return [...decks.flatMap((deck) => [deck.name, deck.description, deck.group ?? '', deckPlace(deck).shortName, ...deckPlace(deck).groupPath]), ...fronts]
    .filter((text) => text.length > 0)
    .sort((a, b) => b.length - a.length);
}

/** Card text (rendered Markdown, the source line) is the data's, not the UI's. */
function isCardContent(node: Node): boolean {
  const element = node instanceof Element ? node : node.parentElement;
  return element?.closest('.markdown, .card-source, .card-text') != null;
}

const NAMED_BY = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext'] as const;

/** Every text node and accessible name now in the document. */
/** Text hidden from sight and from assistive technology alike (the Stats screen's type specimen, laid out in idle time): not on the screen. */
function isUnseen(node: Node): boolean {
  const hidden = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[aria-hidden="true"]');
  return hidden?.style.visibility === 'hidden';
}

function everythingShown(): Seen[] {
  const seen: Seen[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    if (text && !isCardContent(node) && !isUnseen(node)) seen.push({ text, where: `text in <${node.parentElement?.tagName.toLowerCase() ?? '?'}>` });
  }
  for (const element of document.body.querySelectorAll('*')) {
    if (isCardContent(element) || isUnseen(element)) continue;
    for (const attribute of NAMED_BY) {
      const text = element.getAttribute(attribute)?.trim();
      if (text) seen.push({ text, where: `${attribute} of <${element.tagName.toLowerCase()}>` });
    }
  }
  return seen;
}

/** What is English on the screen now: English messages, and Latin words no Russian message has. */
async function englishOnScreen(): Promise<string[]> {
  const content = await contentStrings();
  const problems: string[] = [];
  for (const { text, where } of everythingShown()) {
    if (content.includes(text)) continue;
    const message = ENGLISH_EXACT.has(text) ? text : ENGLISH_PATTERNS.find(({ pattern }) => pattern.test(text))?.template;
    if (message !== undefined) {
      problems.push(`${where}: "${text}" is the English message "${message}"`);
      continue;
    }
    const withoutContent = content.reduce((rest, name) => rest.split(name).join(' '), text);
    const latin = (withoutContent.match(/[A-Za-z]{3,}/g) ?? []).filter((word) => !RUSSIAN_LATIN.has(word));
    if (latin.length > 0) problems.push(`${where}: "${text}" has English words (${latin.join(', ')}) that no Russian message has`);
  }
  return problems;
}

async function expectNoEnglish(): Promise<void> {
  expect(await englishOnScreen()).toEqual([]);
}

beforeEach(async () => {
  freezeClock(FIXED_NOW);
  await freshAppWithBuiltInDecks(FIXED_NOW - MINUTE);
  // A deck of the user's own (no group: "My decks"), with one card.
  const file = smallDeckFile(DECK_ID, 1, DECK_NAME);
  await mergeDeckFiles([{ ...file, deck: { ...file.deck, description: 'Мои ответы на вопросы' } }], {
    isBuiltIn: false,
    retireMissing: false,
    nowMs: FIXED_NOW - MINUTE,
  });
  await updateSettings({ language: 'ru' });
});

afterEach(async () => {
  cleanup();
  await tearDownApp();
});

describe('the app in Russian', () => {
  it('this test sees English: the same screens in English fail it', async () => {
    await updateSettings({ language: 'en' });
    renderAppAt('/');
    await screen.findByRole('heading', { name: 'Today', level: 1 });

    const problems = await englishOnScreen();

    expect(problems).toContain('text in <h1>: "Today" is the English message "Today"');
    expect(problems).toContain('aria-label of <button>: "Study Мои ответы" is the English message "Study {name}"');
  });

  it('home: decks and groups, the backup reminder, the update banner while reloading, the install button', async () => {
    // A week-old answer and no backup: the reminder shows.
    const card = await appDatabase().cards.get(`${DECK_ID}-1`);
    if (!card) throw new Error('no card');
    const { card: answered, log } = answerCard(card, Rating.Good, DEFAULT_DECK_OPTIONS, { nowMs: FIXED_NOW - 8 * DAY, durationMs: 3000, day: 0 });
    await recordReview(answered, log);
    const user = renderAppAt('/');
    await screen.findByRole('heading', { name: 'Сегодня', level: 1 });
    await screen.findByRole('heading', { name: 'Мои колоды', level: 2 });
    await screen.findByRole('complementary', { name: 'Резервная копия' });
    await screen.findByRole('button', { name: 'Установить приложение' });
    await expectNoEnglish();
    expect(document.title).toBe('Карточки к собеседованию');

    await user.click(screen.getByRole('button', { name: 'Перезагрузить' }));
    await screen.findByRole('button', { name: 'Перезагрузка…' });
    await expectNoEnglish();
  });

  it('review: the question, the answer with each rating\'s interval, the end of the session', async () => {
    const user = renderAppAt(`/study/${DECK_ID}`);
    await screen.findByText(`Question 1 of ${DECK_ID}`);
    await expectNoEnglish();

    await user.click(screen.getByRole('button', { name: 'Показать ответ' }));
    const good = await screen.findByRole('button', { name: /^Хорошо · / });
    expect(good).toHaveAccessibleName('Хорошо · 10 мин');
    await expectNoEnglish();

    await user.click(screen.getByRole('button', { name: /^Легко · / }));
    await screen.findByRole('heading', { name: 'На сегодня всё', level: 1 });
    await expectNoEnglish();
  });

  it('settings: study, appearance, backup, storage and install, and deck options', async () => {
    renderAppAt('/settings');
    await screen.findByRole('heading', { name: 'Настройки', level: 1 });
    await screen.findByRole('heading', { name: 'Хранилище', level: 2 });
    await screen.findByRole('textbox', { name: 'Новых карточек в день' });
    await screen.findByRole('option', { name: DECK_NAME });
    await expectNoEnglish();

    cleanup();
    renderAppAt(deckOptionsPath(DECK_ID));
    await screen.findByRole('radio', { name: 'Общие настройки обучения' });
    // The optimizer's section (loaded on its own) with its count.
    await within(await screen.findByRole('region', { name: 'Оптимизация параметров FSRS' })).findByText(/^В этих колодах/);
    await expectNoEnglish();
  });

  it('import', async () => {
    renderAppAt('/import');
    await screen.findByRole('heading', { name: 'Импорт колоды', level: 1 });
    await expectNoEnglish();
  });

  it('browse, the note editor and adding a note', async () => {
    renderAppAt(`/browse/${DECK_ID}`);
    await screen.findByRole('heading', { name: 'Обзор карточек', level: 1 });
    await screen.findAllByRole('checkbox');
    await expectNoEnglish();

    cleanup();
    renderAppAt(`/note/${DECK_ID}-1`);
    await screen.findByRole('heading', { name: 'Изменить запись', level: 1 });
    await screen.findByRole('region', { name: 'Карточки этой записи' });
    await expectNoEnglish();

    cleanup();
    renderAppAt(`/add/${DECK_ID}`);
    await screen.findByRole('combobox', { name: 'Тип записи' });
    await expectNoEnglish();
  });

  it('stats: every section, with an answer today and its tables open', async () => {
    const card = await appDatabase().cards.get(`${DECK_ID}-1`);
    if (!card) throw new Error('no card');
    const { card: answered, log } = answerCard(card, Rating.Again, DEFAULT_DECK_OPTIONS, { nowMs: FIXED_NOW - MINUTE, durationMs: 90_000, day: studyDayOf(FIXED_NOW - MINUTE, 4) });
    await recordReview(answered, log);
    const user = renderAppAt(`/stats/${DECK_ID}`);
    await screen.findByRole('heading', { name: 'Статистика', level: 1 });
    await screen.findByRole('region', { name: 'Извлекаемость' });
    await screen.findByText('Снова: 1 (100 %)');
    for (const summary of await screen.findAllByText('Показать таблицей')) await user.click(summary);
    await screen.findAllByRole('table');
    await expectNoEnglish();

    cleanup();
    renderAppAt('/stats');
    await screen.findByRole('region', { name: 'Истинное удержание' });
    await expectNoEnglish();
  });

  it('a page that does not exist', async () => {
    renderAppAt('/no-such-page');
    await screen.findByRole('heading', { name: 'Страница не найдена' });
    await expectNoEnglish();
  });

  it('errors: an answer that was not saved, a setting that was not saved', async () => {
    const user = renderAppAt(`/study/${DECK_ID}`);
    await screen.findByText(`Question 1 of ${DECK_ID}`);
    await user.click(screen.getByRole('button', { name: 'Показать ответ' }));
    await withFailingLogWrites(async () => {
      await user.click(await screen.findByRole('button', { name: /^Хорошо · / }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(/^Последний ответ не сохранён: Браузеру не удалось/);
    });
    await expectNoEnglish();

    cleanup();
    const settingsUser = renderAppAt('/settings');
    const field = await screen.findByRole('textbox', { name: 'Новых карточек в день' });
    await withFullStorageFor('deckOptions', async () => {
      await settingsUser.clear(field);
      await settingsUser.type(field, '30{Enter}');
      await waitFor(() => expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Закрыть' })).toBeInTheDocument());
    });
    await expectNoEnglish();
  });
});
