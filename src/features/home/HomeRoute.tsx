/** The home page: today's decks (with the backup reminder) and the install button. */
import { useT } from '../../ui/i18n';
import { InstallButton } from '../../pwa';
import { HomeScreen } from './HomeScreen';

export default function HomeRoute() {
  const { t } = useT();
  return (
    <>
      <HomeScreen />
      <InstallButton labels={{ install: t('installApp'), iosHint: t('iosInstallHint') }} />
    </>
  );
}
