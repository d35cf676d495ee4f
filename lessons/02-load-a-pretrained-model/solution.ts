import * as tf from '@tensorflow/tfjs';
import { models, datasets, show } from 'lab';

// 1. Load the pretrained model (torchvision style: weights: 'pretrained').
export const model = await models.fashionCnn({ weights: 'pretrained' });

// 2. Look inside: summary() prints every layer, its output shape and parameters.
model.summary();

// 3. Take 10 test images of the classes the model was trained on.
const images = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });

// 4. Predict: one row of 5 scores per image, the best class of each row, then its name.
const best = tf.tidy(() => (model.predict(images.xs) as tf.Tensor).argMax(-1));
const indexes = Array.from(await best.data());
best.dispose();
export const predictedNames: string[] = indexes.map((index) => images.classNames[index]!);

console.log('Predicted:', predictedNames);
console.log('Truth:    ', images.labels.map((label) => images.classNames[label]));

// 5. Look at them: the ten images with their true class and the model's guess (wrong ones are marked).
show.images(images, { predictions: predictedNames, name: 'The ten test images' });
images.dispose();
