import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate, experiment, epochsFor, show } from 'lab';

// The less-data sweep on your own device: at k = 1, 2, 5, 10 and 20 images per class, a new
// head on the frozen base (transfer) against the same network from random weights (scratch).
// The transfer arm trains with the course experiment's head recipe; the scratch arm with its
// learning rate and batch size but a short budget (SCRATCH_EPOCHS, the experiment gave it up to
// 100 epochs), so that the whole sweep fits in a few minutes. The chart grows after each k,
// beside the course's own curve.
const KS = [1, 2, 5, 10, 20];
const SCRATCH_EPOCHS = 15;
const { recipes, byK } = await experiment();
const pool = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 3 });
// 100 test images per class (the course's experiment uses all 2,500; this keeps the sweep short).
const test = await datasets.load('fashion-target', { split: 'test', perClass: 100 });

// The frozen base's features, computed once for every image: the transfer arm trains on them.
const base = await models.fashionCnn({ weights: 'pretrained' });
const features = models.cutAfter(base, 'features');
const poolFeatures = features.predict(pool.xs) as tf.Tensor;
const testFeatures = features.predict(test.xs) as tf.Tensor;

/** The first k images of each class in the pool: each k's set holds the smaller ones. */
function firstPerClass(k: number): tf.Tensor1D {
  const seen = [0, 0, 0, 0, 0];
  return tf.tensor1d(pool.labels.flatMap((label, i) => (seen[label]!++ < k ? [i] : [])), 'int32');
}

async function transferAccuracy(k: number): Promise<number> {
  const recipe = recipes.head;
  // TODO: train a new head on the features of the first k images of each class, with the
  // course's head recipe, and return its accuracy on the test images' features:
  // 1. const pick = firstPerClass(k); gather the rows of poolFeatures and pool.ys it names (tf.gather).
  // 2. A model of one layer: tf.layers.dense({ units: 5, activation: 'softmax', inputShape: [poolFeatures.shape[1]!] }).
  // 3. Compile it with tf.train.adam(recipe.learningRate); fit it for epochsFor(recipe, k) epochs,
  //    batch size recipe.batchSize, shuffled.
  // 4. return (await evaluate(head, { xs: testFeatures, labels: test.labels })).accuracy;
  //    and dispose what you made.
  void recipe;
  return 0;
}

async function scratchAccuracy(k: number): Promise<number> {
  const recipe = recipes.scratch;
  const pick = firstPerClass(k);
  const [xs, ys] = [tf.gather(pool.xs, pick), tf.gather(pool.ys, pick)];
  const random = await models.fashionCnn({ weights: null, seed: k });
  const head = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
  const model = tf.model({ inputs: random.inputs, outputs: head.apply(random.getLayer('features').output) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(recipe.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(xs, ys, { epochs: Math.min(SCRATCH_EPOCHS, epochsFor(recipe, k)), batchSize: recipe.batchSize, shuffle: true });
  const accuracy = (await evaluate(model, test)).accuracy;
  tf.dispose([pick, xs, ys]);
  random.dispose();
  return accuracy;
}

export const sweep: { k: number; transfer: number; scratch: number }[] = [];
const course = byK.filter((row) => row.k <= 20);
for (const k of KS) {
  sweep.push({ k, transfer: await transferAccuracy(k), scratch: await scratchAccuracy(k) });
  show.linechart(
    {
      values: [
        course.map((row) => ({ x: row.k, y: row.head })),
        course.map((row) => ({ x: row.k, y: row.scratch })),
        sweep.map((row) => ({ x: row.k, y: row.transfer })),
        sweep.map((row) => ({ x: row.k, y: row.scratch })),
      ],
      series: ['course: transfer (mean)', 'course: from scratch (mean)', 'your transfer', `your from scratch (${SCRATCH_EPOCHS} epochs)`],
    },
    { name: 'Less data: your sweep beside the course', xLabel: 'training images per class', yLabel: 'test accuracy', xLog: true },
  );
  console.log(`k=${k}: transfer ${(sweep.at(-1)!.transfer * 100).toFixed(1)}%, from scratch ${(sweep.at(-1)!.scratch * 100).toFixed(1)}%`);
}
show.table(sweep.map(({ k, transfer, scratch }) => ({ k, transfer, scratch })), { name: 'Your sweep' });
tf.dispose([poolFeatures, testFeatures]);
pool.dispose();
test.dispose();
