import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate, show } from 'lab';

// Your drawings from the pad above, split into a training part and a held-out part.
const mine = await datasets.drawings();
console.log('Your classes:', mine.classNames.join(', '));
console.log('Drawings per class:', mine.counts.join(', '));
show.images(mine.train, { n: 25, name: 'Some of your training drawings' });

// TODO 1: the pretrained base cut at 'features', plus a new 5-class head; freeze the base.
// TODO 2: train it on mine.train (about 30 epochs).
// TODO 3: score it on mine.test (drawings it never saw) and export that accuracy as heldOutAccuracy.
// TODO 4: save it for "Try your model": await model.save('indexeddb://transfer-lab-own-model');
// TODO 5: look at its guesses: show.images(mine.test, { predictions: result.predictions }),
//         where result = await evaluate(model, mine.test).
export let model: tf.LayersModel | undefined;
export let heldOutAccuracy = 0;

mine.dispose();
