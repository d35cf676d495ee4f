/**
 * Build-time access to the files the ML scripts produced (model card,
 * experiment results), so lesson text quotes their numbers instead of typing
 * them in by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModelCard, type ModelCard } from './lab/card.ts';

// Build-time code is bundled into dist/, so paths start from the project root, not this file.
const publicDir = join(process.cwd(), 'public');

let card: ModelCard | undefined;

export function shippedModelCard(): ModelCard {
  card ??= parseModelCard(JSON.parse(readFileSync(join(publicDir, 'models/fashion-cnn/card.json'), 'utf8')), 'public/models/fashion-cnn/card.json');
  return card;
}

/** Class names of a shipped data set ('fashion-target' or 'fashion-source'), from its index.json. */
export function dataClassNames(set: 'fashion-target' | 'fashion-source'): string[] {
  const index = JSON.parse(readFileSync(join(publicDir, 'data/fashion-mnist/index.json'), 'utf8')) as {
    sets: Record<string, { classes: { name: string }[] }>;
  };
  const found = index.sets[set];
  if (!found) throw new Error(`public/data/fashion-mnist/index.json has no set "${set}".`);
  return found.classes.map((c) => c.name);
}

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** The parts of public/data/transfer-experiment.json the lessons show (written by `npm run experiment`). */
export interface ExperimentCell {
  k: number;
  arm: 'head' | 'finetune' | 'scratch';
  runs: number;
  meanAccuracy: number;
  stdAccuracy: number;
  meanTrainSeconds: number;
}
export interface ExperimentRun {
  k: number;
  seed: number;
  arm: ExperimentCell['arm'];
  accuracy: number;
  trainSeconds: number;
}
export interface ExperimentByK {
  k: number;
  headMean: number;
  finetuneMean: number;
  advantageStdPoints: number;
  finetuneMinusHeadPoints: number;
  finetuneMinusHeadStdPoints: number;
  finetuneAheadOfHead: string;
  bestTransferArm: ExperimentCell['arm'];
  bestTransferMean: number;
  scratchMean: number;
  advantagePoints: number;
  bestSecondsToScratchFinal: number | null;
  scratchSecondsToOwnFinal: number;
}
/** One arm's recipe as the experiment recorded it (`settings.arms.<arm>` in the JSON). */
export interface ExperimentRecipe {
  what: string;
  optimizer: string;
  learningRate?: number;
  blockLearningRate?: number;
  headLearningRate?: number;
  layers?: string[];
  cutAt?: string;
  batchSize: number;
  augmentation?: string;
  epochsByK: Record<string, number>;
}
export interface Experiment {
  command: string;
  tfjsVersion: string;
  settings: { ks: number[]; seeds: number; arms: Record<ExperimentCell['arm'], ExperimentRecipe> };
  date: string;
  backend: string;
  testImages: number;
  targetClasses: string[];
  summary: {
    byK: ExperimentByK[];
    bar: { statement: string; met: boolean; fadesAtK: number | null; noLongerAheadAtK: number | null };
    crossover: {
      statement: string;
      k: number | null;
      /** From which k on fine-tuning is ahead by more than twice its standard error over 3+ samples (absent in older files). */
      clearK?: number | null;
    };
    /** What the file holds against what the recipe asks for (absent in files written before it existed). */
    coverage?: { intendedKs: number[]; intendedSamples: number; missingKs: number[]; fewerSamples: { k: number; samples: number }[] };
  };
  cells: ExperimentCell[];
  runs: ExperimentRun[];
}

let experiment: Experiment | undefined;

export function transferExperiment(): Experiment {
  if (!experiment) {
    const path = join(publicDir, 'data/transfer-experiment.json');
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Experiment;
    if (!Array.isArray(raw.cells) || !Array.isArray(raw.runs) || !raw.summary?.byK) throw new Error(`${path} is not an experiment file written by npm run experiment.`);
    experiment = raw;
  }
  return experiment;
}
