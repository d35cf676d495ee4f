import { defineChecks, testImagesUnseen, expect, fail, isPretrained, weightChange } from 'grading';
import { datasets, evaluate } from 'lab';
import type * as TF from '@tensorflow/tfjs';

/** The test images the exercise scores on (its code loads the same): 100 of each class. */
const TEST = { split: 'test', perClass: 100 } as const;

/** How far (‖W − W₀‖ / ‖W₀‖) the scratch arm's conv1 must be from the pretrained one: fresh random weights are about 1.4 away, a pretrained start trained for the budget stays well under 0.5. */
const MIN_SCRATCH_DISTANCE = 0.5;
/** The export `npm run grade` also scores on its hidden holdout (t10k images the site never ships). */
const HOLDOUT_MODEL = 'transferModel';

export default defineChecks([
  {
    title: 'Both arms trained with the same budget',
    hint: 'Train both models with trainAndScore: same data, epochs and batch size.',
    test({ fits }) {
      expect(fits.length).toBe(2, 'number of model.fit calls (one per arm)');
      const [a, b] = fits;
      expect(b!.epochs).toBe(a!.epochs, 'epochs of the transfer arm (the scratch arm had the expected number)');
      expect(b!.batchSize ?? 32).toBe(a!.batchSize ?? 32, 'batch size of the transfer arm (the scratch arm had the expected one)');
      expect(b!.samples ?? 0).toBe(a!.samples ?? 0, 'training images of the transfer arm (the scratch arm had the expected number)');
    },
  },
  {
    title: 'The transfer arm starts from the pretrained weights and keeps them frozen',
    hint: "Load the base with { weights: 'pretrained' } and set trainable = false on every layer but the new head.",
    async test({ exports }) {
      const model = await expect.model(exports, 'transferModel', 'the transfer model');
      if (!(await isPretrained(model, 'conv1'))) fail('transferModel does not hold the pretrained weights (after training): was it loaded with weights: null, or left trainable?');
    },
  },
  {
    title: 'The scratch arm really starts from random weights',
    hint: "Keep { weights: null } for the scratch model.",
    async test({ exports }) {
      const model = await expect.model(exports, 'scratchModel', 'the from-scratch model');
      if (await isPretrained(model, 'conv1')) fail('scratchModel holds the pretrained weights: it should start from random ones.');
      // Training moves every layer of the scratch arm, so "not the pretrained weights" is not enough: a
      // scratch arm that started from them stays close to them; random weights are about 1.4 away.
      expect(await weightChange(model, 'conv1')).toBeGreaterThanOrEqual(
        MIN_SCRATCH_DISTANCE,
        'how far the scratch arm’s conv1 is from the pretrained weights (it started from them if this is small)',
      );
    },
  },
  testImagesUnseen({ title: 'Neither arm trained on the test images' }),
  {
    title: 'Transfer beats training from scratch on the test set',
    hint: 'With 5 images per class, features learned on related images help a lot. Check that the transfer arm really uses the pretrained base.',
    timeoutMs: 20_000,
    async test({ exports }) {
      const transfer = await expect.model(exports, 'transferModel');
      const scratch = await expect.model(exports, 'scratchModel');
      const test = await datasets.load('fashion-target', TEST);
      try {
        const t = (await evaluate(transfer, test)).accuracy;
        const s = (await evaluate(scratch, test)).accuracy;
        expect(t).toBeGreaterThan(s, 'transfer accuracy (it must beat the scratch accuracy)');
        expect(expect.exported<number>(exports, 'transferAccuracy')).toBeCloseTo(t, 0.005, `your transferAccuracy (the check measured it itself, on the test images the starter loads: ${TEST.perClass} per class)`);
        expect(expect.exported<number>(exports, 'scratchAccuracy')).toBeCloseTo(s, 0.005, `your scratchAccuracy (the check measured it itself, on the test images the starter loads: ${TEST.perClass} per class)`);
      } finally {
        test.dispose();
      }
    },
  },
]);
