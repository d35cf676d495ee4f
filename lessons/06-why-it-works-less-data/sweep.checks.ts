import { defineChecks, expect, fail, testImagesUnseen } from 'grading';
import { experiment } from 'lab';

/** The images per class the sweep runs at. */
const SWEEP_KS = [1, 2, 5, 10, 20];
/** The least test accuracy the transfer arm reaches at every k (chance is 20%; the course's mean at k=1 is about 47%). */
const MIN_TRANSFER_ACCURACY = 0.35;

type Row = { k: number; transfer: number; scratch: number };

export default defineChecks([
  {
    title: 'sweep has one row per k: 1, 2, 5, 10 and 20 images per class',
    hint: 'Keep the loop over KS that pushes { k, transfer, scratch } into sweep.',
    test({ exports }) {
      const sweep = expect.exported<Row[]>(exports, 'sweep', 'the rows of your sweep');
      expect(sweep.map((row) => row.k)).toEqual(SWEEP_KS, 'the k of each row');
      for (const row of sweep) {
        for (const arm of ['transfer', 'scratch'] as const) {
          const value = row[arm];
          if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(`The ${arm} accuracy at k=${row.k} should be a number from 0 to 1, got ${String(value)}.`);
        }
      }
    },
  },
  {
    title: `The transfer arm learns at every k (at least ${MIN_TRANSFER_ACCURACY * 100}% on the test images)`,
    hint: 'transferAccuracy(k) trains a new head on poolFeatures (the frozen base’s features) and scores it on testFeatures.',
    test({ exports }) {
      const sweep = expect.exported<Row[]>(exports, 'sweep');
      for (const row of sweep) expect(row.transfer).toBeGreaterThanOrEqual(MIN_TRANSFER_ACCURACY, `the transfer accuracy at k=${row.k}`);
    },
  },
  // The scratch arm trains on the pool's images: a pool taken from the test split shows up here.
  testImagesUnseen(),
  {
    title: 'The heads train with the course’s head recipe',
    hint: 'Compile the head with tf.train.adam(recipes.head.learningRate) and fit it for epochsFor(recipes.head, k) epochs.',
    async test({ fits }) {
      // The recipe as the course's experiment file states it today (public/data/transfer-experiment.json).
      const { learningRate } = (await experiment()).recipes.head;
      const heads = fits.filter((fit) => fit.learningRate !== undefined && Math.abs(fit.learningRate - learningRate) <= 1e-9);
      expect(heads.length).toBeGreaterThanOrEqual(SWEEP_KS.length, 'the fits at the head recipe’s learning rate');
    },
  },
  {
    title: 'The sweep is plotted beside the course’s curve',
    hint: 'Keep the show.linechart call inside the loop.',
    test({ shown }) {
      const charts = shown.filter((view) => view.kind === 'linechart');
      if (charts.length === 0) fail('Call show.linechart(…) to draw your sweep.');
      expect(charts.at(-1)!.count).toBeGreaterThanOrEqual(SWEEP_KS.length * 2, 'the points of your last chart (yours and the course’s)');
    },
  },
]);
