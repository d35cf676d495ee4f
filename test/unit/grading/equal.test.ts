import { describe, expect as vitestExpect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { CheckFailure, expect } from 'grading';

function passes(actual: unknown, expected: unknown): boolean {
  try {
    expect(actual).toEqual(expected);
    return true;
  } catch (error) {
    if (error instanceof CheckFailure) return false;
    throw error;
  }
}

describe('toEqual rules', () => {
  it('numbers: exact, NaN equals NaN, 0 equals -0', () => {
    vitestExpect(passes(Number.NaN, Number.NaN)).toBe(true);
    vitestExpect(passes(0, -0)).toBe(true);
    vitestExpect(passes(1, 1 + Number.EPSILON)).toBe(false);
    vitestExpect(passes(1, '1')).toBe(false);
  });

  it('lists: same length and items; a typed array may be compared with a plain list', () => {
    vitestExpect(passes([1, 2], [1, 2, 3])).toBe(false);
    vitestExpect(passes(new Int32Array([1, 2]), [1, 2])).toBe(true);
    vitestExpect(passes(new Float32Array([0.1]), [0.1])).toBe(false); // float32 is not exactly 0.1
    vitestExpect(passes([1], { 0: 1 })).toBe(false);
    vitestExpect(passes([undefined], [,])).toBe(true); // a hole reads as undefined
  });

  it('objects: own enumerable keys, undefined counts as absent, class not compared', () => {
    vitestExpect(passes({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    vitestExpect(passes({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    vitestExpect(passes({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    class Point {
      x = 1;
    }
    vitestExpect(passes(new Point(), { x: 1 })).toBe(true);
    vitestExpect(passes(Object.create({ a: 1 }), { a: 1 })).toBe(false);
  });

  it('names the first difference by path', () => {
    try {
      expect({ layers: [{ units: 4 }] }).toEqual({ layers: [{ units: 5 }] });
      throw new Error('should have failed');
    } catch (error) {
      vitestExpect((error as CheckFailure).message).toContain('(at .layers[0].units: expected 5, got 4)');
    }
    try {
      expect({ 'val-acc': 1 }).toEqual({});
      throw new Error('should have failed');
    } catch (error) {
      vitestExpect((error as CheckFailure).message).toContain('(at ["val-acc"]: not expected, got 1)');
    }
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    const b: Record<string, unknown> = { n: 1 };
    b.self = b;
    vitestExpect(passes(a, b)).toBe(true);
    const c: Record<string, unknown> = { n: 2 };
    c.self = c;
    vitestExpect(passes(a, c)).toBe(false);
  });

  it('refuses tensors, Maps and Promises with a message for the check author', () => {
    const tensor = tf.tensor([1, 2]);
    vitestExpect(() => expect(tensor).toEqual([1, 2])).toThrow(/cannot compare tensors/);
    vitestExpect(() => expect(tensor).toEqual([1, 2])).not.toThrow(CheckFailure);
    tensor.dispose();
    vitestExpect(() => expect([tf.input({ shape: [2] })]).toEqual([[null, 2]])).toThrow(/symbolic tensors/);
    vitestExpect(() => expect(new Map()).toEqual(new Map())).toThrow(/cannot compare a Map/);
    vitestExpect(() => expect(Promise.resolve(1)).toEqual(Promise.resolve(1))).toThrow(/cannot compare a Promise/);
  });

  it('a learner value of the wrong kind is a learner failure, with a nudge', () => {
    try {
      expect(Promise.resolve(0.9)).toEqual(0.9);
      throw new Error('should have failed');
    } catch (error) {
      vitestExpect(error).toBeInstanceOf(CheckFailure);
      vitestExpect((error as CheckFailure).actual).toBe('a Promise (did you forget `await`?)');
    }
  });
});
