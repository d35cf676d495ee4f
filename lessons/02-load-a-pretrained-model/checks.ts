import { defineChecks, expect, fail, isPretrained } from 'grading';
import { datasets } from 'lab';
import type * as TF from '@tensorflow/tfjs';

/** How many of the 10 predictions must be right (the pretrained model gets them all). */
const MIN_CORRECT = 8;

const IMAGES = { split: 'test', perClass: 2, seed: 7 } as const;

/**
 * Numbers where class names belong: `.map` on the Int32Array that `data()` gives keeps
 * numbers (a name becomes NaN, stored as 0). Names that say so, or undefined when the list
 * holds texts.
 */
function numbersInsteadOfNames(names: unknown): string | undefined {
  const list = names as ArrayLike<unknown>;
  const typed = ArrayBuffer.isView(names);
  let numbers = 0;
  for (let i = 0; i < (list?.length ?? 0); i++) if (typeof list[i] === 'number') numbers++;
  if (!typed && numbers === 0) return undefined;
  const kind = typed ? `an ${Object.prototype.toString.call(names).slice(8, -1)}` : 'a list';
  return (
    `predictedNames is ${kind} of numbers (${Array.from(list).slice(0, 3).join(', ')}, …) where class names belong. ` +
    '`.map` on the typed array that `data()` gives can only hold numbers. Make a plain array first, ' +
    'with `Array.from(await t.data())` or `await t.array()`, then `.map` each index to `images.classNames[index]`.'
  );
}

export default defineChecks([
  {
    title: 'model is the pretrained base model',
    hint: 'Load it with models.fashionCnn({ weights: "pretrained" }) and export it as `model`.',
    async test({ exports }) {
      const model = await expect.model(exports, 'model', 'the loaded model');
      if (!(await isPretrained(model, 'head'))) {
        fail('The head does not hold the pretrained weights: was the model loaded with random weights (weights: null)?');
      }
    },
  },
  {
    title: 'The model summary was printed',
    hint: 'Call model.summary().',
    test({ logs }) {
      expect(logs.map((entry) => entry.text).join('\n')).toMatch('Total params', 'what your code printed');
    },
  },
  {
    title: 'predictedNames has one class name per image',
    hint: '`await best.array()` (or `Array.from(await best.data())`) gives the 10 indexes as a plain array; map each to images.classNames[index].',
    async test({ exports }) {
      const names = expect.exported<string[]>(exports, 'predictedNames', 'the predicted class names');
      const numbers = numbersInsteadOfNames(names);
      if (numbers) fail(numbers, { expected: 'class names (texts)', actual: 'numbers' });
      expect(names.length).toBe(10, 'the number of predicted names');
      const images = await datasets.load('fashion-source', IMAGES);
      const known = images.classNames;
      images.dispose();
      for (let i = 0; i < names.length; i++) expect(names[i]).toBeOneOf(known, `predicted name ${i + 1}`);
    },
  },
  {
    title: 'The predictions are mostly right (the model really is pretrained)',
    hint: 'Name i should be the class the model predicts for image i of images.xs: keep the order the images were loaded in.',
    async test({ exports }) {
      const names = expect.exported<string[]>(exports, 'predictedNames');
      // A list of numbers is the check above's business: do not blame the model for it.
      if (numbersInsteadOfNames(names)) fail('First make predictedNames a list of class names (see the check above).');
      const images = await datasets.load('fashion-source', IMAGES);
      const truth = images.labels.map((label) => images.classNames[label]);
      images.dispose();
      const right = truth.filter((name, i) => names[i] === name).length;
      expect(right).toBeGreaterThanOrEqual(MIN_CORRECT, 'correct predictions out of 10');
    },
  },
  {
    title: 'The ten images are shown with the model’s guesses',
    hint: 'Give show.images the names you predicted: show.images(images, { predictions: predictedNames }).',
    test({ shown }) {
      const grid = shown.find((view) => view.kind === 'images');
      if (!grid) fail('Call show.images(images, …) to draw the ten images.');
      expect(grid.count).toBe(10, 'the images in the grid');
      if (grid.wrong === undefined) fail('The grid has no predictions yet: add `predictions: predictedNames` to show.images’s options.');
    },
  },
]);
