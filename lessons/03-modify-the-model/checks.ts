import { defineChecks, expect, fail, inputsOf, isPretrained, lastLayer } from 'grading';
import { models } from 'lab';
import type * as TF from '@tensorflow/tfjs';

/** The number of new classes the new head must output. */
const NUM_CLASSES = 5;
/** The layer the new head must be connected to. */
const CUT_LAYER = 'dense';

export default defineChecks([
  {
    title: `The model outputs ${NUM_CLASSES} classes`,
    hint: 'The new dense layer needs `units: numClasses`.',
    async test({ exports }) {
      const model = await expect.model(exports, 'model', 'your modified model');
      expect(model.outputs[0]!.shape).toEqual([null, NUM_CLASSES], 'output shape');
    },
  },
  {
    title: 'The last layer is new, not the pretrained head',
    hint: "Create a new layer with tf.layers.dense({ units: numClasses, activation: 'softmax' }) and apply it to base.getLayer('dense').output.",
    async test({ exports }) {
      const model = await expect.model(exports, 'model');
      const head = lastLayer(model);
      if (head.name === 'head') fail('The last layer is still the pretrained `head`.');
      if (head.getWeights().length === 0) fail(`The last layer (\`${head.name}\`) has no weights: it should be a new dense layer.`);
      // A new layer shaped like the old head must not have been given the old head's weights.
      const sameAsOld = await isPretrained(model, head.name, { against: 'head' });
      if (sameAsOld) fail("The last layer has the pretrained head's weights: it should start from fresh random weights.");
    },
  },
  {
    title: `The new layer sits right after the pretrained \`${CUT_LAYER}\` layer`,
    hint: `Cut at base.getLayer('${CUT_LAYER}').output — the layer just before the head.`,
    async test({ exports }) {
      const model = await expect.model(exports, 'model');
      expect(inputsOf(model, lastLayer(model).name)).toEqual([CUT_LAYER], 'the layer feeding your new head');
    },
  },
  {
    title: 'Every kept layer still holds its pretrained weights',
    hint: 'Build the new model from base.inputs and the pretrained layers themselves; do not create new copies of them.',
    async test({ exports }) {
      const model = await expect.model(exports, 'model');
      const base = await models.fashionCnn();
      const kept = base.layers.map((layer) => layer.name).filter((name) => name !== 'head');
      base.dispose();
      for (const name of kept) await expect.layerUnchanged(model, name);
    },
  },
]);
