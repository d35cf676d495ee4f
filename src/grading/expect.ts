/**
 * The assertions check authors write: `expect(actual).toEqual(...)`,
 * `expect.exported(exports, 'model', ...)`, `fail(...)`.
 *
 * A failed assertion throws a `CheckFailure` whose `message` is written for
 * the learner and whose `expected` / `actual` are short readable texts
 * (see format.ts). A mistake by the check author (e.g. a tolerance that is
 * not a number) throws a plain Error instead, so it shows as a crashed check.
 *
 * Every comparison uses plain operators or the captured intrinsics, never
 * methods looked up at check time (see intrinsics.ts).
 */
import { findDifference, deepEqual } from './equal.ts';
import { formatNumber, formatValue } from './format.ts';
import {
  NativeError,
  freeze,
  hasOwn,
  includesText,
  isArray,
  regexMatches,
  regexToText,
  upperFirst,
} from './intrinsics.ts';

export interface FailureDetails {
  /** What the check wanted, as the learner will read it. */
  expected?: string;
  /** What the learner's code produced, as the learner will read it. */
  actual?: string;
}

/** Thrown by a failed assertion; `runChecks` turns it into a failed CheckResult. */
export class CheckFailure extends NativeError {
  override name = 'CheckFailure';
  readonly expected: string | undefined;
  readonly actual: string | undefined;

  constructor(message: string, details: FailureDetails = {}) {
    super(message);
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

/** Fails the current check with a message of your own. */
export function fail(message: string, details?: FailureDetails): never {
  throw new CheckFailure(message, details);
}

export class Expectation<T = unknown> {
  readonly #actual: T;

  constructor(actual: T) {
    this.#actual = actual;
  }

  /** Same value (`Object.is`, except that 0 and -0 count as the same); for objects, the same object. */
  toBe(expected: unknown, what?: string): void {
    const actual: unknown = this.#actual;
    if (actual === expected || (actual !== actual && expected !== expected)) return;
    const sameShape = typeof actual === 'object' && actual !== null && safeDeepEqual(actual, expected);
    const note = sameShape ? ' (equal, but not the same object: use toEqual)' : '';
    this.#fail(what, `expected ${formatValue(expected)}, got ${formatValue(actual)}${note}`, expected);
  }

  /** Deep equality: lists item by item, objects key by key, numbers exactly. See README for the rules. */
  toEqual(expected: unknown, what?: string): void {
    const difference = findDifference(this.#actual, expected);
    if (difference === undefined) return;
    const where = difference.path === '' ? '' : ` (at ${difference.path}: ${difference.detail})`;
    this.#fail(what, `expected ${formatValue(expected)}, got ${formatValue(this.#actual)}${where}`, expected);
  }

  /** A number within `tolerance` (absolute) of `expected`, both ends included. */
  toBeCloseTo(expected: number, tolerance: number, what?: string): void {
    requireNumber('toBeCloseTo', expected);
    requireNumber('toBeCloseTo (tolerance)', tolerance);
    if (tolerance < 0) throw new NativeError('toBeCloseTo: the tolerance must not be negative');
    const actual: unknown = this.#actual;
    const wanted = `${formatNumber(expected)} ± ${formatNumber(tolerance)}`;
    if (typeof actual === 'number') {
      const distance = actual > expected ? actual - expected : expected - actual;
      if (distance <= tolerance) return;
    }
    this.#fail(what, `expected ${wanted}, got ${formatValue(actual)}`, undefined, wanted);
  }

  toBeGreaterThan(limit: number, what?: string): void {
    this.#compare('toBeGreaterThan', limit, 'more than', what, (a) => a > limit);
  }

  toBeGreaterThanOrEqual(limit: number, what?: string): void {
    this.#compare('toBeGreaterThanOrEqual', limit, 'at least', what, (a) => a >= limit);
  }

  toBeLessThan(limit: number, what?: string): void {
    this.#compare('toBeLessThan', limit, 'less than', what, (a) => a < limit);
  }

  toBeLessThanOrEqual(limit: number, what?: string): void {
    this.#compare('toBeLessThanOrEqual', limit, 'at most', what, (a) => a <= limit);
  }

  /** Text that matches a RegExp, or contains a string. */
  toMatch(pattern: RegExp | string, what?: string): void {
    const actual: unknown = this.#actual;
    const wanted = typeof pattern === 'string' ? `text containing ${formatValue(pattern)}` : `text matching ${patternText(pattern)}`;
    if (typeof actual === 'string') {
      const matched = typeof pattern === 'string' ? includesText(actual, pattern) : regexMatches(pattern, actual);
      if (matched) return;
    }
    this.#fail(what, `expected ${wanted}, got ${formatValue(actual)}`, undefined, wanted);
  }

  /** A list holding an item equal (as in toEqual) to `item`, or a text containing the string `item`. */
  toContain(item: unknown, what?: string): void {
    const actual: unknown = this.#actual;
    if (typeof actual === 'string') {
      if (typeof item !== 'string') throw new NativeError('toContain: to look inside a text, give a string');
      if (includesText(actual, item)) return;
      const wanted = `text containing ${formatValue(item)}`;
      this.#fail(what, `expected ${wanted}, got ${formatValue(actual)}`, undefined, wanted);
    }
    if (isArray(actual)) {
      for (let i = 0; i < actual.length; i++) {
        if (hasOwn(actual, i) && deepEqual(actual[i], item)) return;
      }
    }
    const wanted = `a list containing ${formatValue(item)}`;
    this.#fail(what, `expected ${wanted}, got ${formatValue(actual)}`, undefined, wanted);
  }

  /** Anything but false, 0, "", null, undefined and NaN. */
  toBeTruthy(what?: string): void {
    if (this.#actual) return;
    const wanted = 'a value (not false, 0, "", null, undefined or NaN)';
    this.#fail(what, `expected ${wanted}, got ${formatValue(this.#actual)}`, undefined, wanted);
  }

  #compare(name: string, limit: number, relation: string, what: string | undefined, holds: (actual: number) => boolean): void {
    requireNumber(name, limit);
    const actual: unknown = this.#actual;
    // Only a real number may pass: an object's valueOf could answer differently each time.
    if (typeof actual === 'number' && holds(actual)) return;
    const wanted = `${relation} ${formatNumber(limit)}`;
    this.#fail(what, `expected ${wanted}, got ${formatValue(actual)}`, undefined, wanted);
  }

  #fail(what: string | undefined, core: string, expected: unknown, expectedText?: string): never {
    throw new CheckFailure(what ? `${what}: ${core}` : upperFirst(core), {
      expected: expectedText ?? formatValue(expected),
      actual: formatValue(this.#actual),
    });
  }
}

/**
 * Returns the named export of the learner's code, or fails the check with
 * "Your code should export `name` (description)".
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- authors use the export as they know it to be.
function exported<T = any>(exports: Record<string, unknown>, name: string, description?: string): T {
  const present =
    typeof exports === 'object' && exports !== null && hasOwn(exports, name) && exports[name] !== undefined;
  if (present) return exports[name] as T;
  const what = description ? ` (${description})` : '';
  throw new CheckFailure(
    `Your code should export \`${name}\`${what}. Write \`export\` before its declaration, e.g. \`export const ${name} = …\`.`,
    { expected: `export ${name}`, actual: 'not exported' },
  );
}

function expectValue<T>(actual: T): Expectation<T> {
  return new Expectation(actual);
}

/** `expect(actual).toEqual(...)`; also `expect.exported(exports, name, description)`. */
export const expect: typeof expectValue & { readonly exported: typeof exported } = freeze(
  Object.assign(expectValue, { exported }),
);

// Nothing a learner could reach should be patchable: the classes are frozen too.
freeze(Expectation.prototype);
freeze(Expectation);
freeze(CheckFailure.prototype);
freeze(CheckFailure);

function requireNumber(name: string, value: unknown): void {
  if (typeof value !== 'number' || value !== value) throw new NativeError(`${name}: needs a number, got ${formatValue(value)}`);
}

function patternText(pattern: RegExp): string {
  try {
    return regexToText(pattern);
  } catch {
    return formatValue(pattern);
  }
}

function safeDeepEqual(a: unknown, b: unknown): boolean {
  try {
    return deepEqual(a, b);
  } catch {
    return false;
  }
}
