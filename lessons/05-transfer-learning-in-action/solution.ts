import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate, show } from 'lab';

// Geek's example, done properly, in TensorFlow.js.

// Load the pre-trained model
const base = await models.fashionCnn({ weights: 'pretrained' });

// Modify the last layer for our task
const numClasses = 5;
const newHead = tf.layers.dense({ units: numClasses, activation: 'softmax', name: 'new_head' });
export const model = tf.model({
  inputs: base.inputs,
  outputs: newHead.apply(base.getLayer('features').output),
});

// Fine-tune the model on our dataset
const train = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 1 });
const learningRate = 0.001;
const compile = (lr: number) =>
  model.compile({ optimizer: tf.train.momentum(lr, 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

// Phase 1: only the new head learns.
for (const layer of model.layers) layer.trainable = layer.name === 'new_head';
compile(learningRate * 10);
await model.fit(train.xs, train.ys, { epochs: 10, batchSize: 16, shuffle: true });

// Phase 2: the top of the base joins in, with the low learning rate.
for (const layer of model.layers) layer.trainable = ['conv3', 'conv4', 'new_head'].includes(layer.name);
compile(learningRate);
await model.fit(train.xs, train.ys, { epochs: 5, batchSize: 16, shuffle: true });

// Evaluate on the test set and report
// 200 test images of each class: 1,000 of the 2,500 shipped. The score is usually within 2 points
// of the whole set's (one standard error: 1.2 points), and the wait is less than half.
const test = await datasets.load('fashion-target', { split: 'test', perClass: 200 });
const result = await evaluate(model, test);
export const accuracy = result.accuracy;
console.log(`Fine-tuning complete! Test accuracy: ${(accuracy * 100).toFixed(1)}%`);

// Look at the result, not only the number: which classes it mixes up, and some of its mistakes.
show.confusion(result, test, { name: 'Test images: true class (rows), prediction (columns)' });
show.images(test, { predictions: result.predictions, only: 'wrong', n: 20, name: 'Some of its mistakes' });
train.dispose();
test.dispose();
