import { defineChecks, expect, fail, isPretrained } from 'grading';
import { datasets, evaluate } from 'lab';
import type * as TF from '@tensorflow/tfjs';

// The lesson text shows these with <CheckValue name="…" />: change them here only.
// (Plain `const`, not `export const`: see src/grading/README.md, "Values the prose shows".)
/** Drawings needed of each class. */
const MIN_PER_CLASS = 5;
/** Accuracy to reach on the held-out drawings; chance is 0.2 with five classes. */
const MIN_ACCURACY = 0.5;

export default defineChecks([
  {
    title: `Every class has at least ${MIN_PER_CLASS} drawings`,
    hint: 'Draw more examples above (or load the sample drawings), then run again.',
    async test() {
      const mine = await datasets.drawings();
      try {
        mine.counts.forEach((count, i) => expect(count).toBeGreaterThanOrEqual(MIN_PER_CLASS, `drawings of "${mine.classNames[i]}"`));
      } finally {
        mine.dispose();
      }
    },
  },
  {
    title: 'model is the pretrained base with a new 5-class head',
    hint: "Cut the pretrained base at 'features' and add tf.layers.dense({ units: 5, activation: 'softmax' }).",
    async test({ exports }) {
      const model = await expect.model(exports, 'model', 'your trained model');
      expect(model.outputs[0]!.shape).toEqual([null, 5], 'output shape');
      if (!(await isPretrained(model, 'conv1'))) fail('conv1 does not hold the pretrained weights: start from models.fashionCnn() and keep the base frozen.');
    },
  },
  {
    title: 'The model was trained on your drawings',
    hint: 'Call model.fit(mine.train.xs, mine.train.ys, { epochs: 30 }).',
    test({ fits }) {
      expect(fits.length).toBeGreaterThanOrEqual(1, 'number of model.fit calls');
    },
  },
  {
    title: 'Training never saw your held-out drawings',
    hint: "The held-out drawings measure how well the model does on drawings it has never seen. Train on them and the score measures memory instead. Train on mine.train only.",
    timeoutMs: 20_000,
    async test() {
      const mine = await datasets.drawings();
      try {
        await expect.notTrainedOn(mine.test, { what: 'your held-out drawings (mine.test)' });
      } finally {
        mine.dispose();
      }
    },
  },
  {
    title: `It scores at least ${MIN_ACCURACY * 100}% on the drawings it never saw`,
    hint: 'Evaluate on mine.test (not mine.train) and export the accuracy as heldOutAccuracy. More drawings per class help.',
    async test({ exports }) {
      const model = await expect.model(exports, 'model');
      const mine = await datasets.drawings();
      try {
        const measured = (await evaluate(model, mine.test)).accuracy;
        expect(expect.exported<number>(exports, 'heldOutAccuracy', 'the held-out accuracy')).toBeCloseTo(measured, 0.01, 'your heldOutAccuracy (the check measured it itself on mine.test)');
        expect(measured).toBeGreaterThanOrEqual(MIN_ACCURACY, 'held-out accuracy');
      } finally {
        mine.dispose();
      }
    },
  },
  {
    title: 'The model is saved for "Try your model"',
    hint: "await model.save('indexeddb://transfer-lab-own-model')",
    async test({ tf }) {
      let saved: TF.LayersModel;
      try {
        saved = await tf.loadLayersModel('indexeddb://transfer-lab-own-model');
      } catch {
        fail('No model saved at indexeddb://transfer-lab-own-model.');
      }
      expect(saved.outputs[0]!.shape).toEqual([null, 5], 'output shape of the saved model');
      saved.dispose();
    },
  },
]);
