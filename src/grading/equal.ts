/**
 * Deep equality for `toEqual` / `toContain`, built only on the captured
 * intrinsics so that learner code that replaced `Array.prototype.every`,
 * `Object.keys` or `Object.prototype.toString` cannot make unequal values
 * compare equal.
 *
 * Rules (documented for authors in README.md):
 * - numbers are compared exactly (no tolerance), NaN equals NaN, 0 equals -0;
 * - other primitives and functions with `===`;
 * - lists item by item (a typed array may be compared with a plain list);
 * - objects by their own enumerable keys; a key whose value is `undefined`
 *   counts as absent; the class is not compared (like Jest's `toEqual`);
 * - tensors, Maps, Sets, Dates and Promises are refused with a message for
 *   the check author, since comparing their internals would mislead.
 */
import { NativeError, append, hasOwn, isArray, isTypedArray, ownKeys, quote, regexMatches, sliceText, tagOf } from './intrinsics.ts';
import { formatValue } from './format.ts';
import { tensorKind } from './tensor-like.ts';

/** Where two values first differ, and how. */
export interface Difference {
  /** e.g. "[1]", ".units", "[0].shape[1]"; empty when the values differ at the top. */
  path: string;
  detail: string;
}

/** Deeper than this is almost certainly a mistake (or a structure we should not walk). */
const MAX_DEPTH = 100;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Returns undefined when `actual` equals `expected`, else the first difference. */
export function findDifference(actual: unknown, expected: unknown): Difference | undefined {
  return compare(actual, expected, '', [], []);
}

export function deepEqual(actual: unknown, expected: unknown): boolean {
  return findDifference(actual, expected) === undefined;
}

function compare(
  actual: unknown,
  expected: unknown,
  path: string,
  actualStack: unknown[],
  expectedStack: unknown[],
): Difference | undefined {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return actual === expected || (actual !== actual && expected !== expected) ? undefined : differ(path, actual, expected);
  }
  if (actual === expected) return undefined;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return differ(path, actual, expected);
  }
  refuseUncomparable(actual);
  refuseUncomparable(expected);

  // A pair already being compared higher up is a cycle: equal so far.
  const depth = actualStack.length;
  for (let i = 0; i < depth; i++) {
    if (actualStack[i] === actual && expectedStack[i] === expected) return undefined;
  }
  if (depth >= MAX_DEPTH) throw new NativeError(`toEqual: values nested more than ${MAX_DEPTH} levels deep`);
  append(actualStack, actual);
  append(expectedStack, expected);
  try {
    const actualIsList = isArray(actual) || isTypedArray(actual);
    const expectedIsList = isArray(expected) || isTypedArray(expected);
    if (actualIsList !== expectedIsList) return differ(path, actual, expected);
    return actualIsList
      ? compareLists(actual as ArrayLike<unknown>, expected as ArrayLike<unknown>, path, actualStack, expectedStack)
      : compareFields(actual, expected, path, actualStack, expectedStack);
  } finally {
    actualStack.length = depth;
    expectedStack.length = depth;
  }
}

function compareLists(
  actual: ArrayLike<unknown>,
  expected: ArrayLike<unknown>,
  path: string,
  actualStack: unknown[],
  expectedStack: unknown[],
): Difference | undefined {
  if (actual.length !== expected.length) {
    return {
      path,
      detail: `expected ${expected.length} items, got ${actual.length}: expected ${formatValue(expected)}, got ${formatValue(actual)}`,
    };
  }
  for (let i = 0; i < actual.length; i++) {
    const difference = compare(item(actual, i), item(expected, i), `${path}[${i}]`, actualStack, expectedStack);
    if (difference) return difference;
  }
  return undefined;
}

function compareFields(
  actual: object,
  expected: object,
  path: string,
  actualStack: unknown[],
  expectedStack: unknown[],
): Difference | undefined {
  const actualRecord = actual as Record<string, unknown>;
  const expectedRecord = expected as Record<string, unknown>;
  const expectedKeys = ownKeys(expected);
  for (let i = 0; i < expectedKeys.length; i++) {
    const key = expectedKeys[i] as string;
    const expectedValue = expectedRecord[key];
    if (expectedValue === undefined) continue;
    const keyPath = path + keyText(key);
    // hasOwn first: a getter a learner put on Object.prototype must not fill in a missing key.
    if (!hasOwn(actual, key)) return { path: keyPath, detail: `missing; expected ${formatValue(expectedValue)}` };
    const difference = compare(actualRecord[key], expectedValue, keyPath, actualStack, expectedStack);
    if (difference) return difference;
  }
  const actualKeys = ownKeys(actual);
  for (let i = 0; i < actualKeys.length; i++) {
    const key = actualKeys[i] as string;
    const actualValue = actualRecord[key];
    if (actualValue === undefined) continue;
    if (!hasOwn(expected, key) || expectedRecord[key] === undefined) {
      return { path: path + keyText(key), detail: `not expected, got ${formatValue(actualValue)}` };
    }
  }
  return undefined;
}

/** A hole in a list reads as undefined, not as whatever Array.prototype[i] holds. */
function item(list: ArrayLike<unknown>, index: number): unknown {
  return hasOwn(list, index) ? list[index] : undefined;
}

function refuseUncomparable(value: object): void {
  const kind = tensorKind(value);
  if (kind !== undefined) {
    throw new NativeError(
      kind === 'tensor'
        ? 'toEqual cannot compare tensors: compare `tensor.shape`, or the values of `await tensor.array()`'
        : 'toEqual cannot compare symbolic tensors: compare their `.shape`',
    );
  }
  const tag = tagOf(value);
  if (tag === '[object Map]' || tag === '[object Set]' || tag === '[object Date]' || tag === '[object Promise]') {
    throw new NativeError(`toEqual cannot compare a ${sliceText(tag, 8, -1)}: compare a list or plain object made from it`);
  }
}

function differ(path: string, actual: unknown, expected: unknown): Difference {
  return { path, detail: `expected ${formatValue(expected)}, got ${formatValue(actual)}` };
}

function keyText(key: string): string {
  return regexMatches(IDENTIFIER, key) ? `.${key}` : `[${quote(key)}]`;
}
