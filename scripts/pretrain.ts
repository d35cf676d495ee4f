/**
 * Pretrains the course's base model on the source classes and writes it with
 * its model card:
 *
 *   npx node scripts/pretrain.ts            -> public/models/fashion-cnn/{model.json, weights.bin, card.json}
 *   npx node scripts/pretrain.ts --quick    -> a temporary folder (300 images, 1 epoch; what tests run)
 *
 * Seeded end to end (initialisers, order, augmentation); tfjs wasm backend in
 * Node, single thread. Prints the source test accuracy it writes to the card.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { MODEL_DIR, parseModelCard, type ModelCard } from '../src/lab/card.ts';
import { PREPROCESS_DESCRIPTION, pixelsToInput } from '../src/lab/preprocess.ts';
import { DEFAULT_ARCHITECTURE } from './ml/architecture.ts';
import { gatherPixels } from './ml/augment.ts';
import { SHIPPED_SPLIT, SOURCE_VAL_PER_CLASS, testSelection } from './ml/class-split.ts';
import { FASHION_ATTRIBUTION, FASHION_CLASS_NAMES, loadFashionSplit } from './ml/fashion-mnist.ts';
import { pretrainBase } from './ml/pretrain-base.ts';
import { saveModelToFolder } from './ml/save-model.ts';
import { accuracyOf } from './ml/train.ts';
import { useWasmBackend } from './ml/wasm-node.ts';

/** The shipped model's recipe; chosen on validation numbers (docs-notes/model-data-experiment-measurements.md). */
export const PRETRAIN_RECIPE = { epochs: 10, seed: 1, batchSize: 64, learningRate: 0.001 } as const;
const QUICK = { epochs: 1, perClassLimit: 60 } as const;
const SHIPPED_FOLDER = resolve('public', MODEL_DIR);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    epochs: { type: 'string' },
  },
});
const quick = values.quick;
const outDir = resolve(values.out ?? (quick ? mkdtempSync(join(tmpdir(), 'transfer-lab-pretrain-')) : SHIPPED_FOLDER));
if (quick && outDir === SHIPPED_FOLDER) {
  throw new Error('--quick never writes over the shipped model; give another --out');
}
const epochs = values.epochs ? Number(values.epochs) : quick ? QUICK.epochs : PRETRAIN_RECIPE.epochs;
const command = `npx node scripts/pretrain.ts${quick ? ' --quick' : ''}${values.epochs ? ` --epochs ${epochs}` : ''}`;

await useWasmBackend();
const split = SHIPPED_SPLIT;
const train = loadFashionSplit('train');
const started = performance.now();
const result = await pretrainBase(train, {
  split,
  architecture: DEFAULT_ARCHITECTURE,
  epochs,
  seed: PRETRAIN_RECIPE.seed,
  batchSize: PRETRAIN_RECIPE.batchSize,
  learningRate: PRETRAIN_RECIPE.learningRate,
  ...(quick ? { perClassLimit: QUICK.perClassLimit } : {}),
  log: (line) => console.log(line),
});
const { model } = result;

// The card's number: every official test image of the source classes.
const test = loadFashionSplit('t10k');
const testIndices: number[] = [];
const testLabels: number[] = [];
split.source.forEach((label, classIndex) => {
  const all = testSelection(test, label, Number.POSITIVE_INFINITY);
  testIndices.push(...all);
  testLabels.push(...all.map(() => classIndex));
});
const testXs = pixelsToInput(gatherPixels(test.pixels, testIndices), testIndices.length);
const testAccuracy = await accuracyOf(model, testXs, testLabels);
testXs.dispose();

const { weightBytes } = await saveModelToFolder(model, outDir);
const sourceClasses = split.source.map((label) => ({ label, name: FASHION_CLASS_NAMES[label]! }));
const card: ModelCard = {
  id: 'fashion-cnn',
  description:
    `A small convnet pretrained on five Fashion-MNIST classes (${sourceClasses.map((c) => c.name).join(', ')}); ` +
    'the course fine-tunes it on the other five.',
  architecture: model.layers.map((layer) => ({
    name: layer.name,
    className: layer.getClassName(),
    outputShape: layer.outputShape as (number | null)[],
    parameters: layer.countParams(),
  })),
  parameters: model.countParams(),
  inputShape: [28, 28, 1],
  preprocess: { description: PREPROCESS_DESCRIPTION, scale: 1 / 255, offset: 0 },
  blocks: { topBlock: ['conv3', 'conv4', 'pool2'], features: 'features', penultimate: 'dense', head: 'head' },
  sourceDataset: {
    name: `${FASHION_ATTRIBUTION.dataset} (${FASHION_ATTRIBUTION.authors})`,
    licence: FASHION_ATTRIBUTION.licence,
    split: 'official train split (train-images-idx3-ubyte), source classes only',
    images: result.fitCount,
    heldOut: `${SOURCE_VAL_PER_CLASS} train images per class, for design decisions only`,
  },
  sourceClasses,
  testAccuracy,
  testSet: {
    description: 'official test split (t10k), every image of the five source classes',
    count: testIndices.length,
  },
  trainedWith: {
    command,
    seed: PRETRAIN_RECIPE.seed,
    epochs,
    batchSize: PRETRAIN_RECIPE.batchSize,
    optimizer: `Adam, learning rate ${PRETRAIN_RECIPE.learningRate}, categorical cross-entropy`,
    augmentation: 'random shift up to 2 px each way, horizontal flip with probability 0.5',
    backend: 'tfjs wasm (Node, 1 thread, SIMD)',
    tfjsVersion: tf.version.tfjs,
    trainSeconds: Math.round(result.trainMs / 1000),
    date: new Date().toISOString().slice(0, 10),
  },
};
parseModelCard(card);
writeFileSync(join(outDir, 'card.json'), JSON.stringify(card, null, 2) + '\n');
console.log(
  `source test accuracy ${testAccuracy.toFixed(4)} on ${testIndices.length} official test images; ` +
    `${model.countParams()} parameters, ${(weightBytes / 1024).toFixed(0)} KiB of weights; ` +
    `training ${(result.trainMs / 1000).toFixed(0)} s, total ${((performance.now() - started) / 1000).toFixed(0)} s -> ${outDir}`,
);
