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
  formatBytes,
  getStorageStatus,
  requestPersistentStorage,
} from './storagePersistence';
export type { StorageInfo } from './storagePersistence';
export { UpdateBanner, DEFAULT_UPDATE_BANNER_LABELS } from './UpdateBanner';
export type { UpdateBannerLabels, UpdateBannerProps } from './UpdateBanner';
export { InstallButton, DEFAULT_INSTALL_BUTTON_LABELS } from './InstallButton';
export type { InstallButtonLabels, InstallButtonProps } from './InstallButton';
export { StorageStatus, DEFAULT_STORAGE_STATUS_LABELS } from './StorageStatus';
export type { StorageStatusLabels, StorageStatusProps } from './StorageStatus';
