import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { formatValue } from 'grading';

describe('formatValue (what the learner reads as expected/actual)', () => {
  it.each([
    [5, '5'],
    [-3, '-3'],
    [0.87345219, '0.8735'],
    [0.001234567, '0.001235'],
    [1234.56789, '1234.568'],
    [2.5, '2.5'],
    [1.00004, '1.00004'],
    [0.00001234, '1.234e-5'],
    [12345678.9, '1.235e+7'],
    [Number.NaN, 'NaN'],
    [-Infinity, '-Infinity'],
  ])('rounds the number %s to %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  it('shows shapes and lists like code, cutting long ones', () => {
    expect(formatValue([null, 5])).toBe('[null, 5]');
    expect(formatValue([[1, 2], []])).toBe('[[1, 2], []]');
    expect(formatValue(Array.from({ length: 25 }, (_, i) => i))).toBe('[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … 15 more]');
    expect(formatValue(new Float32Array([0.5, 0.25]))).toBe('Float32Array [0.5, 0.25]');
    expect(formatValue([[[[1]]]])).toBe('[[[[… 1 items]]]]');
  });

  it('shows texts quoted and cut, objects by their fields', () => {
    expect(formatValue('adam')).toBe('"adam"');
    expect(formatValue('x'.repeat(200))).toBe(`"${'x'.repeat(80)}"… (200 characters)`);
    expect(formatValue({ units: 5, activation: 'softmax' })).toBe('{ units: 5, activation: "softmax" }');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(/sgd\(/i)).toBe('/sgd\\(/i');
    expect(formatValue(Promise.resolve(1))).toBe('a Promise (did you forget `await`?)');
    expect(formatValue(new TypeError('bad'))).toBe('TypeError: bad');
  });

  it('shows tensors by dtype and shape, and layers/models by name', () => {
    const tensor = tf.zeros([2, 3]);
    expect(formatValue(tensor)).toBe('Tensor float32 [2, 3]');
    tensor.dispose();
    expect(formatValue(tensor)).toBe('Tensor float32 [2, 3] (disposed)');
    const input = tf.input({ shape: [4] });
    expect(formatValue(input)).toBe('SymbolicTensor float32 [null, 4]');
    const dense = tf.layers.dense({ units: 5, name: 'head' });
    expect(formatValue(dense)).toBe('Dense "head"');
  });

  it('never throws, even on objects whose getters explode', () => {
    const explosive = new Proxy({}, {
      ownKeys() {
        throw new Error('boom');
      },
    });
    expect(formatValue(explosive)).toBe('(a value that cannot be displayed)');
    const getter = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(formatValue(getter)).toBe('{ x: undefined }');
  });
});
