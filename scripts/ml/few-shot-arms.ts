/**
 * The three ways of learning the new task from k images per class, shared by
 * the design search (validation images) and the transfer experiment (test set):
 *   scratch    the base architecture, random weights, trained on the k-shot set
 *   head       the pretrained base frozen, a new softmax layer on its `cutAt` output
 *   finetune   `head`, then the top conv block unfrozen and trained on, with its own
 *              learning rates for the block and the head and (optionally) augmentation
 */
import * as tf from '@tensorflow/tfjs';
import { seededRandom, shuffled } from '../../src/lab/random.ts';
import { augmentFloatBatch, gatherFloatPixels } from './augment.ts';
import { trainEpochs, tensorBatches, accuracyOf, oneHotLabels } from './train.ts';

export interface FewShotSet {
  xs: tf.Tensor4D;
  labels: number[];
}

/** Accuracy on the evaluation set after a given number of epochs, and the training time (ms) spent until then. */
export interface CurvePoint {
  epoch: number;
  trainMs: number;
  accuracy: number;
}

export interface ArmResult {
  arm: 'scratch' | 'head' | 'finetune';
  epochs: number;
  trainMs: number;
  accuracy: number;
  curve: CurvePoint[];
}

export interface ArmSettings {
  numClasses: number;
  learningRate: number;
  batchSize: number;
  /** Epochs after which the evaluation set is scored (training clock paused meanwhile). */
  checkpoints: readonly number[];
}

/** Trains, pausing the clock at checkpoints to score `evaluate`. */
async function trainWithCurve(
  model: tf.LayersModel,
  train: FewShotSet,
  evalSet: FewShotSet,
  settings: ArmSettings,
  seed: number,
  startMs = 0,
): Promise<{ curve: CurvePoint[]; trainMs: number }> {
  const epochs = Math.max(...settings.checkpoints);
  const curve: CurvePoint[] = [];
  let trainMs = startMs;
  let since = performance.now();
  await trainEpochs(model, train.labels.length, tensorBatches(train.xs, train.labels, settings.numClasses), {
    epochs,
    batchSize: settings.batchSize,
    seed,
    onEpochEnd: async (epoch) => {
      if (!settings.checkpoints.includes(epoch)) return;
      trainMs += performance.now() - since;
      curve.push({ epoch, trainMs, accuracy: await accuracyOf(model, evalSet.xs, evalSet.labels) });
      since = performance.now();
    },
  });
  return { curve, trainMs };
}

function lastPoint(curve: CurvePoint[]): CurvePoint {
  const point = curve[curve.length - 1];
  if (!point) throw new Error('no checkpoint was scored');
  return point;
}

/** Arm `scratch`: `model` is a freshly initialised copy of the base architecture (disposed at the end). */
export async function runScratch(
  model: tf.LayersModel,
  train: FewShotSet,
  evalSet: FewShotSet,
  settings: ArmSettings,
  seed: number,
): Promise<ArmResult> {
  model.compile({ optimizer: tf.train.adam(settings.learningRate), loss: 'categoricalCrossentropy' });
  const { curve, trainMs } = await trainWithCurve(model, train, evalSet, settings, seed);
  model.optimizer.dispose();
  model.dispose();
  const last = lastPoint(curve);
  return { arm: 'scratch', epochs: last.epoch, trainMs, accuracy: last.accuracy, curve };
}

/** The new head: optionally a layer normalisation of the features, then a softmax layer. */
function newHeadLayers(numClasses: number, seed: number, norm: boolean, inputDim?: number): tf.layers.Layer[] {
  const dense = tf.layers.dense({
    name: 'new_head',
    units: numClasses,
    activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    ...(inputDim && !norm ? { inputShape: [inputDim] } : {}),
  });
  if (!norm) return [dense];
  return [tf.layers.layerNormalization({ name: 'new_norm', ...(inputDim ? { inputShape: [inputDim] } : {}) }), dense];
}

/** The pretrained layers up to and including `cutAt`, frozen, then a new head. */
export function transferModel(
  base: tf.LayersModel,
  cutAt: string,
  numClasses: number,
  seed: number,
  norm = false,
): { model: tf.LayersModel; newLayers: tf.layers.Layer[] } {
  const cut = base.getLayer(cutAt);
  const input = base.inputs[0]!;
  const newLayers = newHeadLayers(numClasses, seed, norm);
  let output = cut.output as tf.SymbolicTensor;
  for (const layer of newLayers) output = layer.apply(output) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  for (const layer of model.layers) layer.trainable = newLayers.includes(layer);
  return { model, newLayers };
}

/**
 * Arm `head` (and, with `options.finetune`, arm `finetune` continuing from it).
 * The base is frozen, so its `cutAt` outputs never change during `head`:
 * they are computed once (timed as training) and the head trains on them.
 * `base` must be a fresh copy: fine-tuning changes its weights, and it is
 * disposed at the end.
 */
export interface TransferOptions {
  /** The layer whose output feeds the new head. */
  cutAt: string;
  /**
   * `random`: Glorot-initialised head. `class-means`: the head starts as the
   * nearest-class-mean classifier of the k-shot features (weight imprinting,
   * Qi et al. 2018), then trains as usual.
   */
  headInit: 'random' | 'class-means';
  /** Layer-normalise the features before the new softmax layer. */
  headNorm: boolean;
  /** The fine-tuning arm, continuing from the trained head; null skips that arm. */
  finetune: FineTuneOptions | null;
}

export interface FineTuneOptions {
  /** Layers unfrozen (the new head always trains). */
  layers: readonly string[];
  /** Adam's learning rate for the unfrozen pretrained layers... */
  blockLearningRate: number;
  /** ...and for the new head (discriminative learning rates: one Adam per group). */
  headLearningRate: number;
  /** Random shifts of up to 2 px and horizontal flips of each training batch. */
  augment: boolean;
  batchSize: number;
  /** Epochs (counted after the head's) at which the arm is scored; the last one is its budget. */
  checkpoints: readonly number[];
}

/**
 * Head weights that make softmax(W f + b) rank classes like the distance to
 * their mean feature: argmin |f - m_c|^2 = argmax (m_c . f - |m_c|^2 / 2),
 * scaled so the logits span about ten units.
 */
function classMeanHead(features: tf.Tensor, labels: readonly number[], numClasses: number): [tf.Tensor2D, tf.Tensor1D] {
  return tf.tidy(() => {
    const flat = tf.reshape(features, [labels.length, -1]);
    const onehot = tf.oneHot(tf.tensor1d([...labels], 'int32'), numClasses).toFloat();
    const counts = tf.sum(onehot, 0).maximum(1).reshape([numClasses, 1]);
    const means = tf.div(tf.matMul(onehot, flat, true, false), counts); // [C, D]
    const sq = tf.sum(tf.square(means), 1); // [C]
    const scale = tf.div(10, tf.mean(sq).add(1e-6));
    return [tf.mul(tf.transpose(means), scale) as tf.Tensor2D, tf.mul(tf.mul(sq, -0.5), scale) as tf.Tensor1D];
  });
}

export async function runTransfer(
  base: tf.LayersModel,
  options: TransferOptions,
  train: FewShotSet,
  evalSet: FewShotSet,
  settings: ArmSettings,
  seed: number,
): Promise<ArmResult[]> {
  const { cutAt } = options;
  const { model, newLayers } = transferModel(base, cutAt, settings.numClasses, seed * 1000 + 29, options.headNorm);
  const cutLayer = base.getLayer(cutAt);
  const extractor = tf.model({ inputs: base.inputs[0]!, outputs: cutLayer.output as tf.SymbolicTensor });

  const started = performance.now();
  const trainFeatures = extractor.predict(train.xs) as tf.Tensor;
  await trainFeatures.data();
  const featureMs = performance.now() - started;
  const evalFeatures = extractor.predict(evalSet.xs) as tf.Tensor;

  // A stand-alone copy of the head trains on the cached features; its weights are then set into `model`.
  const headOnly = tf.sequential({
    layers: newHeadLayers(settings.numClasses, seed * 1000 + 29, options.headNorm, trainFeatures.shape[1]!),
  });
  if (options.headInit === 'class-means') {
    const dense = headOnly.layers[headOnly.layers.length - 1]!;
    const normalised = options.headNorm ? (headOnly.layers[0]!.apply(trainFeatures) as tf.Tensor) : trainFeatures;
    const weights = classMeanHead(normalised, train.labels, settings.numClasses);
    dense.setWeights(weights);
    tf.dispose(weights);
    if (normalised !== trainFeatures) normalised.dispose();
  }
  headOnly.compile({ optimizer: tf.train.adam(settings.learningRate), loss: 'categoricalCrossentropy' });
  const headRun = await trainWithCurve(
    headOnly,
    { xs: trainFeatures as tf.Tensor4D, labels: train.labels },
    { xs: evalFeatures as tf.Tensor4D, labels: evalSet.labels },
    settings,
    seed,
    featureMs,
  );
  newLayers.forEach((layer, i) => layer.setWeights(headOnly.layers[i]!.getWeights()));
  headOnly.optimizer.dispose();
  headOnly.dispose();
  tf.dispose([trainFeatures, evalFeatures]);
  const headLast = lastPoint(headRun.curve);
  const results: ArmResult[] = [
    { arm: 'head', epochs: headLast.epoch, trainMs: headRun.trainMs, accuracy: headLast.accuracy, curve: headRun.curve },
  ];

  if (options.finetune) {
    const fineRun = await fineTune(model, newLayers, train, evalSet, settings.numClasses, options.finetune, seed + 1, headRun.trainMs);
    // Epochs count both phases, so `finetune` is compared on its whole cost.
    const curve = [
      ...headRun.curve,
      ...fineRun.curve.map((p) => ({ ...p, epoch: p.epoch + headLast.epoch })),
    ];
    const last = lastPoint(curve);
    results.push({ arm: 'finetune', epochs: last.epoch, trainMs: fineRun.trainMs, accuracy: last.accuracy, curve });
  }
  // The models share layers, so release the variables themselves (each once) and the optimizers.
  const variables = new Set([...base.weights, ...model.weights]);
  for (const variable of variables) variable.dispose();
  model.optimizer?.dispose();
  return results;
}

/**
 * The fine-tuning phase: `options.layers` and the new head train together,
 * each group with its own Adam (tf.layers' compile takes one optimizer, so
 * the step is written out: one gradient, two updates). Scored at checkpoints
 * with the clock paused, like `trainWithCurve`.
 */
async function fineTune(
  model: tf.LayersModel,
  newLayers: tf.layers.Layer[],
  train: FewShotSet,
  evalSet: FewShotSet,
  numClasses: number,
  options: FineTuneOptions,
  seed: number,
  startMs: number,
): Promise<{ curve: CurvePoint[]; trainMs: number }> {
  for (const name of options.layers) model.getLayer(name); // throws a clear error for a name the model lacks
  for (const layer of model.layers) layer.trainable = newLayers.includes(layer) || options.layers.includes(layer.name);
  const variablesOf = (layers: tf.layers.Layer[]) => layers.flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
  const blockVariables = variablesOf(options.layers.map((name) => model.getLayer(name)));
  const headVariables = variablesOf(newLayers);
  const blockOptimizer = tf.train.adam(options.blockLearningRate);
  const headOptimizer = tf.train.adam(options.headLearningRate);
  const pixels = train.xs.dataSync() as Float32Array;
  const random = seededRandom(seed);
  const all = Array.from({ length: train.labels.length }, (_, i) => i);
  const epochs = Math.max(...options.checkpoints);
  const curve: CurvePoint[] = [];
  let trainMs = startMs;
  let since = performance.now();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = shuffled(all, random);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const indices = order.slice(start, start + options.batchSize);
      const data = options.augment ? augmentFloatBatch(pixels, indices, random) : gatherFloatPixels(pixels, indices);
      const x = tf.tensor4d(data, [indices.length, 28, 28, 1]);
      const y = oneHotLabels(indices.map((i) => train.labels[i]!), numClasses);
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar,
        [...blockVariables, ...headVariables],
      );
      const pick = (variables: tf.Variable[]) => variables.map((v) => ({ name: v.name, tensor: grads[v.name]! }));
      blockOptimizer.applyGradients(pick(blockVariables));
      headOptimizer.applyGradients(pick(headVariables));
      await value.data(); // one sync per step, as trainOnBatch does, so the clock measures finished work
      tf.dispose([x, y, value, ...Object.values(grads)]);
    }
    if (options.checkpoints.includes(epoch)) {
      trainMs += performance.now() - since;
      curve.push({ epoch, trainMs, accuracy: await accuracyOf(model, evalSet.xs, evalSet.labels) });
      since = performance.now();
    }
  }
  blockOptimizer.dispose();
  headOptimizer.dispose();
  return { curve, trainMs };
}
