import { useT } from '../../ui/i18n';
import { navigate } from '../../ui/router';
import { useNow } from '../../ui/useNow';
import type { AppSettings } from '../../domain/types';
import { updateSettings } from '../../storage';
import { useFirstReviewTime } from '../../ui/data';
import { SaveFailure } from '../../ui/SaveFailure';
import { useSave } from '../../ui/useSave';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * True when there is review history, no backup for 7 days (counted from the
 * first answer if there was never one), and no dismissal in the last 7 days.
 */
export function shouldRemindBackup(settings: AppSettings, firstReviewAt: number | null, nowMs: number): boolean {
  if (firstReviewAt === null) return false;
  const lastSafePoint = settings.lastBackupAt ?? firstReviewAt;
  const isDismissedRecently = settings.backupReminderDismissedAt !== null && nowMs - settings.backupReminderDismissedAt < WEEK_MS;
  return nowMs - lastSafePoint >= WEEK_MS && !isDismissedRecently;
}

/** A dismissable reminder to back up once a week while there is history to lose. */
export function BackupReminder({ settings }: { settings: AppSettings }) {
  const { t } = useT();
  const firstReviewAt = useFirstReviewTime();
  const now = useNow();
  const saver = useSave();
  if (!shouldRemindBackup(settings, firstReviewAt, now)) return null;
  const dismiss = () => void saver.save(() => updateSettings({ backupReminderDismissedAt: Date.now() }));
  return (
    <aside className="banner" aria-label={t('backupSection')}>
      <p>{t('backupReminder')}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={dismiss}>
          {t('dismiss')}
        </button>
        <button type="button" className="button primary" onClick={() => navigate('/settings')}>
          {t('backupNow')}
        </button>
      </div>
      <SaveFailure saver={saver} />
    </aside>
  );
}
