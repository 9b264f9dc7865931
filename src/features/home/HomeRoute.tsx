/** The home page: the backup reminder, today's decks and the install button. */
import { useT } from '../../ui/i18n';
import { useSettings } from '../../ui/data';
import { InstallButton } from '../../pwa';
import { BackupReminder } from './BackupReminder';
import { HomeScreen } from './HomeScreen';

export default function HomeRoute() {
  const { t } = useT();
  const settings = useSettings();
  return (
    <>
      {settings && <BackupReminder settings={settings} />}
      <HomeScreen />
      <InstallButton labels={{ install: t('installApp'), iosHint: t('iosInstallHint') }} />
    </>
  );
}
