/**
 * The shipped card tells the truth: it parses, its classes are the source
 * extract's, and its test accuracy is what the shipped weights score on the
 * official test split (recomputed here from Debian's Fashion-MNIST files).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { datasets, modelCard, models } from 'lab';
import { MODEL_DIR, parseModelCard } from '../../../src/lab/card.ts';
import { pixelsToInput } from '../../../src/lab/preprocess.ts';
import { SHIPPED_SPLIT, testSelection } from '../../../scripts/ml/class-split.ts';
import { gatherPixels } from '../../../scripts/ml/augment.ts';
import { debianFilesPresent, loadFashionSplit } from '../../../scripts/ml/fashion-mnist.ts';
import { useWasmBackend } from '../../../scripts/ml/wasm-node.ts';
import { configureLabForNode, PUBLIC_DIR } from './setup-lab.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  configureLabForNode();
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('model card', () => {
  it('parses, and a broken card is reported field by field', async () => {
    const card = await modelCard();
    expect(card.id).toBe('fashion-cnn');
    const raw = JSON.parse(readFileSync(join(PUBLIC_DIR, MODEL_DIR, 'card.json'), 'utf8'));
    expect(() => parseModelCard({ ...raw, testAccuracy: 1.5, inputShape: [32, 32, 3] })).toThrow(
      /testAccuracy[\s\S]*inputShape|inputShape[\s\S]*testAccuracy/,
    );
  });

  it('lists the source classes in output order, the ones the source extract uses', async () => {
    const card = await modelCard();
    expect(card.sourceClasses.map((c) => c.label)).toEqual([...SHIPPED_SPLIT.source]);
    expect(card.sourceClasses.map((c) => c.name)).toEqual(await datasets.classNames('fashion-source'));
  });

  it('describes the preprocessing the loader applies', async () => {
    const card = await modelCard();
    const input = pixelsToInput(new Uint8Array(784).fill(51), 1);
    expect((await input.data())[0]).toBeCloseTo(51 * card.preprocess.scale + card.preprocess.offset, 6);
    input.dispose();
  });

  it.skipIf(!debianFilesPresent())(
    'reports the test accuracy the shipped weights really have (official test split, source classes)',
    async () => {
      await useWasmBackend();
      const [model, card] = await Promise.all([models.fashionCnn(), modelCard()]);
      const test = loadFashionSplit('t10k');
      const indices: number[] = [];
      const labels: number[] = [];
      SHIPPED_SPLIT.source.forEach((label, classIndex) => {
        const all = testSelection(test, label, Number.POSITIVE_INFINITY);
        indices.push(...all);
        labels.push(...all.map(() => classIndex));
      });
      expect(indices.length).toBe(card.testSet.count);
      const xs = pixelsToInput(gatherPixels(test.pixels, indices), indices.length);
      const predicted = tf.tidy(() => tf.argMax(model.predict(xs) as tf.Tensor, -1));
      const classes = await predicted.data();
      const accuracy = labels.filter((l, i) => classes[i] === l).length / labels.length;
      expect(Math.abs(accuracy - card.testAccuracy)).toBeLessThanOrEqual(0.005);
      tf.dispose([xs, predicted]);
      model.dispose();
    },
  );
});
