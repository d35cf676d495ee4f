/**
 * The sandbox: a module Web Worker that runs one learner run, then is thrown
 * away by the page (one worker per run, so every run starts clean).
 *
 * Life: the page posts `connect` with a MessagePort; the worker keeps the
 * port's `postMessage` in module scope (bound at once, so replacing
 * `MessagePort.prototype.postMessage` later changes nothing), warms the
 * default backend and answers `ready`. On `run` it selects the backend,
 * configures `lab`, runs the code and the checks (execute.ts) and posts
 * `done`. Everything goes over the port; `self.postMessage` from learner
 * code reaches a listener the page never installs.
 */
// First, before tfjs loads: tfjs takes its frame yield from the global scope (frame-yield.ts).
import { restoreAnimationFrame } from './frame-yield.ts';
import * as tf from '@tensorflow/tfjs';
import * as grading from '../../grading/index.ts';
import * as lab from '../../lab/index.ts';
import { registerWasmGradients } from '../../lab/wasm-gradients.ts';
import { currentBackend, selectBackend, type BackendSelection } from './backends.ts';
import { executeRun } from './execute.ts';
import { runPrologue } from './prologue.ts';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { lockClose } from '../isolation/hardening.ts';
import { createIsolation } from '../isolation/isolation.ts';
import { createOutbox } from './outbox.ts';
import { exportModel } from './model-export.ts';
import { watchEscapedErrors } from './escaped-errors.ts';
import {
  isConnectMessage,
  isPageToWorker,
  type BackendChoice,
  type RunRequest,
  type RunResult,
  type WorkerToPage,
  type WorkerWireMessage,
} from '../protocol.ts';
import { configureWasmBackend, wasmThreads, withThreadPoolSize } from './wasm-setup.ts';

// Typed with the DOM lib's `self` (the project does not load the webworker lib,
// which would clash with DOM); the events used here exist on both.
const scope = self;
restoreAnimationFrame();
/** The worker's clock starts at its creation, so this is how long loading the modules took. */
const modulesLoadedMs = performance.now();
const WARM_BACKEND: BackendChoice = 'auto';

lockClose(scope, 'close() is not available here: the sandbox ends by itself when your run is over.');

let post: ((message: WorkerWireMessage) => void) | undefined;
let warming: Promise<BackendSelection> | undefined;
let hasRun = false;

scope.addEventListener('message', (event: MessageEvent) => {
  if (post || !isConnectMessage(event.data)) return;
  const port = event.data.port;
  const postOnPort = port.postMessage.bind(port) as (message: unknown) => void;
  post = (message) => postOnPort(message);
  port.addEventListener('message', (portEvent: MessageEvent) => {
    if (isPageToWorker(portEvent.data)) void handleRun(portEvent.data.request);
  });
  port.start();
  const lifeLock = event.data.lifeLock;
  // Warm the usual backend before saying ready: initialising wasm is part of what a spare worker saves.
  const warmStart = performance.now();
  warming = chooseBackend(WARM_BACKEND);
  const ready = (selection?: BackendSelection): void =>
    post?.({
      type: 'ready',
      startup: {
        moduleMs: modulesLoadedMs,
        backendMs: performance.now() - warmStart,
        ...(selection ? { backend: selection.backend } : {}),
        ...(selection?.note ? { note: selection.note } : {}),
      },
    });
  // Ready only once the life lock is held, so the page's request for it waits for this worker's end.
  void holdLifeLock(lifeLock).then(() => warming?.then(ready, () => ready())); // a failed warm-up is retried and reported by the run
});

/** Takes the lock and never gives it back: it is released when this worker ends, however it ends. */
function holdLifeLock(name: string | undefined): Promise<void> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!name || !locks) return Promise.resolve();
  return new Promise<void>((held) => {
    void locks.request(name, () => {
      held();
      return new Promise<never>(() => {});
    });
  });
}

function chooseBackend(choice: BackendChoice): Promise<BackendSelection> {
  return selectBackend(tf, choice, {
    prepare: {
      wasm: () => {
        configureWasmBackend();
        registerWasmGradients();
      },
    },
    around: { wasm: withThreadPoolSize },
    wasmThreads,
  });
}


async function handleRun(request: RunRequest): Promise<void> {
  const send = post;
  if (!send) return;
  if (hasRun) {
    send({ type: 'done', id: request.id, result: crashResult('This sandbox already ran once; the page must start a new one.') });
    return;
  }
  hasRun = true;
  const outbox = createOutbox(send, request.id);
  let result: RunResult;
  try {
    // Our own patches go in before the record is taken, so they are what gets restored:
    // the fit instrumentation (LayersModel.prototype.fit, in the prologue) and the fence's wrappers.
    const selection = await runPrologue({
      id: request.id,
      backend: request.backend,
      select: async (choice) => {
        await warming?.catch(() => undefined);
        return chooseBackend(choice);
      },
      emit: (event) => outbox.push(event),
      tf,
      lab,
      assetBase: request.assetBase,
    });
    const isolation = createIsolation({
      scope,
      fence: true,
      globals: true,
      tf: { module: tf, classes: [{ name: 'BackendWasm', prototype: BackendWasm.prototype }] },
    });
    result = await executeRun(request, {
      tf,
      lab,
      grading,
      backend: selection.backend,
      emit: (event) => outbox.push(event),
      reportDropped: (total) => outbox.noteDropped(total),
      console: scope.console,
      watchAsyncErrors: (onError) => watchEscapedErrors(scope, onError),
      isolation,
      environmentName: 'a Web Worker',
      ...(request.exportModel ? { onPassed: (exports: Record<string, unknown>) => sendModel(request.id, exports, (event) => outbox.push(event)) } : {}),
    });
  } catch (error) {
    // A fault of the runtime itself (or a backend that cannot start): still an answer for the page.
    result = crashResult(`The sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  outbox.noteDropped(result.droppedLogLines);
  outbox.flush();
  send({ type: 'done', id: request.id, result });
}

/** "Download my model": the passing run's model to the page, or a word in the output if it cannot be saved. */
async function sendModel(id: number, exports: Record<string, unknown>, push: (event: WorkerToPage) => void): Promise<void> {
  try {
    const model = await exportModel(tf, exports);
    if (model) push({ type: 'model', id, model });
  } catch (error) {
    push({ type: 'log', id, level: 'warn', text: `Your model could not be prepared for download: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function crashResult(message: string): RunResult {
  return {
    status: 'error',
    error: { phase: 'crash', name: 'Error', message },
    backend: currentBackend(tf) ?? 'cpu',
    runMs: 0,
    checksMs: 0,
    tensors: { before: 0, after: 0 },
    droppedLogLines: 0,
  };
}
