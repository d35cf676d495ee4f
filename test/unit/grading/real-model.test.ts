/**
 * `expect.model` (real-model.ts) and `expect.notTrainedOn` (data-checks.ts) on their own,
 * in Node: what a fake model gets, what the copy keeps, what a fit record the sandbox
 * could not see gets.
 */
import * as tf from '@tensorflow/tfjs';
import * as lab from 'lab';
import { beforeAll, describe, expect as vitestExpect, it } from 'vitest';
import { defineChecks, expect, runChecks, type CheckContext, type CheckResult } from 'grading';
import { imageHash, imageHashes } from '../../../src/grading/image-fingerprint.ts';
import { configureLabForNode } from '../lab/setup-lab.ts';
import { fakeContext } from './context.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  configureLabForNode();
});

async function check(test: () => Promise<void> | void, overrides: Partial<CheckContext> = {}): Promise<CheckResult> {
  const [result] = await runChecks(defineChecks([{ title: 'c', test }]), fakeContext({ lab, ...overrides }), { timeoutMs: 30_000 });
  return result!;
}

function smallModel(): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const output = tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

describe('expect.model', () => {
  it('gives a real copy of a real model: same layers, same weights, same predictions, a different object', async () => {
    const model = smallModel();
    let copy: tf.LayersModel | undefined;
    let same = false;
    const result = await check(async () => {
      copy = await expect.model({ model }, 'model');
      same = copy === (await expect.model({ model }, 'model')); // made once per run
      const x = tf.ones([2, 4]);
      const a = await (model.predict(x) as tf.Tensor).data();
      const b = await (copy.predict(x) as tf.Tensor).data();
      vitestExpect([...b]).toEqual([...a]);
      vitestExpect(copy.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    });
    vitestExpect(result.status, result.message).toBe('pass');
    vitestExpect(copy).not.toBe(model);
    vitestExpect(same).toBe(true);
    model.dispose();
  });

  it('a plain object that looks like a model fails', async () => {
    const fake = { outputs: [{ shape: [null, 5] }], layers: [{ name: 'new_head' }], predict: () => tf.zeros([1, 5]) };
    const result = await check(async () => {
      await expect.model({ model: fake }, 'model');
    });
    vitestExpect(result.status).toBe('fail');
    vitestExpect(result.message).toMatch(/`model` is not a real tf\.LayersModel: it is/);
  });

  it('a Proxy of a real model whose predict answers from the labels gets the real network graded', async () => {
    const real = smallModel();
    const answers = tf.oneHot(tf.tensor1d([2, 2], 'int32'), 3);
    const proxy = new Proxy(real, { get: (target, key, receiver) => (key === 'predict' ? () => answers : Reflect.get(target, key, receiver)) });
    let copied: number[] = [];
    const result = await check(async () => {
      const copy = await expect.model({ model: proxy }, 'model');
      copied = [...(await (copy.predict(tf.ones([2, 4])) as tf.Tensor).data())];
    });
    vitestExpect(result.status, result.message).toBe('pass');
    const honest = [...(await (real.predict(tf.ones([2, 4])) as tf.Tensor).data())];
    vitestExpect(copied).toEqual(honest); // the real network's answers, not the Proxy's
    vitestExpect(copied).not.toEqual([...(await answers.data())]);
  });

  it('an object made from LayersModel.prototype (instanceof passes) fails: it cannot be saved', async () => {
    const forged = Object.create(tf.LayersModel.prototype) as tf.LayersModel;
    const result = await check(async () => {
      await expect.model({ model: forged }, 'model');
    });
    vitestExpect(result.status).toBe('fail');
    vitestExpect(result.message).toMatch(/not a real tf\.LayersModel: TensorFlow\.js could not/);
  });

  it('a missing export says how to export it', async () => {
    const result = await check(async () => {
      await expect.model({}, 'model', 'your model');
    });
    vitestExpect(result.message).toMatch(/should export `model` \(your model\)/);
  });
});

describe('expect.notTrainedOn', () => {
  const images = (values: number[][]) => ({ xs: tf.tensor2d(values) });

  it('image hashes depend on the content only, and on the 0-255 or 0-1 scale not at all', () => {
    const a = [0, 0.5, 1, 0.25];
    vitestExpect(imageHash(a, 0, 4)).toBe(imageHash(a.map((v) => v * 255), 0, 4));
    vitestExpect(imageHash(a, 0, 4)).not.toBe(imageHash([0, 0.5, 1, 0.26], 0, 4));
    vitestExpect(imageHashes([...a, ...a], 2, 4)).toEqual([imageHash(a, 0, 4), imageHash(a, 0, 4)]);
  });

  it('passes when no fit saw the images, fails naming the fit and the count when one did', async () => {
    const test = images([[0, 0.2, 0.4, 1], [1, 0, 0, 1], [0.5, 0.5, 0.5, 0.5]]);
    const other = [0.1, 0.1, 0.1, 0.1];
    const seen = (rows: number[][]) => ({ images: rows.length, hashes: rows.map((r) => imageHash(r, 0, 4)) });
    const clean = await check(() => expect.notTrainedOn(test), { fits: [{ epochs: 1, history: { loss: [1] }, inputs: seen([other]) }] });
    vitestExpect(clean.status, clean.message).toBe('pass');
    const leaked = await check(() => expect.notTrainedOn(test), {
      fits: [
        { epochs: 1, history: { loss: [1] }, inputs: seen([other]) },
        { epochs: 1, history: { loss: [1] }, inputs: seen([other, [1, 0, 0, 1]]) },
      ],
    });
    vitestExpect(leaked.status).toBe('fail');
    vitestExpect(leaked.message).toBe(
      'Your fit call 2 trained on 1 of 3 images of the test set. Those images must stay unseen: they measure how the model does on pictures it has never met.',
    );
  });

  it('a fit that trained but left no fingerprint fails: it cannot be vouched for', async () => {
    const result = await check(() => expect.notTrainedOn(images([[0, 0, 0, 1]])), { fits: [{ epochs: 3, history: { loss: [1, 0.9, 0.8] } }] });
    vitestExpect(result.status).toBe('fail');
    vitestExpect(result.message).toMatch(/could not see on which images/);
  });

  it('trainOnBatch images count too', async () => {
    const result = await check(() => expect.notTrainedOn(images([[0, 0, 0, 1]])), {
      otherTraining: { images: 1, hashes: [imageHash([0, 0, 0, 1], 0, 4)] },
    });
    vitestExpect(result.message).toMatch(/^Your model\.trainOnBatch calls trained on all 1 images/);
  });
});
