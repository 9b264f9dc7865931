import { Component, type ReactNode } from 'react';
import { StorageError } from '../storage';
import { createTranslator, resolveLanguage } from './i18n';
import { storageErrorMessage } from './storageErrorMessage';

/**
 * A storage failure thrown while rendering (the data hooks throw their
 * failures, as useLiveQuery does: a database too new for this app, storage
 * disabled) is said in plain words, in the browser's language (the stored
 * one cannot be read), with a way to reload; not a blank page. Any other
 * error passes on.
 */
export class StorageErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (!(error instanceof StorageError)) {
      throw error instanceof Error ? error : new Error('A value that is not an error was thrown while rendering.', { cause: error });
    }
    const { t } = createTranslator(resolveLanguage('auto'));
    return (
      <main id="main" className="app">
        <div role="alert" className="banner error">
          <p>{storageErrorMessage(error, t)}</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('reload')}
          </button>
        </div>
      </main>
    );
  }
}
