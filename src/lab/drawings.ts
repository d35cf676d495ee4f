/**
 * The learner's own drawings (made with the drawing pad in the "your own
 * data" lesson) as a train/test split, in the same shape and preprocessing
 * as the Fashion-MNIST sets, so the same model and code apply.
 */
import * as tf from '@tensorflow/tfjs';
import { loadDrawingSet } from '../drawing/drawing-store.ts';
import { countPerClass, type DrawingExample } from '../drawing/drawing-set.ts';
import type { LabData } from './datasets.ts';
import { PIXELS_PER_IMAGE, pixelsToInput } from './preprocess.ts';
import { seededRandom, shuffled } from './random.ts';

export interface DrawingsOptions {
  /** The drawing pad's set name (default "my-drawings"). */
  set?: string;
  /** Part of each class held out for testing (default 0.25; at least one example per class). */
  testFraction?: number;
  /** Which examples go to the test part; the same seed gives the same split. Default 0. */
  seed?: number;
}

export interface Drawings {
  train: LabData;
  test: LabData;
  /** The names the learner gave the five classes. */
  classNames: string[];
  /** Examples per class, before the split. */
  counts: number[];
  /** Frees both parts. */
  dispose(): void;
}

function toData(examples: DrawingExample[], classNames: string[]): LabData {
  const pixels = new Uint8Array(examples.length * PIXELS_PER_IMAGE);
  examples.forEach((example, i) => pixels.set(example.pixels, i * PIXELS_PER_IMAGE));
  const labels = examples.map((example) => example.label);
  const xs = pixelsToInput(pixels, examples.length);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classNames.length).toFloat() as tf.Tensor2D);
  return { xs, ys, labels, classNames, dispose: () => tf.dispose([xs, ys]) };
}

/**
 * Your drawings, split per class into a training part and a held-out test part.
 *
 * @example
 * const mine = await datasets.drawings();
 * console.log(mine.classNames, mine.counts);
 * await model.fit(mine.train.xs, mine.train.ys, { epochs: 30 });
 */
export async function drawings(options: DrawingsOptions = {}): Promise<Drawings> {
  const { set = 'my-drawings', testFraction = 0.25, seed = 0 } = options;
  const saved = await loadDrawingSet(set);
  if (!saved || saved.examples.length === 0) {
    throw new Error(`datasets.drawings: no drawings saved under "${set}" yet. Draw some examples (or load the sample drawings) above the exercise, then run again.`);
  }
  const counts = countPerClass(saved);
  const empty = counts.findIndex((count) => count < 2);
  if (empty !== -1) {
    throw new Error(`datasets.drawings: class "${saved.classes[empty]}" has ${counts[empty]} drawing(s); every class needs at least 2 (one to train on, one to test with).`);
  }
  const random = seededRandom(seed);
  const train: DrawingExample[] = [];
  const test: DrawingExample[] = [];
  saved.classes.forEach((_, label) => {
    const mine = shuffled(saved.examples.filter((example) => example.label === label), random);
    const held = Math.max(1, Math.round(mine.length * testFraction));
    test.push(...mine.slice(0, held));
    train.push(...mine.slice(held));
  });
  const result = {
    train: toData(shuffled(train, random), saved.classes),
    test: toData(test, saved.classes),
    classNames: saved.classes,
    counts,
  };
  return { ...result, dispose: () => (result.train.dispose(), result.test.dispose()) };
}
