/** `datasets.load(…, { skip })`: a validation set that shares no image with the training set of the same seed. */
import * as tf from '@tensorflow/tfjs';
import { datasets } from 'lab';
import { beforeAll, describe, expect, it } from 'vitest';
import { configureLabForNode } from './setup-lab.ts';

async function imagesOf(options: Parameters<typeof datasets.load>[1]): Promise<{ keys: string[]; labels: number[] }> {
  const data = await datasets.load('fashion-target', options);
  const values = await data.xs.data();
  const keys = data.labels.map((_, i) => Buffer.from(values.buffer, values.byteOffset + i * 784 * 4, 784 * 4).toString('base64'));
  const labels = [...data.labels];
  data.dispose();
  return { keys, labels };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  configureLabForNode();
});

describe('datasets.load skip', () => {
  it('gives other images of each class than the same seed without skip, and skip: 0 changes nothing', async () => {
    const train = await imagesOf({ split: 'train', perClass: 20, seed: 1 });
    const same = await imagesOf({ split: 'train', perClass: 20, seed: 1, skip: 0 });
    const validation = await imagesOf({ split: 'train', perClass: 20, seed: 1, skip: 20 });
    expect(same).toEqual(train);
    expect(validation.keys).toHaveLength(100);
    expect(validation.keys.filter((key) => train.keys.includes(key))).toEqual([]);
    for (let c = 0; c < 5; c++) expect(validation.labels.filter((l) => l === c)).toHaveLength(20);
    // The 40 of { perClass: 40 } are the 20 + 20 above.
    const both = await imagesOf({ split: 'train', perClass: 40, seed: 1 });
    expect([...both.keys].sort()).toEqual([...train.keys, ...validation.keys].sort());
  });

  it('explains a skip that leaves too few images', async () => {
    await expect(datasets.load('fashion-target', { split: 'train', perClass: 20, skip: 190 })).rejects.toThrow(/perClass must be a whole number from 1 to 10 .*skipping 190/);
    await expect(datasets.load('fashion-target', { split: 'train', skip: -1 })).rejects.toThrow(/skip must be a whole number/);
  });
});
