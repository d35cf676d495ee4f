/**
 * A Runner that runs learner code in the current thread: the same transpile,
 * execute and checks path as the worker, for Vitest (Node, cpu backend) and
 * the teacher's tools.
 *
 * What it cannot do, by nature of sharing the thread:
 * - No hard stop. `stop()` and the time limit end the *run* (the promise
 *   resolves with a 'stopped' / 'timeout' error), but code that keeps going
 *   in the background keeps going, and a synchronous endless loop
 *   (`while (true) {}`) blocks the thread for good: the limit is enforced with
 *   a timer, which cannot fire while the thread is busy.
 * - Less isolation: learner code shares globals with the caller. The watched
 *   built-ins (isolation/watched-builtins.ts) are compared and put back as in
 *   the worker, so a patch to one fails the checks the same way; there is no
 *   async fence, and tfjs and the global object's other properties are not
 *   restored (here that would fight the test framework). Use it only with
 *   code you trust to terminate.
 * - One run at a time (tfjs's fit instrumentation routes events to the
 *   current run); a second `run()` before the first settles rejects.
 */
import { selectBackend, type TfForBackends } from '../worker/backends.ts';
import { executeRun, type TfModule } from '../worker/execute.ts';
import { runPrologue } from '../worker/prologue.ts';
import { watchEscapedErrors } from '../worker/escaped-errors.ts';
import { createIsolation } from '../isolation/isolation.ts';
import { DEFAULT_TIME_LIMIT_MS, type RunRequest, type RunResult } from '../protocol.ts';
import type { RunOptions, Runner } from '../page/runner.ts';

export interface InProcessRunnerOptions {
  /** The tfjs module (`import * as tf from '@tensorflow/tfjs'`). */
  tf: TfModule & TfForBackends & { scalar(value: number): { dispose(): void } };
  /** The `lab` module; without it, `import ... from 'lab'` is a compile error. */
  lab?: unknown;
  /** The `grading` module; without it, runs that carry checks fail in phase 'checks'. */
  grading?: unknown;
  /** Passed to `lab.configureLab` with each request's `assetBase` (e.g. a fetch that reads files in Node). */
  fetch?: typeof fetch;
}

export function createInProcessRunner(options: InProcessRunnerOptions): Runner {
  let nextId = 1;
  let current: AbortController | null = null;
  let disposed = false;

  return {
    async run(partial: Omit<RunRequest, 'id'>, runOptions: RunOptions = {}): Promise<RunResult> {
      if (disposed) throw new Error('This runner was disposed.');
      if (current) throw new Error('A run is already in progress: wait for it or call stop().');
      const request: RunRequest = { ...partial, id: nextId++, timeLimitMs: partial.timeLimitMs || DEFAULT_TIME_LIMIT_MS };
      const controller = new AbortController();
      current = controller;
      const onOuterAbort = (): void => controller.abort();
      runOptions.signal?.addEventListener('abort', onOuterAbort, { once: true });
      if (runOptions.signal?.aborted) controller.abort();
      const emit = runOptions.onEvent ?? (() => {});
      try {
        const selection = await runPrologue({
          id: request.id,
          backend: request.backend,
          select: async (choice) => {
            const selected = await selectBackend(options.tf, choice);
            // tfjs's cpu backend prints a one-time "install tfjs-node" banner on its first
            // tensor in Node; create that tensor now so the banner is not the learner's output.
            options.tf.scalar(0).dispose();
            return selected;
          },
          emit,
          tf: options.tf,
          lab: options.lab,
          assetBase: request.assetBase,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        return await executeRun(request, {
          tf: options.tf,
          lab: options.lab,
          grading: options.grading,
          backend: selection.backend,
          emit,
          console: globalThis.console,
          watchAsyncErrors,
          isolation: createIsolation({ scope: globalThis }),
          enforceTimeLimit: true,
          signal: controller.signal,
          environmentName: typeof process === 'object' ? 'Node.js' : 'this page',
        });
      } finally {
        runOptions.signal?.removeEventListener('abort', onOuterAbort);
        if (current === controller) current = null;
      }
    },
    stop() {
      current?.abort();
    },
    dispose() {
      current?.abort();
      disposed = true;
    },
  };
}

/**
 * Node: takes over 'unhandledRejection' / 'uncaughtException' for the run
 * (the test framework's own listeners are set aside and put back after, so a
 * learner's floating promise fails the run, not the test suite).
 * Browser main thread: listens to the window's events and prevents the default report.
 */
/** The slice of Node's `process` used here (typed loosely: its `on` overloads are per event). */
interface ProcessEvents {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  removeAllListeners(event: string): unknown;
  listeners(event: string): ((...args: unknown[]) => void)[];
}

function watchAsyncErrors(onError: (value: unknown) => void): () => void {
  const proc = (globalThis as { process?: ProcessEvents }).process;
  if (proc && typeof proc.on === 'function') {
    const events = ['unhandledRejection', 'uncaughtException'] as const;
    const saved = events.map((event) => proc.listeners(event));
    const handler = (value: unknown): void => onError(value);
    for (const event of events) {
      proc.removeAllListeners(event);
      proc.on(event, handler);
    }
    return () => {
      events.forEach((event, i) => {
        proc.removeListener(event, handler);
        for (const listener of saved[i] ?? []) proc.on(event, listener);
      });
    };
  }
  return watchEscapedErrors(globalThis as unknown as EventTarget, onError);
}
