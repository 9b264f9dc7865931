/** What the app shell mounts from the PWA layer. */
export {
  applyUpdate,
  checkForUpdate,
  isUpdateAvailable,
  onUpdateAvailable,
  registerServiceWorker,
  setBeforeReload,
} from './registerServiceWorker';
export { listenForInstallPrompt, getInstallState, promptInstall, subscribeInstallState } from './installPrompt';
export type { BeforeInstallPromptEvent, InstallState } from './installPrompt';
export {
  canRequestPersistentStorage,
  getStorageStatus,
  requestPersistentStorage,
} from './storagePersistence';
export type { StorageInfo } from './storagePersistence';
export { UpdateBanner } from './UpdateBanner';
export type { UpdateBannerLabels, UpdateBannerProps } from './UpdateBanner';
export { InstallButton } from './InstallButton';
export type { InstallButtonLabels, InstallButtonProps } from './InstallButton';
export { StorageStatus } from './StorageStatus';
export type { StorageStatusLabels, StorageStatusProps } from './StorageStatus';
export { canSetAppBadge, showAppBadge } from './appBadge';
