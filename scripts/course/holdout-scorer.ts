/**
 * Scoring exported models on the hidden holdout and the site's test split in a
 * worker thread of the grader, so that `npm run grade -- --jobs N` keeps its
 * browser contexts busy while a model is scored: scored on the grader's own
 * thread, each score (5,000 images on tfjs wasm, seconds) stopped every job's
 * messages to its browser, and 2 jobs graded barely faster than 1.
 *
 * The worker (holdout-scorer-worker.ts) loads both sets itself, once, and
 * scores one model at a time, in the order asked.
 */
import { Worker } from 'node:worker_threads';
import type { SavedModel } from './holdout.ts';

export interface HoldoutScorer {
  /** [holdout accuracy, site test accuracy] of one exported model. */
  score(saved: SavedModel): Promise<number[]>;
  close(): Promise<void>;
}

type Reply = { id: number; accuracies: number[] } | { id: number; error: string };

export function startHoldoutScorer(options: { holdoutDir: string; siteRoot: string }): HoldoutScorer {
  const worker = new Worker(new URL('./holdout-scorer-worker.ts', import.meta.url), { workerData: options });
  const pending = new Map<number, { resolve(value: number[]): void; reject(error: Error): void }>();
  let next = 0;
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.accuracies);
  });
  worker.on('error', (error) => failAll(error instanceof Error ? error : new Error(String(error))));
  worker.on('exit', (code) => failAll(new Error(`the scoring thread stopped (exit code ${code})`)));
  return {
    score(saved) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, saved });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
