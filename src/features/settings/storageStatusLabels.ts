import { byteSize, type ByteUnit, type StorageStatusLabels } from '../../pwa';
import type { MessageKey, ScreenTranslate, Translator } from '../../ui/i18n';
import type { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';

/** The size units stay in the first load's dictionary: the story bank words sizes with them too. */
const SIZE_MESSAGES = {
  B: 'sizeBytes',
  KB: 'sizeKilobytes',
  MB: 'sizeMegabytes',
  GB: 'sizeGigabytes',
  TB: 'sizeTerabytes',
} as const satisfies Record<ByteUnit, MessageKey>;

/** A size in the user's language ("1.2 MB", "1,2 МБ"). */
export function bytesFormatter({ t, language }: Translator): (bytes: number) => string {
  return (bytes) => {
    const { amount, unit, fractionDigits } = byteSize(bytes);
    const digits = { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits, useGrouping: false };
    return t(SIZE_MESSAGES[unit], { n: amount.toLocaleString(language, digits) });
  };
}

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
