/**
 * Entry: starts the opened screen's database reads first (and, on home,
 * paints from them), then loads the React app (its own chunk, preloaded by
 * index.html), so IndexedDB works while React's code is fetched and parsed. The layers' milestones become
 * performance marks here (the bench reads them).
 */
import { onMilestone } from './domain/milestones';
import { startRouteData } from './app/launch';
import './app/styles.css';

onMilestone((milestone) => performance.mark(milestone));
performance.mark('app:entry');
// React's code is fetched with the entry (index.html preloads it) and run once the first paint is done.
void startRouteData(window.location.pathname, Date.now()).then(() => import('./app/mount'));
