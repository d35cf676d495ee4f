/**
 * What the wasm gradient kernels cost, in Node 24 (wasm SIMD, 1 thread):
 *
 *   npx node scripts/research/bench-wasm.ts
 *
 * 1. one conv layer's forward pass and its input gradient with tfjs's native
 *    Conv2DBackpropInput, before registerWasmGradients();
 * 2. the same after it (our forward-conv formulation), plus the filter gradient;
 * 3. ms per training sample of the shipped architecture (batch 32 and 64).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradients } from '../../src/lab/wasm-gradients.ts';
import { buildFashionCnn, DEFAULT_ARCHITECTURE } from '../ml/architecture.ts';

await tf.setBackend('wasm');
const [B, H, C] = [64, 28, 32];
const x = tf.randomNormal([B, H, H, C], 0, 1, 'float32', 1) as tf.Tensor4D;
const w = tf.randomNormal([3, 3, C, C], 0, 1, 'float32', 2) as tf.Tensor4D;
const dy = tf.randomNormal([B, H, H, C], 0, 1, 'float32', 3) as tf.Tensor4D;

async function ms(f: () => tf.Tensor, repeats = 5): Promise<number> {
  f().dispose(); // warm-up: the first call compiles and allocates
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) {
    const r = f();
    await r.data();
    r.dispose();
  }
  return (performance.now() - t0) / repeats;
}
const row = (label: string, value: number) => console.log(`${label.padEnd(58)} ${value.toFixed(1)} ms`);

console.log(`conv 3x3 same, batch ${B}, ${H}x${H}x${C} -> ${C}`);
row('forward conv2d', await ms(() => tf.conv2d(x, w, 1, 'same')));
row('input gradient, native Conv2DBackpropInput', await ms(() => tf.conv2dTranspose(dy, w, [B, H, H, C], 1, 'same')));
registerWasmGradients();
row('input gradient, registerWasmGradients', await ms(() => tf.conv2dTranspose(dy, w, [B, H, H, C], 1, 'same')));
row(
  'filter gradient, registerWasmGradients',
  await ms(
    () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
        strides: 1,
        pad: 'same',
        dataFormat: 'NHWC',
        filterShape: [3, 3, C, C],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
  ),
);
tf.dispose([x, w, dy]);

for (const batchSize of [32, 64]) {
  const model = buildFashionCnn({ ...DEFAULT_ARCHITECTURE, numClasses: 5, seed: 1 });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const n = 512;
  const xs = tf.randomNormal([n, 28, 28, 1], 0, 1, 'float32', 4);
  const ys = tf.oneHot(tf.randomUniform([n], 0, 5, 'int32', 5), 5).toFloat();
  await model.fit(xs.slice(0, batchSize * 2), ys.slice(0, batchSize * 2), { epochs: 1, batchSize, verbose: 0 });
  const t0 = performance.now();
  await model.fit(xs, ys, { epochs: 1, batchSize, verbose: 0 });
  const train = (performance.now() - t0) / n;
  const t1 = performance.now();
  const p = model.predict(xs) as tf.Tensor;
  await p.data();
  const predict = (performance.now() - t1) / n;
  console.log(`shipped architecture (${model.countParams()} parameters), batch ${batchSize}: training ${train.toFixed(2)} ms/sample, prediction ${predict.toFixed(2)} ms/image`);
  tf.dispose([xs, ys, p]);
  model.dispose();
}
