/**
 * One run, start to finish, in whatever thread calls it: compile, run the
 * learner module with console and fit captured, measure, run the checks,
 * and summarise. The worker (entry.ts) and the in-process runner
 * (in-process-runner.ts) both call `executeRun`; they differ only in the
 * environment they pass (where events go, how async errors are caught,
 * how much is isolated, who enforces the time limit).
 */
import { createCapturedConsole, installConsole } from './console-capture.ts';
import { FitTracker, instrumentFit, setActiveFitTracker, type TfForFit } from './fit-instrument.ts';
import { isGradingModule, type CheckContext, type GradingModule } from '../../grading/contract.ts';
import { chain, clearTimer, deferred, now as nativeNow, race, REJECTION_REPORT_MS, setTimer } from '../isolation/intrinsics.ts';
import { explain, isLearnerError, startModule, ThrowTracker } from './start-module.ts';
import { createOutputSink, type OutputSink } from './output.ts';
import type { Isolation } from '../isolation/isolation.ts';
import type { BackendName, CheckResult, LearnerError, RunRequest, RunResult, TensorCounts } from '../protocol.ts';
import { stoppedError, timeoutError } from '../stop-errors.ts';
import { transpile, type CompiledModule } from './transpile.ts';
import { GRADING_MODULE, importableModules, LAB_MODULE, TFJS_MODULE } from './importable.ts';
import type { RunEvent } from '../protocol.ts';
import { setShowSink } from '../../lab/show-sink.ts';
import { createShowRecorder, type ShowRecorder } from './show-recorder.ts';

/** The tfjs surface the runtime needs (the real module satisfies it). */
export interface TfModule extends TfForFit {
  memory(): { numTensors: number };
}


export interface RunEnvironment {
  tf: TfModule;
  /** The `lab` module learners import; absent: `import ... from 'lab'` is refused. */
  lab?: unknown;
  /** The `grading` module checks import; absent: runs with checks fail in phase 'checks'. */
  grading?: unknown;
  /** The backend already selected for this run. */
  backend: BackendName;
  emit(event: RunEvent): void;
  /** Hears the dropped-output total now and then during the run (the worker forwards it to the page). */
  reportDropped?: (total: number) => void;
  /** The console object to capture (normally `globalThis.console`). */
  console: Console;
  /**
   * Starts listening for errors that escape asynchronously (unhandled
   * rejections, throws inside timers); returns the function that stops it.
   */
  watchAsyncErrors(onError: (value: unknown) => void): () => void;
  /**
   * Recorded before the run (isolation.ts): sealed when the learner's code's
   * turn ends (a watched built-in it changed fails every check as untrusted),
   * compared and restored after the checks. Absent: nothing is isolated.
   */
  isolation?: Isolation;
  /** Enforce `timeLimitMs` here (in-process). The worker runner enforces it from the page instead. */
  enforceTimeLimit?: boolean;
  /** Ends the run early (in-process `stop()`); the code itself cannot be interrupted. */
  signal?: AbortSignal;
  /** For messages: "a Web Worker", "Node.js". */
  environmentName?: string;
  /**
   * Called with the code's exports after every check passed (trusted), or after the checks whatever
   * they said when the request's `exportModel` is 'always', before the result is returned: the
   * worker sends the learner's model to the page there ("Download my model", the grader's holdout).
   */
  onPassed?: (exports: Record<string, unknown>) => Promise<void>;
}

/** Why the learner part of a run ended early. */
class RunEnded {
  readonly error: LearnerError;
  constructor(error: LearnerError) {
    this.error = error;
  }
}

export async function executeRun(request: RunRequest, env: RunEnvironment): Promise<RunResult> {
  instrumentFit(env.tf);
  const started = nativeNow();
  const sink = createOutputSink({
    onLine: (line) => env.emit({ type: 'log', id: request.id, level: line.level, text: line.text }),
    ...(env.reportDropped ? { onDropped: env.reportDropped } : {}),
  });
  const tracker = new FitTracker(env.emit, request.id, nativeNow);
  const shows = createShowRecorder({
    send: (view) => env.emit({ type: 'show', id: request.id, view }),
    notice: (text) => env.emit({ type: 'log', id: request.id, level: 'warn', text }),
  });
  const throws = new ThrowTracker();
  const summary = (partial: Partial<RunResult> & Pick<RunResult, 'status'>): RunResult =>
    finish(request, env, sink, shows, { backend: env.backend, runMs: 0, checksMs: 0, tensors: { before: 0, after: 0 }, droppedLogLines: 0, ...partial });

  // 1. Compile everything first: an import or syntax error costs no run time.
  const code = transpile(request.code, { file: 'code', modules: importableModules('code', { withLab: env.lab !== undefined }) });
  if (!code.ok) return summary({ status: 'error', error: code.error });
  const checkSources = [request.checks, request.hiddenChecks];
  const checkModules = checkSources.map((source) =>
    source === undefined ? undefined : transpile(source, { file: 'checks', modules: importableModules('checks', { withLab: env.lab !== undefined }) }),
  );

  // 2. Run the learner module with everything captured.
  const restoreConsole = installConsole(env.console, createCapturedConsole(sink.write, nativeNow));
  setActiveFitTracker(tracker);
  // lab's show() draws into this run while the learner's code runs (not during the checks).
  setShowSink(shows.sink);
  let phase: 'run' | 'checks' | 'over' = 'run';
  let onAsyncError: ((value: unknown) => void) | null = null;
  const stopWatching = env.watchAsyncErrors((value) => {
    if (phase === 'run') onAsyncError?.(value);
  });
  const limits = runLimits(request, env, started);
  try {
    const before = env.tf.memory().numTensors;
    // Await first, start the learner code after (in a microtask): the await is
    // then set up while the built-ins are still pristine. See runLearnerCode.
    const gate = deferred<LearnerOutcome>();
    const timing = { start: 0, end: 0 };
    const sealed: SealOutcome = {};
    queueMicrotask(() => {
      timing.start = nativeNow();
      runLearnerCode(code.module, env, tracker, throws, request, limits, (listener) => (onAsyncError = listener), timing, sealed, gate.resolve);
    });
    const outcome = await gate.promise;
    const replaced = sealed.replaced;
    const runMs = (timing.end || nativeNow()) - timing.start;
    if (outcome instanceof RunEnded) {
      return summary({ status: 'error', error: outcome.error, runMs, tensors: { before, after: env.tf.memory().numTensors } });
    }
    const tensors: TensorCounts = { before, after: env.tf.memory().numTensors };

    // 3. The checks.
    if (checkModules.every((m) => m === undefined)) return summary({ status: 'ok', runMs, tensors });
    phase = 'checks';
    setShowSink(null);
    const checksStarted = nativeNow();
    const context: CheckContext = {
      exports: outcome,
      fits: tracker.records,
      ...(tracker.otherTraining ? { otherTraining: tracker.otherTraining } : {}),
      ...(tracker.unseenTraining > 0 ? { unseenTraining: tracker.unseenTraining } : {}),
      logs: sink.lines.map((line) => ({ ...line })),
      source: request.code,
      runMs,
      tensors,
      // The real tfjs module: TfModule is the slice the runtime itself touches.
      tf: env.tf as unknown as CheckContext['tf'],
      lab: env.lab,
      shown: shows.shown.map((view) => ({ ...view })),
    };
    const checks = await runAllChecks(checkModules, context, env, throws, code.module, limits);
    const tampered = env.isolation?.compare();
    env.isolation?.restore();
    const checksMs = nativeNow() - checksStarted;
    if (isLearnerError(checks)) return summary({ status: 'error', error: checks, runMs, checksMs, tensors });
    const trusted = replaced !== undefined ? untrusted(checks, replacedMessage(replaced)) : tampered !== undefined ? untrusted(checks, stillRunningMessage(tampered)) : checks;
    const passed = trusted.length > 0 && trusted.every((check) => check.status === 'pass');
    if (env.onPassed && (passed || request.exportModel === 'always')) {
      // With exportName, only that export is offered (the model export picks the first LayersModel it is given).
      const name = request.exportName;
      await env.onPassed(name === undefined ? outcome : name in outcome ? { [name]: outcome[name] } : {});
    }
    return summary({ status: 'ok', runMs, checksMs, tensors, checks: trusted, numbers: exportedNumbers(outcome) });
  } finally {
    phase = 'over';
    limits.dispose();
    stopWatching();
    setActiveFitTracker(null);
    setShowSink(null);
    restoreConsole();
  }
}

interface RunLimits {
  /** Rejects with a RunEnded when the time limit passes or the signal aborts (never, if not enforced here). */
  ended: Promise<never>;
  /** The same moment as a callback (for code that must not await). */
  onEnded(listener: (ended: RunEnded) => void): void;
  /** Milliseconds left of the limit (for the checks' own timeout). */
  remaining(): number;
  dispose(): void;
}

function runLimits(request: RunRequest, env: RunEnvironment, started: number): RunLimits {
  const ended = deferred<never>();
  const listeners: ((ended: RunEnded) => void)[] = [];
  let reason: RunEnded | undefined;
  const end = (why: RunEnded): void => {
    if (reason) return;
    reason = why;
    ended.reject(why);
    for (const listener of listeners) listener(why);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (env.enforceTimeLimit) timer = setTimer(() => end(new RunEnded(timeoutError(request.timeLimitMs))), request.timeLimitMs);
  const onAbort = (): void => end(new RunEnded(stoppedError()));
  if (env.signal?.aborted) onAbort();
  env.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    ended: ended.promise,
    onEnded(listener) {
      if (reason) listener(reason);
      else listeners.push(listener);
    },
    remaining: () => Math.max(0, request.timeLimitMs - (nativeNow() - started)),
    dispose() {
      clearTimer(timer);
      env.signal?.removeEventListener('abort', onAbort);
    },
  };
}

type LearnerOutcome = Record<string, unknown> | RunEnded;

/** What sealing the learner's turn found: the first watched built-in its code changed. */
interface SealOutcome {
  replaced?: string;
}

/**
 * Runs the module body and calls `done` once with its exports or why it ended.
 *
 * Written with callbacks and the captured `then` (intrinsics.ts), never
 * `await`, because it runs while learner code may have replaced
 * `Promise.prototype.then` or planted `Object.prototype.then`: an `await`
 * consults both. The isolation is sealed (built-ins restored) before `done`
 * receives an object, for the same reason.
 *
 * After the body: waits REJECTION_REPORT_MS for unhandled rejections to be
 * reported, then for any fit the learner did not await (with a warning).
 * `timing.end` marks when the learner's work ended (body, then any such fit).
 */
function runLearnerCode(
  compiled: CompiledModule,
  env: RunEnvironment,
  tracker: FitTracker,
  throws: ThrowTracker,
  request: RunRequest,
  limits: RunLimits,
  listenForAsyncErrors: (listener: (value: unknown) => void) => void,
  timing: { end: number },
  sealed: SealOutcome,
  done: (outcome: LearnerOutcome) => void,
): void {
  let finished = false;
  const finish = (outcome: () => LearnerOutcome): void => {
    if (finished) return;
    finished = true;
    timing.end ||= nativeNow();
    const replaced = env.isolation?.seal();
    if (replaced !== undefined) sealed.replaced = replaced;
    done(outcome());
  };
  const fail = (value: unknown): void =>
    finish(() => (value instanceof RunEnded ? value : new RunEnded(explain(value, 'run', [compiled], throws, env.environmentName))));
  listenForAsyncErrors(fail);
  limits.onEnded(fail);

  const modules: Record<string, unknown> = { [TFJS_MODULE]: env.tf };
  if (env.lab !== undefined) modules[LAB_MODULE] = env.lab;
  const started = startModule(compiled, modules, throws, 'compile');
  if (isLearnerError(started)) {
    finish(() => new RunEnded(started));
    return;
  }
  const succeed = (): void => finish(() => ({ ...started.exports }));
  chain(
    started.completion,
    () => {
      timing.end = nativeNow(); // runMs is the body's time, not the wait for late rejections below
      setTimer(() => {
        if (finished) return;
        if (!tracker.busy) {
          succeed();
          return;
        }
        env.isolation?.restore(); // the warning below goes through our own code
        env.emit({
          type: 'log',
          id: request.id,
          level: 'warn',
          text: 'model.fit() was still running when your code finished (a missing `await`?). Waiting for it before the checks.',
        });
        tracker.whenIdle(() => {
          timing.end = nativeNow();
          setTimer(succeed, REJECTION_REPORT_MS);
        });
      }, REJECTION_REPORT_MS);
    },
    fail,
  );
}

/** Loads each checks file and runs its checks; hidden ones are flagged. */
async function runAllChecks(
  compiledChecks: readonly (ReturnType<typeof transpile> | undefined)[],
  context: CheckContext,
  env: RunEnvironment,
  throws: ThrowTracker,
  learner: CompiledModule,
  limits: RunLimits,
): Promise<CheckResult[] | LearnerError> {
  const grading = env.grading;
  if (!isGradingModule(grading)) {
    return { phase: 'checks', name: 'Error', message: 'The grading module is not available, so the checks cannot run.' };
  }
  const results: CheckResult[] = [];
  for (let index = 0; index < compiledChecks.length; index++) {
    const compiled = compiledChecks[index];
    if (compiled === undefined) continue;
    if (!compiled.ok) return compiled.error;
    const modules: Record<string, unknown> = { [TFJS_MODULE]: env.tf, [GRADING_MODULE]: grading };
    if (env.lab !== undefined) modules[LAB_MODULE] = env.lab;
    const started = startModule(compiled.module, modules, throws, 'checks');
    if (isLearnerError(started)) return started;
    let list: unknown;
    try {
      await race([started.completion, limits.ended]);
      list = started.exports.default;
    } catch (value) {
      if (value instanceof RunEnded) return value.error;
      return explain(value, 'checks', [compiled.module, learner], throws, env.environmentName);
    }
    if (!Array.isArray(list)) {
      return {
        phase: 'checks',
        name: 'TypeError',
        message: 'The checks file must `export default defineChecks([...])`.',
        file: 'checks',
      };
    }
    try {
      const outcome = await race([
        grading.runChecks(list as never[], context, checkOptions(grading, limits.remaining(), index === 1)),
        limits.ended,
      ]);
      for (const result of outcome) results.push(result);
    } catch (value) {
      if (value instanceof RunEnded) return value.error;
      return explain(value, 'checks', [compiled.module, learner], throws, env.environmentName);
    }
  }
  return results;
}

/** The exports that are finite numbers (RunResult.numbers), bounded so a module cannot flood the page. */
export function exportedNumbers(exports: Record<string, unknown>): Record<string, number> {
  const numbers: Record<string, number> = {};
  let count = 0;
  for (const [name, value] of Object.entries(exports)) {
    if (count >= 16) break;
    if (name.length > 64 || typeof value !== 'number' || !Number.isFinite(value)) continue;
    numbers[name] = value;
    count++;
  }
  return numbers;
}

/** Each check keeps grading's own per-check limit, but never more than what is left of the run's. */
function checkOptions(grading: GradingModule, remainingMs: number, hidden: boolean): { timeoutMs?: number; hidden: boolean } {
  const perCheck = grading.DEFAULT_CHECK_TIMEOUT_MS ?? 10_000;
  return remainingMs < perCheck ? { timeoutMs: Math.max(1, remainingMs), hidden } : { hidden };
}

/** The learner's code changed a watched built-in (src/grading/README.md promises this message). */
function replacedMessage(builtin: string): string {
  return `This check cannot be trusted: your code replaced the built-in \`${builtin}\`. Remove that change and run again.`;
}

function stillRunningMessage(changed: string): string {
  return `This check cannot be trusted: your code was still running while the checks ran, and changed \`${changed}\`. Make sure nothing of your code keeps running once it ends (an interval, a timer, a loop you did not await).`;
}

/** Every check fails when a built-in it may use was changed: none of their results can be believed. */
function untrusted(checks: CheckResult[], message: string): CheckResult[] {
  return checks.map((check) => {
    const { expected: _expected, actual: _actual, revealed: _revealed, ...rest } = check;
    return { ...rest, status: 'fail', message };
  });
}

function finish(request: RunRequest, env: RunEnvironment, sink: OutputSink, shows: ShowRecorder, result: RunResult): RunResult {
  const showNote = shows.capNote();
  if (showNote) env.emit({ type: 'log', id: request.id, level: 'warn', text: showNote });
  const note = sink.truncationNote();
  if (note) env.emit({ type: 'log', id: request.id, level: 'warn', text: note });
  return { ...result, droppedLogLines: sink.dropped };
}
