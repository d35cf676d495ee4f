import { describe, expect, it } from 'vitest';
import {
  applyFitEvent,
  chartColumns,
  fitProgress,
  formatMetrics,
  metricNames,
  type FitRecord,
} from '../../../src/exercise/fit-history.ts';

describe('fit history', () => {
  it('follows one fit from start to end', () => {
    const fits = new Map<number, FitRecord>();
    const record = applyFitEvent(fits, { type: 'fit-start', id: 1, fit: 0, epochs: 3, batches: 10 });
    expect(fitProgress(record)).toEqual({ value: 0, max: 30 });

    applyFitEvent(fits, { type: 'fit-batch', id: 1, fit: 0, epoch: 0, batch: 4 });
    expect(fitProgress(record)).toEqual({ value: 5, max: 30 });

    applyFitEvent(fits, { type: 'fit-epoch', id: 1, fit: 0, epoch: 0, logs: { val_acc: 0.5, loss: 0.9, acc: 0.6, val_loss: 1.1 } });
    expect(fitProgress(record)).toEqual({ value: 10, max: 30 });
    applyFitEvent(fits, { type: 'fit-epoch', id: 1, fit: 0, epoch: 1, logs: { loss: 0.5, acc: 0.8 } });

    expect(metricNames(record)).toEqual(['loss', 'val_loss', 'acc', 'val_acc']);
    expect(chartColumns(record)).toEqual([
      [1, 2],
      [0.9, 0.5],
      [1.1, null],
      [0.6, 0.8],
      [0.5, null],
    ]);
    applyFitEvent(fits, { type: 'fit-end', id: 1, fit: 0 });
    expect(record.done).toBe(true);
    expect(fitProgress(record)).toEqual({ value: 1, max: 1 });
  });

  it('keeps several fits of one run apart', () => {
    const fits = new Map<number, FitRecord>();
    applyFitEvent(fits, { type: 'fit-start', id: 1, fit: 0, epochs: 2 });
    applyFitEvent(fits, { type: 'fit-start', id: 1, fit: 1, epochs: 5 });
    applyFitEvent(fits, { type: 'fit-epoch', id: 1, fit: 1, epoch: 0, logs: { loss: 1 } });
    expect(fits.get(0)!.epochLogs).toEqual([]);
    expect(fits.get(1)!.epochLogs).toHaveLength(1);
    // Without batch counts, progress is in epochs.
    expect(fitProgress(fits.get(1)!)).toEqual({ value: 1, max: 5 });
  });

  it('survives events for a fit whose start it missed', () => {
    const fits = new Map<number, FitRecord>();
    const record = applyFitEvent(fits, { type: 'fit-epoch', id: 1, fit: 3, epoch: 0, logs: { loss: 2 } });
    expect(record.epochLogs).toHaveLength(1);
  });

  it('formats metrics for the text summary', () => {
    expect(formatMetrics({ loss: 0.41234, acc: 0.875 })).toBe('loss 0.412, acc 0.875');
    expect(formatMetrics({ loss: Number.NaN })).toBe('loss NaN');
  });
});
