/**
 * Run to graded result: every exercise's reference solution, on every
 * backend, through the built site's runner page, repeated. Backends and
 * exercises are interleaved within each repetition, so a slow moment of the
 * machine does not land on one backend only.
 *
 * Each run waits for the spare worker to be warm first (as when a learner
 * reads before clicking Run) and is timed inside by the probe (probe.ts) to
 * split it into phases (phases.ts).
 */
import { runInput } from '../../scripts/lib/browser-session.ts';
import type { CourseExercise } from '../../src/course/discover.ts';
import type { BackendName, RunResult } from '../../src/sandbox/protocol.ts';
import type { BenchContext } from '../lib/context.ts';
import { PHASE_NAMES, splitPhases, trainingMsPerSample, type PhaseSplit } from '../lib/phases.ts';
import { instrument, readProbeReport, type FitTiming } from '../lib/probe.ts';
import { RunnerPage } from '../lib/runner-page.ts';
import { rounded, summarize, type Summary } from '../lib/stats.ts';

export interface ExerciseCell {
  exercise: string;
  backend: BackendName;
  /** Runs made (fewer than asked when the cell ran out of its time budget or timed out). */
  runs: number;
  /** Checks passed / checks run, per run, e.g. ["5/5", "5/5"]. */
  checks: string[];
  /** What went wrong in runs that did not pass, if any. */
  problems: string[];
  phases: Record<(typeof PHASE_NAMES)[number] | 'wall', Summary>;
  runMs: Summary;
  /** Steady training speed inside the exercise's fits (warm-up epochs excluded). */
  trainMsPerSample?: Summary;
  /** Tensors alive after the learner code minus before, per run (the solution's exported model counts). */
  tensorsAdded: number[];
  /** The warm worker's start-up (it happens while the learner reads, not in `wall`). */
  workerStartupMs?: Summary;
  /** The fits of the last run as the probe saw them (epochs, batch size, trainable layers, optimizer): the work to repeat elsewhere. */
  fits?: FitSpec[];
}

export type FitSpec = Omit<FitTiming, 'start' | 'end' | 'epochEnds'>;

export interface ExerciseOptions {
  /** A cell stops repeating once it has used this much time (slow backends get fewer runs, at least one). */
  cellBudgetMs: number;
  /** The bench stops a run after this long even when the exercise allows more (reported as a problem). */
  maxRunMs: number;
  /** Only these exercises (ids); all when empty. */
  only?: string[];
}

interface CellState {
  exercise: CourseExercise;
  backend: BackendName;
  splits: PhaseSplit[];
  runMs: number[];
  trainMsPerSample: number[];
  checks: string[];
  problems: string[];
  tensorsAdded: number[];
  startupMs: number[];
  fits?: FitSpec[];
  spentMs: number;
  done: boolean;
}

export async function benchExercises(ctx: BenchContext, options: ExerciseOptions): Promise<ExerciseCell[]> {
  const exercises = options.only?.length ? ctx.exercises.filter((e) => options.only!.includes(e.id)) : ctx.exercises;
  const cells: CellState[] = exercises.flatMap((exercise) =>
    ctx.backends.map((backend) => ({
      exercise,
      backend,
      splits: [],
      runMs: [],
      trainMsPerSample: [],
      checks: [],
      problems: [],
      tensorsAdded: [],
      startupMs: [],
      spentMs: 0,
      done: false,
    })),
  );
  const page = await RunnerPage.open(ctx.browser, ctx.siteUrl);
  try {
    for (let repetition = 0; repetition < ctx.runs; repetition++) {
      for (const cell of cells) {
        if (cell.done) continue;
        await runOnce(page, cell, options.maxRunMs);
        const label = `${cell.exercise.id} on ${cell.backend}`;
        ctx.log(`  ${label}: run ${cell.runMs.length}/${ctx.runs}, ${(cell.splits.at(-1)?.wall ?? NaN).toFixed(0)} ms${cell.problems.length ? ` (${cell.problems.at(-1)})` : ''}`);
        if (!cell.done && cell.spentMs > options.cellBudgetMs) {
          cell.done = true;
          ctx.log(`  ${label}: ${cell.splits.length} runs used ${(cell.spentMs / 1000).toFixed(0)} s, over this cell's budget; no more repetitions.`);
        }
      }
    }
  } finally {
    await page.close();
  }
  return cells.map(toCell);
}

async function runOnce(page: RunnerPage, cell: CellState, maxRunMs: number): Promise<void> {
  const startup = await page.waitForWarmWorker();
  if (startup) cell.startupMs.push(startup.moduleMs + startup.backendMs);
  const started = performance.now();
  const input = runInput(instrument(cell.exercise.solution), cell.exercise, cell.backend);
  const capped = input.timeLimitMs > maxRunMs;
  const { result, wallMs, events } = await page.run({ ...input, timeLimitMs: Math.min(input.timeLimitMs, maxRunMs) });
  cell.spentMs += performance.now() - started;
  const probe = readProbeReport(events);
  if (result.status === 'error' || !probe) {
    cell.problems.push(
      capped && result.error?.phase === 'timeout'
        ? `did not finish within the bench's ${maxRunMs / 1000} s cap (the exercise allows ${input.timeLimitMs / 1000} s)`
        : describeFailure(result),
    );
    // A timeout or crash would repeat: one is enough to report it.
    cell.done = true;
    return;
  }
  if (result.backend !== cell.backend) cell.problems.push(`ran on ${result.backend}, not ${cell.backend}`);
  const checks = result.checks ?? [];
  const passed = checks.filter((c) => c.status === 'pass').length;
  cell.checks.push(`${passed}/${checks.length}`);
  for (const check of checks.filter((c) => c.status === 'fail')) cell.problems.push(`check failed: ${check.title}: ${check.message ?? ''}`.trim());
  cell.splits.push(splitPhases({ wallMs, runMs: result.runMs, checksMs: result.checksMs }, probe));
  cell.runMs.push(result.runMs);
  const perSample = trainingMsPerSample(probe);
  if (perSample !== undefined) cell.trainMsPerSample.push(perSample);
  cell.tensorsAdded.push(result.tensors.after - result.tensors.before);
  cell.fits = probe.fits.map(({ start: _start, end: _end, epochEnds: _epochEnds, ...spec }) => spec);
}

function describeFailure(result: RunResult): string {
  if (result.status === 'error') return `${result.error?.phase}: ${result.error?.message ?? 'unknown error'}`;
  return 'the probe printed no report (the program did not reach its end)';
}

function toCell(state: CellState): ExerciseCell {
  const phase = (name: keyof PhaseSplit): Summary => rounded(summarize(state.splits.map((s) => s[name])));
  const phases = Object.fromEntries([...PHASE_NAMES, 'wall' as const].map((name) => [name, phase(name)])) as ExerciseCell['phases'];
  return {
    exercise: state.exercise.id,
    backend: state.backend,
    runs: state.splits.length,
    checks: state.checks,
    problems: [...new Set(state.problems)],
    phases,
    runMs: rounded(summarize(state.runMs)),
    ...(state.trainMsPerSample.length ? { trainMsPerSample: rounded(summarize(state.trainMsPerSample)) } : {}),
    tensorsAdded: state.tensorsAdded,
    ...(state.startupMs.length ? { workerStartupMs: rounded(summarize(state.startupMs)) } : {}),
    ...(state.fits?.length ? { fits: state.fits } : {}),
  };
}
