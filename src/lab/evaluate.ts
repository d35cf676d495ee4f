/**
 * Scoring a classifier on a labelled set.
 */
import * as tf from '@tensorflow/tfjs';

export interface Evaluation {
  /** Fraction of images classified correctly, 0 to 1. */
  accuracy: number;
  /** Accuracy within each true class (recall), in class order; NaN for a class with no images. */
  perClass: number[];
  /** `confusion[t][p]`: images of true class t predicted as class p. */
  confusion: number[][];
  /** The predicted class of each image, in the data's order (what `show.confusion` puts behind each cell). */
  predictions: number[];
  /** The data's class names, when it has them (a `datasets.load` result does). */
  classNames?: string[];
}

/** What `evaluate` needs of a data set: inputs and true class indices (a `datasets.load` result fits). */
export interface EvaluationData {
  xs: tf.Tensor;
  labels: readonly number[];
  classNames?: readonly string[];
}

/**
 * Runs the model on every image and compares its top class with the truth.
 * Predicts in chunks of 256 images and disposes every tensor it creates.
 *
 * @example
 * const { accuracy, confusion } = await evaluate(model, test);
 */
export async function evaluate(model: tf.LayersModel, data: EvaluationData): Promise<Evaluation> {
  const n = data.xs.shape[0] ?? 0;
  if (n !== data.labels.length) {
    throw new Error(`evaluate: ${n} images but ${data.labels.length} labels`);
  }
  const predicted: number[] = [];
  let numClasses = 0;
  for (let start = 0; start < n; start += 256) {
    const size = Math.min(256, n - start);
    const top = tf.tidy(() => {
      const output = model.predict(tf.slice(data.xs, start, size));
      if (Array.isArray(output)) throw new Error('evaluate: the model has several outputs; give it one softmax output');
      numClasses = output.shape[output.shape.length - 1] ?? 0;
      return tf.argMax(output, -1);
    });
    predicted.push(...(await top.data()));
    top.dispose();
  }
  numClasses = Math.max(numClasses, ...data.labels.map((l) => l + 1));
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  let correct = 0;
  predicted.forEach((p, i) => {
    const truth = data.labels[i]!;
    confusion[truth]![p]!++;
    if (p === truth) correct++;
  });
  const perClass = confusion.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? Number.NaN : row[t]! / total;
  });
  const classNames = Array.isArray(data.classNames) ? { classNames: [...data.classNames] } : {};
  return { accuracy: n === 0 ? Number.NaN : correct / n, perClass, confusion, predictions: predicted, ...classNames };
}
