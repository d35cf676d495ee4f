/**
 * Choosing the TensorFlow.js backend a run uses.
 *
 * 'auto' tries wasm (fastest on a CPU-only machine: SIMD, threaded when the
 * page is cross-origin isolated, see wasm-setup.ts),
 * then webgl (through OffscreenCanvas in a worker), then cpu (always there).
 * An explicit choice that cannot start falls back along the same order and
 * says so in the note, so the learner sees why their run is not on webgl.
 */
import { BACKENDS, type BackendChoice, type BackendName } from '../protocol.ts';

/** The slice of tfjs used here. */
export interface TfForBackends {
  setBackend(name: string): Promise<boolean>;
  getBackend(): string;
  findBackendFactory(name: string): unknown;
}

export interface BackendSelection {
  backend: BackendName;
  /** Why this backend, when it is not the one asked for; SIMD status for wasm. */
  note?: string;
}

export interface SelectBackendOptions {
  /** Runs once before a backend's first initialisation (wasm paths, gradient kernels...). */
  prepare?: Partial<Record<BackendName, () => void | Promise<void>>>;
  /** Wraps a backend's initialisation (the wasm thread pool is sized around it, see wasm-setup.ts). */
  around?: Partial<Record<BackendName, (init: () => Promise<boolean>) => Promise<boolean>>>;
  /** Threads the wasm backend runs on once started, for the note ("SIMD · 2 threads"). */
  wasmThreads?: () => number;
}

export async function selectBackend(
  tf: TfForBackends,
  choice: BackendChoice,
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const order: BackendName[] = choice === 'auto' ? [...BACKENDS] : [choice, ...BACKENDS.filter((b) => b !== choice)];
  const failed: string[] = [];
  for (const name of order) {
    if (!tf.findBackendFactory(name)) {
      failed.push(`${name} is not loaded here`);
      continue;
    }
    if (!(await tryBackend(tf, name, options))) {
      failed.push(`${name} could not start`);
      continue;
    }
    const notes: string[] = [];
    if (choice !== 'auto' && name !== choice) notes.push(`${failed.join('; ')}; using ${name} instead`);
    if (name === 'wasm') notes.push(wasmNote(options.wasmThreads?.()));
    return notes.length ? { backend: name, note: notes.join('. ') } : { backend: name };
  }
  throw new Error(`No TensorFlow.js backend could start: ${failed.join('; ')}.`);
}

async function tryBackend(tf: TfForBackends, name: BackendName, options: SelectBackendOptions): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  try {
    await options.prepare?.[name]?.();
    const init = () => tf.setBackend(name);
    const around = options.around?.[name];
    return await (around ? around(init) : init());
  } catch {
    return false;
  }
}

/** "SIMD · 2 threads", "SIMD · 1 thread", or "no SIMD (slower)". */
export function wasmNote(threads: number | undefined): string {
  if (!detectWasmSimd()) return 'no SIMD (slower)';
  if (threads === undefined) return 'SIMD';
  return `SIMD · ${threads} ${threads === 1 ? 'thread' : 'threads'}`;
}

/** The backend tfjs is using now, if it is one the runtime knows. */
export function currentBackend(tf: Pick<TfForBackends, 'getBackend'>): BackendName | undefined {
  const name = tf.getBackend();
  return (BACKENDS as readonly string[]).includes(name) ? (name as BackendName) : undefined;
}

/**
 * A module using `i8x16.popcnt` (from wasm-feature-detect's SIMD probe): if it
 * validates, the engine has wasm SIMD and tfjs loads its SIMD build.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

let simd: boolean | undefined;

/** Whether this engine supports wasm SIMD (measured once). */
export function detectWasmSimd(): boolean {
  if (simd === undefined) {
    try {
      simd = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
    } catch {
      simd = false;
    }
  }
  return simd;
}
