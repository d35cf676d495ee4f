/**
 * Runs an exercise's checks against one finished run of the learner's code.
 *
 * Guarantees (each has a unit test):
 * - checks run one after another, in order, each with its own time limit;
 * - a result says 'pass' only when the check's test returned (or its promise
 *   resolved) without throwing, within its time limit, and no built-in the
 *   checks rely on was replaced (integrity.ts);
 * - a test that throws something other than a CheckFailure reads
 *   "This check crashed: ..."; one that never settles reads
 *   "This check did not finish within N s";
 * - the returned promise never rejects.
 *
 * Why callbacks instead of `await` inside: `await` on a promise consults
 * `Promise.prototype.constructor` and `.then`, which learner code can replace.
 * The test's promise is observed with the captured `then` (intrinsics.ts).
 */
import type { CheckResult } from './contract.ts';
import type { Check, CheckContext } from './define.ts';
import { CheckFailure } from './expect.ts';
import { formatNumber, formatValue } from './format.ts';
import { findReplacedBuiltin } from './integrity.ts';
import { enterCheckRun } from './model-checks.ts';
import { disposeModelCopies } from './real-model.ts';
import {
  NativePromise,
  append,
  callFunction,
  defineValue,
  isArray,
  now,
  sliceText,
  startTimer,
  stopTimer,
  whenSettled,
} from './intrinsics.ts';

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/** Longest crash description shown to the learner. */
const MAX_CRASH_TEXT = 300;

export interface RunChecksOptions {
  /** Time limit per check in milliseconds, unless the check sets its own `timeoutMs`. Default 10 000. */
  timeoutMs?: number;
  /** Marks every result as coming from checks.hidden.ts. */
  hidden?: boolean;
  /**
   * Called once with the results, directly from the grader, without passing
   * through any promise the learner could have tampered with. Use it when the
   * results are sent on from the worker; the returned promise resolves too.
   */
  onDone?: (results: CheckResult[]) => void;
}

type Outcome =
  | { kind: 'passed' }
  | { kind: 'threw'; error: unknown }
  | { kind: 'timed-out'; timeoutMs: number }
  | { kind: 'tampered'; builtin: string }
  | { kind: 'not-awaitable'; returned: string };

export function runChecks<Lab>(
  checks: readonly Check<Lab>[],
  ctx: CheckContext<Lab>,
  options: RunChecksOptions = {},
): Promise<CheckResult[]> {
  // The model checks (weightChange…) load the shipped weights through this run's lab.
  enterCheckRun(ctx as CheckContext);
  return new NativePromise<CheckResult[]>((resolve) => {
    const results: CheckResult[] = [];
    const hidden = options.hidden === true;
    const defaultTimeoutMs = validTimeout(options.timeoutMs) ?? DEFAULT_CHECK_TIMEOUT_MS;
    const onDone = options.onDone;

    const finish = (): void => {
      // An array is resolved as-is unless something makes it look like a thenable:
      // shadow any `then` a learner put on Array.prototype or Object.prototype.
      defineValue(results, 'then', undefined, false);
      disposeModelCopies();
      if (typeof onDone === 'function') {
        try {
          onDone(results);
        } catch {
          // The caller's callback failing is the caller's problem; the promise still resolves.
        }
      }
      resolve(results);
    };

    if (!isArray(checks)) {
      append(results, failure('Checks', 0, hidden, `The checks could not be read: expected a list, got ${formatValue(checks)}`));
      finish();
      return;
    }

    const runFrom = (index: number): void => {
      if (index >= checks.length) {
        finish();
        return;
      }
      const check = checks[index];
      runOne(check, index, ctx, defaultTimeoutMs, (outcome, durationMs) => {
        let result: CheckResult;
        try {
          result = toResult(check, index, outcome, durationMs, hidden);
        } catch (error) {
          // A bug in the grader must still produce a (failed) result, never a rejection.
          result = failure(`Check ${index + 1}`, durationMs, hidden, `The grader failed on this check: ${describeThrown(error)}`);
        }
        append(results, result);
        runFrom(index + 1);
      });
    };
    runFrom(0);
  });
}

/** Runs one check and reports its outcome exactly once. Never throws. */
function runOne<Lab>(
  check: Check<Lab> | undefined,
  index: number,
  ctx: CheckContext<Lab>,
  defaultTimeoutMs: number,
  report: (outcome: Outcome, durationMs: number) => void,
): void {
  const startedAt = now();
  let reported = false;
  let timer: unknown;
  const settle = (outcome: Outcome): void => {
    if (reported) return;
    reported = true;
    if (timer !== undefined) stopTimer(timer);
    // A built-in replaced while the test ran (by a learner timer, say) voids a pass.
    const replaced = outcome.kind === 'passed' ? findReplacedBuiltin() : undefined;
    report(replaced === undefined ? outcome : { kind: 'tampered', builtin: replaced }, roundMs(now() - startedAt));
  };

  const replacedBefore = findReplacedBuiltin();
  if (replacedBefore !== undefined) {
    settle({ kind: 'tampered', builtin: replacedBefore });
    return;
  }

  let returned: unknown;
  let timeoutMs = defaultTimeoutMs;
  try {
    if (typeof check !== 'object' || check === null) throw new TypeError(`check ${index + 1} is not a check`);
    timeoutMs = validTimeout(check.timeoutMs) ?? defaultTimeoutMs;
    const test = check.test;
    if (typeof test !== 'function') throw new TypeError(`check ${index + 1} has no test function`);
    returned = callFunction(test, check, [ctx]);
  } catch (error) {
    settle({ kind: 'threw', error });
    return;
  }
  // A synchronous test that returned normally has passed.
  if (typeof returned !== 'object' && typeof returned !== 'function') {
    settle({ kind: 'passed' });
    return;
  }
  if (returned === null) {
    settle({ kind: 'passed' });
    return;
  }
  timer = startTimer(() => settle({ kind: 'timed-out', timeoutMs }), timeoutMs);
  try {
    whenSettled(
      returned,
      () => settle({ kind: 'passed' }),
      (error) => settle({ kind: 'threw', error }),
    );
  } catch {
    // Not a real promise (or Promise was tampered with): it cannot vouch for a pass.
    settle({ kind: 'not-awaitable', returned: formatValue(returned) });
  }
}

function toResult<Lab>(
  check: Check<Lab> | undefined,
  index: number,
  outcome: Outcome,
  durationMs: number,
  hidden: boolean,
): CheckResult {
  const title = readString(check, 'title') ?? `Check ${index + 1}`;
  // Points are carried only when the check declares them (the default, 1, is implied).
  const points = check?.points;
  if (outcome.kind === 'passed') {
    const result: CheckResult = { title, status: 'pass', durationMs };
    if (hidden) defineValue(result, 'hidden', true);
    if (typeof points === 'number') defineValue(result, 'points', points);
    return result;
  }
  const result = failureFor(title, durationMs, hidden, outcome);
  const hint = readString(check, 'hint');
  if (hint !== undefined) defineValue(result, 'hint', hint);
  if (typeof points === 'number') defineValue(result, 'points', points);
  return result;
}

function failureFor(title: string, durationMs: number, hidden: boolean, outcome: Exclude<Outcome, { kind: 'passed' }>): CheckResult {
  switch (outcome.kind) {
    case 'timed-out':
      return failure(title, durationMs, hidden, `This check did not finish within ${formatNumber(outcome.timeoutMs / 1000)} s`);
    case 'tampered':
      return failure(
        title,
        durationMs,
        hidden,
        `This check cannot be trusted: your code replaced the built-in \`${outcome.builtin}\`. Remove that change and run again.`,
      );
    case 'not-awaitable':
      return failure(
        title,
        durationMs,
        hidden,
        `This check crashed: its test returned ${outcome.returned} instead of a Promise or nothing`,
      );
    case 'threw': {
      const { error } = outcome;
      if (isCheckFailure(error)) {
        const result = failure(title, durationMs, hidden, readString(error, 'message') ?? 'This check failed');
        const expected = readString(error, 'expected');
        const actual = readString(error, 'actual');
        if (expected !== undefined) defineValue(result, 'expected', expected);
        if (actual !== undefined) defineValue(result, 'actual', actual);
        const revealed = readRevealed(error);
        if (revealed !== undefined) defineValue(result, 'revealed', revealed);
        return result;
      }
      return failure(title, durationMs, hidden, `This check crashed: ${describeThrown(error)}`);
    }
  }
}

function failure(title: string, durationMs: number, hidden: boolean, message: string): CheckResult {
  const result: CheckResult = { title, status: 'fail', message, durationMs };
  if (hidden) defineValue(result, 'hidden', true);
  return result;
}

function isCheckFailure(error: unknown): error is CheckFailure {
  try {
    return error instanceof CheckFailure;
  } catch {
    return false; // a Proxy whose getPrototypeOf trap throws
  }
}

/** "TypeError: Cannot read properties of undefined (reading 'shape')", or the thrown value itself. */
function describeThrown(error: unknown): string {
  let text: string;
  if (typeof error === 'object' && error !== null) {
    const name = readString(error, 'name');
    const message = readString(error, 'message');
    text = message === undefined ? formatValue(error) : name ? `${name}: ${message}` : message;
  } else {
    text = formatValue(error);
  }
  return text.length > MAX_CRASH_TEXT ? `${sliceText(text, 0, MAX_CRASH_TEXT)}…` : text;
}

/** Reads a string property of an untrusted object; anything else (or a throwing getter) is undefined. */
function readString(target: unknown, key: string): string | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  try {
    const value = (target as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A failure's held-back full message ({ reveal: n } assertions), copied field by field from the untrusted error. */
function readRevealed(error: unknown): CheckResult['revealed'] {
  if (typeof error !== 'object' || error === null) return undefined;
  let revealed: unknown;
  try {
    revealed = (error as { revealed?: unknown }).revealed;
  } catch {
    return undefined;
  }
  const message = readString(revealed, 'message');
  let afterAttempts: unknown;
  try {
    afterAttempts = (revealed as { afterAttempts?: unknown } | undefined)?.afterAttempts;
  } catch {
    return undefined;
  }
  if (message === undefined || typeof afterAttempts !== 'number' || !(afterAttempts >= 1)) return undefined;
  const expected = readString(revealed, 'expected');
  return expected === undefined ? { afterAttempts, message } : { afterAttempts, message, expected };
}

function validTimeout(ms: unknown): number | undefined {
  return typeof ms === 'number' && ms > 0 && ms < Infinity ? ms : undefined;
}

/** To a tenth of a millisecond, without Math.round (replaceable). */
function roundMs(ms: number): number {
  const tenths = ms * 10 + 0.5;
  return (tenths - (tenths % 1)) / 10;
}
