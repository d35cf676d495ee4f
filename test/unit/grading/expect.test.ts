import { describe, expect as vitestExpect, it } from 'vitest';
import { CheckFailure, expect, fail } from 'grading';

/** Runs an assertion and returns the CheckFailure it threw (the test fails if none). */
function failureOf(assertion: () => void): CheckFailure {
  try {
    assertion();
  } catch (error) {
    vitestExpect(error).toBeInstanceOf(CheckFailure);
    return error as CheckFailure;
  }
  throw new Error('the assertion passed, but it should have failed');
}

describe('expect(...) assertions', () => {
  it('toBe passes on the same value and fails with expected/actual', () => {
    expect(5).toBe(5);
    expect(Number.NaN).toBe(Number.NaN);
    const failure = failureOf(() => expect(3).toBe(5, 'The number of classes'));
    vitestExpect(failure.message).toBe('The number of classes: expected 5, got 3');
    vitestExpect(failure.expected).toBe('5');
    vitestExpect(failure.actual).toBe('3');
  });

  it('toBe on equal but distinct objects suggests toEqual', () => {
    const failure = failureOf(() => expect([1, 2]).toBe([1, 2]));
    vitestExpect(failure.message).toContain('use toEqual');
  });

  it('toEqual compares deeply, numbers exactly, and says where values differ', () => {
    expect([null, 5]).toEqual([null, 5]);
    expect({ units: 5, activation: 'softmax' }).toEqual({ activation: 'softmax', units: 5 });
    const failure = failureOf(() => expect([null, 3]).toEqual([null, 5]));
    vitestExpect(failure.message).toBe('Expected [null, 5], got [null, 3] (at [1]: expected 5, got 3)');
    vitestExpect(failure.expected).toBe('[null, 5]');
    vitestExpect(failure.actual).toBe('[null, 3]');
    // Exact: no tolerance hidden in toEqual.
    failureOf(() => expect(0.1 + 0.2).toEqual(0.3));
    failureOf(() => expect({ a: [1, { b: 2 }] }).toEqual({ a: [1, { b: 3 }] }));
  });

  it('toBeCloseTo uses an absolute tolerance, both ends included', () => {
    expect(0.1 + 0.2).toBeCloseTo(0.3, 1e-9);
    expect(1.5).toBeCloseTo(1, 0.5);
    const failure = failureOf(() => expect(0.5).toBeCloseTo(0.3, 0.1, 'The validation loss'));
    vitestExpect(failure.message).toBe('The validation loss: expected 0.3 ± 0.1, got 0.5');
    vitestExpect(failure.expected).toBe('0.3 ± 0.1');
    vitestExpect(failure.actual).toBe('0.5');
    failureOf(() => expect('0.3').toBeCloseTo(0.3, 0.1));
  });

  it('toBeCloseTo refuses a tolerance that is not a number (an author mistake, not a learner failure)', () => {
    vitestExpect(() => expect(1).toBeCloseTo(1, Number.NaN)).toThrow(/needs a number/);
    vitestExpect(() => expect(1).toBeCloseTo(1, -1)).toThrow(/must not be negative/);
    vitestExpect(() => expect(1).toBeCloseTo(1, Number.NaN)).not.toThrow(CheckFailure);
  });

  it.each([
    ['toBeGreaterThan', 0.9, 0.8, 0.8, 'expected more than 0.8, got 0.8'],
    ['toBeGreaterThanOrEqual', 0.8, 0.8, 0.79, 'expected at least 0.8, got 0.79'],
    ['toBeLessThan', 0.1, 0.2, 0.2, 'expected less than 0.2, got 0.2'],
    ['toBeLessThanOrEqual', 0.2, 0.2, 0.21, 'expected at most 0.2, got 0.21'],
  ] as const)('%s passes on %s vs %s and fails on %s', (method, passing, limit, failing, message) => {
    expect(passing)[method](limit);
    const failure = failureOf(() => expect(failing)[method](limit));
    vitestExpect(failure.message).toBe(message[0]!.toUpperCase() + message.slice(1));
    vitestExpect(failure.actual).toBe(String(failing));
  });

  it('comparisons only let real numbers pass (no valueOf tricks, no NaN)', () => {
    let calls = 0;
    const shifty = { valueOf: () => (calls++ === 0 ? 1 : 0) };
    const failure = failureOf(() => expect(shifty).toBeGreaterThan(0.5));
    vitestExpect(failure.actual).toBe('{ valueOf: function valueOf }');
    failureOf(() => expect(Number.NaN).toBeLessThan(1));
    failureOf(() => expect('2').toBeGreaterThan(1));
  });

  it('toMatch accepts a RegExp or a string and fails on non-text', () => {
    expect('model.compile({ optimizer: tf.train.sgd(0.001) })').toMatch(/sgd\(/);
    expect('tf.train.sgd').toMatch('train.sgd');
    const global = /a/g;
    expect('a').toMatch(global);
    expect('a').toMatch(global); // lastIndex of a /g pattern does not leak between calls
    const failure = failureOf(() => expect('tf.train.adam(0.01)').toMatch(/sgd\(/, 'uses tf.train.sgd'));
    vitestExpect(failure.message).toBe('uses tf.train.sgd: expected text matching /sgd\\(/, got "tf.train.adam(0.01)"');
    vitestExpect(failure.expected).toBe('text matching /sgd\\(/');
    failureOf(() => expect(42).toMatch(/42/));
  });

  it('toContain looks in texts and in lists (items compared like toEqual)', () => {
    expect('loss and acc').toContain('acc');
    expect([[null, 5], [null, 3]]).toContain([null, 3]);
    const listFailure = failureOf(() => expect(['loss']).toContain('val_loss', 'The metrics'));
    vitestExpect(listFailure.message).toBe('The metrics: expected a list containing "val_loss", got ["loss"]');
    vitestExpect(listFailure.expected).toBe('a list containing "val_loss"');
    const textFailure = failureOf(() => expect('loss').toContain('acc'));
    vitestExpect(textFailure.expected).toBe('text containing "acc"');
    failureOf(() => expect(undefined).toContain('x'));
  });

  it('toBeTruthy', () => {
    expect(1).toBeTruthy();
    expect({}).toBeTruthy();
    for (const falsy of [false, 0, '', null, undefined, Number.NaN]) {
      const failure = failureOf(() => expect(falsy).toBeTruthy('The model'));
      vitestExpect(failure.message).toMatch(/^The model: expected a value/);
    }
  });

  it('expect.exported returns the export or fails with "Your code should export"', () => {
    const model = { name: 'm' };
    vitestExpect(expect.exported({ model }, 'model', 'a tf.LayersModel')).toBe(model);
    const failure = failureOf(() => expect.exported({ other: 1 }, 'model', 'a tf.LayersModel'));
    vitestExpect(failure.message).toMatch(/^Your code should export `model` \(a tf\.LayersModel\)/);
    vitestExpect(failure.actual).toBe('not exported');
    // An export declared but left undefined is not there yet either.
    failureOf(() => expect.exported({ model: undefined }, 'model'));
    // Inherited properties are not exports.
    failureOf(() => expect.exported(Object.create({ model }), 'model'));
  });

  it('fail throws a CheckFailure with the given details', () => {
    const failure = failureOf(() => fail('The loss went up', { expected: 'falling', actual: 'rising' }));
    vitestExpect(failure.message).toBe('The loss went up');
    vitestExpect(failure.expected).toBe('falling');
    vitestExpect(failure.actual).toBe('rising');
  });

  it('the API objects cannot be patched', () => {
    vitestExpect(Object.isFrozen(expect)).toBe(true);
    vitestExpect(() => {
      (expect as unknown as { exported: unknown }).exported = () => 1;
    }).toThrow(TypeError);
    vitestExpect(Object.isFrozen(Object.getPrototypeOf(expect(1)))).toBe(true);
  });
});
