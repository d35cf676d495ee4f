/**
 * Learner code runs in the same realm as the checks, before them, and may
 * replace built-ins. These tests replace built-ins the way such code would,
 * then make sure no result says 'pass' that should not. Every replacement is
 * undone before the test awaits anything (Vitest itself uses these built-ins).
 */
import { afterEach, describe, expect as vitestExpect, it } from 'vitest';
import { CheckFailure, expect, findReplacedBuiltin, runChecks, type Check, type CheckResult } from 'grading';
import { whenSettled } from '../../../src/grading/intrinsics.ts';
import { fakeContext } from './context.ts';

type Restore = () => void;
const restores: Restore[] = [];

/** Replaces `target[key]` (own or inherited) until `restoreAll()`. */
function replace(target: object, key: PropertyKey, value: unknown): void {
  const previous = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
  restores.push(() => {
    if (previous) Object.defineProperty(target, key, previous);
    else delete (target as Record<PropertyKey, unknown>)[key];
  });
}

function restoreAll(): void {
  while (restores.length > 0) restores.pop()!();
  // Array.prototype is itself an array: an index put on it grew its length, and deleting the index does not shrink it.
  (Array.prototype as unknown[]).length = 0;
}

afterEach(restoreAll);

/** True when the assertion threw a CheckFailure, false when it passed. */
function failed(assertion: () => void): boolean {
  try {
    assertion();
    return false;
  } catch (error) {
    if (error instanceof CheckFailure) return true;
    throw error;
  }
}

describe('assertions stay honest when learner code replaced built-ins', () => {
  it('toEqual, toContain, toMatch, toBeCloseTo and exported still fail', () => {
    replace(Array.prototype, 'every', () => true);
    replace(Array.prototype, 'some', () => true);
    replace(Array.prototype, 'includes', () => true);
    replace(Object, 'keys', () => []);
    replace(Object, 'entries', () => []);
    replace(Object, 'is', () => true);
    replace(Object.prototype, 'toString', () => '[object Object]');
    replace(Object.prototype, 'hasOwnProperty', () => true);
    // Inherited values that a missing key or export would read through to:
    replace(Object.prototype, 'units', 5);
    replace(Object.prototype, 'model', { name: 'forged' });
    replace(Array, 'isArray', () => true);
    replace(Math, 'abs', () => 0);
    replace(String.prototype, 'includes', () => true);
    replace(RegExp.prototype, 'test', () => true);
    replace(RegExp.prototype, 'exec', () => ['match']);
    replace(JSON, 'stringify', () => '""');
    const outcomes = [
      failed(() => expect([null, 3]).toEqual([null, 5])),
      failed(() => expect({ units: 3 }).toEqual({ units: 5 })),
      failed(() => expect({}).toEqual({ units: 5 })),
      failed(() => expect('x').toEqual(['x'])),
      failed(() => expect([[1, 2]]).toContain([1, 3])),
      failed(() => expect('adam').toContain('sgd')),
      failed(() => expect('adam').toMatch(/sgd/)),
      failed(() => expect('adam').toMatch('sgd')),
      failed(() => expect(0.5).toBeCloseTo(0.3, 0.1)),
      failed(() => expect(2).toBe(3)),
      failed(() => expect.exported({}, 'model')),
    ];
    restoreAll();
    vitestExpect(outcomes).toEqual(outcomes.map(() => true));
  });

  it('a setter on Array.prototype[0] cannot intercept the grader’s own lists', () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    const other: Record<string, unknown> = { n: 2 };
    other.self = other;
    let intercepted = 0;
    // Behaves like a normal index for everyone else (Node and Vitest use arrays too),
    // but counts every time the grader's values pass through it.
    Object.defineProperty(Array.prototype, '0', {
      configurable: true,
      get: () => undefined,
      set(this: unknown[], value: unknown) {
        if (value === cyclic || value === other) intercepted++;
        Object.defineProperty(this, '0', { value, writable: true, enumerable: true, configurable: true });
      },
    });
    restores.push(() => delete (Array.prototype as unknown as Record<string, unknown>)['0']);
    const outcome = failed(() => expect(cyclic).toEqual(other));
    restoreAll();
    vitestExpect(outcome).toBe(true);
    vitestExpect(intercepted).toBe(0);
  });

  it('a hole in a list does not read through to Array.prototype', () => {
    replace(Array.prototype, '1', 5);
    // eslint-disable-next-line no-sparse-arrays
    const outcome = failed(() => expect([null, ,]).toEqual([null, 5]));
    restoreAll();
    vitestExpect(outcome).toBe(true);
  });
});

describe('runChecks under replaced built-ins', () => {
  const checks: Check[] = [
    { title: 'would pass', test: () => expect([1, 2].every((n) => n > 0)).toBeTruthy() },
    { title: 'would fail', test: () => expect([1, -2].every((n) => n > 0)).toBeTruthy() },
  ];

  it('fails every check, naming the replaced built-in', async () => {
    replace(Array.prototype, 'every', () => true);
    const pending = runChecks(checks, fakeContext()); // synchronous checks: all results are in before restoring
    restoreAll();
    const results = await pending;
    vitestExpect(results.map((r) => r.status)).toEqual(['fail', 'fail']);
    vitestExpect(results[0]!.message).toBe(
      'This check cannot be trusted: your code replaced the built-in `Array.prototype.every`. Remove that change and run again.',
    );
  });

  it('notices Object.prototype.toString, Promise.prototype.then and added properties too', () => {
    replace(Object.prototype, 'toString', () => '[object Array]');
    vitestExpect(findReplacedBuiltin()).toBe('Object.prototype.toString');
    restoreAll();
    replace(Promise.prototype, 'then', () => undefined);
    vitestExpect(findReplacedBuiltin()).toBe('Promise.prototype.then');
    restoreAll();
    replace(Object.prototype, 'then', () => undefined);
    vitestExpect(findReplacedBuiltin()).toBe('Object.prototype.then (added)');
    restoreAll();
    replace(globalThis, 'Promise', function FakePromise() {});
    vitestExpect(findReplacedBuiltin()).toBe('Promise');
    restoreAll();
    vitestExpect(findReplacedBuiltin()).toBeUndefined();
  });

  it('freezing a built-in is not a replacement', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Array.prototype, 'map')!;
    Object.defineProperty(Array.prototype, 'map', { ...descriptor, writable: false });
    restores.push(() => Object.defineProperty(Array.prototype, 'map', descriptor));
    const found = findReplacedBuiltin();
    restoreAll();
    vitestExpect(found).toBeUndefined();
  });

  it('a built-in replaced while a check runs (e.g. by a learner timer) voids its pass', async () => {
    const results = await runChecks(
      [
        {
          title: 'passes, but the learner timer fires meanwhile',
          test: () => {
            replace(Array.prototype, 'every', () => true);
          },
        },
      ],
      fakeContext(),
    );
    restoreAll();
    vitestExpect(results[0]!.status).toBe('fail');
    vitestExpect(results[0]!.message).toContain('`Array.prototype.every`');
  });

  it('a `then` added to Object.prototype cannot replace the results', async () => {
    replace(Object.prototype, 'then', function (this: unknown, onFulfilled: (value: unknown) => void) {
      onFulfilled('hijacked');
    });
    const pending = runChecks([{ title: 'x', test: () => {} }], fakeContext());
    restoreAll();
    const results: CheckResult[] = await pending;
    vitestExpect(Array.isArray(results)).toBe(true);
    vitestExpect(results[0]!.status).toBe('fail');
  });

  it('with Promise.prototype.then and .constructor replaced, a rejected test is still seen as rejected', async () => {
    const seen: string[] = [];
    const rejected = Promise.reject(new Error('the check failed'));
    replace(Promise.prototype, 'then', function (onFulfilled: () => void) {
      onFulfilled(); // a forged "resolved"
    });
    replace(Promise.prototype, 'constructor', Object);
    let registered = true;
    try {
      whenSettled(
        rejected,
        () => seen.push('fulfilled'),
        () => seen.push('rejected'),
      );
    } catch {
      registered = false;
    }
    restoreAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Either the real rejection is observed, or registering refused; never a forged fulfilment.
    vitestExpect(registered ? seen : ['refused']).toEqual(registered ? ['rejected'] : ['refused']);
    vitestExpect(seen).not.toContain('fulfilled');
  });
});
