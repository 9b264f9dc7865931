import { toStorageError, type StorageErrorKind } from '../storage';
import type { MessageKey, Translator } from './i18n';

const MESSAGE_OF = {
  quota: 'storageErrorQuota',
  blocked: 'storageErrorBlocked',
  'version-change': 'storageErrorVersionChange',
  'too-new': 'storageErrorTooNew',
  closed: 'storageErrorClosed',
  unavailable: 'storageErrorUnavailable',
  unknown: 'storageErrorUnknown',
} as const satisfies Record<StorageErrorKind, MessageKey>;

/**
 * A storage failure in plain words, in the user's language: by its kind,
 * never by the error's own (English, for logs) message.
 *
 * @example
 * storageErrorMessage(new StorageError('quota', '…'), t); // "This device is out of storage space for the app."
 */
export function storageErrorMessage(error: unknown, t: Translator['t']): string {
  return t(MESSAGE_OF[toStorageError(error).kind]);
}
