import { defineChecks, testImagesUnseen, expect, fail, lastLayer } from 'grading';
import { datasets, evaluate } from 'lab';
import type * as TF from '@tensorflow/tfjs';

/** The test images the exercise scores on (its code loads the same): 200 of each class. */
const TEST = { split: 'test', perClass: 200 } as const;

// The lesson text shows these with <CheckValue name="…" />: change them here only.
// (Plain `const`, not `export const`: see src/grading/README.md, "Values the prose shows".)
/** The test accuracy to reach. Chance is 0.2; the reference solution scores about 0.65 on these five look-alike tops. */
const ACCURACY_THRESHOLD = 0.6;
/** The largest learning rate of the last training phase. */
const MAX_LEARNING_RATE = 0.001;
/** How far the exported accuracy may be from the one the check measures. */
const ACCURACY_TOLERANCE = 0.005;

/** The export `npm run grade` also scores on its hidden holdout (t10k images the site never ships). */
const HOLDOUT_MODEL = 'model';

export default defineChecks([
  {
    title: 'The model classifies the 5 new classes',
    hint: 'Replace the last layer with a new dense layer of numClasses units.',
    async test({ exports }) {
      const model = await expect.model(exports, 'model', 'your model');
      expect(model.outputs[0]!.shape).toEqual([null, 5], 'output shape');
      if (lastLayer(model).name === 'head') fail('The last layer is still the pretrained `head`.');
    },
  },
  {
    title: `The last training phase used a learning rate of at most ${MAX_LEARNING_RATE}`,
    hint: 'Compile with tf.train.momentum(learningRate, 0.9) before the last fit.',
    test({ fits }) {
      expect(fits.length).toBeGreaterThanOrEqual(1, 'the number of model.fit calls');
      expect(fits.at(-1)!.learningRate).toBeLessThanOrEqual(MAX_LEARNING_RATE, 'the learning rate of your last fit');
    },
  },
  testImagesUnseen(),
  {
    title: `The fine-tuned model reaches at least ${ACCURACY_THRESHOLD * 100}% on the test set`,
    hint: 'Train the head first, then fine-tune the top layers with the low learning rate.',
    timeoutMs: 20_000,
    async test({ exports }) {
      const model = await expect.model(exports, 'model');
      const test = await datasets.load('fashion-target', TEST);
      try {
        const measured = (await evaluate(model, test)).accuracy;
        expect(measured).toBeGreaterThanOrEqual(ACCURACY_THRESHOLD, 'test accuracy (measured by the check)');
        const claimed = expect.exported<number>(exports, 'accuracy', 'the test accuracy you measured');
        expect(claimed).toBeCloseTo(measured, ACCURACY_TOLERANCE, `your exported accuracy (the check measured it itself, on the test images the starter loads: ${TEST.perClass} per class)`);
      } finally {
        test.dispose();
      }
    },
  },
  {
    title: 'It prints "Fine-tuning complete!" with the accuracy',
    hint: 'console.log(`Fine-tuning complete! Test accuracy: ${...}`)',
    test({ logs }) {
      const line = logs.find((entry) => entry.text.includes('Fine-tuning complete!'));
      if (!line) fail('No "Fine-tuning complete!" in the output.');
      expect(line.text).toMatch(/\d/, 'the line with "Fine-tuning complete!" (it should show the accuracy)');
    },
  },
  {
    title: 'The confusion matrix of the test images is shown, with its images',
    hint: 'After evaluate: show.confusion(result, test), with the same test data you evaluated.',
    test({ shown }) {
      const matrix = shown.find((view) => view.kind === 'confusion');
      if (!matrix) fail('Call show.confusion(result, test) to draw the confusion matrix.');
      expect(matrix.count).toBe(5, 'the classes of your confusion matrix');
      expect(matrix.images).toBeGreaterThan(0, 'the images behind its cells (pass the test data as the second argument)');
    },
  },
]);
