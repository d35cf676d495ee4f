/**
 * The shipped Fashion-MNIST extracts as tensors, the way the model expects them.
 */
import * as tf from '@tensorflow/tfjs';
import { assetUrl, fetchBytes, fetchJson } from './config.ts';
import {
  DATA_DIR,
  DATA_INDEX_FILE,
  DATASET_NAMES,
  DataIndexSchema,
  RECORD_BYTES,
  type DataIndex,
  type DatasetName,
  type SplitName,
} from './data-index.ts';
import { PIXELS_PER_IMAGE, pixelsToInput } from './preprocess.ts';
import { seededRandom, shuffled } from './random.ts';

export type { DatasetName, SplitName };

export interface LoadOptions {
  /** `train`: the pool you may learn from. `test`: held-out images, for scoring only. */
  split: SplitName;
  /** Take this many images of each class (a seeded random sample); all of them when absent. */
  perClass?: number;
  /** Which sample and which order; the same seed gives the same images in the same order. Default 0. */
  seed?: number;
  /**
   * Leave out the first `skip` images of each class's sample (default 0). With the same seed,
   * `{ perClass: 20, seed: 1, skip: 20 }` is 20 other images of each class than `{ perClass: 20, seed: 1 }`:
   * a validation set that shares no image with that training set.
   */
  skip?: number;
}

/** A labelled set of images, ready for `model.fit` and `evaluate`. */
export interface LabData {
  /** Images, [n, 28, 28, 1] float32 in [0, 1] (the model's preprocessing). */
  xs: tf.Tensor4D;
  /** One-hot labels, [n, numClasses]. */
  ys: tf.Tensor2D;
  /** Class index of each image (0-based, in `classNames` order). */
  labels: number[];
  /** Class names in output order: `classNames[labels[i]]` names image i. */
  classNames: string[];
  /** Frees `xs` and `ys`. */
  dispose(): void;
}

async function dataIndex(): Promise<DataIndex> {
  const raw = await fetchJson(assetUrl(`data/${DATA_DIR}/${DATA_INDEX_FILE}`));
  const parsed = DataIndexSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`lab: data/${DATA_DIR}/${DATA_INDEX_FILE} is malformed: ${parsed.error.message}`);
  return parsed.data;
}

function checkName(name: string): asserts name is DatasetName {
  if (!(DATASET_NAMES as readonly string[]).includes(name)) {
    throw new Error(`datasets.load: unknown data set "${name}"; use one of ${DATASET_NAMES.map((n) => `"${n}"`).join(', ')}`);
  }
}

/**
 * Loads a labelled image set.
 *
 * @example
 * const train = await datasets.load('fashion-target', { split: 'train', perClass: 5, seed: 1 });
 * await model.fit(train.xs, train.ys, { epochs: 20 });
 * train.dispose();
 */
export async function load(name: DatasetName, options: LoadOptions): Promise<LabData> {
  checkName(name);
  const { split, perClass, seed = 0, skip = 0 } = options;
  if (!Number.isInteger(skip) || skip < 0) throw new Error(`datasets.load: skip must be a whole number, 0 or more, got ${String(skip)}`);
  if (split !== 'train' && split !== 'test') throw new Error(`datasets.load: split must be "train" or "test", got "${String(split)}"`);
  const index = await dataIndex();
  const set = index.sets[name];
  const entry = set.splits[split];
  const bytes = new Uint8Array(await fetchBytes(assetUrl(`data/${DATA_DIR}/${entry.file}`)));
  if (bytes.length !== entry.count * RECORD_BYTES) {
    throw new Error(`lab: ${entry.file} has ${bytes.length} bytes, index.json promises ${entry.count} records`);
  }
  const classOfLabel = new Map(set.classes.map((c, i) => [c.label, i]));
  const recordsByClass: number[][] = set.classes.map(() => []);
  for (let r = 0; r < entry.count; r++) {
    const classIndex = classOfLabel.get(bytes[r * RECORD_BYTES]!);
    if (classIndex === undefined) throw new Error(`lab: ${entry.file} record ${r} has a label outside ${name}`);
    recordsByClass[classIndex]!.push(r);
  }

  const random = seededRandom(seed);
  const chosen: number[] = [];
  recordsByClass.forEach((records, classIndex) => {
    if (perClass !== undefined && (!Number.isInteger(perClass) || perClass < 1 || perClass + skip > records.length)) {
      throw new Error(
        `datasets.load: perClass must be a whole number from 1 to ${records.length - skip} for ${name} ${split} (class "${set.classes[classIndex]!.name}"${skip ? `, skipping ${skip}` : ''}), got ${perClass}`,
      );
    }
    if (skip >= records.length) throw new Error(`datasets.load: skip ${skip} leaves no image of class "${set.classes[classIndex]!.name}" (it has ${records.length})`);
    // The shuffle draws the same numbers whatever perClass and skip are, so one seed gives one order per class.
    chosen.push(...shuffled(records, random).slice(skip, perClass === undefined ? records.length : skip + perClass));
  });
  // Mixed order, so a fit without shuffling still sees every class in each batch.
  const order = shuffled(chosen, random);

  const pixels = new Uint8Array(order.length * PIXELS_PER_IMAGE);
  const labels = order.map((r, n) => {
    pixels.set(bytes.subarray(r * RECORD_BYTES + 1, (r + 1) * RECORD_BYTES), n * PIXELS_PER_IMAGE);
    return classOfLabel.get(bytes[r * RECORD_BYTES]!)!;
  });
  const xs = pixelsToInput(pixels, order.length);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), set.classes.length).toFloat() as tf.Tensor2D);
  return {
    xs,
    ys,
    labels,
    classNames: set.classes.map((c) => c.name),
    dispose: () => tf.dispose([xs, ys]),
  };
}

/** The class names of a data set, in output order. */
export async function classNames(name: DatasetName): Promise<string[]> {
  checkName(name);
  return (await dataIndex()).sets[name].classes.map((c) => c.name);
}

/** Licence and attribution of the shipped images (Fashion-MNIST, MIT). */
export async function attribution(): Promise<DataIndex['attribution']> {
  return (await dataIndex()).attribution;
}

/** Your own drawings from the drawing pad, split into train and test parts (see drawings.ts). */
export { drawings, type Drawings, type DrawingsOptions } from './drawings.ts';
