/**
 * The wasm backend, set up for the sandbox worker (browser only: the `?url`
 * imports are Vite's, which copies the .wasm files into the build and gives
 * their hashed URLs).
 *
 * Single-threaded on purpose: the threaded build needs SharedArrayBuffer,
 * which needs the site to be cross-origin isolated (COOP/COEP headers a
 * static host may not send), and it would spawn its own workers that
 * `worker.terminate()` is not guaranteed to take down. SIMD alone is the big
 * win on a CPU.
 */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
// Never downloaded (threads are off below), but setWasmPaths refuses a map without all three binaries.
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let configured = false;

/** Points tfjs at the bundled .wasm files and turns threads off; safe to call more than once. */
export function configureWasmBackend(): void {
  if (configured) return;
  configured = true;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setThreadsCount(1);
}
