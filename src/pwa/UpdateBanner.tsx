import { useState, useSyncExternalStore } from 'react';
import { applyUpdate, isUpdateAvailable, onUpdateAvailable } from './registerServiceWorker';

export interface UpdateBannerLabels {
  newVersion: string;
  reload: string;
  reloading: string;
}

export const DEFAULT_UPDATE_BANNER_LABELS: UpdateBannerLabels = {
  newVersion: 'New version available',
  reload: 'Reload',
  reloading: 'Reloading…',
};

export interface UpdateBannerProps {
  labels?: Partial<UpdateBannerLabels>;
  className?: string;
}

/**
 * A status bar that appears once a new version is installed and waiting.
 * Nothing reloads until the user clicks Reload.
 */
export function UpdateBanner({ labels, className }: UpdateBannerProps) {
  const text = { ...DEFAULT_UPDATE_BANNER_LABELS, ...labels };
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
