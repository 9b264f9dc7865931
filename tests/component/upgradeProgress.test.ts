/**
 * The boot's upgrade screen: nothing for a short upgrade, then a status
 * with a progress bar that follows the storage's reports, in the browser's
 * language; it stops listening when the upgrade is done.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showUpgradeProgress } from '../../src/app/launch';

/** A fake progress source and clock: `report(fraction, atMs)` as storage would. */
function fakeUpgrade() {
  let listener: ((fraction: number) => void) | null = null;
  let clock = 0;
  const unsubscribed = vi.fn();
  return {
    progress: (next: (fraction: number) => void) => {
      listener = next;
      return () => {
        listener = null;
        unsubscribed();
      };
    },
    now: () => clock,
    report(fraction: number, atMs: number) {
      clock = atMs;
      listener?.(fraction);
    },
    unsubscribed,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the upgrade screen', () => {
  it('shows nothing for an upgrade under 200 ms', () => {
    const root = document.createElement('div');
    root.textContent = 'Loading…';
    const upgrade = fakeUpgrade();
    showUpgradeProgress(root, upgrade.progress, upgrade.now);
    upgrade.report(0, 0);
    upgrade.report(0.5, 120);
    upgrade.report(1, 180);
    expect(root.textContent).toBe('Loading…');
    expect(upgrade.unsubscribed).toHaveBeenCalledTimes(1);
  });

  it('shows a status with a progress bar that follows a longer upgrade', () => {
    const root = document.createElement('div');
    const upgrade = fakeUpgrade();
    showUpgradeProgress(root, upgrade.progress, upgrade.now);
    upgrade.report(0, 0);
    upgrade.report(0.25, 400);
    const status = root.querySelector('[role="status"]');
    expect(status?.textContent).toBe('Updating your cards for this version of the app… Your reviews are kept.');
    const bar = root.querySelector('progress');
    expect(bar?.value).toBe(25);
    expect(bar?.getAttribute('aria-label')).toBe('Updating your cards for this version of the app… Your reviews are kept.');
    upgrade.report(0.8, 900);
    expect(bar?.value).toBe(80);
    upgrade.report(1, 1200);
    expect(upgrade.unsubscribed).toHaveBeenCalledTimes(1);
  });

  it('speaks the browser’s language (settings cannot be read during the upgrade)', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ru-RU', 'ru']);
    const root = document.createElement('div');
    const upgrade = fakeUpgrade();
    showUpgradeProgress(root, upgrade.progress, upgrade.now);
    upgrade.report(0, 0);
    upgrade.report(0.1, 300);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Обновляем карточки для этой версии приложения… Ваши повторения сохранятся.');
  });
});
