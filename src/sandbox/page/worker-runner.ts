/**
 * The browser Runner: each run gets a fresh sandbox worker, and a spare one
 * is always loading in the background so the next run does not wait for
 * TensorFlow.js to load and its backend to start.
 *
 * The next spare starts loading as soon as a run *takes* the current one, not
 * when the run ends: a Stop followed at once by Run then finds a warm worker
 * (measured: ~30 ms to a finished trivial run, against ~0.8-1.5 s when the
 * spare only starts at Stop, because a fresh worker loads ~2.5 MB of
 * JavaScript). Loading it during the run costs little when the run leaves a
 * core free: single-threaded wasm on 2 cores or more, threaded wasm on 3 or
 * more. When a run takes every core (a 2-core machine on an isolated page, or
 * a 1-core machine), the spare loads after the run instead, so it does not
 * stall the run; Stop then Run waits for a fresh worker there.
 *
 * - Results come only over each worker's private port (never `worker.onmessage`).
 * - `stop()`, the abort signal and `timeLimitMs` end a run by `worker.terminate()`:
 *   immediate whatever the code does (`while (true) {}` included), and the run's
 *   promise resolves at once with a 'stopped' / 'timeout' error.
 * - A worker that dies or closes without `done` yields a 'crash' error.
 * - Runners created without `createWorker` share one spare worker, so a
 *   lesson page with many exercises keeps one warm worker, not one each.
 */
import { DEFAULT_TIME_LIMIT_MS, type BackendName, type LearnerError, type RunRequest, type RunResult, type WorkerWireMessage } from '../protocol.ts';
import { stoppedError, timeoutError } from '../stop-errors.ts';
import { defaultWorkerFactory, WorkerHandle, type WorkerFactory } from './worker-handle.ts';
import type { RunEvent, RunOptions, Runner } from './runner.ts';
import { leavesACoreFree } from '../worker/wasm-threads.ts';

export interface WorkerRunnerOptions {
  /** Builds the sandbox worker (tests, other bundlers). Default: the module worker in ../worker/entry.ts. */
  createWorker?: WorkerFactory;
  /** Start loading a spare worker right away (default true); otherwise the first run starts one. */
  prewarm?: boolean;
  /** How long a worker may take to load tfjs and answer `ready` before the run fails (default 60 s). */
  startTimeoutMs?: number;
  /**
   * Start loading the next spare as soon as a run takes the current one (true), or only when the
   * run ends (false). Default: true when the run leaves a core free (`leavesACoreFree`).
   */
  loadSpareDuringRun?: boolean;
}

function runLeavesACoreFree(): boolean {
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  return leavesACoreFree(scope.navigator?.hardwareConcurrency, scope.crossOriginIsolated === true);
}

const DEFAULT_START_TIMEOUT_MS = 60_000;

/** Keeps at most one warm spare worker for the runners that share it. */
class SparePool {
  private spare: WorkerHandle | null = null;
  private users = 0;
  private readonly factory: WorkerFactory;
  private readonly startTimeoutMs: number;

  constructor(factory: WorkerFactory, startTimeoutMs: number) {
    this.factory = factory;
    this.startTimeoutMs = startTimeoutMs;
  }

  join(prewarm: boolean): void {
    this.users++;
    if (prewarm) this.replenish();
  }

  leave(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0 && this.spare) {
      this.spare.terminate();
      this.spare = null;
    }
  }

  /** A worker for a run: the warm spare if there is one, else a new one. */
  take(): WorkerHandle {
    const worker = this.spare ?? new WorkerHandle(this.factory, this.startTimeoutMs);
    this.spare = null;
    return worker;
  }

  /** Starts the next spare if there is none (called when a run takes one, and after a run ends). */
  replenish(): void {
    if (this.spare || this.users === 0) return;
    const spare = new WorkerHandle(this.factory, this.startTimeoutMs);
    spare.onGone = () => {
      if (this.spare === spare) this.spare = null;
    };
    this.spare = spare;
  }
}

let sharedPool: SparePool | null = null;

interface ActiveRun {
  request: RunRequest;
  worker: WorkerHandle;
  /** When the run message was posted (time limit and runMs count from here). */
  postedAt: number | undefined;
  backend: BackendName | undefined;
  droppedLogLines: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  settle(result: RunResult): void;
}

export function createWorkerRunner(options: WorkerRunnerOptions = {}): Runner {
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const pool = options.createWorker
    ? new SparePool(options.createWorker, startTimeoutMs)
    : (sharedPool ??= new SparePool(defaultWorkerFactory, startTimeoutMs));
  pool.join(options.prewarm ?? true);
  const loadSpareDuringRun = options.loadSpareDuringRun ?? runLeavesACoreFree();
  let nextId = 1;
  let active: ActiveRun | null = null;
  let disposed = false;

  /** Ends the active run from the page side: the worker is killed, the promise resolves with `error`. */
  const kill = (error: LearnerError): void => {
    const run = active;
    if (!run) return;
    run.settle(killedResult(run, error));
  };

  return {
    run(partial: Omit<RunRequest, 'id'>, runOptions: RunOptions = {}): Promise<RunResult> {
      if (disposed) return Promise.reject(new Error('This runner was disposed.'));
      if (active) return Promise.reject(new Error('A run is already in progress: wait for it or call stop().'));
      const request: RunRequest = { ...partial, id: nextId++, timeLimitMs: partial.timeLimitMs || DEFAULT_TIME_LIMIT_MS };
      const worker = pool.take();
      if (loadSpareDuringRun) pool.replenish();
      const onEvent = runOptions.onEvent;
      const signal = runOptions.signal;

      return new Promise<RunResult>((resolve) => {
        const onAbort = (): void => kill(stoppedError());
        const run: ActiveRun = {
          request,
          worker,
          postedAt: undefined,
          backend: undefined,
          droppedLogLines: 0,
          timer: undefined,
          settle(result) {
            if (active !== run) return;
            active = null;
            clearTimeout(run.timer);
            signal?.removeEventListener('abort', onAbort);
            worker.terminate();
            pool.replenish();
            resolve(result);
          },
        };
        active = run;
        worker.onMessage = (message) => handleMessage(run, message, onEvent);
        worker.onGone = (reason) => kill({ phase: 'crash', name: 'Crash', message: crashMessage(reason) });
        signal?.addEventListener('abort', onAbort, { once: true });
        if (signal?.aborted) {
          onAbort();
          return;
        }
        worker.ready.then(
          () => {
            if (active !== run) return;
            run.postedAt = performance.now();
            run.timer = setTimeout(() => kill(timeoutError(request.timeLimitMs)), request.timeLimitMs);
            worker.post({ type: 'run', request });
          },
          (error: unknown) =>
            kill({
              phase: 'crash',
              name: 'Crash',
              message: `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}.`,
            }),
        );
      });
    },
    stop() {
      kill(stoppedError());
    },
    dispose() {
      if (disposed) return;
      kill(stoppedError());
      disposed = true;
      pool.leave();
    },
  };
}

function handleMessage(run: ActiveRun, message: WorkerWireMessage, onEvent: ((event: RunEvent) => void) | undefined): void {
  if (message.type === 'ready' || message.id !== run.request.id) return; // stale: from an earlier run's id
  if (message.type === 'done') {
    run.settle(message.result);
    return;
  }
  const events = message.type === 'batch' ? message.events : [message];
  if (message.type === 'batch') run.droppedLogLines = message.droppedLogLines;
  for (const event of events) {
    if (event.type === 'ready' || event.type === 'done' || event.id !== run.request.id) continue;
    if (event.type === 'backend') run.backend = event.backend;
    onEvent?.(event);
  }
}

function killedResult(run: ActiveRun, error: LearnerError): RunResult {
  const choice = run.request.backend;
  return {
    status: 'error',
    error,
    // Before the worker reported its backend, the request's choice is the best answer there is.
    backend: run.backend ?? (choice === 'auto' ? 'wasm' : choice),
    runMs: run.postedAt === undefined ? 0 : performance.now() - run.postedAt,
    checksMs: 0,
    // Unknown: the worker was killed before it could count.
    tensors: { before: 0, after: 0 },
    droppedLogLines: run.droppedLogLines,
  };
}

function crashMessage(reason: string): string {
  return `${reason} This can happen when the code closes the sandbox or runs out of memory. Run it again to start a fresh one.`;
}
