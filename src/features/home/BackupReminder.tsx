import { useT } from '../../ui/i18n';
import { navigate } from '../../ui/router';
import { updateSettings } from '../../storage';
import { SaveFailure } from '../../ui/SaveFailure';
import { useSave } from '../../ui/useSave';

/**
 * A dismissable reminder to back up once a week while there is history to
 * lose (when: `shouldRemindBackup`, decided by the home's model). The boot
 * paint draws the same markup (`paintHome.ts`).
 */
export function BackupReminder() {
  const { t } = useT();
  const saver = useSave();
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
