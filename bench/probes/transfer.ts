/**
 * Bench probe (runs as learner code): two ways to train a new head on a
 * frozen pretrained base, same data, epochs, batch size and optimizer.
 *
 * - recompute: the lessons' way. The whole model is fitted with only the head
 *   trainable, so every epoch runs every image through the frozen base again.
 * - cached: the base runs once (`cutAfter(base, PARAMS.cutAt).predict(...)`), and a
 *   head-only model is fitted on those embeddings.
 *
 * Both heads start from the same weights and see the batches in the same
 * order (no shuffling), so they must end with the same weights: the probe
 * reports the largest difference, which shows the faster path is the same
 * training and not a different one.
 *
 * The bench replaces the PARAMS line (see bench/lib/probe-source.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { models, datasets } from 'lab';

const PARAMS = { perClass: 20, epochs: 10, batchSize: 16, cutAt: 'features' }; // bench:params
const MARK = '__bench_probe__ ';

const train = await datasets.load('fashion-target', { split: 'train', perClass: PARAMS.perClass, seed: 1 });
const base = await models.fashionCnn({ weights: 'pretrained' });
const compileArgs = () => ({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy' });

// recompute: frozen base inside the fitted model.
const headA = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
const full = tf.model({ inputs: base.inputs, outputs: headA.apply(base.getLayer(PARAMS.cutAt).output) as tf.SymbolicTensor });
for (const layer of full.layers) layer.trainable = layer.name === 'new_head';
const initialHead = headA.getWeights().map((w) => w.clone());
full.compile(compileArgs());
const startA = performance.now();
await full.fit(train.xs, train.ys, { epochs: PARAMS.epochs, batchSize: PARAMS.batchSize, shuffle: false });
const recomputeMs = performance.now() - startA;

// cached: embeddings once, then the head alone.
const startB = performance.now();
const extractor = models.cutAfter(base, PARAMS.cutAt);
const embeddings = extractor.predict(train.xs) as tf.Tensor;
await embeddings.data();
const embedMs = performance.now() - startB;
const headOnly = tf.sequential({ layers: [tf.layers.dense({ units: 5, activation: 'softmax', inputShape: [embeddings.shape[1]!] })] });
headOnly.layers[0]!.setWeights(initialHead);
headOnly.compile(compileArgs());
await headOnly.fit(embeddings, train.ys, { epochs: PARAMS.epochs, batchSize: PARAMS.batchSize, shuffle: false });
const cachedMs = performance.now() - startB;

const maxWeightDifference = tf.tidy(() =>
  Math.max(
    ...headA.getWeights().map((w, i) => tf.max(tf.abs(tf.sub(w, headOnly.layers[0]!.getWeights()[i]!))).dataSync()[0]!),
  ),
);

console.log(
  MARK +
    JSON.stringify({
      backend: tf.getBackend(),
      params: PARAMS,
      samples: train.labels.length,
      recomputeMs,
      cachedMs,
      embedMs,
      speedup: recomputeMs / cachedMs,
      maxWeightDifference,
    }),
);

tf.dispose([embeddings, ...initialHead]);
train.dispose();
full.dispose();
headOnly.dispose();
export const done = true;
