// A database written by a newer version of the app is refused ('too-new'),
// and the user is told to update the app, in plain words, instead of a
// blank page; in the browser's language, since the stored one cannot be read.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { DATABASE_NAME } from '../../src/storage';
import { SCHEMA_V1 } from '../../src/storage/db';
import { StorageErrorBoundary } from '../../src/ui/StorageErrorBoundary';
import { deleteAppDatabase } from '../helpers/componentDb';

/** The app's stores at IndexedDB version 50: schema version 5, which this code does not know. */
async function createDatabaseOfANewerApp(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, 50);
    request.onupgradeneeded = () => {
      for (const store of Object.keys(SCHEMA_V1)) {
        request.result.createObjectStore(store, { keyPath: store === 'settings' || store === 'meta' ? 'key' : 'id' });
      }
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

beforeEach(async () => {
  await deleteAppDatabase();
  await createDatabaseOfANewerApp();
  vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the error it caught
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await deleteAppDatabase();
});

it('tells the user to update the app, not that another tab is open', async () => {
  render(
    <StorageErrorBoundary>
      <App />
    </StorageErrorBoundary>,
  );

  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent(
    'The data on this device was saved by a newer version of the app than this one. Update the app: reload this page while online.',
  );
  expect(alert).not.toHaveTextContent(/another tab/);
  expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
});

it('says it in Russian in a Russian browser', async () => {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ru-RU', 'en']);
  render(
    <StorageErrorBoundary>
      <App />
    </StorageErrorBoundary>,
  );

  expect(await screen.findByRole('alert')).toHaveTextContent(
    'Данные на этом устройстве сохранены более новой версией приложения. Обновите приложение: перезагрузите страницу при подключении к интернету.',
  );
  expect(screen.getByRole('button', { name: 'Перезагрузить' })).toBeInTheDocument();
});
