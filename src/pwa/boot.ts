/**
 * Start-up side effects of the PWA layer, imported by the React app's mount
 * module: registers the service worker and catches the install prompt. Both
 * calls are idempotent, so the shell may call them again.
 */
import { listenForInstallPrompt } from './installPrompt';
import { registerServiceWorker } from './registerServiceWorker';

listenForInstallPrompt();
registerServiceWorker();
