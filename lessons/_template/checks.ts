// Checks run after the learner's code, in the same sandbox, and see what it
// produced: its exports, every fit call's history, its console output, its
// source, tf and lab. The API is documented in src/grading/README.md, with the
// toolkit for models: weightChange, expect.layerUnchanged / layerChanged,
// isPretrained, inputsOf / feedsInto, lastLayer, optimizerOf, fits.at(-1).learningRate.
import { defineChecks, expect, isPretrained } from 'grading';
import { models } from 'lab';
import type * as TF from '@tensorflow/tfjs';

// A value the lesson text also states: define it here (a top-level const) and write
// <CheckValue name="MIN_LAYERS" /> in index.mdx (never type the number twice).
/** The model must have at least this many layers. */
const MIN_LAYERS = 5;

export default defineChecks([
  {
    // The learner reads the title next to a tick or a cross.
    title: 'layerCount is the number of layers of the model',
    // Shown on failure, behind a "Hint" disclosure.
    hint: 'Use base.layers.length.',
    async test({ exports }) {
      // Fails with "Your code should export `layerCount` …" when it is missing.
      const count = expect.exported<number>(exports, 'layerCount', 'the number of layers');
      const reference = await models.fashionCnn();
      const layers = reference.layers.length;
      reference.dispose();
      // The label names the value in the failure message. This value is the answer, so
      // `reveal: 2` shows only the gap ("got 0, which is not the value expected") until the
      // learner has failed this check twice; `reveal: 'never'` would never show it.
      expect(count).toBe(layers, { what: 'layerCount', reveal: 2 });
      expect(count).toBeGreaterThanOrEqual(MIN_LAYERS, 'layerCount');
    },
  },
  {
    title: 'The count is printed',
    hint: 'console.log it.',
    test({ logs }) {
      // Say what was looked for and what came out: "what you printed: expected text matching /\d+ layers/, got …".
      expect(logs.map((entry) => entry.text).join('\n')).toMatch(/\d+ layers/, 'what you printed');
    },
  },
  {
    title: 'The model still holds its pretrained weights',
    hint: 'Load it with models.fashionCnn() and do not train it.',
    async test({ exports }) {
      // The toolkit compares a layer with the shipped pretrained weights (see the README).
      // This exercise exports no model, so it loads one; a real exercise checks the learner's.
      const model = (exports.model as TF.LayersModel | undefined) ?? (await models.fashionCnn());
      await expect.layerUnchanged(model, 'conv1');
      expect(await isPretrained(model, 'head')).toBe(true, 'the head holds the pretrained weights');
      if (model !== exports.model) model.dispose();
    },
  },
]);
