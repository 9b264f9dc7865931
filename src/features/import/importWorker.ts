/**
 * Import parsing off the main thread: bytes in, ImportParseResult out, so a
 * large file never freezes the page. The result is plain data (problems are
 * codes, worded on the main thread), so it crosses `postMessage` as it is.
 */
import { parseImportFile, type ImportOptions } from '../../domain/importers';

export interface ImportWorkerRequest {
  bytes: ArrayBuffer;
  options: ImportOptions;
}

async function reply({ bytes, options }: ImportWorkerRequest): Promise<void> {
  try {
    self.postMessage({ ok: true, result: await parseImportFile(new Uint8Array(bytes), options) });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

self.addEventListener('message', (event: MessageEvent<ImportWorkerRequest>) => void reply(event.data));
