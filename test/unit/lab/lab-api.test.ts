/**
 * `lab` on the cpu backend in Node, through the same entry point lessons use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { configureLab, datasets, evaluate, modelCard, models } from 'lab';
import { ASSET_BASE, configureLabForNode } from './setup-lab.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  configureLabForNode();
});
afterAll(() => configureLabForNode());

const variableIds = (model: tf.LayersModel) => model.weights.map((w) => (w as unknown as { id: number }).id);
const dataIds = (model: tf.LayersModel) => model.getWeights().map((t) => t.dataId);

describe('configureLab', () => {
  it('rejects an asset base that is not an absolute URL ending with "/"', () => {
    expect(() => configureLab({ assetBase: 'public/' })).toThrow(/absolute URL/);
    expect(() => configureLab({ assetBase: 'https://example.org/course' })).toThrow(/ending with/);
    configureLabForNode();
  });

  it('names the missing file when the asset base is wrong', async () => {
    configureLab({ assetBase: ASSET_BASE.replace(/public\/$/, 'no-such-folder/'), fetch: (await import('../../../src/lab/node-fetch.ts')).fileFetch });
    await expect(models.fashionCnn()).rejects.toThrow(/no-such-folder\/models\/fashion-cnn\/model\.json.*404/);
    configureLabForNode();
  });
});

describe('models.fashionCnn', () => {
  it('loads the pretrained model with the card\u2019s layers, input and output size', async () => {
    const [model, card] = await Promise.all([models.fashionCnn(), modelCard()]);
    expect(model.layers.map((l) => l.name)).toEqual(card.architecture.map((l) => l.name));
    expect(model.layers.map((l) => l.getClassName())).toEqual(card.architecture.map((l) => l.className));
    expect(model.layers.map((l) => l.outputShape)).toEqual(card.architecture.map((l) => l.outputShape));
    expect(model.layers.map((l) => l.countParams())).toEqual(card.architecture.map((l) => l.parameters));
    expect(model.countParams()).toBe(card.parameters);
    expect(model.inputs[0]!.shape).toEqual([null, ...card.inputShape]);
    expect(model.outputs[0]!.shape).toEqual([null, card.sourceClasses.length]);
    for (const name of [...card.blocks.topBlock, card.blocks.features, card.blocks.penultimate, card.blocks.head]) {
      expect(model.getLayer(name).name).toBe(name);
    }
    model.dispose();
  });

  it('returns independent models: no shared variables, training one leaves the other alone', async () => {
    const a = await models.fashionCnn();
    const b = await models.fashionCnn();
    expect(variableIds(a).filter((id) => variableIds(b).includes(id))).toEqual([]);
    expect(dataIds(a).filter((id) => dataIds(b).includes(id))).toEqual([]);
    const before = await b.getLayer('head').getWeights()[0]!.data();
    a.getLayer('head').setWeights(a.getLayer('head').getWeights().map((w) => tf.zerosLike(w)));
    const after = await b.getLayer('head').getWeights()[0]!.data();
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(Array.from(await a.getLayer('head').getWeights()[0]!.data()).every((v) => v === 0)).toBe(true);
    a.dispose();
    b.dispose();
  });

  it('{ weights: null } is the same architecture with other, random weights (seedable)', async () => {
    const pretrained = await models.fashionCnn();
    const random1 = await models.fashionCnn({ weights: null });
    const random2 = await models.fashionCnn({ weights: null });
    const seededA = await models.fashionCnn({ weights: null, seed: 7 });
    const seededB = await models.fashionCnn({ weights: null, seed: 7 });
    expect(random1.layers.map((l) => l.outputShape)).toEqual(pretrained.layers.map((l) => l.outputShape));
    const kernel = async (m: tf.LayersModel) => Array.from(await m.getLayer('conv1').getWeights()[0]!.data());
    expect(await kernel(random1)).not.toEqual(await kernel(pretrained));
    expect(await kernel(random1)).not.toEqual(await kernel(random2));
    expect(await kernel(seededA)).toEqual(await kernel(seededB));
    for (const m of [pretrained, random1, random2, seededA, seededB]) m.dispose();
  });
});

describe('models.fromUrl', () => {
  const url = new URL('models/fashion-cnn/model.json', ASSET_BASE).href;

  it('loads a LayersModel by URL and cuts it after a layer', async () => {
    const extractor = await models.fromUrl({ url, inputShape: [28, 28, 1], cutAt: 'features' });
    expect(extractor.outputs[0]!.shape).toEqual([null, 7 * 7 * 32]);
    const out = extractor.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor;
    expect(out.shape).toEqual([2, 7 * 7 * 32]);
    out.dispose();
    extractor.dispose();
  });

  it('says so when the course config\u2019s input shape or cut layer is wrong', async () => {
    await expect(models.fromUrl({ url, inputShape: [224, 224, 3] })).rejects.toThrow(/takes input \[28, 28, 1\]/);
    await expect(models.fromUrl({ url, inputShape: [28, 28, 1], cutAt: 'conv9' })).rejects.toThrow(/no layer "conv9".*conv1/);
  });
});

describe('datasets.load', () => {
  it('gives preprocessed images, one-hot labels and class names', async () => {
    const data = await datasets.load('fashion-target', { split: 'train', perClass: 3, seed: 1 });
    expect(data.xs.shape).toEqual([15, 28, 28, 1]);
    expect(data.xs.dtype).toBe('float32');
    expect(data.ys.shape).toEqual([15, 5]);
    expect(data.classNames).toHaveLength(5);
    expect([0, 1, 2, 3, 4].map((c) => data.labels.filter((l) => l === c).length)).toEqual([3, 3, 3, 3, 3]);
    expect(Array.from(await tf.argMax(data.ys, -1).data())).toEqual(data.labels);
    const [min, max] = [(await data.xs.min().data())[0]!, (await data.xs.max().data())[0]!];
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.5);
    data.dispose();
  });

  it('the same seed gives the same sample, another seed another one', async () => {
    const pixels = async (seed: number) => {
      const d = await datasets.load('fashion-target', { split: 'train', perClass: 2, seed });
      const out = { x: Array.from(await d.xs.data()), labels: d.labels };
      d.dispose();
      return out;
    };
    expect(await pixels(5)).toEqual(await pixels(5));
    expect((await pixels(5)).x).not.toEqual((await pixels(6)).x);
  });

  it('loads a whole split when perClass is absent, and refuses impossible requests', async () => {
    const test = await datasets.load('fashion-target', { split: 'test' });
    expect(test.labels).toHaveLength(2500);
    test.dispose();
    const source = await datasets.load('fashion-source', { split: 'test' });
    expect(source.classNames).toEqual((await modelCard()).sourceClasses.map((c) => c.name));
    source.dispose();
    await expect(datasets.load('fashion-target', { split: 'train', perClass: 201 })).rejects.toThrow(/1 to 200/);
    await expect(datasets.load('cifar' as 'fashion-target', { split: 'train' })).rejects.toThrow(/unknown data set "cifar"/);
  });
});

describe('evaluate', () => {
  it('scores a known classifier and disposes what it creates', async () => {
    // A "model" that always answers class 1.
    const input = tf.input({ shape: [28, 28, 1] });
    const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
    const dense = tf.layers.dense({ units: 3, kernelInitializer: 'zeros', biasInitializer: tf.initializers.constant({ value: 0 }) });
    const always1 = tf.model({ inputs: input, outputs: dense.apply(flat) as tf.SymbolicTensor });
    dense.setWeights([tf.zeros([784, 3]), tf.tensor1d([0, 1, 0])]);
    const xs = tf.zeros([300, 28, 28, 1]);
    const labels = [...new Array(100).fill(0), ...new Array(150).fill(1), ...new Array(50).fill(2)];
    const before = tf.memory().numTensors;
    const result = await evaluate(always1, { xs, labels });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.accuracy).toBeCloseTo(0.5, 10);
    expect(result.perClass).toEqual([0, 1, 0]);
    expect(result.confusion).toEqual([
      [0, 100, 0],
      [0, 150, 0],
      [0, 50, 0],
    ]);
    xs.dispose();
    always1.dispose();
  });

  it('matches the card on the shipped source-class extract within sampling error', async () => {
    const [model, card, data] = await Promise.all([
      models.fashionCnn(),
      modelCard(),
      // 200 images keep this fast on the cpu backend.
      datasets.load('fashion-source', { split: 'test', perClass: 40 }),
    ]);
    const { accuracy, confusion } = await evaluate(model, data);
    // 200 images: four standard errors (about 0.015 each near 0.95) around the full test split's figure.
    expect(Math.abs(accuracy - card.testAccuracy)).toBeLessThan(0.06);
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(200);
    model.dispose();
    data.dispose();
  });
});
