import { useScreenT, useT } from '../../ui/i18n';
import { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';
import { useSettings } from '../../ui/data';
import { InstallButton, StorageStatus } from '../../pwa';
import { BackupSection } from './BackupSection';
import { CheckDatabaseSection } from './CheckDatabaseSection';
import { SettingsScreen } from './SettingsScreen';
import { storageStatusLabels } from './storageStatusLabels';

/** The whole settings page (a lazily loaded chunk): study and appearance, backup, database check, storage, install. */
export default function SettingsRoute() {
  const translator = useT();
  const { t } = translator;
  const ts = useScreenT(SETTINGS_MESSAGES);
  const settings = useSettings();
  if (!settings) return null; // a moment on first open: the fields show stored values only
  return (
    <SettingsScreen settings={settings}>
      <BackupSection settings={settings} />
      <CheckDatabaseSection />
      <StorageStatus labels={storageStatusLabels(translator, ts)} />
      <InstallButton labels={{ install: t('installApp'), iosHint: t('iosInstallHint') }} />
    </SettingsScreen>
  );
}
