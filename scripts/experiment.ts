/**
 * Does transfer help with little data, and faster? For k target images per
 * class and several seeds, trains three arms on the same k-shot sample and
 * scores them on the shipped target test set:
 *   head      the pretrained base frozen, a new softmax head on its `features` output
 *   finetune  head, then conv layers unfrozen, discriminative learning rates, augmentation
 *   scratch   the same architecture from random weights, every layer trained
 * (each arm's recipe: EXPERIMENT_SETTINGS.arms, recorded in the JSON). Every arm
 * is scored at checkpoints with the training clock paused, so the file also says
 * when (epochs, training seconds) each arm first reached the scratch run's final
 * accuracy.
 *
 *   npx node scripts/experiment.ts                    -> public/data/transfer-experiment.json
 *   npx node scripts/experiment.ts --ks 1,3 --seeds 2 --out /tmp/x.json   (a smaller run)
 *   npx node scripts/experiment.ts --ks 200 --seed-list 1,2 --out /tmp/a.json   (one part of a run...)
 *   npx node scripts/experiment.ts --merge /tmp/a.json,/tmp/b.json              (...and the parts joined)
 *   add --resume to go on with an interrupted run: the (k, seed) pairs already in --out are kept
 *
 * Parts run as separate processes (one per core); `--merge` checks that they
 * used the same recipes and base and hold each (k, seed, arm) once, then writes
 * the file as a single run would.
 *
 * Loads the model and data through `lab`, exactly as lessons do.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { configureLab, datasets, modelCard, models } from '../src/lab/index.ts';
import { fileFetch } from '../src/lab/node-fetch.ts';
import { runScratch, runTransfer, type ArmResult, type CurvePoint, type FewShotSet } from './ml/few-shot-arms.ts';
import { meanStd, round } from './ml/stats.ts';
import { TRANSFER_ARM_BY_K } from './ml/transfer-arm.ts';
import { useWasmBackend } from './ml/wasm-node.ts';

/**
 * Each arm's recipe, recorded in the JSON. Chosen on validation images (target
 * images of the official train split that are never shipped), never on the
 * test set: see scripts/research/README.md and docs-notes/model-data-experiment-measurements.md.
 */
export const EXPERIMENT_SETTINGS = {
  ks: [1, 3, 5, 10, 20, 50, 100, 200],
  seeds: 5,
  /**
   * Epochs after which each arm is scored on the test set (plus its last epoch, whose score is its
   * result). The head is scored on features computed once, so it is cheap to score often; the
   * whole-network arms cost a pass over the 2,500 test images each time, so they are scored less.
   */
  checkpoints: { head: [2, 5, 10, 20, 30, 50, 100, 150], finetune: [10], scratch: [5, 20, 50] },
  arms: {
    head: {
      what: 'the shipped base frozen; a new softmax layer on its `features` output (1,568 values), trained on features computed once',
      cutAt: 'features',
      init: 'glorot-uniform',
      optimizer: 'adam',
      learningRate: 0.003,
      batchSize: 16,
      /**
       * 150 epochs while an epoch is a few steps; from k = 50 on (16+ steps an epoch) validation
       * accuracy peaks by 30-50 epochs and then slips (k = 200: 0.778 at 50, 0.765 at 150).
       */
      epochsByK: { 1: 150, 3: 150, 5: 150, 10: 150, 20: 150, 50: 50, 100: 50, 200: 50 } as Record<number, number>,
    },
    finetune: {
      what: 'the head above, then both conv blocks (conv1-conv4) unfrozen and trained with it',
      layers: ['conv1', 'conv2', 'conv3', 'conv4'],
      optimizer: 'adam, one per group (discriminative learning rates)',
      blockLearningRate: 0.0001,
      headLearningRate: 0.001,
      augmentation: 'random shift up to 2 px each way and horizontal flip, per batch',
      batchSize: 16,
      /**
       * On validation (k = 200, from the 50-epoch head): both blocks 0.791 after 30 epochs, the top
       * block alone (conv3, conv4) 0.782, the head 0.778; k = 100: both blocks 0.764, head 0.756.
       */
      epochsByK: { 1: 30, 3: 30, 5: 30, 10: 30, 20: 30, 50: 30, 100: 30, 200: 30 } as Record<number, number>,
    },
    scratch: {
      what: 'the same architecture from random weights (`models.fashionCnn({ weights: null })`), every layer trained',
      optimizer: 'adam',
      learningRate: 0.001,
      batchSize: 16,
      augmentation: 'none',
      /**
       * Read off validation curves: with one image per class it peaks at 10 epochs and then
       * overfits (0.472 at 10, 0.443 at 150), from k = 3 on it is flat by 50-100 epochs, and
       * from k = 50 on (16+ steps an epoch) by 20-50 (k = 100: 0.731 at 30, 0.730 at 100;
       * k = 200: 0.759 at 20, 0.751-0.759 up to 100).
       */
      epochsByK: { 1: 10, 3: 100, 5: 100, 10: 100, 20: 100, 50: 50, 100: 30, 200: 20 } as Record<number, number>,
    },
  },
} as const;

const { values } = parseArgs({
  options: {
    ks: { type: 'string' },
    seeds: { type: 'string' },
    'seed-list': { type: 'string' },
    merge: { type: 'string' },
    resume: { type: 'boolean', default: false },
    out: { type: 'string', default: 'public/data/transfer-experiment.json' },
  },
});

const { head, finetune, scratch: scratchRecipe } = EXPERIMENT_SETTINGS.arms;
/** The arm's budget at k (its last epoch), or a clear error for a k the recipe has no budget for. */
function budget(arm: keyof typeof EXPERIMENT_SETTINGS.arms, k: number): number {
  const epochs = EXPERIMENT_SETTINGS.arms[arm].epochsByK[k];
  if (epochs === undefined) throw new Error(`experiment: no ${arm} budget for k=${k}; add it to EXPERIMENT_SETTINGS.arms.${arm}.epochsByK`);
  return epochs;
}
/** The scoring epochs of an arm at k: its checkpoints below its budget, then the budget itself. */
function checkpointsFor(arm: keyof typeof EXPERIMENT_SETTINGS.arms, k: number): number[] {
  const epochs = budget(arm, k);
  return [...EXPERIMENT_SETTINGS.checkpoints[arm].filter((c) => c < epochs), epochs];
}

/** The first checkpoint at which a curve reaches `accuracy`, or null. */
function firstReaching(curve: CurvePoint[], accuracy: number): CurvePoint | null {
  return curve.find((p) => p.accuracy >= accuracy) ?? null;
}

interface RunRecord {
  k: number;
  seed: number;
  arm: ArmResult['arm'];
  accuracy: number;
  epochs: number;
  trainSeconds: number;
  curve: { epoch: number; trainSeconds: number; accuracy: number }[];
  /** When this arm first scored at least the scratch run's final accuracy (same k, seed, images). */
  reachedScratchFinal: { epoch: number; trainSeconds: number } | null;
}

/** What a run (or a part of one) measured, and on what. */
interface Measured {
  runs: RunRecord[];
  commands: string[];
  date: string;
  tfjsVersion: string;
  base: { id: string; sourceClasses: unknown; testAccuracy: number };
  targetClasses: string[];
  testImages: number;
}

async function measure(ks: number[], seedList: number[]): Promise<Measured> {
  const started = new Date();
  await useWasmBackend();
  configureLab({ assetBase: pathToFileURL(resolve('public') + '/').href, fetch: fileFetch });
  const card = await modelCard();
  const test = await datasets.load('fashion-target', { split: 'test' });
  const testSet: FewShotSet = { xs: test.xs, labels: test.labels };
  const numClasses = test.classNames.length;
  const args = process.argv.slice(2).filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out' && a !== '--resume');
  const meta = () => ({
    commands: [`npx node scripts/experiment.ts${args.length ? ` ${args.join(' ')}` : ''}`],
    date: started.toISOString(),
    tfjsVersion: tf.version.tfjs,
    base: { id: card.id, sourceClasses: card.sourceClasses, testAccuracy: card.testAccuracy },
    targetClasses: test.classNames,
    testImages: test.labels.length,
  });
  // --resume: keep the runs an interrupted run of the same command already wrote to --out.
  const runs: RunRecord[] = values.resume && existsSync(values.out) ? mergeParts([values.out]).runs : [];
  const done = (k: number, seed: number) => runs.filter((r) => r.k === k && r.seed === seed).length === 3;
  for (const k of ks) {
    for (const seed of seedList) {
      if (done(k, seed)) continue;
      runs.splice(0, runs.length, ...runs.filter((r) => !(r.k === k && r.seed === seed)));
      const train = await datasets.load('fashion-target', { split: 'train', perClass: k, seed });
      const set: FewShotSet = { xs: train.xs, labels: train.labels };
      const scratch = await runScratch(
        await models.fashionCnn({ weights: null, seed: seed * 1000 + 17 }),
        set,
        testSet,
        { numClasses, learningRate: scratchRecipe.learningRate, batchSize: scratchRecipe.batchSize, checkpoints: checkpointsFor('scratch', k) },
        seed,
      );
      const transfer = await runTransfer(
        await models.fashionCnn(),
        {
          cutAt: head.cutAt,
          headInit: 'random',
          headNorm: false,
          finetune: {
            layers: finetune.layers,
            blockLearningRate: finetune.blockLearningRate,
            headLearningRate: finetune.headLearningRate,
            augment: true,
            batchSize: finetune.batchSize,
            checkpoints: checkpointsFor('finetune', k),
          },
        },
        set,
        testSet,
        { numClasses, learningRate: head.learningRate, batchSize: head.batchSize, checkpoints: checkpointsFor('head', k) },
        seed,
      );
      train.dispose();
      for (const result of [...transfer, scratch]) {
        const reached = firstReaching(result.curve, scratch.accuracy);
        runs.push({
          k,
          seed,
          arm: result.arm,
          accuracy: result.accuracy,
          epochs: result.epochs,
          trainSeconds: round(result.trainMs / 1000, 3),
          curve: result.curve.map((p) => ({ epoch: p.epoch, trainSeconds: round(p.trainMs / 1000, 3), accuracy: p.accuracy })),
          reachedScratchFinal: reached && { epoch: reached.epoch, trainSeconds: round(reached.trainMs / 1000, 3) },
        });
      }
      const line = runs
        .filter((r) => r.k === k && r.seed === seed)
        .map((r) => `${r.arm} ${r.accuracy.toFixed(3)} (${r.trainSeconds.toFixed(1)} s)`)
        .join(', ');
      console.log(`k=${k} seed=${seed}: ${line}; tensors ${tf.memory().numTensors}`);
      // Every finished (k, seed) is on disk at once, so an interrupted run loses at most one.
      writeFileSync(values.out, JSON.stringify({ partial: true, settings: EXPERIMENT_SETTINGS, ...meta(), runs }) + '\n');
    }
  }
  test.dispose();
  return { runs, ...meta() };
}

/** Joins the runs of part files; refuses parts with other recipes, another base or test set, or a run twice. */
function mergeParts(files: string[]): Measured {
  const parts = files.map((file) => {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(json.runs) || !json.settings) throw new Error(`experiment --merge: ${file} is not a file written by scripts/experiment.ts`);
    return { file, json };
  });
  const same = (what: string, pick: (json: Record<string, unknown>) => unknown, expected: unknown) => {
    for (const { file, json } of parts) {
      if (JSON.stringify(pick(json)) !== JSON.stringify(expected)) throw new Error(`experiment --merge: ${file} has another ${what} than the other parts (or than this script's settings)`);
    }
  };
  const first = parts[0]!.json;
  same('recipe (settings)', (j) => j.settings, EXPERIMENT_SETTINGS);
  same('base model', (j) => j.base, first.base);
  same('test set', (j) => [j.targetClasses, j.testImages], [first.targetClasses, first.testImages]);
  same('tfjs version', (j) => j.tfjsVersion, first.tfjsVersion);
  const runs: RunRecord[] = parts.flatMap(({ json }) => json.runs as RunRecord[]);
  const seen = new Set<string>();
  for (const r of runs) {
    const id = `k=${r.k} seed=${r.seed} ${r.arm}`;
    if (seen.has(id)) throw new Error(`experiment --merge: ${id} is in more than one part`);
    seen.add(id);
  }
  return {
    runs,
    commands: parts.flatMap(({ json }) => (json.commands as string[] | undefined) ?? [json.command as string]),
    date: parts.map(({ json }) => json.date as string).sort()[0]!,
    tfjsVersion: first.tfjsVersion,
    base: first.base,
    targetClasses: first.targetClasses,
    testImages: first.testImages,
  };
}

const measured = values.merge
  ? mergeParts(values.merge.split(','))
  : await measure(
      values.ks ? values.ks.split(',').map(Number) : [...EXPERIMENT_SETTINGS.ks],
      values['seed-list']
        ? values['seed-list'].split(',').map(Number)
        : Array.from({ length: values.seeds ? Number(values.seeds) : EXPERIMENT_SETTINGS.seeds }, (_, i) => i + 1),
    );
const { runs } = measured;
const ks = [...new Set(runs.map((r) => r.k))].sort((a, b) => a - b);
for (const k of ks) {
  const seedsOf = (arm: string) => JSON.stringify([...new Set(runs.filter((r) => r.k === k && r.arm === arm).map((r) => r.seed))].sort());
  if (seedsOf('head') !== seedsOf('scratch') || seedsOf('finetune') !== seedsOf('scratch')) throw new Error(`experiment: the arms of k=${k} have different seeds`);
}

const arms = ['head', 'finetune', 'scratch'] as const;
const cells = ks.flatMap((k) =>
  arms.map((arm) => {
    const these = runs.filter((r) => r.k === k && r.arm === arm);
    const accuracy = meanStd(these.map((r) => r.accuracy));
    const reached = these.filter((r) => r.reachedScratchFinal);
    return {
      k,
      arm,
      runs: these.length,
      meanAccuracy: round(accuracy.mean),
      stdAccuracy: round(accuracy.std),
      meanEpochs: round(meanStd(these.map((r) => r.epochs)).mean, 1),
      meanTrainSeconds: round(meanStd(these.map((r) => r.trainSeconds)).mean, 2),
      /** Runs that reached their scratch run's final accuracy, and the mean time/epochs they needed. */
      reachedScratchFinal: reached.length,
      meanSecondsToScratchFinal: reached.length ? round(meanStd(reached.map((r) => r.reachedScratchFinal!.trainSeconds)).mean, 2) : null,
      meanEpochsToScratchFinal: reached.length ? round(meanStd(reached.map((r) => r.reachedScratchFinal!.epoch)).mean, 1) : null,
    };
  }),
);

const byK = ks.map((k) => {
  const cell = (arm: (typeof arms)[number]) => cells.find((c) => c.k === k && c.arm === arm)!;
  const chosen = TRANSFER_ARM_BY_K[k];
  if (!chosen) throw new Error(`experiment: no transfer arm chosen for k=${k}; add it to TRANSFER_ARM_BY_K (choose it on validation images)`);
  const best = cell(chosen);
  const scratch = cell('scratch');
  // Paired by seed: the three arms of a seed trained on the same k-shot images.
  const accuracyOf = (arm: (typeof arms)[number], seed: number) => runs.find((r) => r.k === k && r.arm === arm && r.seed === seed)!.accuracy;
  const seedsOfK = [...new Set(runs.filter((r) => r.k === k).map((r) => r.seed))];
  const paired = (a: (typeof arms)[number], b: (typeof arms)[number]) => meanStd(seedsOfK.map((seed) => (accuracyOf(a, seed) - accuracyOf(b, seed)) * 100));
  const finetuneOverHead = paired('finetune', 'head');
  return {
    k,
    /** Random k-shot samples (seeds) measured at this k; each trained all three arms. */
    samples: seedsOfK.length,
    headMean: cell('head').meanAccuracy,
    finetuneMean: cell('finetune').meanAccuracy,
    bestTransferArm: best.arm,
    bestTransferMean: best.meanAccuracy,
    scratchMean: scratch.meanAccuracy,
    advantagePoints: round((best.meanAccuracy - scratch.meanAccuracy) * 100, 1),
    /** Standard deviation over seeds of (the transfer arm chosen on validation - scratch) on the same images, in points. */
    advantageStdPoints: round(paired(best.arm, 'scratch').std, 1),
    /** Fine-tuned minus frozen head on the same images: mean and std over seeds (points), and in how many seeds fine-tuning was ahead. */
    finetuneMinusHeadPoints: round(finetuneOverHead.mean, 1),
    finetuneMinusHeadStdPoints: round(finetuneOverHead.std, 1),
    finetuneAheadOfHead: `${seedsOfK.filter((seed) => accuracyOf('finetune', seed) > accuracyOf('head', seed)).length}/${seedsOfK.length}`,
    bestReachedScratchFinal: `${best.reachedScratchFinal}/${best.runs}`,
    bestSecondsToScratchFinal: best.meanSecondsToScratchFinal,
    /** Not a fair baseline (picked on the test set): scratch's best checkpoint per run, averaged; shown so the advantage can be judged against it too. */
    scratchBestCheckpointMean: round(
      meanStd(runs.filter((r) => r.k === k && r.arm === 'scratch').map((r) => Math.max(...r.curve.map((p) => p.accuracy)))).mean,
    ),
    scratchSecondsToOwnFinal: round(
      meanStd(runs.filter((r) => r.k === k && r.arm === 'scratch').map((r) => r.reachedScratchFinal!.trainSeconds)).mean,
      2,
    ),
  };
});
const small = byK.filter((r) => r.k <= 5);
const bar = {
  statement: `At k <= 5 transfer (the arm chosen on validation images, here ${[...new Set(EXPERIMENT_SETTINGS.ks.filter((k) => k <= 5).map((k) => (TRANSFER_ARM_BY_K[k] === 'head' ? 'the new head on the frozen base' : 'the fine-tuned model')))].join(' / ')}) beats scratch by at least 10 points on the mean and reaches scratch\u2019s final accuracy in less training time.`,
  met: small.length > 0 && small.every((r) => r.advantagePoints >= 10 && r.bestSecondsToScratchFinal !== null && r.bestSecondsToScratchFinal < r.scratchSecondsToOwnFinal),
  fadesAtK: byK.find((r) => r.advantagePoints < 10)?.k ?? null,
  noLongerAheadAtK: byK.find((r) => r.advantagePoints <= 0)?.k ?? null,
};

// From which k on does fine-tuning beat the frozen head? The smallest k such that the fine-tuned
// mean is above the head's at that k and at every larger k measured; null if not at the largest.
let crossoverK: number | null = null;
for (const row of [...byK].reverse()) {
  if (row.finetuneMinusHeadPoints > 0) crossoverK = row.k;
  else break;
}
// The same, but asking more than a higher mean: at every k from there on, at least 3 samples, and the
// paired difference's mean at least twice its standard error (about a 95% one-sided margin).
const clearlyAhead = (row: (typeof byK)[number]) =>
  row.samples >= 3 && row.finetuneMinusHeadPoints - (2 * row.finetuneMinusHeadStdPoints) / Math.sqrt(row.samples) > 0;
let clearK: number | null = null;
for (const row of [...byK].reverse()) {
  if (clearlyAhead(row)) clearK = row.k;
  else break;
}
const crossover = {
  statement:
    'The smallest k from which on the fine-tuned arm (head, then conv layers unfrozen) has a higher mean test accuracy than the frozen head at every larger k measured; null when it is not ahead at the largest k.',
  k: crossoverK,
  clearStatement:
    'The same with a margin: from clearK on, at every larger k measured, at least 3 samples and the paired difference (finetune - head) above twice its standard error (mean > 2 std / sqrt(samples)); null when that fails at the largest k.',
  clearK,
};

// What the file holds against what the recipe asks for, said in the file itself: a run cut short
// (or parts left out of --merge) must not pass for a complete one.
const coverage = {
  intendedKs: [...EXPERIMENT_SETTINGS.ks],
  intendedSamples: EXPERIMENT_SETTINGS.seeds,
  missingKs: EXPERIMENT_SETTINGS.ks.filter((k) => !ks.includes(k)),
  fewerSamples: byK.filter((r) => r.samples < EXPERIMENT_SETTINGS.seeds).map((r) => ({ k: r.k, samples: r.samples })),
};

const output = {
  description:
    'Transfer vs scratch on the Fashion-MNIST target task, k training images per class, several seeds. Accuracy on the shipped target test set; each arm\u2019s recipe (chosen on validation images, never on this test set) is in settings.arms.',
  command: measured.commands.join(' && '),
  /** The processes that measured it (one, or the parts joined by --merge). */
  commands: measured.commands,
  date: measured.date,
  backend: 'tfjs wasm in Node (1 thread); times are training wall time with scoring excluded',
  tfjsVersion: measured.tfjsVersion,
  base: measured.base,
  targetClasses: measured.targetClasses,
  testImages: measured.testImages,
  settings: EXPERIMENT_SETTINGS,
  summary: { byK, bar, crossover, coverage },
  cells,
  runs,
};
writeFileSync(values.out, JSON.stringify(output) + '\n');
console.log('\n  k | arm      | mean acc | std   | train s | reached scratch final (runs, mean s)');
for (const c of cells) {
  console.log(
    `${String(c.k).padStart(3)} | ${c.arm.padEnd(8)} | ${c.meanAccuracy.toFixed(3)}    | ${c.stdAccuracy.toFixed(3)} | ${c.meanTrainSeconds.toFixed(2).padStart(7)} | ${c.reachedScratchFinal}/${c.runs}, ${c.meanSecondsToScratchFinal ?? '-'}`,
  );
}
console.log('\n' + JSON.stringify(output.summary, null, 1));
console.log(`wrote ${values.out}`);
