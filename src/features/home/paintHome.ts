/**
 * The home screen painted with the DOM alone, by the boot sequence, as soon
 * as the home's reads are done and before React's code has loaded: the first
 * paint has the real counts. The markup is HomeScreen's (the same model,
 * `homeModel.ts`; tests/component/paintHome.test.tsx holds them equal), and
 * React replaces it on its first commit. Links and buttons work before that:
 * a tap navigates in the app (the URL changes, and React opens that screen
 * when it mounts). Text goes in as text, never HTML.
 */
import { updateSettings, type HomeOverview } from '../../storage';
import type { Translator } from '../../ui/i18n/translate';
import { isPlainClick, navigate } from '../../ui/navigation';
import { studyPath } from '../../ui/paths';
import { homeModel, type HomeDeckModel, type HomeGroupModel } from './homeModel';

type Child = Node | string;

/** What each painted button does: a path to open, or an action (the markup stays React's: no extra attributes). */
type ButtonTargets = WeakMap<Element, string | ((button: Element) => void)>;

function element(tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** HomeScreen's content for `overview` at `nowMs`. */
export function homeContent(overview: HomeOverview, nowMs: number, translator: Translator, targets: ButtonTargets = new WeakMap()): Node[] {
  const { t } = translator;
  const model = homeModel(overview, nowMs, translator);
  const reminder = model.remindBackup ? [backupReminder(translator, targets)] : [];
  const header = element(
    'header',
    { class: 'screen-header' },
    element('h1', {}, t('today')),
    element(
      'nav',
      { class: 'header-links', 'aria-label': t('appName') },
      element('a', { href: '/browse' }, t('browseLink')),
      element('a', { href: '/stories' }, t('storiesLink')),
      element('a', { href: '/stats' }, t('statsLink')),
      element('a', { href: '/import' }, t('importLink')),
      element('a', { href: '/settings' }, t('settingsLink')),
    ),
  );
  const summary = element(
    'section',
    { class: 'summary', 'aria-live': 'polite' },
    ...(model.totalDue > 0
      ? [
          element('p', { class: 'total-due' }, model.totalText),
          leadsTo(targets, element('button', { type: 'button', class: 'button primary wide' }, t('studyAll')), studyPath('all')),
        ]
      : [element('p', { class: 'empty-state' }, model.emptyText)]),
  );
  const legend = model.showLegend
    ? [
        element(
          'p',
          { class: 'counts-legend', 'aria-hidden': 'true' },
          element('span', { class: 'legend new' }, t('newLabel')),
          element('span', { class: 'legend learning' }, t('learningLabel')),
          element('span', { class: 'legend due' }, t('dueLabel')),
        ),
      ]
    : [];
  const groups = model.groups.map((group) => deckGroup(group, translator, targets));
  const hidden = model.hiddenDecksText === null ? [] : [element('p', { class: 'hidden-decks' }, element('a', { href: '/settings' }, model.hiddenDecksText))];
  return [...reminder, header, summary, ...legend, ...groups, ...hidden];
}

/** DeckGroup's markup: the group's heading, its decks, then its sub-groups. */
function deckGroup(group: HomeGroupModel, translator: Translator, targets: ButtonTargets): HTMLElement {
  return element(
    'section',
    { class: group.headingLevel > 2 ? 'deck-group sub-group' : 'deck-group', 'aria-labelledby': group.headingId },
    element(`h${group.headingLevel}`, { id: group.headingId }, group.title),
    ...(group.decks.length > 0 ? [element('ul', { class: 'deck-list' }, ...group.decks.map((row) => deckRow(row, translator, targets)))] : []),
    ...group.groups.map((child) => deckGroup(child, translator, targets)),
  );
}

/** DeckRow's markup. */
function deckRow({ deck, shortName, nameLabel, headingLevel, counts, countsText, optionsHref, optionsLabel, studyLabel }: HomeDeckModel, { t }: Translator, targets: ButtonTargets): HTMLElement {
  return element(
    'li',
    { class: 'deck-row' },
    element(
      'div',
      { class: 'deck-text' },
      element(`h${headingLevel}`, { class: 'deck-name', ...(nameLabel === undefined ? {} : { 'aria-label': nameLabel }) }, shortName),
      element(
        'p',
        { class: 'counts' },
        element('span', { class: 'visually-hidden' }, countsText),
        element('span', { 'aria-hidden': 'true', class: 'count new', title: t('newLabel') }, String(counts.newCount)),
        element('span', { 'aria-hidden': 'true', class: 'count learning', title: t('learningLabel') }, String(counts.learningCount)),
        element('span', { 'aria-hidden': 'true', class: 'count due', title: t('dueLabel') }, String(counts.reviewCount)),
      ),
    ),
    element(
      'a',
      { class: 'button ghost icon-button', href: optionsHref, 'aria-label': optionsLabel },
      element('span', { 'aria-hidden': 'true' }, '⚙'),
      element('span', { 'aria-hidden': 'true', class: 'icon-label' }, t('deckOptionsShort')),
    ),
    leadsTo(targets, element('button', { type: 'button', class: 'button', 'aria-label': studyLabel }, t('studyShort')), studyPath([deck.id])),
  );
}

/**
 * Paints the home into `root` (the app's shell around it: the skip link and
 * `main`), unless something is there already (React was first).
 */
export function paintHome(root: HTMLElement, overview: HomeOverview, nowMs: number, translator: Translator): boolean {
  if (root.childNodes.length > 0) return false;
  const { t } = translator;
  const targets: ButtonTargets = new WeakMap();
  const main = element('main', { id: 'main', class: 'app' }, ...homeContent(overview, nowMs, translator, targets));
  // On the painted content itself, so the listener goes when React replaces it.
  main.addEventListener('click', (event) => {
    if (!(event.target instanceof Element)) return;
    const button = event.target.closest('button');
    const link = event.target.closest('a');
    const target = button ? targets.get(button) : link?.getAttribute('href');
    if (button && typeof target === 'function') {
      target(button);
      return;
    }
    if (typeof target !== 'string' || !target.startsWith('/') || !isPlainClick(event)) return;
    event.preventDefault();
    navigate(target);
  });
  root.append(element('a', { class: 'skip-link', href: '#main' }, t('skipToContent')), main);
  return true;
}

function leadsTo(targets: ButtonTargets, button: HTMLElement, target: string | ((button: Element) => void)): HTMLElement {
  targets.set(button, target);
  return button;
}

/** BackupReminder's markup; "Dismiss" stores the dismissal and hides it (a failed write leaves it for React to show again). */
function backupReminder({ t }: Translator, targets: ButtonTargets): HTMLElement {
  const dismiss = (button: Element) => {
    button.closest('aside')?.remove();
    updateSettings({ backupReminderDismissedAt: Date.now() }).catch(() => undefined);
  };
  return element(
    'aside',
    { class: 'banner', 'aria-label': t('backupSection') },
    element('p', {}, t('backupReminder')),
    element(
      'div',
      { class: 'button-row' },
      leadsTo(targets, element('button', { type: 'button', class: 'button' }, t('dismiss')), dismiss),
      leadsTo(targets, element('button', { type: 'button', class: 'button primary' }, t('backupNow')), '/settings'),
    ),
  );
}
