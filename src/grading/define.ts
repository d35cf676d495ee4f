/**
 * What a lesson's checks.ts exports: a list of checks, and the context each
 * check receives. `defineChecks` validates the list when checks.ts loads, so a
 * mistake by the author (an empty title, two checks with the same title)
 * shows up at once with a message naming the check, not as a confusing result.
 */
import type * as LabModule from '../lab/index.ts';
import type { CheckContext } from './contract.ts';
import { NativeError, append, freeze, isArray } from './intrinsics.ts';
import { formatValue } from './format.ts';

/** The learner library (src/lab) as checks see it in `ctx.lab`: `lab.models`, `lab.datasets`, `lab.evaluate`. */
export type LabLibrary = typeof LabModule;

export type { CheckContext, FitRecord, LogEntry } from './contract.ts';

export interface Check<Lab = LabLibrary> {
  /** What the learner reads next to the tick or cross, e.g. "The new head outputs 5 classes". Unique in the list. */
  title: string;
  /** Shown to the learner when the check fails. */
  hint?: string;
  /** How long the test may take, in milliseconds (default: runChecks' timeoutMs, 10 s). */
  timeoutMs?: number;
  /** What passing this check is worth in `npm run grade`'s grades.csv (default 1; 0 makes it ungraded feedback). */
  points?: number;
  /** Throws (through `expect` or `fail`) when the learner's work is not right yet; returns when it is. */
  test(ctx: CheckContext<Lab>): void | Promise<void>;
}

/**
 * Validates the checks of one exercise and returns them, frozen.
 * Throws an Error listing every problem found.
 */
export function defineChecks<Lab = LabLibrary>(checks: readonly Check<Lab>[]): readonly Check<Lab>[] {
  if (!isArray(checks)) throw new NativeError(`defineChecks expects a list of checks, got ${formatValue(checks)}`);
  if (checks.length === 0) throw new NativeError('defineChecks needs at least one check');
  const problems: string[] = [];
  const titles: string[] = [];
  const defined: Check<Lab>[] = [];
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i];
    const label = `check ${i + 1}`;
    if (typeof check !== 'object' || check === null) {
      append(problems, `${label} is ${formatValue(check)}, not an object with a title and a test`);
      continue;
    }
    const { title, hint, timeoutMs, test, points } = check;
    const named = typeof title === 'string' && title.trim() !== '' ? `${label} ("${title}")` : label;
    if (typeof title !== 'string' || title.trim() === '') append(problems, `${label} has no title`);
    else if (titles.includes(title)) append(problems, `${named} has the same title as an earlier check`);
    else append(titles, title);
    if (typeof test !== 'function') append(problems, `${named} has no test function`);
    if (hint !== undefined && typeof hint !== 'string') append(problems, `${named}: hint must be a string`);
    if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs < Infinity)) {
      append(problems, `${named}: timeoutMs must be a positive number of milliseconds`);
    }
    if (points !== undefined && !(typeof points === 'number' && points >= 0 && points < Infinity)) {
      append(problems, `${named}: points must be a number of 0 or more (default 1)`);
    }
    append(defined, freeze(points === undefined ? { title, hint, timeoutMs, test } : { title, hint, timeoutMs, test, points }));
  }
  if (problems.length > 0) throw new NativeError(`defineChecks: ${problems.join('; ')}`);
  return freeze(defined);
}
