import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './lint-file.js';
import type { WorkerSetup } from './worker.js';

/** The parent's Node flags minus those a worker cannot take (`--input-type` only applies to --eval input). */
function workerExecArgv(): string[] {
  return process.execArgv.filter((a) => !a.startsWith('--input-type'));
}

export type PoolAnswer = { content: string; outcome: FileOutcome } | { error: string };

/**
 * Lint files on worker threads. Jobs go out one at a time per worker (files are
 * small; the queue keeps every core busy), answers come back in any order and
 * are handed to `onResult` with their index.
 */
export async function lintInWorkers(
  jobs: { file: string; abs: string; content?: string }[],
  threads: number,
  setup: WorkerSetup,
  onResult: (index: number, answer: PoolAnswer) => void,
): Promise<void> {
  const url = new URL('./worker.js', import.meta.url);
  // Files go out in batches: one message per file costs more in round trips than linting a small template.
  const BATCH = 32;
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(url, { workerData: setup, execArgv: workerExecArgv() }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= jobs.length) return resolve();
              const batch = jobs.slice(next, next + BATCH).map((job, k) => ({ seq: next + k, ...job }));
              next += batch.length;
              w.postMessage(batch);
            };
            w.on('message', (answers: ({ seq: number } & PoolAnswer)[]) => {
              for (const a of answers) onResult(a.seq, a);
              feed();
            });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lint worker exited with code ${code}`))));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
