import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate } from 'lab';

// Only 5 training images per class. Same data, same training budget for both arms.
const k = 5;
const EPOCHS = 20;
const BATCH_SIZE = 5;
// Each arm's own learning rate, as in the course's experiment: a whole network learning from
// random weights takes smaller steps than a new head learning on frozen features.
const SCRATCH_LEARNING_RATE = 0.001;
const HEAD_LEARNING_RATE = 0.003;
const train = await datasets.load('fashion-target', { split: 'train', perClass: k, seed: 3 });
// 100 test images of each class, 500 of the 2,500 shipped: enough to see a lead of several points
// (a score's standard error against the whole set's is 2 points), in a fifth of the wait.
const test = await datasets.load('fashion-target', { split: 'test', perClass: 100 });

/** The base model's convolutional layers (up to 'features') with a new 5-class layer on top. */
function withNewHead(base: tf.LayersModel): tf.LayersModel {
  const head = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
  return tf.model({ inputs: base.inputs, outputs: head.apply(base.getLayer('features').output) as tf.SymbolicTensor });
}

async function trainAndScore(model: tf.LayersModel, learningRate: number): Promise<number> {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(train.xs, train.ys, { epochs: EPOCHS, batchSize: BATCH_SIZE, shuffle: true });
  return (await evaluate(model, test)).accuracy;
}

// Arm 1, from scratch: the same architecture with random weights; every layer learns.
export const scratchModel = withNewHead(await models.fashionCnn({ weights: null }));
export const scratchAccuracy = await trainAndScore(scratchModel, SCRATCH_LEARNING_RATE);

// Arm 2, transfer: the pretrained base, frozen; only the new head learns.
export const transferModel = withNewHead(await models.fashionCnn({ weights: 'pretrained' }));
for (const layer of transferModel.layers) layer.trainable = layer.name === 'new_head';
export const transferAccuracy = await trainAndScore(transferModel, HEAD_LEARNING_RATE);

console.log(`From scratch: ${(scratchAccuracy * 100).toFixed(1)}%`);
console.log(`Transfer:     ${(transferAccuracy * 100).toFixed(1)}%`);
train.dispose();
test.dispose();
