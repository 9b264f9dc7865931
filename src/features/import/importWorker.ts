/**
 * Import parsing off the main thread: bytes in, ImportParseResult out, so a
 * large file never freezes the page. The result is plain data (problems are
 * codes, worded on the main thread), so it crosses `postMessage` as it is.
 * Anki packages are read with sql.js, whose WebAssembly file Vite emits as
 * an asset of its own (precached with the rest): its URL goes to the parser.
 */
import sqliteWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { parseImportFile, type ImportOptions, type ImportParseResult } from '../../domain/importers';

export interface ImportWorkerRequest {
  bytes: ArrayBuffer;
  options: ImportOptions;
}

/** The media files' buffers, each once, to move to the page instead of copying (a package may carry hundreds of megabytes). */
function transferables(result: ImportParseResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const file of result.media ?? []) {
    const { buffer } = file.bytes;
    if (buffer instanceof ArrayBuffer && file.bytes.byteOffset === 0 && file.bytes.byteLength === buffer.byteLength) buffers.add(buffer);
  }
  return [...buffers];
}

async function reply({ bytes, options }: ImportWorkerRequest): Promise<void> {
  try {
    const result = await parseImportFile(new Uint8Array(bytes), { ...options, sqliteWasmUrl });
    self.postMessage({ ok: true, result }, { transfer: transferables(result) });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

self.addEventListener('message', (event: MessageEvent<ImportWorkerRequest>) => void reply(event.data));
