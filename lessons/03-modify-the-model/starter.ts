import * as tf from '@tensorflow/tfjs';
import { models } from 'lab';

const numClasses = 5; // num_classes = 5, as in Geek's example

const base = await models.fashionCnn({ weights: 'pretrained' });
console.log('The last layer is', base.layers[base.layers.length - 1]!.name);

// TODO: build a model that keeps every layer of `base` up to the layer before
// `head` (it is called 'dense'), and ends in a NEW dense layer with numClasses
// units and a softmax activation. Cut at base.getLayer('dense').output, then
// connect the new layer with .apply() and make the model with tf.model(), as
// Geek showed above.
export const model: tf.LayersModel = base;

model.summary();
