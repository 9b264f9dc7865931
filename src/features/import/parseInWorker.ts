import type { ImportOptions, ImportParseResult } from '../../domain/importers';
import type { ImportWorkerRequest } from './importWorker';

type WorkerReply = { ok: true; result: ImportParseResult } | { ok: false; message: string };

/** Parses an import file in a Web Worker (or inline where workers are missing, e.g. tests). */
export async function parseInWorker(bytes: ArrayBuffer, options: ImportOptions): Promise<ImportParseResult> {
  if (typeof Worker === 'undefined') {
    const { parseImportFile } = await import('../../domain/importers');
    return parseImportFile(new Uint8Array(bytes), options);
  }
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => resolve(event.data));
      worker.addEventListener('error', (event) => reject(new Error(event.message || 'The import worker failed.')));
      const request: ImportWorkerRequest = { bytes, options };
      worker.postMessage(request, [bytes]);
    });
    if (!reply.ok) throw new Error(reply.message);
    return reply.result;
  } finally {
    worker.terminate();
  }
}
