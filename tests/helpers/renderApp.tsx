// Renders the whole app at a route, as a user opening that link would see it.
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { StorageErrorBoundary } from '../../src/ui/StorageErrorBoundary';

/** Pushes `path` and renders <App />; returns a user-event session for interactions. */
export function renderAppAt(path: string) {
  window.history.pushState(null, '', path);
  const user = userEvent.setup();
  render(
    <StorageErrorBoundary>
      <App />
    </StorageErrorBoundary>,
  );
  return user;
}
