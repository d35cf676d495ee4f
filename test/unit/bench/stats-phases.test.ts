import { describe, expect, it } from 'vitest';
import { median, round, summarize } from '../../../bench/lib/stats.ts';
import { epochDurations, fitWarmup, splitPhases, trainingMsPerSample } from '../../../bench/lib/phases.ts';
import type { ProbeReport } from '../../../bench/lib/probe.ts';

describe('stats', () => {
  it('takes the median of odd and even lists without reordering the input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('summarises min, max and spread relative to the median, ignoring non-finite values', () => {
    expect(summarize([100, 110, 90, Number.NaN])).toEqual({ n: 3, median: 100, min: 90, max: 110, spread: 0.2 });
    expect(summarize([]).n).toBe(0);
  });

  it('rounds to what a table needs', () => {
    expect(round(1234.56)).toBe(1235);
    expect(round(123.456)).toBe(123.5);
    expect(round(0.012345)).toBe(0.0123);
  });
});

/** Two fits: 3 epochs of 100 ms after a 250 ms first epoch, then 2 epochs of 200 ms after 300. */
const REPORT: ProbeReport = {
  start: 1000,
  weightsLoaded: [1200, 5000],
  fits: [
    { start: 1500, epochEnds: [1750, 1850, 1950], end: 1960, samples: 100, batchSize: 16 },
    { start: 2000, epochEnds: [2300, 2500], end: 2510, samples: 100, batchSize: 16 },
  ],
  end: 6000,
  memory: { numTensors: 10, numBytes: 1000 },
  backend: 'wasm',
};

describe('phase split', () => {
  it('measures epochs from the fit start and warm-up as the first epoch over the typical one', () => {
    expect(epochDurations(REPORT.fits[0]!)).toEqual([250, 100, 100]);
    expect(fitWarmup(REPORT.fits[0]!)).toBe(150);
    expect(fitWarmup(REPORT.fits[1]!)).toBe(100);
    expect(fitWarmup({ start: 0, epochEnds: [500], end: 500 })).toBe(0);
  });

  it('splits a run so that the parts add up to the code time plus checks and overhead', () => {
    const split = splitPhases({ wallMs: 5700, runMs: 5100, checksMs: 500 }, REPORT);
    // A weights load after the first fit (e.g. inside the code's own evaluation) is not "load".
    expect(split.load).toBe(200);
    expect(split.setup).toBe(300);
    expect(split.warmup).toBe(250);
    expect(split.train).toBe(460 + 510 - 250);
    expect(split.after).toBe(6000 - 2510 + 40);
    expect(split.checks).toBe(500);
    expect(split.overhead).toBe(100);
    const codeTime = split.load + split.setup + split.warmup + split.train + split.after;
    expect(codeTime).toBe(REPORT.end - REPORT.start);
  });

  it('puts everything in load and after when the program does not train', () => {
    const split = splitPhases({ wallMs: 300, runMs: 250, checksMs: 20 }, { ...REPORT, weightsLoaded: [1100], fits: [], end: 1200 });
    expect(split).toMatchObject({ load: 100, setup: 0, warmup: 0, train: 0, after: 100 });
  });

  it('reports steady training speed per sample, warm-up epochs left out', () => {
    // (100 + 100 + 200) ms over (2 + 1) epochs of 100 samples
    expect(trainingMsPerSample(REPORT)).toBeCloseTo(400 / 300, 10);
    expect(trainingMsPerSample({ ...REPORT, fits: [] })).toBeUndefined();
  });
});
