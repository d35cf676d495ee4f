/**
 * The gap between what a learner's code produced and what a check wants,
 * described without the expected value, for assertions whose expected value
 * would give the answer away (`{ reveal: 'never' }` or `{ reveal: 3 }`):
 *
 *   expected 9 items starting with "conv1", got 0 items
 *   item 4 is not the one expected: got "dense"
 *   expected a list, got a number (5)
 *
 * The learner's own value may always be shown; the expected one only as its
 * kind and size (and, for a list of words, its first item, so that a learner
 * who starts right sees how the list begins).
 */
import { hasOwn, isArray, isTypedArray } from './intrinsics.ts';
import { formatValue } from './format.ts';
import { deepEqual } from './equal.ts';

export interface Gap {
  /** The sentence after "what: ", e.g. `expected 9 items starting with "conv1", got 0 items`. */
  core: string;
  /** What the check wanted, in the same concealing words, e.g. `9 items`. */
  expected: string;
}

/** A gap between `actual` and an `expected` value that must not be shown. */
export function equalityGap(actual: unknown, expected: unknown): Gap {
  const wantedKind = kindOf(expected);
  const gotKind = kindOf(actual);
  if (isList(expected)) {
    if (!isList(actual)) return { core: `expected a list of ${count(expected.length)}, got ${gotKind} (${formatValue(actual)})`, expected: `a list of ${count(expected.length)}` };
    if (actual.length !== expected.length) {
      const first = expected.length > 0 && isWord(expected[0]) && !sameAt(actual, expected, 0) ? ` starting with ${formatValue(expected[0])}` : '';
      return {
        core: `expected ${count(expected.length)}${first}, got ${count(actual.length)}`,
        expected: `${count(expected.length)}${first}`,
      };
    }
    for (let i = 0; i < expected.length; i++) {
      if (!sameAt(actual, expected, i)) {
        return {
          core: `item ${i + 1} of ${expected.length} is not the one expected: got ${formatValue(actual[i])}`,
          expected: `a different item ${i + 1}`,
        };
      }
    }
    return { core: `got ${formatValue(actual)}, not the list expected`, expected: `a list of ${count(expected.length)}` };
  }
  if (wantedKind !== gotKind) return { core: `expected ${wantedKind}, got ${gotKind} (${formatValue(actual)})`, expected: wantedKind };
  return { core: `got ${formatValue(actual)}, which is not the ${wantedKind === 'a text' ? 'text' : 'value'} expected`, expected: `a different ${wantedKind === 'a text' ? 'text' : 'value'}` };
}

/** `toContain` / `toBeOneOf` with a concealed item or list. */
export function membershipGap(actual: unknown, kind: 'contain' | 'one-of'): Gap {
  if (kind === 'contain') {
    return { core: `got ${formatValue(actual)}, which lacks an item the check looks for`, expected: 'one more item' };
  }
  return { core: `got ${formatValue(actual)}, which is not one of the values allowed`, expected: 'one of the values allowed' };
}

/** A number comparison with a concealed limit. */
export function limitGap(actual: unknown, relation: string): Gap {
  const direction = relation === 'more than' || relation === 'at least' ? 'higher' : relation === 'less than' || relation === 'at most' ? 'lower' : 'different';
  if (typeof actual !== 'number') return { core: `expected a number, got ${kindOf(actual)} (${formatValue(actual)})`, expected: 'a number' };
  return { core: `got ${formatValue(actual)}; it needs to be ${direction}`, expected: `a ${direction} number` };
}

/** A text or closeness test with a concealed target. */
export function patternGap(actual: unknown, what: 'text' | 'number'): Gap {
  if (what === 'text') {
    if (typeof actual !== 'string') return { core: `expected a text, got ${kindOf(actual)} (${formatValue(actual)})`, expected: 'a text' };
    return { core: `got ${formatValue(actual)}, which is not the text the check looks for`, expected: 'a different text' };
  }
  if (typeof actual !== 'number') return { core: `expected a number, got ${kindOf(actual)} (${formatValue(actual)})`, expected: 'a number' };
  return { core: `got ${formatValue(actual)}, not close enough to the value expected`, expected: 'a different number' };
}

/** "a number", "a text", "a list", "an object"... */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (isArray(value)) return 'a list';
  if (isTypedArray(value)) return 'a typed array';
  switch (typeof value) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a text';
    case 'boolean':
      return 'a boolean';
    case 'function':
      return 'a function';
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    default:
      return 'an object';
  }
}

function isList(value: unknown): value is ArrayLike<unknown> {
  return isArray(value) || isTypedArray(value);
}

function isWord(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number';
}

function sameAt(actual: ArrayLike<unknown>, expected: ArrayLike<unknown>, i: number): boolean {
  if (i >= actual.length) return false;
  try {
    return hasOwn(actual as object, i) === hasOwn(expected as object, i) && deepEqual(actual[i], expected[i]);
  } catch {
    return false;
  }
}

function count(n: number): string {
  return n === 1 ? '1 item' : `${n} items`;
}
