/**
 * Summaries of repeated measurements. Medians and min/max rather than means:
 * on a 2-core machine one run in five is often disturbed (GC, another
 * process), and the median is what a learner usually gets.
 */

export interface Summary {
  /** Number of measurements. */
  n: number;
  median: number;
  min: number;
  max: number;
  /** (max - min) / median: how far apart the runs were, as a fraction of the median. */
  spread: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { n: 0, median: Number.NaN, min: Number.NaN, max: Number.NaN, spread: Number.NaN };
  const mid = median(finite);
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return { n: finite.length, median: mid, min, max, spread: mid === 0 ? 0 : (max - min) / mid };
}

/** Rounds for JSON and tables: 3 significant figures below 10, 1 decimal below 1000, integers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value);
  if (abs >= 10) return Math.round(value * 10) / 10;
  return Number(value.toPrecision(3));
}

/** A Summary with its numbers rounded (for results.json). */
export function rounded(summary: Summary): Summary {
  return {
    n: summary.n,
    median: round(summary.median),
    min: round(summary.min),
    max: round(summary.max),
    spread: Math.round(summary.spread * 100) / 100,
  };
}
