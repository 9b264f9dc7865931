import { useSyncExternalStore } from 'react';
import { getInstallState, promptInstall, subscribeInstallState } from './installPrompt';

export interface InstallButtonLabels {
  install: string;
  iosHint: string;
}

export const DEFAULT_INSTALL_BUTTON_LABELS: InstallButtonLabels = {
  install: 'Install app',
  iosHint: 'To install: tap Share, then Add to Home Screen.',
};

export interface InstallButtonProps {
  labels?: Partial<InstallButtonLabels>;
  className?: string;
}

/**
 * "Install app" when the browser offers installation (Chromium), a short hint
 * on iOS (which has no install prompt), nothing when already installed.
 */
export function InstallButton({ labels, className }: InstallButtonProps) {
  const text = { ...DEFAULT_INSTALL_BUTTON_LABELS, ...labels };
  const state = useSyncExternalStore(subscribeInstallState, getInstallState);
  if (state.isStandalone) return null;
  if (state.canPrompt) {
    return (
      <button type="button" className={className} onClick={() => void promptInstall()}>
        {text.install}
      </button>
    );
  }
  if (state.isIos) return <p className={className}>{text.iosHint}</p>;
  return null;
}
