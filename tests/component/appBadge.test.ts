// The app icon's badge (app/appBadgeSync.ts over pwa/appBadge.ts) against the
// real Dexie on fake IndexedDB: set to today's total at start, counted again
// after a write that changes it, cleared at zero, and nothing at all where
// the browser has no Badging API.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeDeckFiles, updateDeckOptions } from '../../src/storage';
import { deleteAppDatabase, FIXED_NOW, smallDeckFile } from '../helpers/componentDb';

const badgeNavigator: Navigator = navigator;

beforeEach(async () => {
  vi.resetModules(); // `startAppBadgeSync` starts once per page: each test is a fresh page
  await deleteAppDatabase();
  await mergeDeckFiles([smallDeckFile('alpha', 5), smallDeckFile('beta', 4)], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW });
});
afterEach(async () => {
  Reflect.deleteProperty(navigator, 'setAppBadge');
  Reflect.deleteProperty(navigator, 'clearAppBadge');
  await deleteAppDatabase();
});

async function startSync(): Promise<void> {
  const { startAppBadgeSync } = await import('../../src/app/appBadgeSync');
  startAppBadgeSync();
}

describe('the app badge', () => {
  it("shows today's total at start and follows writes, down to a cleared badge", async () => {
    const setAppBadge = vi.fn(() => Promise.resolve());
    const clearAppBadge = vi.fn(() => Promise.resolve());
    Object.assign(badgeNavigator, { setAppBadge, clearAppBadge });
    await startSync();
    await vi.waitFor(() => expect(setAppBadge).toHaveBeenLastCalledWith(9), { timeout: 3000 });

    await updateDeckOptions('default', { newPerDay: 2 });
    await vi.waitFor(() => expect(setAppBadge).toHaveBeenLastCalledWith(4), { timeout: 3000 });
    expect(clearAppBadge).not.toHaveBeenCalled();

    await updateDeckOptions('default', { newPerDay: 0 });
    await vi.waitFor(() => expect(clearAppBadge).toHaveBeenCalled(), { timeout: 3000 });
  });

  it('does nothing where the browser has no Badging API', async () => {
    const { canSetAppBadge, showAppBadge } = await import('../../src/pwa/appBadge');
    expect(canSetAppBadge()).toBe(false);
    await expect(showAppBadge(3)).resolves.toBeUndefined();
    await startSync(); // must not throw nor count anything
  });

  it('swallows a refusal from the browser (not installed, badges turned off)', async () => {
    Object.assign(badgeNavigator, { setAppBadge: vi.fn(() => Promise.reject(new DOMException('no', 'NotAllowedError'))) });
    const { showAppBadge } = await import('../../src/pwa/appBadge');
    await expect(showAppBadge(3)).resolves.toBeUndefined();
  });
});
