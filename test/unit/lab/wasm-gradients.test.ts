/**
 * The wasm gradient kernels must agree with the cpu backend's built-in
 * gradients, for every padding and stride the course's models use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradients } from '../../../src/lab/wasm-gradients.ts';

type Pad = 'valid' | 'same';
type Shape4 = [number, number, number, number];
type Grads = { dx: Float32Array; dw: Float32Array };

/** Seeded inputs, so the cpu and wasm runs see identical numbers. */
function fixture(xShape: Shape4, wShape: Shape4, seed: number) {
  return {
    x: tf.randomNormal(xShape, 0, 1, 'float32', seed) as tf.Tensor4D,
    w: tf.randomNormal(wShape, 0, 1, 'float32', seed + 1) as tf.Tensor4D,
  };
}

/** Gradients of sum(conv(x, w) * weights), on whichever backend is active. */
async function gradsOn(
  backend: 'cpu' | 'wasm',
  forward: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor,
  xShape: Shape4,
  wShape: Shape4,
): Promise<Grads> {
  await tf.setBackend(backend);
  const { x, w } = fixture(xShape, wShape, 7);
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
    const y = forward(a as tf.Tensor4D, b as tf.Tensor4D);
    // Non-uniform upstream gradient, so a wrong index mapping cannot cancel out.
    const weights = tf.randomUniform(y.shape, -1, 1, 'float32', 3);
    return tf.sum(tf.mul(y, weights));
  })([x, w]) as [tf.Tensor, tf.Tensor];
  const result = { dx: (await dx.data()) as Float32Array, dw: (await dw.data()) as Float32Array };
  tf.dispose([x, w, dx, dw]);
  return result;
}

function maxRelativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / scale);
  }
  return worst;
}

async function expectSameGradients(
  forward: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor,
  xShape: Shape4,
  wShape: Shape4,
): Promise<void> {
  const reference = await gradsOn('cpu', forward, xShape, wShape);
  const wasm = await gradsOn('wasm', forward, xShape, wShape);
  expect(maxRelativeError(wasm.dw, reference.dw)).toBeLessThan(1e-5);
  expect(maxRelativeError(wasm.dx, reference.dx)).toBeLessThan(1e-5);
}

/** The backend's own kernels, captured before they are replaced. */
let nativeBackpropInput: unknown;
let nativeMaxPoolGrad: unknown;

beforeAll(async () => {
  nativeBackpropInput = tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc;
  nativeMaxPoolGrad = tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc;
  registerWasmGradients();
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('registerWasmGradients', () => {
  it('fills in the kernels the wasm backend lacks, and is idempotent', () => {
    registerWasmGradients();
    registerWasmGradients();
    for (const name of [
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ]) {
      expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
    }
    // The native input gradient (a plain loop, 12x slower than a forward conv) is replaced, once.
    expect(nativeBackpropInput).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc).not.toBe(nativeBackpropInput);
    // So is the native max-pool gradient (a fifth of a training step of the course model).
    expect(nativeMaxPoolGrad).toBeDefined();
    expect(tf.getKernel('MaxPoolGrad', 'wasm')!.kernelFunc).not.toBe(nativeMaxPoolGrad);
  });

  const convCases: Array<[string, Shape4, Shape4, number, Pad]> = [
    ['3x3 valid stride 1 (the course model)', [4, 9, 9, 3], [3, 3, 3, 5], 1, 'valid'],
    ['3x3 same stride 1', [3, 8, 7, 2], [3, 3, 2, 4], 1, 'same'],
    ['3x3 same stride 2, odd size', [2, 9, 9, 3], [3, 3, 3, 4], 2, 'same'],
    ['3x3 valid stride 2, uncovered last row', [2, 10, 8, 2], [3, 3, 2, 3], 2, 'valid'],
    ['1x1 valid stride 1 (pointwise)', [3, 5, 5, 4], [1, 1, 4, 6], 1, 'valid'],
    ['5x5 same stride 1, one input channel', [5, 12, 12, 1], [5, 5, 1, 8], 1, 'same'],
  ];
  for (const [title, xShape, wShape, stride, pad] of convCases) {
    it(`conv2d gradients match the cpu backend: ${title}`, async () => {
      await expectSameGradients((x, w) => tf.conv2d(x, w, stride, pad), xShape, wShape);
    });
  }

  it('fused conv2d with bias and relu (what tf.layers.conv2d trains through) matches', async () => {
    const bias = tf.tensor1d([0.1, -0.2, 0.3, 0.0]);
    await expectSameGradients(
      (x, w) => tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'valid', bias, activation: 'relu' }),
      [3, 8, 8, 2],
      [3, 3, 2, 4],
    );
    bias.dispose();
  });

  const depthwiseCases: Array<[string, Shape4, Shape4, number, Pad]> = [
    ['3x3 same stride 1, multiplier 1 (MobileNet)', [2, 8, 8, 4], [3, 3, 4, 1], 1, 'same'],
    ['3x3 same stride 2, multiplier 1 (MobileNet)', [2, 9, 9, 3], [3, 3, 3, 1], 2, 'same'],
    ['3x3 valid stride 1, multiplier 2', [3, 7, 6, 2], [3, 3, 2, 2], 1, 'valid'],
  ];
  for (const [title, xShape, wShape, stride, pad] of depthwiseCases) {
    it(`depthwiseConv2d gradients match the cpu backend: ${title}`, async () => {
      await expectSameGradients((x, w) => tf.depthwiseConv2d(x, w, stride, pad), xShape, wShape);
    });
  }

  // Inputs with ties (values rounded to a few levels, and relu's zeros), so the rule for which
  // cell of a window takes the gradient is tested, not only the arithmetic.
  const poolCases: Array<[string, Shape4, number, number, Pad, 'ties' | 'distinct']> = [
    ['2x2 stride 2 valid (the course model), relu ties', [3, 8, 8, 5], 2, 2, 'valid', 'ties'],
    ['2x2 stride 2 valid, odd size (last row in no window)', [2, 7, 9, 3], 2, 2, 'valid', 'distinct'],
    ['3x3 stride 2 same (overlapping, padded)', [2, 9, 8, 4], 3, 2, 'same', 'ties'],
    ['3x3 stride 1 same', [2, 6, 6, 2], 3, 1, 'same', 'distinct'],
    ['2x2 stride 1 valid (overlapping)', [2, 5, 5, 3], 2, 1, 'valid', 'ties'],
  ];
  for (const [title, xShape, size, stride, pad, values] of poolCases) {
    it(`maxPool gradient matches the cpu backend: ${title}`, async () => {
      const gradOn = async (backend: 'cpu' | 'wasm'): Promise<Float32Array> => {
        await tf.setBackend(backend);
        const raw = tf.randomNormal(xShape, 0, 1, 'float32', 11);
        const x = values === 'ties' ? tf.relu(tf.div(tf.round(tf.mul(raw, 2)), 2)) : raw;
        const dx = tf.grad((a: tf.Tensor) => {
          const y = tf.maxPool(a as tf.Tensor4D, size, stride, pad);
          return tf.sum(tf.mul(y, tf.randomUniform(y.shape, -1, 1, 'float32', 3)));
        })(x);
        const out = (await dx.data()) as Float32Array;
        tf.dispose([raw, x, dx]);
        return out;
      };
      const reference = await gradOn('cpu');
      const wasm = await gradOn('wasm');
      // Overlapping windows add their gradients in another order: equal to float rounding.
      // A cell picked wrongly would be off by a whole upstream gradient (about 0.1-1).
      expect(maxRelativeError(wasm, reference)).toBeLessThan(1e-5);
    });
  }

  it('maxPool gradient: a window of -Infinity passes no gradient, as on the cpu backend', async () => {
    const gradOn = async (backend: 'cpu' | 'wasm'): Promise<number[]> => {
      await tf.setBackend(backend);
      const x = tf.tensor4d([-Infinity, -Infinity, -Infinity, -Infinity, 1, 2, 3, 4], [1, 2, 4, 1]);
      const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid')))(x);
      const out = Array.from(await dx.data());
      tf.dispose([x, dx]);
      return out;
    };
    expect(await gradOn('wasm')).toEqual(await gradOn('cpu'));
  });
});
