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
import { CheckFailure, fail, type FailureDetails, type RevealedFailure } from './failure.ts';
import { equalityGap, limitGap, membershipGap, patternGap, type Gap } from './gap.ts';
import { expectLayerChanged, expectLayerUnchanged } from './model-checks.ts';
import { expectModel } from './real-model.ts';
import { expectNotTrainedOn } from './data-checks.ts';
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

export { CheckFailure, fail };
export type { FailureDetails, RevealedFailure };

/**
 * The last argument of every assertion: a label (`'The output shape'`), or
 * options when the expected value would give the answer away.
 */
export interface AssertOptions {
  /** Names the value: the message starts with it, "layerNames: expected …". */
  what?: string;
  /**
   * When the learner may read the expected value. `'always'` (the default);
   * `'never'`: the message describes the gap only ("expected 9 items starting
   * with "conv1", got 0 items"); a number n: the gap for the first n failed
   * runs of this check, the full message with the value after that.
   */
  reveal?: 'always' | 'never' | number;
}

export type Label = string | AssertOptions;

export class Expectation<T = unknown> {
  readonly #actual: T;

  constructor(actual: T) {
    this.#actual = actual;
  }

  /** Same value (`Object.is`, except that 0 and -0 count as the same); for objects, the same object. */
  toBe(expected: unknown, label?: Label): void {
    const actual: unknown = this.#actual;
    if (actual === expected || (actual !== actual && expected !== expected)) return;
    const sameShape = typeof actual === 'object' && actual !== null && safeDeepEqual(actual, expected);
    const note = sameShape ? ' (equal, but not the same object: use toEqual)' : '';
    this.#fail(label, `expected ${formatValue(expected)}, got ${formatValue(actual)}${note}`, formatValue(expected), () =>
      equalityGap(actual, expected),
    );
  }

  /** Deep equality: lists item by item, objects key by key, numbers exactly. See README for the rules. */
  toEqual(expected: unknown, label?: Label): void {
    const difference = findDifference(this.#actual, expected);
    if (difference === undefined) return;
    const where = difference.path === '' ? '' : ` (at ${difference.path}: ${difference.detail})`;
    const actual: unknown = this.#actual;
    this.#fail(label, `expected ${formatValue(expected)}, got ${formatValue(actual)}${where}`, formatValue(expected), () =>
      equalityGap(actual, expected),
    );
  }

  /** A number within `tolerance` (absolute) of `expected`, both ends included. */
  toBeCloseTo(expected: number, tolerance: number, label?: Label): void {
    requireNumber('toBeCloseTo', expected);
    requireNumber('toBeCloseTo (tolerance)', tolerance);
    if (tolerance < 0) throw new NativeError('toBeCloseTo: the tolerance must not be negative');
    const actual: unknown = this.#actual;
    const wanted = `${formatNumber(expected)} ± ${formatNumber(tolerance)}`;
    if (typeof actual === 'number') {
      const distance = actual > expected ? actual - expected : expected - actual;
      if (distance <= tolerance) return;
    }
    this.#fail(label, `expected ${wanted}, got ${formatValue(actual)}`, wanted, () => patternGap(actual, 'number'));
  }

  toBeGreaterThan(limit: number, label?: Label): void {
    this.#compare('toBeGreaterThan', limit, 'more than', label, (a) => a > limit);
  }

  toBeGreaterThanOrEqual(limit: number, label?: Label): void {
    this.#compare('toBeGreaterThanOrEqual', limit, 'at least', label, (a) => a >= limit);
  }

  toBeLessThan(limit: number, label?: Label): void {
    this.#compare('toBeLessThan', limit, 'less than', label, (a) => a < limit);
  }

  toBeLessThanOrEqual(limit: number, label?: Label): void {
    this.#compare('toBeLessThanOrEqual', limit, 'at most', label, (a) => a <= limit);
  }

  /** Text that matches a RegExp, or contains a string. */
  toMatch(pattern: RegExp | string, label?: Label): void {
    const actual: unknown = this.#actual;
    const wanted = typeof pattern === 'string' ? `text containing ${formatValue(pattern)}` : `text matching ${patternText(pattern)}`;
    if (typeof actual === 'string') {
      const matched = typeof pattern === 'string' ? includesText(actual, pattern) : regexMatches(pattern, actual);
      if (matched) return;
    }
    this.#fail(label, `expected ${wanted}, got ${formatValue(actual)}`, wanted, () => patternGap(actual, 'text'));
  }

  /** A list holding an item equal (as in toEqual) to `item`, or a text containing the string `item`. */
  toContain(item: unknown, label?: Label): void {
    const actual: unknown = this.#actual;
    if (typeof actual === 'string') {
      if (typeof item !== 'string') throw new NativeError('toContain: to look inside a text, give a string');
      if (includesText(actual, item)) return;
      const wanted = `text containing ${formatValue(item)}`;
      this.#fail(label, `expected ${wanted}, got ${formatValue(actual)}`, wanted, () => patternGap(actual, 'text'));
    }
    if (isArray(actual)) {
      for (let i = 0; i < actual.length; i++) {
        if (hasOwn(actual, i) && deepEqual(actual[i], item)) return;
      }
    }
    const wanted = `a list containing ${formatValue(item)}`;
    this.#fail(label, `expected ${wanted}, got ${formatValue(actual)}`, wanted, () => membershipGap(actual, 'contain'));
  }

  /**
   * The value is equal (as in toEqual) to one of `allowed`: the other way round
   * from toContain, for "each predicted name is a class name".
   */
  toBeOneOf(allowed: readonly unknown[], label?: Label): void {
    if (!isArray(allowed)) throw new NativeError(`toBeOneOf: needs a list of allowed values, got ${formatValue(allowed)}`);
    const actual: unknown = this.#actual;
    for (let i = 0; i < allowed.length; i++) {
      if (hasOwn(allowed, i) && deepEqual(actual, allowed[i])) return;
    }
    const wanted = `one of ${formatValue(allowed)}`;
    this.#fail(label, `expected ${wanted}, got ${formatValue(actual)}`, wanted, () => membershipGap(actual, 'one-of'));
  }

  /** Anything but false, 0, "", null, undefined and NaN. */
  toBeTruthy(label?: Label): void {
    if (this.#actual) return;
    const wanted = 'a value (not false, 0, "", null, undefined or NaN)';
    this.#fail(label, `expected ${wanted}, got ${formatValue(this.#actual)}`, wanted);
  }

  #compare(name: string, limit: number, relation: string, label: Label | undefined, holds: (actual: number) => boolean): void {
    requireNumber(name, limit);
    const actual: unknown = this.#actual;
    // Only a real number may pass: an object's valueOf could answer differently each time.
    if (typeof actual === 'number' && holds(actual)) return;
    const wanted = `${relation} ${formatNumber(limit)}`;
    this.#fail(label, `expected ${wanted}, got ${formatValue(actual)}`, wanted, () => limitGap(actual, relation));
  }

  /**
   * Throws the failure. `core` always reads "expected <what the check wants>,
   * got <the learner's value>"; `actual` is always the value given to
   * expect(), never the argument of the assertion.
   */
  #fail(label: Label | undefined, core: string, expectedText: string, gap?: () => Gap): never {
    const { what, reveal } = readLabel(label);
    const actual = formatValue(this.#actual);
    const full = what ? `${what}: ${core}` : upperFirst(core);
    if (reveal === 'always' || gap === undefined) throw new CheckFailure(full, { expected: expectedText, actual });
    const concealed = gap();
    const message = what ? `${what}: ${concealed.core}` : upperFirst(concealed.core);
    const details: FailureDetails = { expected: concealed.expected, actual };
    if (typeof reveal === 'number') details.revealed = freeze({ afterAttempts: reveal, message: full, expected: expectedText });
    throw new CheckFailure(message, details);
  }
}

function readLabel(label: Label | undefined): { what: string | undefined; reveal: 'always' | 'never' | number } {
  if (label === undefined) return { what: undefined, reveal: 'always' };
  if (typeof label === 'string') return { what: label, reveal: 'always' };
  if (typeof label !== 'object' || label === null) {
    throw new NativeError(`An assertion's last argument is a label (a string) or { what, reveal }, got ${formatValue(label)}`);
  }
  const { what, reveal = 'always' } = label;
  if (what !== undefined && typeof what !== 'string') throw new NativeError(`An assertion's \`what\` must be a string, got ${formatValue(what)}`);
  const validReveal =
    reveal === 'always' || reveal === 'never' || (typeof reveal === 'number' && reveal >= 1 && reveal % 1 === 0 && reveal < Infinity);
  if (!validReveal) {
    throw new NativeError(`An assertion's \`reveal\` is 'always', 'never' or a whole number of failed runs (1 or more), got ${formatValue(reveal)}`);
  }
  return { what, reveal };
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

/**
 * `expect(actual).toEqual(...)`; also `expect.exported(exports, name, description)`, the
 * model checks `await expect.layerUnchanged(model, 'conv1')`, `await expect.layerChanged(model, 'conv3', { atMost })`,
 * `await expect.model(exports, 'model')` (a trusted copy of a real tf.LayersModel, real-model.ts) and
 * `await expect.notTrainedOn(test)` (no training saw the test images, data-checks.ts).
 */
export const expect: typeof expectValue & {
  readonly exported: typeof exported;
  readonly layerUnchanged: typeof expectLayerUnchanged;
  readonly layerChanged: typeof expectLayerChanged;
  readonly model: typeof expectModel;
  readonly notTrainedOn: typeof expectNotTrainedOn;
} = freeze(
  Object.assign(expectValue, {
    exported,
    layerUnchanged: expectLayerUnchanged,
    layerChanged: expectLayerChanged,
    model: expectModel,
    notTrainedOn: expectNotTrainedOn,
  }),
);

// Nothing a learner could reach should be patchable: the classes are frozen too.
freeze(Expectation.prototype);
freeze(Expectation);

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
