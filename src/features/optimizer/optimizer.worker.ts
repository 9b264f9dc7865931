/**
 * The FSRS optimizer's Web Worker: loads fsrs-browser's wasm (single-threaded:
 * `initSync`, no thread pool, so no SharedArrayBuffer handed between threads
 * and no cross-origin isolation), reads the preset's answers on a connection
 * of its own and runs `runOptimization`, posting progress as it goes. The
 * page cancels a run by terminating the worker. The wasm file is precached
 * by the service worker (vite.config.ts), so this works offline.
 */
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { initSync, type InitOutput } from 'fsrs-browser';
import { createDatabase } from '../../storage/db';
import { StorageError } from '../../storage/errors';
import { fsrsTrainer, runOptimization } from './optimizeJob';
import type { OptimizerFailure, OptimizerReply, OptimizerRequest } from './optimizerProtocol';

const post = (reply: OptimizerReply): void => self.postMessage(reply);

/** fsrs-browser's wasm did not load (or compile). */
class WasmLoadError extends Error {}

async function loadWasm(): Promise<InitOutput> {
  try {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return initSync({ module: await WebAssembly.compile(await response.arrayBuffer()) });
  } catch (error) {
    throw new WasmLoadError(`fsrs-browser's wasm: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function failureOf(error: unknown): OptimizerFailure {
  if (error instanceof StorageError) return { reason: 'storage', kind: error.kind };
  return error instanceof WasmLoadError ? { reason: 'load' } : { reason: 'training' };
}

self.addEventListener('message', (event: MessageEvent<OptimizerRequest>) => {
  const request = event.data;
  const database = createDatabase(request.databaseName);
  // The wasm loads while the answers are read.
  const trainer = loadWasm().then(fsrsTrainer);
  trainer.catch(() => undefined); // reported when the run awaits it
  runOptimization(request, { database, trainer, onProgress: (progress) => post({ kind: 'progress', progress }) })
    .then(
      (outcome) => post({ kind: 'done', outcome }),
      (error: unknown) => post({ kind: 'failed', failure: failureOf(error) }),
    )
    .finally(() => database.close());
});
