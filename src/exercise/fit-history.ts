/**
 * What the training view shows, kept apart from how it draws it: one record
 * per `model.fit`/`fitDataset` call of a run, built from the runtime's
 * fit-start / fit-batch / fit-epoch / fit-end events. Pure, so it is unit
 * tested without a browser; the chart only renders it.
 *
 * Epoch and batch numbers arrive 0-based, as TensorFlow.js counts them; the
 * labels here count from 1, as people do.
 */
import type { RunEvent } from '../sandbox/page/runner.ts';

export type FitEvent = Extract<RunEvent, { type: 'fit-start' | 'fit-batch' | 'fit-epoch' | 'fit-end' }>;

export interface FitRecord {
  fit: number;
  epochs: number;
  /** Batches per epoch, when the runtime knows it. */
  batches?: number;
  /** The epoch under way (0-based). */
  epoch: number;
  /** The last batch reported (0-based), -1 before the first. */
  batch: number;
  /** Logs of each finished epoch, in order: { loss, acc, val_loss, … }. */
  epochLogs: { epoch: number; logs: Record<string, number> }[];
  done: boolean;
}

export function isFitEvent(event: RunEvent): event is FitEvent {
  return event.type.startsWith('fit-');
}

/** Applies one event; returns the record it changed (created on fit-start, or on demand if a start was missed). */
export function applyFitEvent(fits: Map<number, FitRecord>, event: FitEvent): FitRecord {
  let record = fits.get(event.fit);
  if (!record) {
    record = { fit: event.fit, epochs: 1, epoch: 0, batch: -1, epochLogs: [], done: false };
    fits.set(event.fit, record);
  }
  switch (event.type) {
    case 'fit-start':
      record.epochs = Math.max(1, event.epochs);
      if (event.batches !== undefined) record.batches = event.batches;
      break;
    case 'fit-batch':
      record.epoch = event.epoch;
      record.batch = event.batch;
      break;
    case 'fit-epoch':
      record.epochLogs.push({ epoch: event.epoch, logs: event.logs });
      record.epoch = event.epoch + 1;
      record.batch = -1;
      break;
    case 'fit-end':
      record.done = true;
      break;
  }
  return record;
}

/** Metric names in a stable order: losses first, then accuracies, training before validation. */
export function metricNames(record: FitRecord): string[] {
  const names = new Set<string>();
  for (const { logs } of record.epochLogs) for (const name of Object.keys(logs)) names.add(name);
  const rank = (name: string) => (isAccuracy(name) ? 2 : 0) + (name.startsWith('val_') ? 1 : 0);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Accuracy-like metrics share a 0–1 axis; everything else goes on the loss axis. */
export function isAccuracy(name: string): boolean {
  return /acc/i.test(name);
}

/** Columns for the chart: epoch numbers (from 1), then one column per metric (null where missing). */
export function chartColumns(record: FitRecord, names: string[] = metricNames(record)): (number | null)[][] {
  const epochs = record.epochLogs.map(({ epoch }) => epoch + 1);
  const columns = names.map((name) => record.epochLogs.map(({ logs }) => (name in logs ? logs[name]! : null)));
  return [epochs, ...columns];
}

/** How far this fit is, for a progress bar: in batches when known, else in epochs. */
export function fitProgress(record: FitRecord): { value: number; max: number } {
  if (record.done) return { value: 1, max: 1 };
  if (record.batches && record.batches > 0) {
    const max = record.epochs * record.batches;
    return { value: Math.min(max, record.epoch * record.batches + record.batch + 1), max };
  }
  return { value: Math.min(record.epochs, record.epoch), max: record.epochs };
}

/** "loss 0.412, acc 0.875" for the last finished epoch. */
export function formatMetrics(logs: Record<string, number>): string {
  return Object.entries(logs)
    .map(([name, value]) => `${name} ${Number.isFinite(value) ? value.toPrecision(3) : String(value)}`)
    .join(', ');
}
