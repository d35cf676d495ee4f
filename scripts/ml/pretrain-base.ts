/**
 * Pretrains the base convnet on the source classes: official train images of
 * those classes minus the held-out validation images, seeded order, shift and
 * flip augmentation, Adam. Used by scripts/pretrain.ts and the design search.
 */
import * as tf from '@tensorflow/tfjs';
import { pixelsToInput } from '../../src/lab/preprocess.ts';
import { buildFashionCnn, type ArchitectureOptions } from './architecture.ts';
import { augmentBatch, gatherPixels } from './augment.ts';
import { sourceTrainSelection, type ClassSplit } from './class-split.ts';
import type { FashionSplit } from './fashion-mnist.ts';
import { accuracyOf, oneHotLabels, trainEpochs } from './train.ts';

export interface PretrainOptions {
  split: ClassSplit;
  architecture: Omit<ArchitectureOptions, 'numClasses' | 'seed'>;
  epochs: number;
  seed: number;
  batchSize: number;
  learningRate: number;
  /** Use only the first N fit images per class (the --quick mode); all when absent. */
  perClassLimit?: number;
  log: (line: string) => void;
}

export interface LabelledPixels {
  pixels: Uint8Array;
  /** Class index in the model's output order. */
  labels: number[];
}

export interface PretrainResult {
  model: tf.Sequential;
  fitCount: number;
  sourceValAccuracy: number;
  trainMs: number;
  /** Source-validation accuracy after each epoch. */
  history: { epoch: number; loss: number; valAccuracy: number; elapsedMs: number }[];
}

/** Source fit and validation images, labels mapped to output order. */
export function sourceSets(train: FashionSplit, split: ClassSplit, perClassLimit?: number) {
  const fit: number[] = [];
  const fitLabels: number[] = [];
  const val: number[] = [];
  const valLabels: number[] = [];
  split.source.forEach((label, classIndex) => {
    const selection = sourceTrainSelection(train, label);
    const fitIndices = perClassLimit ? selection.fit.slice(0, perClassLimit) : selection.fit;
    fit.push(...fitIndices);
    fitLabels.push(...fitIndices.map(() => classIndex));
    val.push(...selection.val);
    valLabels.push(...selection.val.map(() => classIndex));
  });
  return {
    fit: { pixels: gatherPixels(train.pixels, fit), labels: fitLabels } satisfies LabelledPixels,
    val: { pixels: gatherPixels(train.pixels, val), labels: valLabels } satisfies LabelledPixels,
  };
}

export async function pretrainBase(train: FashionSplit, options: PretrainOptions): Promise<PretrainResult> {
  const { split, epochs, seed, batchSize, learningRate, log } = options;
  const numClasses = split.source.length;
  const sets = sourceSets(train, split, options.perClassLimit);
  const fitCount = sets.fit.labels.length;
  const model = buildFashionCnn({ ...options.architecture, numClasses, seed });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  const valXs = pixelsToInput(sets.val.pixels, sets.val.labels.length);
  log(`pretraining on ${fitCount} source images (${split.source.join(',')}), ${model.countParams()} parameters, ${epochs} epochs`);

  const history: PretrainResult['history'] = [];
  let trainMs = 0;
  let since = performance.now();
  await trainEpochs(
    model,
    fitCount,
    (indices, random) => {
      const x = pixelsToInput(augmentBatch(sets.fit.pixels, indices, random), indices.length);
      const y = oneHotLabels(indices.map((i) => sets.fit.labels[i]!), numClasses);
      return { x, y };
    },
    {
      epochs,
      batchSize,
      seed,
      onEpochEnd: async (epoch, loss) => {
        trainMs += performance.now() - since;
        const valAccuracy = await accuracyOf(model, valXs, sets.val.labels);
        history.push({ epoch, loss, valAccuracy, elapsedMs: Math.round(trainMs) });
        log(`epoch ${epoch}/${epochs}: loss ${loss.toFixed(4)}, source validation accuracy ${valAccuracy.toFixed(4)}, ${(trainMs / 1000).toFixed(0)} s`);
        since = performance.now();
      },
    },
  );
  valXs.dispose();
  const last = history[history.length - 1]!;
  return { model, fitCount, sourceValAccuracy: last.valAccuracy, trainMs, history };
}
