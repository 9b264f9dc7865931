import { byteSize, type ByteUnit, type StorageStatusLabels } from '../../pwa';
import type { MessageKey, Translator } from '../../ui/i18n';

const SIZE_MESSAGES = {
  B: 'sizeBytes',
  KB: 'sizeKilobytes',
  MB: 'sizeMegabytes',
  GB: 'sizeGigabytes',
  TB: 'sizeTerabytes',
} as const satisfies Record<ByteUnit, MessageKey>;

/** The storage section's texts in the user's language, sizes included ("1.2 MB", "1,2 МБ"). */
export function storageStatusLabels({ t, language }: Translator): StorageStatusLabels {
  return {
    heading: t('storageSection'),
    storage: t('storageStatusLabel'),
    persistent: t('storagePersistent'),
    notPersistent: t('storageNotPersistent'),
    unknown: t('storageUnknown'),
    usage: (used, quota) => t('storageUsage', { used, quota }),
    usageOnly: (used) => t('storageUsageOnly', { used }),
    keepData: t('storageKeepData'),
    denied: t('storageDenied'),
    safariNote: t('storageSafariNote'),
    formatBytes: (bytes) => {
      const { amount, unit, fractionDigits } = byteSize(bytes);
      const digits = { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits, useGrouping: false };
      return t(SIZE_MESSAGES[unit], { n: amount.toLocaleString(language, digits) });
    },
  };
}
