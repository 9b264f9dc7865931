/**
 * Import parsing off the main thread: bytes in, ImportParseResult out, so a
 * large file never freezes the page.
 */
import { parseImportFile, type ImportOptions } from '../../domain/importers';

export interface ImportWorkerRequest {
  bytes: ArrayBuffer;
  options: ImportOptions;
}

self.addEventListener('message', (event: MessageEvent<ImportWorkerRequest>) => {
  const { bytes, options } = event.data;
  try {
    self.postMessage({ ok: true, result: parseImportFile(new Uint8Array(bytes), options) });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
