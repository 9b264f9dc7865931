/**
 * Runs the import parsers in a Web Worker with a time limit: a file that
 * takes longer than `PARSE_TIME_LIMIT_MS` to read has its worker terminated
 * and is refused (`ParseTimeoutError`, worded by the screen); nothing is
 * written either way. Where there are no workers (tests) it parses inline.
 */
import type { ImportOptions, ImportParseResult } from '../../domain/importers';
import type { ImportWorkerRequest } from './importWorker';

type WorkerReply = { ok: true; result: ImportParseResult } | { ok: false; message: string };

/** How long the worker may take to read one file before it is stopped. */
export const PARSE_TIME_LIMIT_MS = 20_000;

/** The import took longer than its limit; the worker was terminated. */
export class ParseTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`Reading the file took longer than ${limitMs} ms.`);
    this.name = 'ParseTimeoutError';
  }
}

/** What `parseInWorker` runs on: a worker-like object (a fake one in tests). */
export type ImportWorkerLike = Pick<Worker, 'addEventListener' | 'postMessage' | 'terminate'>;

export interface ParseLimits {
  /** Default `PARSE_TIME_LIMIT_MS`. */
  timeLimitMs?: number;
  /** Default: the import worker module. */
  startWorker?: () => ImportWorkerLike;
}

function startImportWorker(): ImportWorkerLike {
  return new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
}

/**
 * Parses an import file in a Web Worker (or inline where workers are
 * missing, e.g. tests), refusing with `ParseTimeoutError` after
 * `limits.timeLimitMs`.
 *
 * @example
 * await parseInWorker(bytes, { fileName: 'deck.csv' }); // ImportParseResult
 * await parseInWorker(bytes, { fileName: 'slow.csv' }, { timeLimitMs: 10, startWorker: () => neverReplying }); // throws ParseTimeoutError
 */
export async function parseInWorker(bytes: ArrayBuffer, options: ImportOptions, limits: ParseLimits = {}): Promise<ImportParseResult> {
  const timeLimitMs = limits.timeLimitMs ?? PARSE_TIME_LIMIT_MS;
  if (!limits.startWorker && typeof Worker === 'undefined') {
    const { parseImportFile } = await import('../../domain/importers');
    return parseImportFile(new Uint8Array(bytes), options);
  }
  const worker = (limits.startWorker ?? startImportWorker)();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      timer = setTimeout(() => reject(new ParseTimeoutError(timeLimitMs)), timeLimitMs);
      worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => resolve(event.data));
      worker.addEventListener('error', (event: ErrorEvent) => reject(new Error(event.message || 'The import worker failed.')));
      const request: ImportWorkerRequest = { bytes, options };
      worker.postMessage(request, [bytes]);
    });
    if (!reply.ok) throw new Error(reply.message);
    return reply.result;
  } finally {
    clearTimeout(timer);
    // Also after the time limit: a parser still running is stopped here.
    worker.terminate();
  }
}
