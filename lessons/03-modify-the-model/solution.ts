import * as tf from '@tensorflow/tfjs';
import { models } from 'lab';

const numClasses = 5; // num_classes = 5, as in Geek's example

const base = await models.fashionCnn({ weights: 'pretrained' });
console.log('The last layer is', base.layers[base.layers.length - 1]!.name);

// Cut at the layer before the head...
const cut = base.getLayer('dense').output;
// ...and put a new, randomly initialised classifier on top.
const newHead = tf.layers.dense({ units: numClasses, activation: 'softmax', name: 'new_head' });
export const model = tf.model({ inputs: base.inputs, outputs: newHead.apply(cut) });

model.summary();
