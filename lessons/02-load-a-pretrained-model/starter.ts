import * as tf from '@tensorflow/tfjs';
import { models, datasets, show } from 'lab';

// 1. Load the pretrained model (torchvision style: weights: 'pretrained').
export const model = await models.fashionCnn({ weights: 'pretrained' });

// 2. Look inside: summary() prints every layer, its output shape and parameters.
model.summary();

// 3. Take 10 test images of the classes the model was trained on.
const images = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });

// TODO: predict the class of each image. `model.predict(images.xs)` gives one row of
// 5 scores per image; `.argMax(-1)` picks the best class index of each row.
// Turn the indexes into names with images.classNames and export them.
export const predictedNames: string[] = [];

console.log('Predicted:', predictedNames);
console.log('Truth:    ', images.labels.map((label) => images.classNames[label]));

// 5. Look at them: the ten images with their true class.
// TODO: once predictedNames holds the names, add `predictions: predictedNames` to the options,
// and each image shows the model's guess too (wrong ones are marked).
show.images(images, { name: 'The ten test images' });
images.dispose();
