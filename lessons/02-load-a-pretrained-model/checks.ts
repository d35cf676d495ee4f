import { defineChecks, expect, fail } from 'grading';
import { datasets, models } from 'lab';
import type * as TF from '@tensorflow/tfjs';

export default defineChecks([
  {
    title: 'model is the pretrained base model',
    hint: 'Load it with models.fashionCnn({ weights: "pretrained" }) and export it as `model`.',
    async test({ exports, tf }) {
      const model = expect.exported<TF.LayersModel>(exports, 'model', 'the loaded model');
      const reference = await models.fashionCnn();
      try {
        expect(model.layers.map((l) => l.name)).toEqual(reference.layers.map((l) => l.name), 'layer names');
        const same = tf.tidy(() => {
          const a = model.getLayer('head').getWeights()[0]!;
          const b = reference.getLayer('head').getWeights()[0]!;
          return a.sub(b).abs().max().dataSync()[0]!;
        });
        if (same > 1e-6) fail('The head weights differ from the pretrained ones: was the model loaded with random weights?', { expected: 'pretrained weights', actual: `weights differing by up to ${same.toPrecision(3)}` });
      } finally {
        reference.dispose();
      }
    },
  },
  {
    title: 'The model summary was printed',
    hint: 'Call model.summary().',
    test({ logs }) {
      expect(logs.some((entry) => /Total params/.test(entry.text))).toBe(true, 'a "Total params" line in the output');
    },
  },
  {
    title: 'predictedNames has one class name per image',
    hint: 'predict -> argMax(-1) -> data() gives 10 indexes; map each to images.classNames[index].',
    async test({ exports }) {
      const names = expect.exported<string[]>(exports, 'predictedNames', 'the predicted class names');
      expect(names.length).toBe(10, 'number of predicted names');
      const images = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });
      const known = images.classNames;
      images.dispose();
      for (const name of names) expect(known).toContain(name, 'the source class names');
    },
  },
  {
    title: 'The predictions are mostly right (the model really is pretrained)',
    hint: 'Use the pretrained model, not one with random weights, and keep the images in the order they were loaded.',
    async test({ exports }) {
      const names = expect.exported<string[]>(exports, 'predictedNames');
      const images = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });
      const truth = images.labels.map((label) => images.classNames[label]);
      images.dispose();
      const right = names.filter((name, i) => name === truth[i]).length;
      expect(right).toBeGreaterThanOrEqual(8, 'correct predictions out of 10');
    },
  },
]);
