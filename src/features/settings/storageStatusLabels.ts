import type { StorageStatusLabels } from '../../pwa';
import type { ScreenTranslate, Translator } from '../../ui/i18n';
import { bytesFormatter } from '../../ui/sizes';
import type { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';

/** The storage section's texts in the user's language (`ts`: the settings screen's translator), sizes included. */
export function storageStatusLabels(translator: Translator, ts: ScreenTranslate<typeof SETTINGS_MESSAGES.en>): StorageStatusLabels {
  return {
    heading: ts('storageSection'),
    storage: ts('storageStatusLabel'),
    persistent: ts('storagePersistent'),
    notPersistent: ts('storageNotPersistent'),
    unknown: ts('storageUnknown'),
    usage: (used, quota) => ts('storageUsage', { used, quota }),
    usageOnly: (used) => ts('storageUsageOnly', { used }),
    keepData: ts('storageKeepData'),
    denied: ts('storageDenied'),
    safariNote: ts('storageSafariNote'),
    formatBytes: bytesFormatter(translator),
  };
}
