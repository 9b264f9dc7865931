// The shell's line while the schema upgrade's part after opening runs:
// nothing for a short run, then a status with a progress bar that follows
// the storage's reports, in the app's language, gone when it ends.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { NotesMigrationProgress } from '../../src/storage';
import { createTranslator, TranslatorContext } from '../../src/ui/i18n';
import { QUIET_MS, UpgradeStatus } from '../../src/ui/UpgradeStatus';

/** A progress source as storage gives one: `report(progress)` reaches the subscriber. */
function fakeProgress() {
  let listener: ((progress: NotesMigrationProgress) => void) | null = null;
  return {
    subscribe: (next: (progress: NotesMigrationProgress) => void) => {
      listener = next;
      next({ running: false });
      return () => {
        listener = null;
      };
    },
    report: (progress: NotesMigrationProgress): void => {
      act(() => {
        listener?.(progress);
      });
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

it('shows nothing for a short run', () => {
  const progress = fakeProgress();
  render(<UpgradeStatus progress={progress.subscribe} />);
  progress.report({ running: true, fraction: 0 });
  act(() => {
    vi.advanceTimersByTime(QUIET_MS - 50);
  });
  progress.report({ running: false });
  act(() => {
    vi.advanceTimersByTime(QUIET_MS);
  });
  expect(screen.queryByRole('status')).not.toBeInTheDocument();
});

it('after a moment, says what is happening with a bar that follows the reports, and goes away at the end', () => {
  const progress = fakeProgress();
  render(<UpgradeStatus progress={progress.subscribe} />);
  progress.report({ running: true, fraction: 0.1 });
  act(() => {
    vi.advanceTimersByTime(QUIET_MS + 10);
  });
  const status = screen.getByRole('status');
  expect(status).toHaveTextContent('Updating your cards for this version of the app');
  expect(status).toHaveTextContent('You can study meanwhile');
  progress.report({ running: true, fraction: 0.42 });
  expect(screen.getByRole('progressbar')).toHaveAttribute('value', '42');
  progress.report({ running: false });
  expect(screen.queryByRole('status')).not.toBeInTheDocument();
});

it('speaks Russian in a Russian app', () => {
  const progress = fakeProgress();
  render(
    <TranslatorContext.Provider value={createTranslator('ru')}>
      <UpgradeStatus progress={progress.subscribe} />
    </TranslatorContext.Provider>,
  );
  progress.report({ running: true, fraction: 0.5 });
  act(() => {
    vi.advanceTimersByTime(QUIET_MS + 10);
  });
  expect(screen.getByRole('status')).toHaveTextContent('Обновляем карточки');
});
