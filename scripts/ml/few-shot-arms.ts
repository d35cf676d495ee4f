/**
 * The three ways of learning the new task from k images per class, shared by
 * the design search (validation images) and the transfer experiment (test set):
 *   scratch    the base architecture, random weights, trained on the k-shot set
 *   head       the pretrained base frozen, a new softmax layer on its `cutAt` output
 *   finetune   `head`, then the top conv block unfrozen and trained on, learning rate / 10
 */
import * as tf from '@tensorflow/tfjs';
import { trainEpochs, tensorBatches, accuracyOf } from './train.ts';

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

/** The pretrained layers up to and including `cutAt`, frozen, then a new softmax head. */
export function transferModel(base: tf.LayersModel, cutAt: string, numClasses: number, seed: number): tf.LayersModel {
  const cut = base.getLayer(cutAt);
  const input = base.inputs[0]!;
  const head = tf.layers.dense({
    name: 'new_head',
    units: numClasses,
    activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
  });
  const output = head.apply(cut.output as tf.SymbolicTensor) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  for (const layer of model.layers) layer.trainable = layer === head;
  return model;
}

/**
 * Arm `head` (and, with `finetuneCheckpoints`, arm `finetune` continuing from it).
 * The base is frozen, so its `cutAt` outputs never change during `head`:
 * they are computed once (timed as training) and the head trains on them.
 * `base` must be a fresh copy: fine-tuning changes its weights, and it is
 * disposed at the end.
 */
export async function runTransfer(
  base: tf.LayersModel,
  cutAt: string,
  topBlock: readonly string[],
  train: FewShotSet,
  evalSet: FewShotSet,
  settings: ArmSettings,
  finetuneCheckpoints: readonly number[] | null,
  seed: number,
): Promise<ArmResult[]> {
  const model = transferModel(base, cutAt, settings.numClasses, seed * 1000 + 29);
  const cutLayer = base.getLayer(cutAt);
  const extractor = tf.model({ inputs: base.inputs[0]!, outputs: cutLayer.output as tf.SymbolicTensor });
  const headLayer = model.layers[model.layers.length - 1]!;

  const started = performance.now();
  const trainFeatures = extractor.predict(train.xs) as tf.Tensor;
  await trainFeatures.data();
  const featureMs = performance.now() - started;
  const evalFeatures = extractor.predict(evalSet.xs) as tf.Tensor;

  // A stand-alone copy of the head trains on the cached features; its weights are then set into `model`.
  const headOnly = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [trainFeatures.shape[1]!],
        units: settings.numClasses,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 1000 + 29 }),
      }),
    ],
  });
  headOnly.compile({ optimizer: tf.train.adam(settings.learningRate), loss: 'categoricalCrossentropy' });
  const headRun = await trainWithCurve(
    headOnly,
    { xs: trainFeatures as tf.Tensor4D, labels: train.labels },
    { xs: evalFeatures as tf.Tensor4D, labels: evalSet.labels },
    settings,
    seed,
    featureMs,
  );
  headLayer.setWeights(headOnly.getWeights());
  headOnly.optimizer.dispose();
  headOnly.dispose();
  tf.dispose([trainFeatures, evalFeatures]);
  const headLast = lastPoint(headRun.curve);
  const results: ArmResult[] = [
    { arm: 'head', epochs: headLast.epoch, trainMs: headRun.trainMs, accuracy: headLast.accuracy, curve: headRun.curve },
  ];

  if (finetuneCheckpoints) {
    for (const layer of model.layers) layer.trainable = layer === headLayer || topBlock.includes(layer.name);
    model.compile({ optimizer: tf.train.adam(settings.learningRate / 10), loss: 'categoricalCrossentropy' });
    const fineRun = await trainWithCurve(
      model,
      train,
      evalSet,
      { ...settings, checkpoints: finetuneCheckpoints },
      seed + 1,
      headRun.trainMs,
    );
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
