/**
 * While the schema upgrade's part after opening runs (`finishUpgrade` in
 * storage: notes made, logs moved, over a large collection for a minute or
 * so), a status line with a progress bar says so, and that studying works
 * meanwhile. Nothing for a short run (`QUIET_MS`).
 */
import { useEffect, useState } from 'react';
import { onNotesMigrationProgress, type NotesMigrationProgress } from '../storage';
import { useT } from './i18n';

/** A migration shorter than this shows nothing (a small collection's takes well under it). */
export const QUIET_MS = 500;

export function UpgradeStatus({ progress = onNotesMigrationProgress }: { progress?: typeof onNotesMigrationProgress }) {
  const { t } = useT();
  const [state, setState] = useState<NotesMigrationProgress>({ running: false });
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = progress((next) => {
      setState(next);
      if (next.running) timer ??= setTimeout(() => setShown(true), QUIET_MS);
      else {
        clearTimeout(timer);
        timer = undefined;
        setShown(false);
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [progress]);
  if (!state.running || !shown) return null;
  return (
    <div role="status" className="banner upgrading">
      <p>{t('upgradingData')}</p>
      <progress max={100} value={Math.round(state.fraction * 100)} aria-label={t('upgradingData')} />
      <p>{t('upgradingDataWaits')}</p>
    </div>
  );
}
