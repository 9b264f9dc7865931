/**
 * Start-up entry loaded by index.html next to the React app: registers the
 * service worker and catches the install prompt as early as possible. Both
 * calls are idempotent, so the shell may call them again.
 */
import { listenForInstallPrompt } from './installPrompt';
import { registerServiceWorker } from './registerServiceWorker';

listenForInstallPrompt();
registerServiceWorker();
