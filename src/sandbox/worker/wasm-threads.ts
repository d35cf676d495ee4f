/**
 * How many threads the wasm backend gets (pure; wasm-setup.ts applies it).
 * Every logical core, at most MAX_WASM_THREADS, at least one: while a run
 * trains, the page's own thread is idle and the learner is waiting for the
 * result. (tfjs's own default is half the cores, see wasm-setup.ts.)
 */

/** Emscripten pre-spawns this many pthread workers in tfjs 4.22's threaded build; more would be spawned on demand. */
export const MAX_WASM_THREADS = 8;

export function threadsFor(cores: number | undefined): number {
  const n = Math.floor(Number(cores) || 1);
  return Math.max(1, Math.min(MAX_WASM_THREADS, n));
}
