/**
 * "Download my model": the worker's export of the learner's model (src/sandbox/worker/model-export.ts)
 * and the page's two files (src/exercise/model-download.ts) load back in TF.js as the same model.
 * The PyTorch side of the same files is tested in test/e2e/pytorch.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { exportModel, pickModel } from '../../../src/sandbox/worker/model-export.ts';
import { modelFiles } from '../../../src/exercise/model-download.ts';

function tinyModel(name: string): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const hidden = tf.layers.dense({ units: 3, activation: 'relu', name: `${name}_dense` }).apply(input) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2, activation: 'softmax', name: `${name}_head` }).apply(hidden) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name });
}

describe('model export', () => {
  it('picks `model`, else the first exported LayersModel, else nothing', () => {
    const a = tinyModel('a');
    const b = tinyModel('b');
    expect(pickModel(tf, { accuracy: 0.7, transferModel: a, model: b })?.[0]).toBe('model');
    expect(pickModel(tf, { accuracy: 0.7, scratchModel: a, transferModel: b })?.[0]).toBe('scratchModel');
    expect(pickModel(tf, { model: 'not a model', n: 3 })).toBeUndefined();
  });

  it('writes my-model.json + my-model.weights.bin that TF.js loads back with the same weights and outputs', async () => {
    const model = tinyModel('mine');
    const exported = await exportModel(tf, { model });
    expect(exported?.exportName).toBe('model');
    const [json, weights] = modelFiles(exported!);
    expect(json!.name).toBe('my-model.json');
    expect(weights!.name).toBe('my-model.weights.bin');
    const parsed = JSON.parse(await json!.blob.text());
    expect(parsed.format).toBe('layers-model');
    expect(parsed.weightsManifest).toEqual([{ paths: ['./my-model.weights.bin'], weights: exported!.weightSpecs }]);
    const bytes = await weights!.blob.arrayBuffer();
    expect(bytes.byteLength).toBe((4 * 3 + 3 + 3 * 2 + 2) * 4);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs: parsed.weightsManifest[0].weights, weightData: bytes }));
    const x = tf.tensor2d([[1, -2, 3, 0.5], [0, 1, 0, -1]]);
    expect(Array.from(await (loaded.predict(x) as tf.Tensor).data())).toEqual(Array.from(await (model.predict(x) as tf.Tensor).data()));
  });
});
