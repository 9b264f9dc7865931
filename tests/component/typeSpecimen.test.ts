// The Stats screen's type specimen (features/stats/typeSpecimen.ts): it
// covers every text style stats.css gives the screen, lays each out hidden
// and out of the accessibility tree, leaves nothing behind, says when it is
// done, and runs once per page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.resetModules(); // once per page: each test is a fresh page
  document.body.innerHTML = '';
});

/** The classes of stats.css's rules that set a font's size, weight or figures. */
function classesWithTypeRules(): Set<string> {
  const css = readFileSync(join(process.cwd(), 'src/features/stats/stats.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const classes = new Set<string>();
  for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    if (!/font-(size|weight|variant)/.test(body ?? '')) continue;
    for (const [name] of (selectors ?? '').matchAll(/\.[\w-]+/g)) classes.add(name.slice(1));
  }
  return classes;
}

describe("the Stats screen's type specimen", () => {
  it('has every text style stats.css gives the screen', async () => {
    const { SPECIMEN_STYLES } = await import('../../src/features/stats/typeSpecimen');
    const markup = SPECIMEN_STYLES.map((style) => style('x')).join('');
    const used = new Set([...markup.matchAll(/class="([^"]+)"/g)].flatMap(([, names]) => (names ?? '').split(' ')));
    const styled = classesWithTypeRules();
    expect(styled.size).toBeGreaterThan(5);
    expect([...styled].filter((name) => !used.has(name))).toEqual([]);
  });

  it('lays out each style hidden from sight and from screen readers, then leaves nothing behind and sets its mark', async () => {
    const { layOutStatsType, SPECIMEN_STYLES, TYPE_READY_MARK } = await import('../../src/features/stats/typeSpecimen');
    const seen: { hidden: boolean; ariaHidden: string | null; text: string }[] = [];
    const observer = new MutationObserver(() => {
      const host = document.body.firstElementChild as HTMLElement | null;
      if (host) seen.push({ hidden: host.style.visibility === 'hidden', ariaHidden: host.getAttribute('aria-hidden'), text: host.textContent ?? '' });
    });
    observer.observe(document.body, { childList: true, subtree: true });
    await layOutStatsType('ru');
    observer.disconnect();
    expect(document.body.children).toHaveLength(0);
    expect(seen.length).toBeGreaterThanOrEqual(SPECIMEN_STYLES.length);
    expect(seen.every((entry) => entry.hidden && entry.ariaHidden === 'true')).toBe(true);
    // The language's letters and the figures' digits are in it.
    expect(seen.some((entry) => entry.text.includes('ё') && entry.text.includes('7'))).toBe(true);
    expect(performance.getEntriesByName(TYPE_READY_MARK, 'mark').length).toBeGreaterThan(0);
  });

  it('runs once per page', async () => {
    const { layOutStatsType } = await import('../../src/features/stats/typeSpecimen');
    const first = layOutStatsType('en');
    expect(layOutStatsType('en')).toBe(first);
    await first;
  });
});
