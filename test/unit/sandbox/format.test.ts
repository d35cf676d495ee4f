import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLogArgs, formatNumber, formatTable, formatValue } from '../../../src/sandbox/worker/format.ts';
import { formatNumber as gradingFormatNumber } from '../../../src/grading/format.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('formatValue', () => {
  it('prints strings as they are and other primitives like a console', () => {
    expect(formatValue('plain text')).toBe('plain text');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(-0)).toBe('-0');
    expect(formatValue(10n)).toBe('10n');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(Symbol('s'))).toBe('Symbol(s)');
    expect(formatValue(function train() {})).toBe('[Function train]');
    expect(formatValue(class Head {})).toBe('[class Head]');
  });

  it('prints a tensor by dtype, shape and a few values', () => {
    const t = tf.tensor2d([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]);
    expect(formatValue(t)).toBe('Tensor float32 [2,3] [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]');
    t.dispose();
    expect(formatValue(t)).toBe('Tensor float32 [2,3] (disposed)');
  });

  it('tells tensors the way the checks do: a symbolic tensor by dtype and shape, a look-alike object as an object', () => {
    expect(formatValue(tf.input({ shape: [4] }))).toBe('SymbolicTensor float32 [null,4]');
    const lookAlike = { shape: [1], dtype: 'float32', dataSync: () => [7] };
    expect(formatValue(lookAlike)).not.toMatch(/^Tensor/);
  });

  it('shortens long tensor axes and prints scalars, ints and bools', () => {
    const long = tf.range(0, 100, 1, 'int32');
    expect(formatValue(long)).toBe('Tensor int32 [100] [0, 1, 2, 3, 4, 5, ...]');
    const scalar = tf.scalar(3.14159265);
    expect(formatValue(scalar)).toBe('Tensor float32 [] 3.142');
    const bools = tf.tensor1d([1, 0], 'bool');
    expect(formatValue(bools)).toBe('Tensor bool [2] [true, false]');
    tf.dispose([long, scalar, bools]);
  });

  it('describes a model by name and layer count, not its internals', () => {
    const model = tf.sequential({ name: 'head', layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    expect(formatValue(model)).toBe('Sequential "head" (1 layers)');
    model.dispose();
  });

  it('prints objects JSON-like, with depth and length limits', () => {
    expect(formatValue({ a: 1, b: 'x', c: [1, 2, 3], 'odd key': true })).toBe("{ a: 1, b: 'x', c: [1, 2, 3], 'odd key': true }");
    expect(formatValue({ a: { b: { c: { d: { e: 1 } } } } })).toBe('{ a: { b: { c: [Object] } } }');
    const long = formatValue(Array.from({ length: 120 }, (_, i) => i));
    expect(long).toMatch(/, 49, \.\.\. 70 more items\]$/);
  });

  it('survives cycles, Map, Set, errors, dates and hostile getters', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe("{ name: 'loop', self: [Circular] }");
    expect(formatValue(new Map([['lr', 0.01]]))).toBe("Map(1) { 'lr' => 0.01 }");
    expect(formatValue(new Set([1, 2]))).toBe('Set(2) { 1, 2 }');
    expect(formatValue(new RangeError('too big'))).toBe('RangeError: too big');
    expect(formatValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    const hostile = { get boom(): number { throw new Error('no'); } };
    expect(formatValue(hostile)).toBe('{ boom: [Getter threw] }');
    expect(formatValue(Object.create(null))).toBe('[Object: null prototype] {}');
    expect(formatValue(new Float32Array([1, 2.5]))).toBe('Float32Array(2) [1, 2.5]');
  });
});

describe('formatLogArgs', () => {
  it('joins arguments with spaces and applies printf directives', () => {
    expect(formatLogArgs(['loss', 0.25, { epoch: 1 }])).toBe('loss 0.25 { epoch: 1 }');
    expect(formatLogArgs(['%s: %d%% after %f s', 'acc', 93.7, 1.5])).toBe('acc: 93% after 1.5 s');
    expect(formatLogArgs(['%o', [1]])).toBe('[1]');
    expect(formatLogArgs(['%c styled', 'color: red'])).toBe(' styled');
    expect(formatLogArgs(['only %s'])).toBe('only %s');
  });
});

describe('formatNumber', () => {
  it('is the checks\' rule: about four significant digits, exponential for tiny and huge values', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(0.0012345)).toBe('0.001234');
    expect(formatNumber(123.456789)).toBe('123.457');
    expect(formatNumber(0.00001234)).toBe('1.234e-5');
    expect(formatNumber(12345678.9)).toBe('1.235e+7');
    expect(formatNumber(NaN)).toBe('NaN');
    for (const n of [0.123456, 0.0012345, 123.456789, 0.00001234, 12345678.9, 1.00004, -2.5]) {
      expect(formatNumber(n)).toBe(gradingFormatNumber(n));
    }
  });
});

describe('formatTable', () => {
  it('draws rows of objects as columns', () => {
    const text = formatTable([{ name: 'a', acc: 0.9 }, { name: 'b', acc: 0.8 }]);
    expect(text.split('\n')).toEqual([
      "(index) │ name │ acc",
      '────────┼──────┼────',
      "0       │ 'a'  │ 0.9",
      "1       │ 'b'  │ 0.8",
    ]);
  });
});
