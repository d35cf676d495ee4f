/**
 * `show`: pictures in the output panel, from your own run.
 *
 * ```ts
 * import { show, datasets, evaluate } from 'lab';
 * show.images(test, { predictions: model.predict(test.xs) as tf.Tensor, n: 20 });
 * const result = await evaluate(model, test);
 * show.confusion(result, test);       // click a cell to see its images
 * show.perClass(result);
 * show.filters(model, 'conv1');
 * show.activations(model, test.xs, ['conv1', 'conv3']);
 * show.table([{ k: 1, accuracy: 0.47 }, { k: 5, accuracy: 0.58 }]);
 * show.linechart({ values: [[{ x: 1, y: 0.47 }, { x: 5, y: 0.58 }]], series: ['transfer'] }, { name: 'sweep' });
 * ```
 *
 * The names follow TensorFlow.js's own visualisation library (tfjs-vis: `render.confusionMatrix`,
 * `show.perClassAccuracy`, `render.table`, `show.layer`) where they fit. Each call draws at once and
 * returns nothing: there is nothing to `await`. Each view is bounded (at most 100 images, 64
 * filters…; src/lab/show-views.ts `SHOW_LIMITS`) and says so when it leaves something out; a
 * run shows at most 50 views. The model's and data's tensors are read, never changed or disposed.
 */
import * as tf from '@tensorflow/tfjs';
import { currentShowSink } from './show-sink.ts';
import {
  SHOW_LIMITS,
  confusionView,
  cutNotice,
  imagesWithinBytes,
  mapsToBytes,
  perClassView,
  linechartView,
  tableView,
  unitToByte,
  viewName,
  weightsToBytes,
  type ImageBytes,
  type ShowKind,
  type ShowView,
} from './show-views.ts';

export type { ShowView, ShowKind } from './show-views.ts';
export { SHOW_LIMITS } from './show-views.ts';

/** Images with (optionally) their labels: a `datasets.load` result fits, so does `{ xs }`. */
export interface ShowData {
  /** Images, [n, height, width, 1 or 3], values in [0, 1] (values above 1 are read as 0-255). */
  xs: tf.Tensor;
  /** The true class index of each image. */
  labels?: readonly number[];
  /** Class names, in output order. */
  classNames?: readonly string[];
}

/**
 * What the model said about each image: its output (`model.predict(xs)`, one row of scores per
 * image), a tensor or list of class indices, or a list of class names.
 */
export type Predictions = tf.Tensor | readonly number[] | readonly string[] | Int32Array | Float32Array;

export interface ViewOptions {
  /** A title for the view. */
  name?: string;
}

export interface ImagesOptions extends ViewOptions {
  /** What the model predicted for each image: the grid then marks the wrong ones. */
  predictions?: Predictions;
  /** How many images to show, from the first (default: up to 32; at most 100). */
  n?: number;
  /** Only the images the model got wrong (or right): needs `predictions` and the data's labels. */
  only?: 'wrong' | 'right';
  /** Class names, when the data has none. */
  classNames?: readonly string[];
}

/** An evaluation (what `evaluate` returns), or anything with its fields. */
export interface ShowEvaluation {
  confusion: readonly (readonly number[])[];
  perClass?: readonly number[];
  /** The predicted class of each evaluated image, in order (from `evaluate`). */
  predictions?: readonly number[];
  classNames?: readonly string[];
}

export interface ClassOptions extends ViewOptions {
  /** Class names, when neither the evaluation nor the data has them. */
  classNames?: readonly string[];
}

export interface TableOptions extends ViewOptions {
  /** Column titles, for rows given as lists. */
  headers?: readonly string[];
}

const DEFAULT_IMAGES = 32;

/** Hands a built view to the run's sink (none outside a run: the view is built and dropped). */
function deliver(kind: ShowKind, build: () => ShowView): void {
  const sink = currentShowSink();
  if (sink && !sink.admit(kind)) return;
  const view = build();
  sink?.deliver(view);
}

function isTensor(value: unknown): value is tf.Tensor {
  return value instanceof tf.Tensor;
}

/** The image tensor of `data`, checked: [n, h, w, 1|3], each side at most SHOW_LIMITS.side. */
function imageTensor(fn: string, data: unknown): tf.Tensor {
  const xs = isTensor(data) ? data : typeof data === 'object' && data !== null ? (data as { xs?: unknown }).xs : undefined;
  if (!isTensor(xs)) throw new TypeError(`${fn}: give the images as a tensor or a data set with \`xs\` (e.g. what datasets.load returns)`);
  if (xs.isDisposed) throw new Error(`${fn}: the images were already disposed (call show before data.dispose())`);
  const [, h = 0, w = 0, c = 0] = xs.shape;
  if (xs.rank !== 4 || (c !== 1 && c !== 3)) {
    throw new Error(`${fn}: images must be [count, height, width, 1 or 3], got [${xs.shape.join(', ')}]`);
  }
  if (h > SHOW_LIMITS.side || w > SHOW_LIMITS.side) {
    throw new Error(`${fn}: images of at most ${SHOW_LIMITS.side}×${SHOW_LIMITS.side} pixels can be shown, got ${h}×${w}`);
  }
  return xs;
}

/** The first `count` images of `xs` (or those at `indexes`) as bytes (0-255). */
function readImages(xs: tf.Tensor, count: number, indexes?: readonly number[]): ImageBytes {
  const [, height = 0, width = 0, channels = 1] = xs.shape;
  const values =
    count === 0
      ? new Float32Array(0)
      : tf.tidy(() => (indexes ? tf.gather(xs, tf.tensor1d(indexes.slice(0, count), 'int32')) : tf.slice(xs, 0, count)).dataSync());
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const scale = max > 1 ? 1 / 255 : 1;
  const pixels = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) pixels[i] = unitToByte(values[i]! * scale);
  return { width, height, channels: channels as 1 | 3, count, pixels };
}

/** Predictions -> one class index (or name) per image. */
function predictedClasses(fn: string, predictions: Predictions, count: number): (number | string)[] {
  let list: ArrayLike<number | string>;
  if (isTensor(predictions)) {
    if (predictions.isDisposed) throw new Error(`${fn}: the predictions tensor was already disposed`);
    if (predictions.rank === 2) list = tf.tidy(() => tf.argMax(predictions, -1).dataSync());
    else if (predictions.rank === 1) list = predictions.dataSync() as ArrayLike<number>;
    else throw new Error(`${fn}: predictions must be the model's output [count, classes] or one class per image, got shape [${predictions.shape.join(', ')}]`);
  } else if (Array.isArray(predictions) || ArrayBuffer.isView(predictions)) {
    list = predictions as ArrayLike<number | string>;
  } else {
    throw new TypeError(`${fn}: predictions must be a tensor, a list of class indices or a list of class names`);
  }
  if (list.length < count) throw new Error(`${fn}: ${list.length} predictions for ${count} images: give one per image`);
  return Array.from({ length: count }, (_, i) => list[i]!);
}

function nameOf(value: number | string, classNames: readonly string[] | undefined): string {
  if (typeof value === 'string') return value;
  return classNames?.[value] ?? `class ${value}`;
}

/**
 * A grid of images with their true labels and, with `predictions`, what the model said; the
 * wrong ones are marked (a cross and the word "wrong", not only a colour).
 *
 * @example
 * const test = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });
 * show.images(test, { predictions: model.predict(test.xs) as tf.Tensor });
 */
export function images(data: ShowData | tf.Tensor, options: ImagesOptions = {}): void {
  const fn = 'show.images';
  const xs = imageTensor(fn, data);
  const name = viewName(fn, options.name);
  const total = xs.shape[0] ?? 0;
  const wanted = options.n ?? Math.min(total, DEFAULT_IMAGES);
  if (!Number.isInteger(wanted) || wanted < 0) throw new Error(`${fn}: n must be a whole number, got ${String(options.n)}`);
  const withLabels = isTensor(data) ? undefined : data;
  const only = options.only;
  if (only !== undefined) {
    if (only !== 'wrong' && only !== 'right') throw new Error(`${fn}: only must be 'wrong' or 'right', got ${String(only)}`);
    if (options.predictions === undefined || !withLabels?.labels) throw new Error(`${fn}: only: '${only}' needs the predictions and data with labels`);
  }
  deliver('images', () => {
    const notices: string[] = [];
    const [, h = 0, w = 0, c = 1] = xs.shape;
    const classNames = options.classNames ?? withLabels?.classNames;
    const labelOf = (i: number): string => nameOf(withLabels!.labels![i] ?? -1, classNames);
    // Which images: the first ones, or the first wrong (right) ones.
    let indexes: number[] | undefined;
    let all: string[] | undefined;
    if (only) {
      all = predictedClasses(fn, options.predictions!, total).map((p) => nameOf(p, classNames));
      indexes = [];
      for (let i = 0; i < total; i++) if ((all[i] !== labelOf(i)) === (only === 'wrong')) indexes.push(i);
    }
    const available = indexes ? indexes.length : total;
    let count = Math.min(wanted, available, SHOW_LIMITS.images);
    count = imagesWithinBytes(count, h * w * c);
    if (count < Math.min(wanted, available)) notices.push(cutNotice(count, Math.min(wanted, available), ['image', 'images']));
    const bytes = readImages(xs, count, indexes);
    const at = (n: number): number => (indexes ? indexes[n]! : n);
    const labels = withLabels?.labels ? Array.from({ length: count }, (_, n) => labelOf(at(n))) : undefined;
    const predicted = all
      ? Array.from({ length: count }, (_, n) => all![at(n)]!)
      : options.predictions !== undefined
        ? predictedClasses(fn, options.predictions, count).map((p) => nameOf(p, classNames))
        : undefined;
    return { kind: 'images', ...(name ? { name } : {}), images: bytes, ...(labels ? { labels } : {}), ...(predicted ? { predicted } : {}), total: available, ...(only ? { only } : {}), notices };
  });
}

function checkEvaluation(fn: string, evaluation: unknown): asserts evaluation is ShowEvaluation {
  const confusion = (evaluation as ShowEvaluation | null)?.confusion;
  if (!Array.isArray(confusion) || !confusion.every((row) => Array.isArray(row))) {
    throw new TypeError(`${fn}: give it what evaluate(model, data) returns (it needs a \`confusion\` matrix)`);
  }
}

/**
 * The confusion matrix: rows are the true classes, columns the predicted ones. With the data
 * you evaluated, each cell is a button that lists that cell's images.
 *
 * @example
 * const result = await evaluate(model, test);
 * show.confusion(result, test);
 */
export function confusion(evaluation: ShowEvaluation, data?: ShowData, options: ClassOptions = {}): void {
  const fn = 'show.confusion';
  checkEvaluation(fn, evaluation);
  const name = viewName(fn, options.name);
  const classNames = options.classNames ?? data?.classNames ?? evaluation.classNames;
  let xs: tf.Tensor | undefined;
  if (data !== undefined) {
    xs = imageTensor(fn, data);
    const n = xs.shape[0] ?? 0;
    const predictions = evaluation.predictions;
    if (!Array.isArray(predictions) && !ArrayBuffer.isView(predictions)) {
      throw new Error(`${fn}: this evaluation has no \`predictions\`; pass what evaluate(model, data) returns to show the images behind the cells`);
    }
    if (predictions.length !== n || data.labels?.length !== n) {
      throw new Error(`${fn}: the evaluation has ${predictions.length} predictions but the data has ${n} images${data.labels ? '' : ' and no labels'}: pass the same data you evaluated`);
    }
  }
  deliver('confusion', () => {
    if (!xs || !data) return confusionView(evaluation.confusion, classNames, name);
    const all = readImages(xs, xs.shape[0] ?? 0);
    const perImage = all.width * all.height * all.channels;
    return confusionView(evaluation.confusion, classNames, name, {
      truth: data.labels!,
      predicted: Array.from(evaluation.predictions!),
      imageAt: (i) => all.pixels.subarray(i * perImage, (i + 1) * perImage),
      width: all.width,
      height: all.height,
      channels: all.channels,
    });
  });
}

/**
 * Accuracy within each true class (tfjs-vis calls it `perClassAccuracy`), as bars with the numbers.
 *
 * @example
 * show.perClass(await evaluate(model, test), { classNames: test.classNames });
 */
export function perClass(evaluation: ShowEvaluation, options: ClassOptions = {}): void {
  const fn = 'show.perClass';
  checkEvaluation(fn, evaluation);
  if (!Array.isArray(evaluation.perClass)) throw new TypeError(`${fn}: give it what evaluate(model, data) returns (it needs \`perClass\`)`);
  const name = viewName(fn, options.name);
  deliver('per-class', () => perClassView(evaluation.perClass!, evaluation.confusion, options.classNames ?? evaluation.classNames, name));
}

/** The layer `name` of `model`, or an error that lists the model's layers. */
function layerOf(fn: string, model: unknown, name: unknown): tf.layers.Layer {
  const layers = (model as tf.LayersModel | null)?.layers;
  if (!Array.isArray(layers)) throw new TypeError(`${fn}: give it a model (a tf.LayersModel)`);
  if (typeof name !== 'string') throw new TypeError(`${fn}: name the layer with a text, e.g. 'conv1'`);
  const found = layers.find((layer) => layer.name === name);
  if (!found) throw new Error(`${fn}: the model has no layer "${name}"; its layers are ${layers.map((l) => l.name).join(', ')}`);
  return found;
}

/**
 * A convolution layer's learned kernels, one small grey image per filter (mid-grey is 0,
 * white the largest positive weight, black its negative); a kernel over several input
 * channels is averaged over them.
 *
 * @example
 * show.filters(model, 'conv1');
 */
export function filters(model: tf.LayersModel, layer: string, options: ViewOptions = {}): void {
  const fn = 'show.filters';
  const found = layerOf(fn, model, layer);
  const name = viewName(fn, options.name);
  const kernel = found.getWeights()[0];
  if (!kernel || kernel.rank !== 4) {
    throw new Error(`${fn}: "${layer}" is a ${found.getClassName()} layer; filters are the kernels of a Conv2D layer (e.g. conv1)`);
  }
  deliver('filters', () => {
    const [kh = 0, kw = 0, inputs = 1, outputs = 0] = kernel.shape;
    const count = Math.min(outputs, SHOW_LIMITS.filters);
    const notices = count < outputs ? [cutNotice(count, outputs, ['filter', 'filters'])] : [];
    const values = kernel.dataSync();
    // [kh, kw, in, out] -> one kh×kw image per filter, averaged over the inputs.
    const averaged = new Float32Array(count * kh * kw);
    let scale = 0;
    for (let f = 0; f < count; f++) {
      for (let y = 0; y < kh; y++) {
        for (let x = 0; x < kw; x++) {
          let sum = 0;
          for (let c = 0; c < inputs; c++) sum += values[((y * kw + x) * inputs + c) * outputs + f]!;
          const v = sum / inputs;
          averaged[(f * kh + y) * kw + x] = v;
          if (Math.abs(v) > scale) scale = Math.abs(v);
        }
      }
    }
    return {
      kind: 'filters',
      ...(name ? { name } : {}),
      layer,
      images: { width: kw, height: kh, channels: 1, count, pixels: weightsToBytes(averaged, scale) },
      total: outputs,
      inputChannels: inputs,
      scale,
      notices,
    };
  });
}

/** The output of a layer in the model's own graph (a layer used in two models has several). */
function outputOf(layer: tf.layers.Layer): tf.SymbolicTensor {
  try {
    return layer.output as tf.SymbolicTensor;
  } catch {
    return layer.getOutputAt(0) as tf.SymbolicTensor;
  }
}

/**
 * What the chosen layers output for one image: one grey map per channel (each scaled to its
 * own range), up to 32 channels per layer.
 *
 * @example
 * show.activations(model, test.xs, ['conv1', 'conv3']); // the first image of test.xs
 */
export function activations(model: tf.LayersModel, image: tf.Tensor, layers: readonly string[], options: ViewOptions = {}): void {
  const fn = 'show.activations';
  if (!isTensor(image)) throw new TypeError(`${fn}: give the image as a tensor, [height, width, channels] or a batch whose first image is shown`);
  const batch = image.rank === 3 ? image.expandDims(0) : image;
  try {
    const xs = imageTensor(fn, batch);
    if (!Array.isArray(layers) || layers.length === 0) throw new TypeError(`${fn}: name the layers in a list, e.g. ['conv1', 'conv3']`);
    const chosen = layers.slice(0, SHOW_LIMITS.layers).map((name) => layerOf(fn, model, name));
    const name = viewName(fn, options.name);
    deliver('activations', () => {
      const notices = layers.length > chosen.length ? [cutNotice(chosen.length, layers.length, ['layer', 'layers'])] : [];
      const input = readImages(xs, 1);
      const probe = tf.model({ inputs: model.inputs, outputs: chosen.map(outputOf) });
      const outputs = tf.tidy(() => {
        const out = probe.predict(tf.slice(xs, 0, 1));
        return (Array.isArray(out) ? out : [out]).map((t) => ({ shape: t.shape, values: t.dataSync() }));
      });
      let budget = SHOW_LIMITS.bytes - input.pixels.byteLength;
      const shown = chosen.map((layer, i) => {
        const { shape, values } = outputs[i]!;
        let height: number;
        let width: number;
        let channels: number;
        if (shape.length === 4) [, height = 0, width = 0, channels = 0] = shape;
        else if (shape.length === 2 && (shape[1] ?? 0) <= SHOW_LIMITS.side) [height, width, channels] = [1, shape[1] ?? 0, 1];
        else throw new Error(`${fn}: "${layer.name}" outputs [${shape.join(', ')}]; layers whose output is a picture (Conv2D, pooling) can be shown`);
        let count = Math.min(channels, SHOW_LIMITS.maps);
        count = imagesWithinBytes(count, height * width, budget);
        budget -= count * height * width;
        if (count < channels) notices.push(`${layer.name}: ${cutNotice(count, channels, ['channel', 'channels'])}`);
        // [h, w, channels] -> one h×w map per channel.
        const planar = new Float32Array(count * height * width);
        for (let m = 0; m < count; m++) for (let p = 0; p < height * width; p++) planar[m * height * width + p] = values[p * channels + m]!;
        return { layer: layer.name, maps: { width, height, channels: 1 as const, count, pixels: mapsToBytes(planar, height * width, count) }, channels };
      });
      return { kind: 'activations', ...(name ? { name } : {}), input, layers: shown, notices };
    });
  } finally {
    if (batch !== image) batch.dispose();
  }
}

/**
 * Rows of text: objects (their keys are the columns) or lists (with `headers`).
 *
 * @example
 * show.table([{ k: 1, transfer: 0.47, scratch: 0.38 }, { k: 5, transfer: 0.58, scratch: 0.53 }]);
 */
export function table(rows: readonly Record<string, unknown>[] | readonly (readonly unknown[])[], options: TableOptions = {}): void {
  const fn = 'show.table';
  const name = viewName(fn, options.name);
  if (!Array.isArray(rows)) throw new TypeError(`${fn}: rows must be a list of objects or of lists`);
  deliver('table', () => tableView(rows, options.headers, name));
}


export interface LinechartOptions extends ViewOptions {
  xLabel?: string;
  yLabel?: string;
  /** Draw x on a log scale (every x must be above 0). */
  xLog?: boolean;
}

/**
 * Lines of points (tfjs-vis's `render.linechart`): `values` holds one list of `{ x, y }` per line,
 * `series` their names. Call it again with the same `name` and the same chart is redrawn, so a
 * chart can grow while the code runs.
 *
 * @example
 * show.linechart({ values: [[{ x: 1, y: 0.4 }, { x: 5, y: 0.6 }]], series: ['transfer'] }, { name: 'sweep', xLabel: 'k' });
 */
export function linechart(
  data: { values: readonly (readonly { x: number; y: number }[])[] | readonly { x: number; y: number }[]; series?: readonly string[] },
  options: LinechartOptions = {},
): void {
  const fn = 'show.linechart';
  const name = viewName(fn, options.name);
  const view = linechartView(data, { ...options, ...(name ? { name } : {}) });
  deliver('linechart', () => view);
}
