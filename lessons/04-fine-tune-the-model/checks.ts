import { defineChecks, testImagesUnseen, expect, fail, optimizerOf } from 'grading';
import { datasets, evaluate } from 'lab';
import type * as TF from '@tensorflow/tfjs';

/** The test images the exercise scores on (its code loads the same): 200 of each class. */
const TEST = { split: 'test', perClass: 200 } as const;

// The lesson text shows these with <CheckValue name="…" />: change them here only.
// (Plain `const`, not `export const`: see src/grading/README.md, "Values the prose shows".)
/** The test accuracy to reach. Chance is 0.2; the reference solution scores about 0.65 on these five look-alike tops. */
const ACCURACY_THRESHOLD = 0.6;
/** "Gently": the fine-tuned layers may move, but by at most this fraction of their pretrained weights. */
const MAX_WEIGHT_CHANGE = 0.1;
/** The largest learning rate of the fine-tuning phase. */
const MAX_FINE_TUNE_LEARNING_RATE = 0.001;
/** The momentum of the fine-tuning optimizer. */
const MOMENTUM = 0.9;

const FROZEN = ['conv1', 'conv2'];
const FINE_TUNED = ['conv3', 'conv4'];

/** The export `npm run grade` also scores on its hidden holdout (t10k images the site never ships). */
const HOLDOUT_MODEL = 'model';

export default defineChecks([
  {
    title: 'The model was trained in two phases (head first, then fine-tuning)',
    hint: 'Call model.fit once with only the new head trainable, then again after unfreezing the top layers.',
    test({ fits }) {
      expect(fits.length).toBeGreaterThanOrEqual(2, 'the number of model.fit calls');
    },
  },
  {
    title: `The fine-tuning phase uses SGD with momentum ${MOMENTUM} and a learning rate of at most ${MAX_FINE_TUNE_LEARNING_RATE}`,
    hint: `Compile again before the second fit with tf.train.momentum(${MAX_FINE_TUNE_LEARNING_RATE}, ${MOMENTUM}).`,
    async test({ exports, fits }) {
      await expect.model(exports, 'model', 'your fine-tuned model'); // a real model (the optimizer is read from the export itself)
      const optimizer = optimizerOf(expect.exported<TF.LayersModel>(exports, 'model'));
      expect(optimizer?.name).toBe('Momentum', 'the optimizer of your last compile');
      expect(fits.at(-1)?.learningRate).toBeLessThanOrEqual(MAX_FINE_TUNE_LEARNING_RATE, 'the learning rate of your last fit');
      expect(optimizer?.momentum).toBeCloseTo(MOMENTUM, 1e-9, 'the momentum');
    },
  },
  {
    title: `The lowest layers (${FROZEN.join(', ')}) kept their pretrained weights`,
    hint: `Keep ${FROZEN.join(' and ')} frozen (trainable = false) in both phases.`,
    async test({ exports }) {
      const model = await expect.model(exports, 'model');
      for (const name of FROZEN) await expect.layerUnchanged(model, name, { cause: 'keep it frozen (trainable = false) in both phases' });
    },
  },
  {
    title: `The top block (${FINE_TUNED.join(', ')}) was fine-tuned, gently`,
    hint: 'Set trainable = true on conv3 and conv4, then compile again: TensorFlow.js decides which weights train when you compile. Keep the learning rate low so they move only a little.',
    async test({ exports }) {
      const model = await expect.model(exports, 'model');
      for (const name of FINE_TUNED) {
        await expect.layerChanged(model, name, {
          atMost: MAX_WEIGHT_CHANGE,
          cause: 'did you compile again after setting trainable? TensorFlow.js picks the weights to train when you compile.',
        });
      }
    },
  },
  testImagesUnseen(),
  {
    title: `Test accuracy on the new task is at least ${ACCURACY_THRESHOLD * 100}%`,
    hint: 'Train the head first (phase 1), then fine-tune for a few epochs (phase 2).',
    timeoutMs: 20_000,
    async test({ exports }) {
      const model = await expect.model(exports, 'model');
      const test = await datasets.load('fashion-target', TEST);
      try {
        const { accuracy } = await evaluate(model, test);
        expect(accuracy).toBeGreaterThanOrEqual(ACCURACY_THRESHOLD, 'test accuracy');
      } finally {
        test.dispose();
      }
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
