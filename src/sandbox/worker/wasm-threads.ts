/**
 * How many threads the wasm backend gets (pure; wasm-setup.ts applies it).
 *
 * Half the logical cores, as tfjs itself would pick, but at least 2 on any
 * machine with 2 or more, and at most MAX_WASM_THREADS. Why half: on most
 * learners' machines logical cores are hyperthreads, two per physical core,
 * and XNNPACK's convolutions gain little from the second of a pair while
 * every extra thread adds a barrier that stalls whenever one thread is
 * descheduled (measured on the shared 2-core bench machine at load 11-13:
 * 2 threads ran 0.39x the speed of 1; bench/README.md). Why at least 2: a
 * 2-core laptop (or this VM) still gets its second core.
 */

/** Emscripten pre-spawns this many pthread workers in tfjs 4.22's threaded build; more would be spawned on demand. */
export const MAX_WASM_THREADS = 8;

export function threadsFor(cores: number | undefined): number {
  const n = coreCount(cores);
  if (n < 2) return 1;
  return Math.max(2, Math.min(MAX_WASM_THREADS, Math.floor(n / 2)));
}

/**
 * Whether a run leaves a core free for loading the next sandbox worker while
 * it trains (pure). A threaded run on a 2-core machine uses both cores, and a
 * worker loading beside it (tfjs's JavaScript, the threaded wasm module and
 * its 8 pthread workers) stalls the run's thread barriers: the page then loads
 * its spare worker after the run instead.
 */
export function leavesACoreFree(cores: number | undefined, crossOriginIsolated: boolean): boolean {
  const threads = crossOriginIsolated ? threadsFor(cores) : 1;
  return threads < coreCount(cores);
}

/** `navigator.hardwareConcurrency` as a whole number of cores, 1 when unknown. */
function coreCount(cores: number | undefined): number {
  return Math.floor(Number(cores) || 1);
}
