import * as tf from '@tensorflow/tfjs';
import { models, datasets } from 'lab';

const numClasses = 5; // num_classes = 5, as in Geek's example

const base = await models.fashionCnn({ weights: 'pretrained' });
console.log('The last layer is', base.layers[base.layers.length - 1]!.name);

// Cut at the layer before the head...
const cut = base.getLayer('dense').output;
// ...and put a new, randomly initialised classifier on top.
const newHead = tf.layers.dense({ units: numClasses, activation: 'softmax', name: 'new_head' });
export const model = tf.model({ inputs: base.inputs, outputs: newHead.apply(cut) });

model.summary();

// Watch the modified model learn: freeze every kept layer (Step 4 says why) and train only
// the last one for a few epochs on 20 images of each new class. The chart below the output
// draws the loss and accuracy of each epoch; the dashed lines are 20 other images per class.
for (const layer of model.layers.slice(0, -1)) layer.trainable = false;
model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const train = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 1 });
const validation = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 1, skip: 20 });
// One-hot labels with one column per output of the model (numClasses).
const oneHot = (labels: number[]) => tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses).toFloat());
const [ys, validationYs] = [oneHot(train.labels), oneHot(validation.labels)];
await model.fit(train.xs, ys, { epochs: 5, batchSize: 16, shuffle: true, validationData: [validation.xs, validationYs] });
tf.dispose([ys, validationYs]);
train.dispose();
validation.dispose();
