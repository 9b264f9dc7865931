/**
 * Mounts the React app (loaded by the entry after it has started the screen's
 * reads). The first render waits, briefly, for those reads, so a cold start
 * paints the screen with its data rather than a loading state first.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StorageErrorBoundary } from '../ui/StorageErrorBoundary';
import { App } from './App';
import { startedReadsOrTimeout } from './launch';
// Registers the service worker and catches the install prompt (no UI).
import '../pwa/boot';

performance.mark('app:mount');
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
await startedReadsOrTimeout();
createRoot(rootElement).render(
  <StrictMode>
    <StorageErrorBoundary>
      <App />
    </StorageErrorBoundary>
  </StrictMode>,
);
