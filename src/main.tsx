/**
 * Entry: starts the opened screen's database reads first, then loads the
 * React app (its own chunk, preloaded by index.html), so IndexedDB works
 * while React's code is parsed and run. The layers' milestones become
 * performance marks here (the bench reads them).
 */
import { onMilestone } from './domain/milestones';
import { startRouteData } from './app/launch';
import './app/styles.css';

onMilestone((milestone) => performance.mark(milestone));
performance.mark('app:entry');
startRouteData(window.location.pathname, Date.now());
void import('./app/mount');
