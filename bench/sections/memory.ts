/**
 * Memory over many runs: one runner page runs the heaviest exercise's
 * solution N times in a row (a learner pressing Run again and again).
 *
 * Per run: tensors alive before/after the learner code (RunResult), the
 * sandbox worker's JS heap after a forced GC at the end of the learner code
 * (CDP; the probe holds the worker open until it is measured, see probe.ts),
 * tf.memory() bytes and the wasm heap size at that moment, and after the run
 * the page's JS heap after GC and how many workers are alive. Every run gets
 * a fresh worker, so what must not grow is the page, the number of workers,
 * and each run's own footprint.
 */
import { runInput } from '../../scripts/lib/browser-session.ts';
import type { CourseExercise } from '../../src/course/discover.ts';
import type { BackendName } from '../../src/sandbox/protocol.ts';
import type { BenchContext } from '../lib/context.ts';
import { BENCH_MARK, instrument, readProbeReport } from '../lib/probe.ts';
import { RunnerPage, type HeapUsage } from '../lib/runner-page.ts';

export interface MemorySample {
  run: number;
  tensorsBefore: number;
  tensorsAfter: number;
  tfBytes: number;
  wasmHeapBytes?: number;
  workerHeapBytes?: number;
  pageHeapBytes: number;
  liveWorkers: number;
}

export interface MemoryResult {
  exercise: string;
  backend: BackendName;
  runs: number;
  problems: string[];
  samples: MemorySample[];
  /** Last run minus first run, for each measure. */
  growth: { tensorsAfter: number; workerHeapBytes?: number; pageHeapBytes: number; liveWorkers: number };
}

export async function benchMemory(ctx: BenchContext, exercise: CourseExercise, backend: BackendName, runs: number): Promise<MemoryResult> {
  const page = await RunnerPage.open(ctx.browser, ctx.siteUrl);
  const samples: MemorySample[] = [];
  const problems: string[] = [];
  const code = instrument(exercise.solution, { holdForHeap: true });
  try {
    for (let run = 1; run <= runs; run++) {
      await page.waitForWarmWorker();
      // The warm spare is the worker this run will take (the runner may start the next spare as the run starts).
      const runningWorker = await page.workerTargetIds();
      const running = page.run(runInput(code, exercise, backend));
      const workerHeap = await measureHeldWorker(page, running, new Set(runningWorker));
      const { result, events } = await running;
      const probe = readProbeReport(events);
      if (result.status === 'error' || !probe) {
        problems.push(result.error?.message ?? 'no probe report');
        continue;
      }
      // Let the page settle: the finished worker is terminated, the next spare is starting.
      await page.waitForWarmWorker();
      const pageHeap = await page.pageHeap();
      samples.push({
        run,
        tensorsBefore: result.tensors.before,
        tensorsAfter: result.tensors.after,
        tfBytes: probe.memory.numBytes,
        ...(probe.wasmHeapBytes === undefined ? {} : { wasmHeapBytes: probe.wasmHeapBytes }),
        ...(workerHeap ? { workerHeapBytes: workerHeap.usedBytes } : {}),
        pageHeapBytes: pageHeap.usedBytes,
        liveWorkers: (await page.workerTargetIds()).length,
      });
      ctx.log(`  memory run ${run}/${runs}: tensors ${result.tensors.after}, worker heap ${mb(workerHeap?.usedBytes)}, page heap ${mb(pageHeap.usedBytes)}`);
    }
  } finally {
    await page.close();
  }
  const first = samples[0];
  const last = samples.at(-1);
  return {
    exercise: exercise.id,
    backend,
    runs: samples.length,
    problems: [...new Set(problems)],
    samples,
    growth:
      first && last
        ? {
            tensorsAfter: last.tensorsAfter - first.tensorsAfter,
            ...(first.workerHeapBytes !== undefined && last.workerHeapBytes !== undefined
              ? { workerHeapBytes: last.workerHeapBytes - first.workerHeapBytes }
              : {}),
            pageHeapBytes: last.pageHeapBytes - first.pageHeapBytes,
            liveWorkers: last.liveWorkers - first.liveWorkers,
          }
        : { tensorsAfter: Number.NaN, pageHeapBytes: Number.NaN, liveWorkers: Number.NaN },
  };
}

/**
 * Waits until the running program has printed its report (it then holds,
 * waiting for `__benchHeapTaken`), measures the worker that is running (the
 * one that was the warm spare before the run), and releases it. Gives up
 * (undefined) if the run ends first or the running worker is not clear.
 */
async function measureHeldWorker(page: RunnerPage, running: Promise<unknown>, before: ReadonlySet<string>): Promise<HeapUsage | undefined> {
  let finished = false;
  void running.then(
    () => (finished = true),
    () => (finished = true),
  );
  while (!finished) {
    const events = await page.currentEvents();
    if (events.some((e) => typeof (e as { text?: unknown }).text === 'string' && (e as { text: string }).text.startsWith(BENCH_MARK))) {
      const workers = (await page.workerTargetIds()).filter((id) => before.has(id));
      if (workers.length !== 1) return undefined;
      return page.workerHeap(workers[0]!);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${(bytes / 1e6).toFixed(1)} MB`;
}
