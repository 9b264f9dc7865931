/**
 * Entry: starts the opened screen's database reads first, then loads the
 * React app (its own chunk, preloaded by index.html), so IndexedDB works
 * while React's code is parsed and run.
 */
import { startRouteData } from './app/launch';
import './app/styles.css';

performance.mark('app:entry');
startRouteData(window.location.pathname, Date.now());
void import('./app/mount');
