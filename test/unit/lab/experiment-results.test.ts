/**
 * public/data/transfer-experiment.json (what the "less data" lesson plots)
 * is complete and its summary follows from its own runs: no cell, mean or
 * claim that the raw runs do not support.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanStd } from '../../../scripts/ml/stats.ts';
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
const results = JSON.parse(readFileSync(join(PUBLIC_DIR, 'data', 'transfer-experiment.json'), 'utf8')) as {
  settings: { ks: number[]; seeds: number };
  targetClasses: string[];
  testImages: number;
  runs: Run[];
  cells: Cell[];
  summary: { byK: { k: number; advantagePoints: number; bestTransferMean: number; scratchMean: number }[]; bar: { met: boolean } };
};
const arms = ['head', 'finetune', 'scratch'];

describe('transfer experiment results', () => {
  it('hold every run: each k, each seed, each arm, scored on the whole target test set', () => {
    expect(results.settings.ks).toEqual([1, 3, 5, 10, 20, 50]);
    expect(results.settings.seeds).toBe(5);
    expect(results.testImages).toBe(2500);
    for (const k of results.settings.ks) {
      for (let seed = 1; seed <= results.settings.seeds; seed++) {
        for (const arm of arms) {
          const run = results.runs.filter((r) => r.k === k && r.seed === seed && r.arm === arm);
          expect(run, `k=${k} seed=${seed} ${arm}`).toHaveLength(1);
          expect(run[0]!.accuracy).toBe(run[0]!.curve[run[0]!.curve.length - 1]!.accuracy);
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

  it('claim an advantage only as large as the cells show', () => {
    for (const row of results.summary.byK) {
      const mean = (arm: string) => results.cells.find((c) => c.k === row.k && c.arm === arm)!.meanAccuracy;
      expect(row.scratchMean).toBe(mean('scratch'));
      expect(row.bestTransferMean).toBe(Math.max(mean('head'), mean('finetune')));
      expect(row.advantagePoints).toBeCloseTo((row.bestTransferMean - row.scratchMean) * 100, 1);
    }
    const small = results.summary.byK.filter((r) => r.k <= 5);
    if (results.summary.bar.met) expect(small.every((r) => r.advantagePoints >= 10)).toBe(true);
  });
});
