import { defineChecks, expect, fail } from 'grading';
import { datasets, evaluate } from 'lab';
import type * as TF from '@tensorflow/tfjs';

const ACCURACY_THRESHOLD = 0.6; // chance is 0.2; the reference solution scores about 0.65 on these five look-alike tops

export default defineChecks([
  {
    title: 'The model classifies the 5 new classes',
    hint: 'Replace the last layer with a new dense layer of numClasses units.',
    test({ exports }) {
      const model = expect.exported<TF.LayersModel>(exports, 'model', 'your model');
      expect(model.outputs[0]!.shape).toEqual([null, 5], 'output shape');
      const last = model.layers[model.layers.length - 1]!;
      if (last.name === 'head') fail('The last layer is still the pretrained `head`.');
    },
  },
  {
    title: 'The last training phase used a learning rate of at most 0.001',
    hint: 'Compile with tf.train.momentum(learningRate, 0.9) before the last fit.',
    test({ fits, exports }) {
      expect(fits.length).toBeGreaterThanOrEqual(1, 'number of model.fit calls');
      const model = expect.exported<TF.LayersModel>(exports, 'model');
      const lr = (model.optimizer as unknown as { learningRate?: number } | undefined)?.learningRate;
      expect(lr ?? Infinity).toBeLessThanOrEqual(0.001, 'learning rate of the final optimizer');
    },
  },
  {
    title: `The fine-tuned model reaches at least ${ACCURACY_THRESHOLD * 100}% on the test set`,
    hint: 'Train the head first, then fine-tune the top layers with the low learning rate.',
    timeoutMs: 20_000,
    async test({ exports }) {
      const model = expect.exported<TF.LayersModel>(exports, 'model');
      const test = await datasets.load('fashion-target', { split: 'test' });
      try {
        const measured = (await evaluate(model, test)).accuracy;
        expect(measured).toBeGreaterThanOrEqual(ACCURACY_THRESHOLD, 'test accuracy (measured by the check)');
        const claimed = expect.exported<number>(exports, 'accuracy', 'the test accuracy you measured');
        expect(claimed).toBeCloseTo(measured, 0.005, 'your exported accuracy vs the one the check measured');
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
]);
