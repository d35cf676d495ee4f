import { defineChecks, expect, fail } from 'grading';
import { models } from 'lab';
import type * as TF from '@tensorflow/tfjs';

function lastLayer(model: TF.LayersModel): TF.layers.Layer {
  return model.layers[model.layers.length - 1]!;
}

export default defineChecks([
  {
    title: 'The model outputs 5 classes',
    hint: 'The new dense layer needs `units: numClasses`.',
    test({ exports }) {
      const model = expect.exported<TF.LayersModel>(exports, 'model', 'your modified model');
      expect(model.outputs[0]!.shape).toEqual([null, 5], 'output shape');
    },
  },
  {
    title: 'The last layer is new, not the pretrained head',
    hint: "Create a new layer with tf.layers.dense({ units: numClasses, activation: 'softmax' }) and apply it to base.getLayer('dense').output.",
    async test({ exports, tf }) {
      const model = expect.exported<TF.LayersModel>(exports, 'model');
      const head = lastLayer(model);
      if (head.name === 'head') fail('The last layer is still the pretrained `head`.', { expected: 'a new dense layer', actual: 'head' });
      const reference = await models.fashionCnn();
      try {
        const weights = head.getWeights();
        expect(weights.length).toBeGreaterThan(0, 'weights of the last layer');
        const oldKernel = reference.getLayer('head').getWeights()[0]!;
        if (weights[0]!.shape.join() === oldKernel.shape.join()) {
          const diff = tf.tidy(() => weights[0]!.sub(oldKernel).abs().max().dataSync()[0]!);
          if (diff < 1e-6) fail('The last layer has the pretrained head\'s weights: it should start from fresh random weights.');
        }
      } finally {
        reference.dispose();
      }
    },
  },
  {
    title: 'The new layer sits right after the pretrained `dense` layer',
    hint: "Cut at base.getLayer('dense').output — the layer just before the head.",
    test({ exports }) {
      const model = expect.exported<TF.LayersModel>(exports, 'model');
      const head = lastLayer(model);
      const inbound = (head as unknown as { inboundNodes: { inboundLayers: TF.layers.Layer[] }[] }).inboundNodes[0]?.inboundLayers ?? [];
      expect(inbound.map((layer) => layer.name)).toEqual(['dense'], 'the layer feeding the new head');
    },
  },
  {
    title: 'Every kept layer still holds its pretrained weights',
    hint: 'Build the new model from base.inputs and the pretrained layers themselves; do not create new copies of them.',
    async test({ exports, tf }) {
      const model = expect.exported<TF.LayersModel>(exports, 'model');
      const reference = await models.fashionCnn();
      try {
        for (const layer of reference.layers) {
          if (layer.name === 'head') continue;
          let mine: TF.layers.Layer;
          try {
            mine = model.getLayer(layer.name);
          } catch {
            fail(`Layer \`${layer.name}\` is missing from your model.`);
          }
          const expected = layer.getWeights();
          const actual = mine.getWeights();
          expect(actual.length).toBe(expected.length, `weight tensors of ${layer.name}`);
          for (let i = 0; i < expected.length; i++) {
            const diff = tf.tidy(() => actual[i]!.sub(expected[i]!).abs().max().dataSync()[0]!);
            expect(diff).toBeLessThanOrEqual(1e-6, `largest change in ${layer.name}'s weights`);
          }
        }
      } finally {
        reference.dispose();
      }
    },
  },
]);
