/**
 * How long a typical lesson run takes on wasm: what a learner's exercise does
 * in the browser, timed in Node (1 thread) as an upper-bound stand-in.
 *
 *   npx node scripts/research/lesson-budget.ts
 *
 * 1. load the pretrained model and 10 images per class
 * 2. freeze it, put a new head on `features`, model.fit 20 epochs
 * 3. unfreeze conv3/conv4, model.fit 10 more epochs at learning rate 1e-4
 * 4. evaluate on the 2,500 test images
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { configureLab, datasets, evaluate, models } from '../../src/lab/index.ts';
import { fileFetch } from '../../src/lab/node-fetch.ts';
import { useWasmBackend } from '../ml/wasm-node.ts';

await useWasmBackend();
configureLab({ assetBase: pathToFileURL(resolve('public') + '/').href, fetch: fileFetch });
const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const out = await f();
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return out;
};

const t0 = performance.now();
const base = await time('load model', () => models.fashionCnn());
const train = await time('load 10 per class', () => datasets.load('fashion-target', { split: 'train', perClass: 10, seed: 1 }));
const test = await time('load test set', () => datasets.load('fashion-target', { split: 'test' }));
for (const layer of base.layers) layer.trainable = false;
const head = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
const model = tf.model({ inputs: base.inputs, outputs: head.apply(base.getLayer('features').output) as tf.SymbolicTensor });
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await time('fit head, 20 epochs', () => model.fit(train.xs, train.ys, { epochs: 20, batchSize: 16, verbose: 0 }));
for (const name of ['conv3', 'conv4']) model.getLayer(name).trainable = true;
model.compile({ optimizer: tf.train.adam(1e-4), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await time('fine-tune top block, 10 epochs', () => model.fit(train.xs, train.ys, { epochs: 10, batchSize: 16, verbose: 0 }));
const result = await time('evaluate on 2,500 test images', () => evaluate(model, test));
console.log(`accuracy ${result.accuracy.toFixed(3)}; whole run ${((performance.now() - t0) / 1000).toFixed(2)} s`);
