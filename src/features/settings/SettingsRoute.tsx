import { useT } from '../../ui/i18n';
import { useSettings } from '../../ui/data';
import { InstallButton, StorageStatus } from '../../pwa';
import { BackupSection } from './BackupSection';
import { SettingsScreen } from './SettingsScreen';

/** The whole settings page (a lazily loaded chunk): study and appearance, backup, storage, install. */
export default function SettingsRoute() {
  const { t } = useT();
  const settings = useSettings();
  if (!settings) return null; // a moment on first open: the fields show stored values only
  return (
    <SettingsScreen settings={settings}>
      <BackupSection settings={settings} />
      <StorageStatus labels={{ heading: t('storageSection') }} />
      <InstallButton labels={{ install: t('installApp'), iosHint: t('iosInstallHint') }} />
    </SettingsScreen>
  );
}
