import { useT } from '../../ui/i18n';
import type { AppSettings } from '../../domain/types';
import { InstallButton, StorageStatus } from '../../pwa';
import { BackupSection } from './BackupSection';
import { SettingsScreen } from './SettingsScreen';

/** The whole settings page (a lazily loaded chunk): study and appearance, backup, storage, install. */
export default function SettingsRoute({ settings }: { settings: AppSettings }) {
  const { t } = useT();
  return (
    <SettingsScreen settings={settings}>
      <BackupSection settings={settings} />
      <StorageStatus labels={{ heading: t('storageSection') }} />
      <InstallButton labels={{ install: t('installApp'), iosHint: t('iosInstallHint') }} />
    </SettingsScreen>
  );
}
