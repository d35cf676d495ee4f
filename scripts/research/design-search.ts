/**
 * Design search on validation images only (never the test set): pretrain a
 * base for one class split and architecture, then compare few-shot arms on the
 * target validation images (official train images never shipped).
 *
 *   npx node scripts/research/design-search.ts --split lookalike --epochs 3 --ks 1,3,5,10 --seeds 3
 *
 * Prints one JSON line per run and a summary table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { pixelsToInput } from '../../src/lab/preprocess.ts';
import { seededRandom, shuffled } from '../../src/lab/random.ts';
import { gatherPixels } from '../ml/augment.ts';
import { buildFashionCnn } from '../ml/architecture.ts';
import { CANDIDATE_SPLITS, targetTrainSelection } from '../ml/class-split.ts';
import { modelArtifacts, modelFromArtifacts } from '../ml/clone.ts';
import { loadFashionSplit } from '../ml/fashion-mnist.ts';
import { runScratch, runTransfer, type ArmResult, type FewShotSet } from '../ml/few-shot-arms.ts';
import { pretrainBase } from '../ml/pretrain-base.ts';
import { saveModelToFolder, WEIGHTS_FILE } from '../ml/save-model.ts';
import { useWasmBackend } from '../ml/wasm-node.ts';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'lookalike' },
    epochs: { type: 'string', default: '3' },
    width: { type: 'string', default: '16' },
    dense: { type: 'string', default: '128' },
    ks: { type: 'string', default: '1,3,5,10' },
    seeds: { type: 'string', default: '3' },
    cut: { type: 'string', default: 'features' },
    'scratch-checkpoints': { type: 'string', default: '10,25,50,100,150' },
    'head-checkpoints': { type: 'string', default: '10,25,50,100,200' },
    'finetune-checkpoints': { type: 'string', default: '' },
    'top-block': { type: 'string', default: 'conv3,conv4' },
    'head-init': { type: 'string', default: 'random' },
    'head-norm': { type: 'string', default: 'none' },
    'skip-scratch': { type: 'boolean', default: false },
    'finetune-all': { type: 'boolean', default: false },
    'save-base': { type: 'string' },
    'load-base': { type: 'string' },
    'per-class-limit': { type: 'string' },
    lr: { type: 'string', default: '0.001' },
    'block-lr': { type: 'string' },
    'finetune-head-lr': { type: 'string' },
    'finetune-augment': { type: 'boolean', default: false },
  },
});
const numbers = (s: string) => s.split(',').filter(Boolean).map(Number);
const split = CANDIDATE_SPLITS[values.split];
if (!split) throw new Error(`unknown split ${values.split}`);

await useWasmBackend();
const train = loadFashionSplit('train');
const architecture = { width: Number(values.width), denseUnits: Number(values.dense) };
async function loadSavedBase(folder: string): Promise<tf.io.ModelArtifacts> {
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  const weights = readFileSync(join(folder, WEIGHTS_FILE));
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest[0].weights,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
}

let artifacts: tf.io.ModelArtifacts;
let baseLine: string;
if (values['load-base']) {
  artifacts = await loadSavedBase(values['load-base']);
  baseLine = `base loaded from ${values['load-base']}`;
} else {
  const pretrained = await pretrainBase(train, {
    split,
    architecture,
    epochs: Number(values.epochs),
    seed: 1,
    batchSize: 64,
    learningRate: 0.001,
    ...(values['per-class-limit'] ? { perClassLimit: Number(values['per-class-limit']) } : {}),
    log: (line) => console.log(line),
  });
  if (values['save-base']) await saveModelToFolder(pretrained.model, values['save-base']);
  artifacts = await modelArtifacts(pretrained.model);
  pretrained.model.dispose();
  baseLine = `base ${JSON.stringify(architecture)}, ${values.epochs} epochs on ${pretrained.fitCount} images, source val ${pretrained.sourceValAccuracy.toFixed(4)}, ${(pretrained.trainMs / 1000).toFixed(0)} s`;
}

// Target validation set and the pool the k-shot sets are drawn from.
const poolByClass: number[][] = [];
const val: number[] = [];
const valLabels: number[] = [];
split.target.forEach((label, classIndex) => {
  const selection = targetTrainSelection(train, label);
  poolByClass.push(selection.pool);
  val.push(...selection.val);
  valLabels.push(...selection.val.map(() => classIndex));
});
const valSet: FewShotSet = { xs: pixelsToInput(gatherPixels(train.pixels, val), val.length), labels: valLabels };

function kShot(k: number, seed: number): FewShotSet {
  const random = seededRandom(seed * 104729 + k);
  const indices: number[] = [];
  const labels: number[] = [];
  poolByClass.forEach((pool, classIndex) => {
    const chosen = shuffled(pool, random).slice(0, k);
    indices.push(...chosen);
    labels.push(...chosen.map(() => classIndex));
  });
  return { xs: pixelsToInput(gatherPixels(train.pixels, indices), indices.length), labels };
}

const settings = (checkpoints: number[]) => ({
  numClasses: split.target.length,
  learningRate: Number(values.lr),
  batchSize: 16,
  checkpoints,
});
const rows: { k: number; seed: number; results: ArmResult[] }[] = [];
for (const k of numbers(values.ks)) {
  for (let seed = 1; seed <= Number(values.seeds); seed++) {
    const set = kShot(k, seed);
    const scratch = values['skip-scratch']
      ? null
      : await runScratch(buildFashionCnn({ ...architecture, numClasses: split.target.length, seed: seed * 1000 + 17 }), set, valSet, settings(numbers(values['scratch-checkpoints'])), seed);
    const finetune = numbers(values['finetune-checkpoints']);
    const transfer: ArmResult[] = [];
    // Every cut point and head initialisation gets a head; only the first pair also gets the fine-tuning arm.
    let first = true;
    for (const cut of values.cut.split(',')) {
      for (const headInit of values['head-init'].split(',') as ('random' | 'class-means')[]) for (const norm of values['head-norm'].split(',')) {
        const arms = await runTransfer(
          await modelFromArtifacts(artifacts),
          {
            cutAt: cut,
            headInit,
            headNorm: norm === 'layer',
            finetune:
              first && finetune.length
                ? {
                    layers: values['top-block'].split(','),
                    blockLearningRate: Number(values['block-lr'] ?? Number(values.lr) / 10),
                    headLearningRate: Number(values['finetune-head-lr'] ?? Number(values.lr) / 10),
                    augment: values['finetune-augment'],
                    batchSize: 16,
                    checkpoints: finetune,
                  }
                : null,
          },
          set,
          valSet,
          settings(numbers(values['head-checkpoints'])),
          seed,
        );
        first = values['finetune-all'];
        transfer.push(...arms.map((a) => ({ ...a, arm: `${a.arm}@${cut}/${headInit}/${norm}` as ArmResult['arm'] })));
      }
    }
    set.xs.dispose();
    const results = scratch ? [scratch, ...transfer] : transfer;
    rows.push({ k, seed, results });
    console.log(JSON.stringify({ k, seed, results, tensors: tf.memory().numTensors }));
  }
}

console.log(`\nsplit ${split.id}, ${baseLine}`);
const arms = [...new Set(rows.flatMap((r) => r.results.map((a) => a.arm)))];
for (const k of numbers(values.ks)) {
  const forK = rows.filter((r) => r.k === k);
  const cells = arms.map((arm) => {
    const curves = forK.map((r) => r.results.find((a) => a.arm === arm)!.curve);
    const byEpoch = curves[0]!.map((p, i) => {
      const mean = curves.reduce((s, c) => s + c[i]!.accuracy, 0) / curves.length;
      return `${p.epoch}:${mean.toFixed(3)}`;
    });
    return `${arm} ${byEpoch.join(' ')}`;
  });
  console.log(`k=${k}  ${cells.join(' | ')}`);
}
