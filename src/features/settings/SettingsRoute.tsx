import { useReducer } from 'react';
import { useScreenT, useT } from '../../ui/i18n';
import { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';
import { useSettings } from '../../ui/data';
import { InstallButton, StorageStatus } from '../../pwa';
import { BackupSection } from './BackupSection';
import { CheckDatabaseSection } from './CheckDatabaseSection';
import { SettingsScreen } from './SettingsScreen';
import { bytesFormatter } from '../../ui/sizes';
import { storageStatusLabels } from './storageStatusLabels';
import { useMediaUsage } from './useMediaUsage';

/** The whole settings page (a lazily loaded chunk): study and appearance, backup, database check, storage, install. */
export default function SettingsRoute() {
  const translator = useT();
  const { t } = translator;
  const ts = useScreenT(SETTINGS_MESSAGES);
  const settings = useSettings();
  // A restore, a merge, "delete all data" or a check may change the media files: their total is read again after each.
  const [dataVersion, dataChanged] = useReducer((version: number) => version + 1, 0);
  const media = useMediaUsage(dataVersion);
  if (!settings) return null; // a moment on first open: the fields show stored values only
  return (
    <SettingsScreen settings={settings}>
      <BackupSection settings={settings} media={media} onDataChanged={dataChanged} />
      <CheckDatabaseSection onDataChanged={dataChanged} />
      <StorageStatus labels={storageStatusLabels(translator, ts)} />
      {media !== null && media.count > 0 && <p>{ts('mediaTotalLine', { count: media.count, size: bytesFormatter(translator)(media.bytes) })}</p>}
      <InstallButton labels={{ install: t('installApp'), iosHint: t('iosInstallHint') }} />
    </SettingsScreen>
  );
}
