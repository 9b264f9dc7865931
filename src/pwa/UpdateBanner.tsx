import { useState, useSyncExternalStore } from 'react';
import { applyUpdate, isUpdateAvailable, onUpdateAvailable } from './registerServiceWorker';

export interface UpdateBannerLabels {
  newVersion: string;
  reload: string;
  reloading: string;
}

export interface UpdateBannerProps {
  /** Every text it may show, in the user's language (the app's messages). */
  labels: UpdateBannerLabels;
  className?: string;
}

/**
 * A status bar that appears once a new version is installed and waiting.
 * Nothing reloads until the user clicks Reload.
 */
export function UpdateBanner({ labels: text, className }: UpdateBannerProps) {
  const available = useSyncExternalStore(onUpdateAvailable, isUpdateAvailable, () => false);
  const [isReloading, setReloading] = useState(false);
  if (!available) return null;

  const reload = () => {
    setReloading(true);
    applyUpdate().catch((error: unknown) => {
      console.error('Could not switch to the new version', error);
      setReloading(false);
    });
  };

  return (
    <div role="status" className={className ?? 'update-banner'} data-pwa="update-banner">
      <span>{text.newVersion}</span>{' '}
      <button type="button" onClick={reload} disabled={isReloading}>
        {isReloading ? text.reloading : text.reload}
      </button>
    </div>
  );
}
