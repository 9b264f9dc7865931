import { useSyncExternalStore } from 'react';
import { getInstallState, promptInstall, subscribeInstallState } from './installPrompt';

export interface InstallButtonLabels {
  install: string;
  iosHint: string;
}

export interface InstallButtonProps {
  /** Every text it may show, in the user's language (the app's messages). */
  labels: InstallButtonLabels;
  className?: string;
}

/**
 * "Install app" when the browser offers installation (Chromium), a short hint
 * on iOS (which has no install prompt), nothing when already installed.
 */
export function InstallButton({ labels: text, className }: InstallButtonProps) {
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
