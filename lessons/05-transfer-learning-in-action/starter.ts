import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate, show } from 'lab';

// Geek's example, done properly, in TensorFlow.js.

// Load the pre-trained model
const base = await models.fashionCnn({ weights: 'pretrained' });

// Modify the last layer for our task
const numClasses = 5;
// TODO: cut at base.getLayer('features') (the last conv block's output) and add a new
// dense layer with numClasses units (softmax).
export const model: tf.LayersModel = base;

// Fine-tune the model on our dataset
const train = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 1 });
const learningRate = 0.001;
// TODO: phase 1 — freeze the pretrained layers, compile, train the head (lr 0.01).
// TODO: phase 2 — unfreeze conv3 and conv4, compile with tf.train.momentum(learningRate, 0.9), train again.

// Evaluate on the test set and report
// 200 test images of each class: 1,000 of the 2,500 shipped. The score is usually within 2 points
// of the whole set's (one standard error: 1.2 points), and the wait is less than half.
const test = await datasets.load('fashion-target', { split: 'test', perClass: 200 });
const result = await evaluate(model, test);
export const accuracy = result.accuracy;
// TODO: print "Fine-tuning complete!" with the test accuracy.

// Look at the result, not only the number: which classes it mixes up, and some of its mistakes.
show.confusion(result, test, { name: 'Test images: true class (rows), prediction (columns)' });
show.images(test, { predictions: result.predictions, only: 'wrong', n: 20, name: 'Some of its mistakes' });
train.dispose();
test.dispose();
