/**
 * A seeded mini-batch training loop and accuracy helpers, shared by the
 * pretraining script, the design search and the transfer experiment.
 * (tfjs's model.fit shuffles with Math.random, so runs could not be repeated.)
 */
import * as tf from '@tensorflow/tfjs';
import { seededRandom, shuffled } from '../../src/lab/random.ts';

export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor2D;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** Called after each epoch with the epoch number (1-based) and its mean loss; may await (e.g. to evaluate). */
  onEpochEnd?: (epoch: number, loss: number) => void | Promise<void>;
}

/**
 * Trains a compiled model for `epochs` passes over `count` examples, in a
 * seeded order. `makeBatch` builds the tensors for the given example indices
 * (and may augment them); the loop disposes them.
 */
export async function trainEpochs(
  model: tf.LayersModel,
  count: number,
  makeBatch: (indices: number[], random: () => number) => Batch,
  options: TrainOptions,
): Promise<void> {
  const random = seededRandom(options.seed);
  const all = Array.from({ length: count }, (_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = shuffled(all, random);
    let lossSum = 0;
    let batches = 0;
    for (let start = 0; start < count; start += options.batchSize) {
      const { x, y } = makeBatch(order.slice(start, start + options.batchSize), random);
      const loss = await model.trainOnBatch(x, y);
      lossSum += Array.isArray(loss) ? loss[0]! : loss;
      batches++;
      tf.dispose([x, y]);
    }
    await options.onEpochEnd?.(epoch, lossSum / batches);
  }
}

/** Batch maker over tensors already in memory. */
export function tensorBatches(xs: tf.Tensor, labels: readonly number[], numClasses: number) {
  return (indices: number[]): Batch =>
    tf.tidy(() => ({
      x: tf.gather(xs, tf.tensor1d(indices, 'int32')),
      y: oneHotLabels(indices.map((i) => labels[i]!), numClasses),
    }));
}

/** One-hot float labels, [n, numClasses]. */
export function oneHotLabels(classes: readonly number[], numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d([...classes], 'int32'), numClasses).toFloat() as tf.Tensor2D);
}

/** Predicted class per example, in chunks so large sets fit in memory. */
export async function predictClasses(model: tf.LayersModel, xs: tf.Tensor, chunk = 500): Promise<number[]> {
  const n = xs.shape[0]!;
  const out: number[] = [];
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const classes = tf.tidy(() => {
      const part = tf.slice(xs, start, size);
      return tf.argMax(model.predict(part) as tf.Tensor, -1);
    });
    out.push(...(await classes.data()));
    classes.dispose();
  }
  return out;
}

export async function accuracyOf(model: tf.LayersModel, xs: tf.Tensor, labels: readonly number[]): Promise<number> {
  const predicted = await predictClasses(model, xs);
  let correct = 0;
  predicted.forEach((p, i) => {
    if (p === labels[i]) correct++;
  });
  return correct / labels.length;
}
