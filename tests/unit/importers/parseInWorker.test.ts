import { describe, expect, it } from 'vitest';
import { PARSE_TIME_LIMIT_MS, ParseTimeoutError, parseInWorker, type ImportWorkerLike } from '../../../src/features/import/parseInWorker';

/** A worker that never answers, and says whether it was stopped. */
function silentWorker(): ImportWorkerLike & { terminated: boolean } {
  return {
    terminated: false,
    addEventListener: () => undefined,
    postMessage: () => undefined,
    terminate() {
      this.terminated = true;
    },
  };
}

describe('parseInWorker', () => {
  it('has a named time limit of 20 seconds', () => {
    expect(PARSE_TIME_LIMIT_MS).toBe(20_000);
  });

  it('stops a worker that takes longer than the limit and refuses the file', async () => {
    const worker = silentWorker();
    const parse = parseInWorker(new ArrayBuffer(4), { fileName: 'slow.csv' }, { timeLimitMs: 20, startWorker: () => worker });
    await expect(parse).rejects.toBeInstanceOf(ParseTimeoutError);
    await expect(parse).rejects.toMatchObject({ limitMs: 20 });
    expect(worker.terminated).toBe(true);
  });

  it('returns the worker’s answer within the limit', async () => {
    const result = { format: 'anki-text', decks: [], messages: [], unknownSections: [] };
    let onMessage: ((event: MessageEvent) => void) | undefined;
    const worker: ImportWorkerLike = {
      addEventListener: ((type: string, listener: (event: MessageEvent) => void) => {
        if (type === 'message') onMessage = listener;
      }) as ImportWorkerLike['addEventListener'],
      postMessage: () => queueMicrotask(() => onMessage?.(new MessageEvent('message', { data: { ok: true, result } }))),
      terminate: () => undefined,
    };
    await expect(parseInWorker(new ArrayBuffer(4), { fileName: 'x.csv' }, { timeLimitMs: 1000, startWorker: () => worker })).resolves.toEqual(result);
  });
});
