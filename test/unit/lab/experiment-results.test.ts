/**
 * public/data/transfer-experiment.json (what the "less data" lesson plots)
 * is complete and its summary follows from its own runs: no cell, mean or
 * claim that the raw runs do not support.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanStd } from '../../../scripts/ml/stats.ts';
import { TRANSFER_ARM_BY_K } from '../../../scripts/ml/transfer-arm.ts';
import { PUBLIC_DIR } from './setup-lab.ts';

interface Run {
  k: number;
  seed: number;
  arm: string;
  accuracy: number;
  trainSeconds: number;
  curve: { epoch: number; trainSeconds: number; accuracy: number }[];
  reachedScratchFinal: { epoch: number; trainSeconds: number } | null;
}
interface Cell {
  k: number;
  arm: string;
  runs: number;
  meanAccuracy: number;
  stdAccuracy: number;
  reachedScratchFinal: number;
}
interface Recipe {
  what: string;
  optimizer: string;
  batchSize: number;
  epochsByK: Record<string, number>;
  learningRate?: number;
  blockLearningRate?: number;
  headLearningRate?: number;
  layers?: string[];
}
const results = JSON.parse(readFileSync(join(PUBLIC_DIR, 'data', 'transfer-experiment.json'), 'utf8')) as {
  settings: { ks: number[]; seeds: number; arms: Record<string, Recipe> };
  targetClasses: string[];
  testImages: number;
  runs: Run[];
  cells: Cell[];
  summary: {
    byK: {
      k: number;
      advantagePoints: number;
      advantageStdPoints: number;
      bestTransferArm: string;
      bestTransferMean: number;
      scratchMean: number;
      headMean: number;
      finetuneMean: number;
      finetuneMinusHeadPoints: number;
      finetuneMinusHeadStdPoints: number;
      finetuneAheadOfHead: string;
    }[];
    bar: { met: boolean };
    crossover: { k: number | null; clearK: number | null };
    coverage: { missingKs: number[]; fewerSamples: { k: number; samples: number }[] };
  };
};
const accuracyOf = (k: number, arm: string, seed: number) => results.runs.find((r) => r.k === k && r.arm === arm && r.seed === seed)!.accuracy;
const seedsOf = (k: number) => [...new Set(results.runs.filter((r) => r.k === k).map((r) => r.seed))];
const arms = ['head', 'finetune', 'scratch'];

describe('transfer experiment results', () => {
  it('say what they hold against what the recipe asks for: missing k and thinner cells are declared', () => {
    expect(results.settings.ks).toEqual([1, 3, 5, 10, 20, 50, 100, 200]);
    expect(results.settings.seeds).toBe(5);
    const { coverage } = results.summary;
    const measured = [...new Set(results.runs.map((r) => r.k))];
    expect(coverage.missingKs).toEqual(results.settings.ks.filter((k) => !measured.includes(k)));
    expect(coverage.fewerSamples).toEqual(
      results.summary.byK.filter((r) => seedsOf(r.k).length < results.settings.seeds).map((r) => ({ k: r.k, samples: seedsOf(r.k).length })),
    );
    expect(results.summary.byK.map((r) => r.k)).toEqual(measured.sort((a, b) => a - b));
  });

  it('hold every run of each measured (k, seed): all three arms, scored on the whole target test set', () => {
    expect(results.testImages).toBe(2500);
    for (const k of results.summary.byK.map((r) => r.k)) {
      for (const seed of seedsOf(k)) {
        for (const arm of arms) {
          const run = results.runs.filter((r) => r.k === k && r.seed === seed && r.arm === arm);
          expect(run, `k=${k} seed=${seed} ${arm}`).toHaveLength(1);
          expect(run[0]!.accuracy).toBe(run[0]!.curve[run[0]!.curve.length - 1]!.accuracy);
          // The arm ran its recipe's budget at this k, no more and no less (a budget picked on validation, not stopped on the test set).
          const budget = arm === 'finetune' ? results.settings.arms.head!.epochsByK[k]! + results.settings.arms.finetune!.epochsByK[k]! : results.settings.arms[arm]!.epochsByK[k]!;
          expect(run[0]!.curve[run[0]!.curve.length - 1]!.epoch, `k=${k} seed=${seed} ${arm} budget`).toBe(budget);
        }
      }
    }
  });

  it('summarise each cell with the mean and std of its runs', () => {
    for (const cell of results.cells) {
      const accuracies = results.runs.filter((r) => r.k === cell.k && r.arm === cell.arm).map((r) => r.accuracy);
      const { mean, std } = meanStd(accuracies);
      expect(cell.runs).toBe(accuracies.length);
      expect(cell.meanAccuracy).toBeCloseTo(mean, 4);
      expect(cell.stdAccuracy).toBeCloseTo(std, 4);
    }
  });

  it('record the recipe of each arm', () => {
    for (const arm of arms) {
      const recipe = results.settings.arms[arm];
      expect(recipe, arm).toBeDefined();
      expect(recipe!.what.length, `${arm}: what`).toBeGreaterThan(10);
      expect(recipe!.batchSize).toBeGreaterThan(0);
      for (const k of results.settings.ks) expect(recipe!.epochsByK[k], `${arm} budget at k=${k}`).toBeGreaterThan(0);
    }
    expect(results.settings.arms.head!.learningRate).toBeGreaterThan(0);
    expect(results.settings.arms.scratch!.learningRate).toBeGreaterThan(0);
    const finetune = results.settings.arms.finetune!;
    expect(finetune.layers!.length).toBeGreaterThan(0);
    expect(finetune.blockLearningRate).toBeLessThan(finetune.headLearningRate!);
  });

  it('pair the arms by seed: spreads and the fine-tune-vs-head difference follow from the runs', () => {
    for (const row of results.summary.byK) {
      const seeds = seedsOf(row.k);
      const lead = meanStd(seeds.map((seed) => (accuracyOf(row.k, row.bestTransferArm, seed) - accuracyOf(row.k, 'scratch', seed)) * 100));
      expect(row.advantageStdPoints).toBeCloseTo(lead.std, 1);
      const diff = meanStd(seeds.map((seed) => (accuracyOf(row.k, 'finetune', seed) - accuracyOf(row.k, 'head', seed)) * 100));
      expect(row.finetuneMinusHeadPoints).toBeCloseTo(diff.mean, 1);
      expect(row.finetuneMinusHeadStdPoints).toBeCloseTo(diff.std, 1);
      const ahead = seeds.filter((seed) => accuracyOf(row.k, 'finetune', seed) > accuracyOf(row.k, 'head', seed)).length;
      expect(row.finetuneAheadOfHead).toBe(`${ahead}/${seeds.length}`);
    }
  });

  it('name a crossover k only where fine-tuning is ahead of the head from that k on', () => {
    const { k } = results.summary.crossover;
    const rows = results.summary.byK;
    if (k === null) {
      expect(rows[rows.length - 1]!.finetuneMinusHeadPoints).toBeLessThanOrEqual(0);
    } else {
      const from = rows.findIndex((r) => r.k === k);
      expect(from).toBeGreaterThanOrEqual(0);
      for (const row of rows.slice(from)) expect(row.finetuneMinusHeadPoints, `k=${row.k}`).toBeGreaterThan(0);
      if (from > 0) expect(rows[from - 1]!.finetuneMinusHeadPoints).toBeLessThanOrEqual(0);
    }
  });

  it('name a clear crossover only where fine-tuning is ahead by twice its standard error, over 3+ samples, from that k on', () => {
    const { clearK } = results.summary.crossover;
    const rows = results.summary.byK;
    const clear = (r: (typeof rows)[number]) => {
      const diff = meanStd(seedsOf(r.k).map((seed) => (accuracyOf(r.k, 'finetune', seed) - accuracyOf(r.k, 'head', seed)) * 100));
      return seedsOf(r.k).length >= 3 && diff.mean - (2 * diff.std) / Math.sqrt(seedsOf(r.k).length) > 0;
    };
    if (clearK === null) {
      expect(clear(rows[rows.length - 1]!)).toBe(false);
    } else {
      const from = rows.findIndex((r) => r.k === clearK);
      expect(from).toBeGreaterThanOrEqual(0);
      for (const row of rows.slice(from)) expect(clear(row), `k=${row.k}`).toBe(true);
      if (from > 0) expect(clear(rows[from - 1]!)).toBe(false);
      // A clear crossover is a crossover.
      expect(results.summary.crossover.k).not.toBeNull();
      expect(clearK).toBeGreaterThanOrEqual(results.summary.crossover.k!);
    }
  });

  it('claim an advantage only as large as the cells show', () => {
    for (const row of results.summary.byK) {
      const mean = (arm: string) => results.cells.find((c) => c.k === row.k && c.arm === arm)!.meanAccuracy;
      expect(row.scratchMean).toBe(mean('scratch'));
      // The arm whose lead is reported was chosen on validation images, not the better one on this test set.
      expect(row.bestTransferArm, `k=${row.k}`).toBe(TRANSFER_ARM_BY_K[row.k]);
      expect(row.bestTransferMean).toBe(mean(row.bestTransferArm));
      expect(row.headMean).toBe(mean('head'));
      expect(row.finetuneMean).toBe(mean('finetune'));
      expect(row.advantagePoints).toBeCloseTo((row.bestTransferMean - row.scratchMean) * 100, 1);
    }
    const small = results.summary.byK.filter((r) => r.k <= 5);
    if (results.summary.bar.met) expect(small.every((r) => r.advantagePoints >= 10)).toBe(true);
  });
});
