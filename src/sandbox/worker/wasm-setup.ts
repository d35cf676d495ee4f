/**
 * The wasm backend, set up for the sandbox worker (browser only: the `?url`
 * imports are Vite's, which copies the .wasm files into the build and gives
 * their hashed URLs).
 *
 * Threads when the page is cross-origin isolated (the course's service worker,
 * src/offline/, makes it so on any static host), single-threaded SIMD otherwise:
 *
 * - The threaded SIMD binary needs SharedArrayBuffer, which only an isolated
 *   page and its workers have. tfjs decides with its `WASM_HAS_MULTITHREAD_SUPPORT`
 *   flag; we set it from `crossOriginIsolated` so a non-isolated page never tries.
 * - The pthread workers: tfjs's threaded build (Emscripten) starts them itself,
 *   from inside this module worker, as classic workers made from blob URLs
 *   (the pthread script is a string inside tfjs, `wasmWorkerContents`). Each
 *   then loads the Emscripten factory: tfjs sends it a Blob of
 *   `factory.toString()`, which breaks once a bundler has minified the factory
 *   (it then names variables of the bundle's scope: "e is not defined" in the
 *   pthread). So the factory's `toString` is pointed at the package's own,
 *   untouched script file, which Vite copies into the build (`?url`): the
 *   pthread `importScripts` it by absolute URL. They are nested workers of the
 *   sandbox worker, so the page's `worker.terminate()` takes them down with it.
 * - The pool size. tfjs's C++ side sizes XNNPACK's thread pool from
 *   `emscripten_num_logical_cores()`, i.e. `navigator.hardwareConcurrency` as
 *   seen by the thread that initialises the backend (this worker), and caps it
 *   at half of that (tfjs issues #4972, #6081), whatever `setThreadsCount`
 *   asks. We choose the count ourselves (`threadsFor()` in wasm-threads.ts: half
 *   the logical cores, but at least 2 on a 2-core machine). So for the moment of
 *   initialisation only, this worker's `navigator.hardwareConcurrency` reports
 *   twice the threads we want; it is put back before any learner code runs
 *   (learner code sees the real value).
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import threadedFactory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import threadedFactoryUrl from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
import { detectWasmSimd } from './backends.ts';
import { threadsFor } from './wasm-threads.ts';

/** Whether this worker can run the threaded binary: isolated, with shared memory. */
export function canUseThreads(scope: { crossOriginIsolated?: boolean } = globalThis): boolean {
  return scope.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' && detectWasmSimd();
}

let configured = false;
let wantedThreads = 1;

/** Points tfjs at the bundled .wasm files and chooses threads or not; safe to call more than once. */
export function configureWasmBackend(): void {
  if (configured) return;
  configured = true;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  const threads = canUseThreads() ? threadsFor(navigator.hardwareConcurrency) : 1;
  wantedThreads = threads;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads > 1);
  setThreadsCount(threads);
  if (threads > 1) pointPthreadsAtFactoryScript();
}

/**
 * tfjs builds the pthreads' main script as `var WasmBackendModuleThreadedSimd = ` + factory.toString();
 * this makes that `var … = (function () { importScripts(<the factory's own file>); return WasmBackendModuleThreadedSimd; })()`.
 */
function pointPthreadsAtFactoryScript(): void {
  const factory = ((threadedFactory as { default?: unknown }).default ?? threadedFactory) as { toString(): string };
  const url = new URL(threadedFactoryUrl, self.location.href).href;
  const source = `(function () { importScripts(${JSON.stringify(url)}); return WasmBackendModuleThreadedSimd; })()`;
  Object.defineProperty(factory, 'toString', { value: () => source, configurable: true });
}

/**
 * Runs `init` (tf.setBackend('wasm')) with this worker's
 * `navigator.hardwareConcurrency` reporting twice the wanted threads, so
 * tfjs's half-the-cores cap gives exactly `wantedThreads`; the real value is
 * back as soon as `init` settles.
 */
export async function withThreadPoolSize<T>(init: () => Promise<T>): Promise<T> {
  if (wantedThreads <= 1) return init();
  const nav = navigator as Navigator & { hardwareConcurrency: number };
  const own = Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  Object.defineProperty(nav, 'hardwareConcurrency', { value: wantedThreads * 2, configurable: true });
  try {
    return await init();
  } finally {
    if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
    else delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** Threads the initialised wasm backend uses (1 when single-threaded or not initialised). */
export function wasmThreads(): number {
  try {
    return getThreadsCount();
  } catch {
    return 1;
  }
}
