/**
 * The Stats screen's type, laid out once before the screen opens. The first
 * time a page lays out text in a face, weight and size it has not used, the
 * browser loads those glyphs' metrics and shapes them afresh, inside the
 * frame that shows them: at 4x CPU the frame that adds the retention table
 * spent 14-19 ms in layout cold and 5-10 ms warm. Once the screen's code is
 * fetched (in idle time, `prepareStats`), `layOutStatsType` lays out each of
 * the screen's text styles in turn, one per idle period, with every letter
 * of the app's language, the digits and the screen's punctuation, hidden,
 * out of the flow and out of the accessibility tree; then takes it away.
 */
import { YEAR_DAYS } from '../../domain/stats';
import type { Language } from '../../ui/i18n';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';
import { whenIdle } from '../../ui/whenIdle';
import { BAR_CHART_VIEW_BOX } from './BarChart';
import { calendarViewBox } from './CalendarSection';

/** The mark set when every style has been laid out (the bench waits for it, as a person looks at home before tapping). */
export const TYPE_READY_MARK = 'stats:type-ready';

const ALPHABETS: Record<Language, string> = {
  en: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ru: 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ',
};
/** Digits and what Intl puts between them (grouping spaces, decimal marks), and the screen's own signs. */
const FIGURES = '0123456789 ,.%+–—/:()…\u00a0\u202f';

/**
 * Each text style of the screen (a face, weight, size and figure style) as
 * a small piece of its markup around `text`: the same elements and classes,
 * so the same CSS applies. One style an idle period keeps each task short.
 * A new style on the screen belongs here (a test compares this list with
 * `stats.css`).
 */
export const SPECIMEN_STYLES: readonly ((text: string) => string)[] = [
  (text) => `<h2>${text}</h2>`,
  (text) => `<p class="stats-lead">${text}</p>`,
  (text) => `<p>${text}</p>`,
  (text) => `<p class="help">${text}</p>`,
  (text) => `<details class="stats-details"><summary>${text}</summary></details>`,
  (text) => `<p class="stats-legend">${text}</p>`,
  (text) => `<table class="stats-table"><caption>${text}</caption></table>`,
  (text) => `<table class="stats-table"><thead><tr><th>${text}</th><th>${text}</th></tr></thead></table>`,
  (text) => `<table class="stats-table"><tbody><tr><th>${text}</th><td>${text}</td></tr></tbody></table>`,
  (text) => `<table class="stats-table stats-retention"><tbody><tr><td><span class="stats-rate">${text}</span></td></tr></tbody></table>`,
  (text) => `<table class="stats-table stats-retention"><tbody><tr><td><span class="stats-counts">${text}</span></td></tr></tbody></table>`,
  (text) => `<svg class="stats-chart" viewBox="${BAR_CHART_VIEW_BOX}"><text class="stats-tick" y="20">${text}</text></svg>`,
  (text) => `<svg class="stats-chart stats-calendar" viewBox="${calendarViewBox(Math.ceil(YEAR_DAYS / 7))}"><text class="stats-tick" y="20">${text}</text></svg>`,
];

/** Every character the screen may show in `language`: its dictionary's, the alphabet's and the figures'. */
function charactersOf(language: Language): string {
  const dictionary: Record<string, string | Partial<Record<string, string>>> = STATS_MESSAGES[language];
  const words = Object.values(dictionary).flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value)));
  const characters = new Set(`${words.join('').replace(/\{\w+\}/g, '')}${ALPHABETS[language]}${FIGURES}`);
  return [...characters].join('').replace(/[&<>]/g, (character) => `&#${character.charCodeAt(0)};`);
}

let laidOut: Promise<void> | null = null;

/**
 * Lays out the screen's text styles in `language`, one per idle period, in
 * a hidden box as wide as the app's column (the charts' labels are sized by
 * the charts' width), then removes it and sets TYPE_READY_MARK. Once per
 * page: later calls return the first call's promise.
 *
 * @example
 * void layOutStatsType('en'); // when the screen's code has loaded
 */
export function layOutStatsType(language: Language): Promise<void> {
  laidOut ??= new Promise<void>((resolve) => {
    const text = charactersOf(language);
    const host = document.createElement('div');
    host.className = 'app';
    host.setAttribute('aria-hidden', 'true');
    host.style.cssText = 'position:fixed;left:0;top:0;width:100%;height:0;overflow:hidden;visibility:hidden;pointer-events:none;contain:strict';
    let next = 0;
    const step = () => {
      if (next === 0) document.body.append(host);
      const style = SPECIMEN_STYLES[next];
      next += 1;
      if (style) {
        host.innerHTML = style(text);
        host.getBoundingClientRect(); // the layout that loads and shapes the glyphs
        whenIdle(step, 1000);
        return;
      }
      host.remove();
      if (typeof performance.mark === 'function') performance.mark(TYPE_READY_MARK);
      resolve();
    };
    whenIdle(step, 1000);
  });
  return laidOut;
}
