/**
 * Bench probe (runs as learner code, in the sandbox worker or in Node):
 * steady-state training and inference speed of the course model on the
 * current backend, and which kernels one training step spends its time in.
 *
 * Training: the course model cut at PARAMS.cutAt (the layer the lessons put
 * their new head on) with a new 5-class head, EVERY layer trainable
 * (the most work a lesson can ask for), SGD momentum, batch PARAMS.batchSize,
 * PARAMS.epochs epochs over PARAMS.trainSamples images; the first epoch is
 * warm-up and is reported apart. Inference: predict() in batches of
 * PARAMS.inferBatch, once to warm up, then timed.
 *
 * The bench replaces the PARAMS line (see bench/lib/probe-source.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { models, datasets } from 'lab';

const PARAMS = { trainSamples: 64, batchSize: 16, epochs: 3, inferSamples: 256, inferBatch: 256, profile: true, convKernels: true, cutAt: 'features' }; // bench:params
const MARK = '__bench_probe__ ';

const train = await datasets.load('fashion-target', { split: 'train', perClass: Math.ceil(PARAMS.trainSamples / 5), seed: 1 });
const xs = train.xs.slice(0, PARAMS.trainSamples);
const ys = train.ys.slice(0, PARAMS.trainSamples);

const base = await models.fashionCnn({ weights: 'pretrained' });
const head = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
const model = tf.model({ inputs: base.inputs, outputs: head.apply(base.getLayer(PARAMS.cutAt).output) as tf.SymbolicTensor });
model.compile({ optimizer: tf.train.momentum(0.001, 0.9), loss: 'categoricalCrossentropy' });

const fitStart = performance.now();
const epochEnds: number[] = [];
await model.fit(xs, ys, {
  epochs: PARAMS.epochs,
  batchSize: PARAMS.batchSize,
  shuffle: false,
  callbacks: { onEpochEnd: () => void epochEnds.push(performance.now()) },
});
const steadyMs = epochEnds[epochEnds.length - 1]! - epochEnds[0]!;
const trainMsPerSample = steadyMs / ((PARAMS.epochs - 1) * PARAMS.trainSamples);
const firstEpochMs = epochEnds[0]! - fitStart;

// Inference over a test slice: one pass to warm up (first-use costs), one timed.
const test = await datasets.load('fashion-target', { split: 'test', perClass: Math.ceil(PARAMS.inferSamples / 5), seed: 2 });
const inferXs = test.xs.slice(0, PARAMS.inferSamples);
async function predictAll(): Promise<void> {
  for (let start = 0; start < PARAMS.inferSamples; start += PARAMS.inferBatch) {
    const size = Math.min(PARAMS.inferBatch, PARAMS.inferSamples - start);
    const out = tf.tidy(() => (model.predict(inferXs.slice(start, size)) as tf.Tensor).argMax(-1));
    await out.data();
    out.dispose();
  }
}
const warmInferStart = performance.now();
await predictAll();
const firstInferMs = performance.now() - warmInferStart;
const inferStart = performance.now();
await predictAll();
const inferMsPerSample = (performance.now() - inferStart) / PARAMS.inferSamples;

// One training step under tf.profile: where the time goes, kernel by kernel.
// (tf.profile times each kernel on its own, forcing a sync after each: the total is higher than a normal step.)
interface KernelTime {
  name: string;
  ms: number;
  calls: number;
}
let kernels: KernelTime[] = [];
let kernelTimesAvailable = true;
if (PARAMS.profile) {
  const xb = xs.slice(0, PARAMS.batchSize);
  const yb = ys.slice(0, PARAMS.batchSize);
  const info = await tf.profile(async () => {
    await model.trainOnBatch(xb, yb);
  });
  const byName = new Map<string, KernelTime>();
  for (const kernel of info.kernels) {
    // tfjs also lists each op's wrapper ("fusedConv2d__op") next to its kernel: count kernels only.
    if (kernel.name.endsWith('__op')) continue;
    const ms = typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : Number.NaN;
    if (!Number.isFinite(ms)) kernelTimesAvailable = false;
    const entry = byName.get(kernel.name) ?? { name: kernel.name, ms: 0, calls: 0 };
    entry.ms += Number.isFinite(ms) ? ms : 0;
    entry.calls++;
    byName.set(kernel.name, entry);
  }
  kernels = [...byName.values()].sort((a, b) => b.ms - a.ms);
  tf.dispose([xb, yb]);
}

// Gradient kernels the step used, and whether each is registered for this backend
// (on wasm, Conv2DBackpropFilter exists only because the runtime registers it).
const gradientKernels = kernels
  .map((k) => k.name)
  .filter((name) => /Backprop|Grad/.test(name))
  .map((name) => ({ name, registered: tf.getKernel(name, tf.getBackend()) != null }));

// Each conv layer's three kernels at the training batch size: forward, filter gradient, input gradient.
// A training step costs one of each per trainable conv (no input gradient for the first layer), so
// gradients much slower than the forward conv are where training loses to a native library.
interface ConvKernelTimes {
  layer: string;
  forwardMs: number;
  filterGradMs: number;
  inputGradMs: number;
}
const convKernels: ConvKernelTimes[] = [];
if (PARAMS.convKernels) {
  // Median of 5 timed calls after one warm-up call: one slow call (a GC, another process) does not count.
  const timeKernel = (run: () => tf.Tensor): number => {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const start = performance.now();
      const out = run();
      out.dataSync();
      out.dispose();
      if (i > 0) times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[2]!;
  };
  for (const layer of base.layers.filter((l) => l.getClassName() === 'Conv2D')) {
    const config = layer.getConfig() as { strides?: number[]; padding?: string };
    const inShape = [PARAMS.batchSize, ...(layer.input as tf.SymbolicTensor).shape.slice(1)] as number[];
    const outShape = [PARAMS.batchSize, ...(layer.output as tf.SymbolicTensor).shape.slice(1)] as number[];
    const kernel = layer.getWeights()[0]!;
    const x = tf.randomNormal(inShape);
    const dy = tf.randomNormal(outShape);
    const attrs = { strides: config.strides ?? [1, 1], pad: config.padding ?? 'valid', dataFormat: 'NHWC', dilations: [1, 1] };
    convKernels.push({
      layer: layer.name,
      forwardMs: timeKernel(() => tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, attrs.strides as [number, number], attrs.pad as 'same')),
      filterGradMs: timeKernel(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: kernel.shape } as never) as tf.Tensor),
      inputGradMs: timeKernel(() => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: kernel }, { ...attrs, inputShape: inShape } as never) as tf.Tensor),
    });
    tf.dispose([x, dy]);
  }
}

console.log(
  MARK +
    JSON.stringify({
      convKernels,
      backend: tf.getBackend(),
      params: PARAMS,
      trainMsPerSample,
      firstEpochMs,
      inferMsPerSample,
      firstInferMs,
      kernelTimesAvailable,
      kernels: kernels.slice(0, 12),
      gradientKernels,
      numTensors: tf.memory().numTensors,
    }),
);

tf.dispose([xs, ys, inferXs]);
train.dispose();
test.dispose();
model.dispose();
export const done = true;
