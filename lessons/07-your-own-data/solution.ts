import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate, show } from 'lab';

// Your drawings from the pad above, split into a training part and a held-out part.
const mine = await datasets.drawings();
console.log('Your classes:', mine.classNames.join(', '));
console.log('Drawings per class:', mine.counts.join(', '));
show.images(mine.train, { n: 25, name: 'Some of your training drawings' });

// The pretrained base cut at 'features', a new head for your 5 classes, the base frozen.
const base = await models.fashionCnn({ weights: 'pretrained' });
const head = tf.layers.dense({ units: 5, activation: 'softmax', name: 'my_head' });
export const model = tf.model({ inputs: base.inputs, outputs: head.apply(base.getLayer('features').output) });
for (const layer of model.layers) layer.trainable = layer.name === 'my_head';
model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await model.fit(mine.train.xs, mine.train.ys, { epochs: 30, batchSize: 8, shuffle: true });

// Drawings it never saw.
const result = await evaluate(model, mine.test);
export const heldOutAccuracy = result.accuracy;
console.log(`Held-out accuracy: ${(heldOutAccuracy * 100).toFixed(0)}%`);
// Your held-out drawings with the model's guesses (wrong ones are marked).
show.images(mine.test, { predictions: result.predictions, name: 'Your held-out drawings and the model’s guesses' });

// Saved in this browser, where "Try your model" finds it.
await model.save('indexeddb://transfer-lab-own-model');
mine.dispose();
