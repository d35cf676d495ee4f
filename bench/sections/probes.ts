/**
 * The probe programs (bench/probes/*.ts) on every backend in the browser,
 * through the same runner page as the exercises:
 *
 * - throughput: steady training and inference ms per sample of the course
 *   model, the kernels one training step spends its time in, and which
 *   gradient kernels it uses (the wasm Conv2D gradients included);
 * - transfer: a frozen base recomputed every epoch vs embeddings computed once.
 *
 * The same sources run in Node (bench/node/reference.ts), so browser and Node
 * figures come from identical code.
 */
import type { BackendName } from '../../src/sandbox/protocol.ts';
import type { BenchContext } from '../lib/context.ts';
import { readProbeJson } from '../lib/probe.ts';
import { PROBE_MARK, probeSource, withParams, type ProbeName } from '../lib/probe-source.ts';
import { RunnerPage } from '../lib/runner-page.ts';
import { median, round, rounded, summarize, type Summary } from '../lib/stats.ts';

export interface KernelTime {
  name: string;
  ms: number;
  calls: number;
}

/** What bench/probes/throughput.ts prints. */
export interface ThroughputReport {
  backend: string;
  params: ProbeParams;
  trainMsPerSample: number;
  firstEpochMs: number;
  inferMsPerSample: number;
  firstInferMs: number;
  kernelTimesAvailable: boolean;
  kernels: KernelTime[];
  gradientKernels: { name: string; registered: boolean }[];
  convKernels: { layer: string; forwardMs: number; filterGradMs: number; inputGradMs: number }[];
  numTensors: number;
}

/** What bench/probes/transfer.ts prints. */
export interface TransferReport {
  backend: string;
  params: ProbeParams;
  samples: number;
  recomputeMs: number;
  cachedMs: number;
  embedMs: number;
  speedup: number;
  maxWeightDifference: number;
}

export interface ThroughputResult {
  backend: BackendName;
  runs: number;
  problems: string[];
  trainMsPerSample?: Summary;
  inferMsPerSample?: Summary;
  firstEpochMs?: Summary;
  firstInferMs?: Summary;
  /** The profiled training step of the last run (kernel times forced to sync, so higher than in a normal step). */
  kernels?: KernelTime[];
  kernelTimesAvailable?: boolean;
  gradientKernels?: { name: string; registered: boolean }[];
  /** Per conv layer, median over runs: forward, filter-gradient and input-gradient kernel ms at the training batch size. */
  convKernels?: ThroughputReport['convKernels'];
  params?: ProbeParams;
}

export interface TransferResult {
  backend: BackendName;
  runs: number;
  problems: string[];
  recomputeMs?: Summary;
  cachedMs?: Summary;
  embedMs?: Summary;
  speedup?: Summary;
  maxWeightDifference?: number;
  params?: ProbeParams;
}

/**
 * Probe sizes. The cpu and webgl backends are 30-100x slower than wasm on a
 * CPU-only machine, so they train on fewer images: a per-sample figure does
 * not depend on how many samples it was averaged over, only its noise does.
 */
export const THROUGHPUT_PARAMS = {
  // 192 samples an epoch (12 batches): the two timed epochs take about 1 s on wasm, long enough
  // that one slow moment of a shared machine does not decide the figure (64 gave spreads of 40%).
  full: { trainSamples: 192, epochs: 3, inferSamples: 256 },
  slow: { trainSamples: 32, epochs: 2, inferSamples: 64 },
  quick: { trainSamples: 32, epochs: 2, inferSamples: 32 },
};

export type ProbeParams = Record<string, number | boolean | string>;

/** `cutAt`: the layer the lessons put their new head on (the bench reads it from the heaviest exercise's run). */
export function throughputParams(quick: boolean, backend: string, cutAt: string): ProbeParams {
  const sizes = quick ? THROUGHPUT_PARAMS.quick : backend === 'wasm' ? THROUGHPUT_PARAMS.full : THROUGHPUT_PARAMS.slow;
  // Per-kernel conv timings on wasm only: on cpu a filter gradient takes up to a second.
  return { ...sizes, cutAt, convKernels: backend === 'wasm' };
}

export function transferParams(quick: boolean, cutAt: string): ProbeParams {
  return { ...(quick ? TRANSFER_PARAMS.quick : TRANSFER_PARAMS.full), cutAt };
}
export const TRANSFER_PARAMS = { full: { perClass: 20, epochs: 10 }, quick: { perClass: 4, epochs: 3 } };

const PROBE_TIME_LIMIT_MS = 180_000;

/** The slow backends run a probe once (10-30 s each on a CPU-only machine, 30-100x wasm: no doubt which is faster). */
function runsOn(backend: BackendName, runs: number): number {
  return backend === 'wasm' ? runs : 1;
}

export async function runProbe<T>(page: RunnerPage, name: ProbeName, params: ProbeParams, backend: BackendName): Promise<T | string> {
  await page.waitForWarmWorker();
  const code = withParams(probeSource(name), params);
  const { result, events } = await page.run({ exercise: `bench/${name}`, code, backend, timeLimitMs: PROBE_TIME_LIMIT_MS });
  if (result.status === 'error') return `${result.error?.phase}: ${result.error?.message}`;
  if (result.backend !== backend) return `ran on ${result.backend}, not ${backend}`;
  return readProbeJson<T>(events, PROBE_MARK) ?? 'the probe printed no report';
}

export async function benchThroughput(ctx: BenchContext, runs: number): Promise<ThroughputResult[]> {
  const page = await RunnerPage.open(ctx.browser, ctx.siteUrl);
  const reports = new Map<BackendName, { ok: ThroughputReport[]; problems: string[] }>(ctx.backends.map((b) => [b, { ok: [], problems: [] }]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const backend of ctx.backends.filter((b) => i < runsOn(b, runs))) {
        const out = await runProbe<ThroughputReport>(page, 'throughput', throughputParams(ctx.quick, backend, ctx.cutAt), backend);
        const entry = reports.get(backend)!;
        if (typeof out === 'string') entry.problems.push(out);
        else entry.ok.push(out);
        ctx.log(`  throughput on ${backend}: ${typeof out === 'string' ? out : `train ${out.trainMsPerSample.toFixed(2)} ms/sample, infer ${out.inferMsPerSample.toFixed(3)} ms/sample`}`);
      }
    }
  } finally {
    await page.close();
  }
  return ctx.backends.map((backend) => {
    const { ok, problems } = reports.get(backend)!;
    const last = ok.at(-1);
    const stat = (pick: (r: ThroughputReport) => number): Summary => rounded(summarize(ok.map(pick)));
    return {
      backend,
      runs: ok.length,
      problems: [...new Set(problems)],
      ...(last
        ? {
            trainMsPerSample: stat((r) => r.trainMsPerSample),
            inferMsPerSample: stat((r) => r.inferMsPerSample),
            firstEpochMs: stat((r) => r.firstEpochMs),
            firstInferMs: stat((r) => r.firstInferMs),
            kernels: last.kernels.map((k) => ({ ...k, ms: Math.round(k.ms * 100) / 100 })),
            kernelTimesAvailable: last.kernelTimesAvailable,
            gradientKernels: last.gradientKernels,
            convKernels: last.convKernels.map((k, i) => ({
              layer: k.layer,
              forwardMs: round(median(ok.map((r) => r.convKernels[i]?.forwardMs ?? Number.NaN))),
              filterGradMs: round(median(ok.map((r) => r.convKernels[i]?.filterGradMs ?? Number.NaN))),
              inputGradMs: round(median(ok.map((r) => r.convKernels[i]?.inputGradMs ?? Number.NaN))),
            })),
            params: last.params,
          }
        : {}),
    };
  });
}

export async function benchTransfer(ctx: BenchContext, runs: number): Promise<TransferResult[]> {
  const params = transferParams(ctx.quick, ctx.cutAt);
  const page = await RunnerPage.open(ctx.browser, ctx.siteUrl);
  const reports = new Map<BackendName, { ok: TransferReport[]; problems: string[] }>(ctx.backends.map((b) => [b, { ok: [], problems: [] }]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const backend of ctx.backends.filter((b) => i < runsOn(b, runs))) {
        const out = await runProbe<TransferReport>(page, 'transfer', params, backend);
        const entry = reports.get(backend)!;
        if (typeof out === 'string') entry.problems.push(out);
        else entry.ok.push(out);
        ctx.log(`  transfer on ${backend}: ${typeof out === 'string' ? out : `recompute ${out.recomputeMs.toFixed(0)} ms, cached ${out.cachedMs.toFixed(0)} ms (x${out.speedup.toFixed(1)})`}`);
      }
    }
  } finally {
    await page.close();
  }
  return ctx.backends.map((backend) => summarizeTransfer(backend, reports.get(backend)!));
}

export function summarizeTransfer(backend: BackendName, { ok, problems }: { ok: TransferReport[]; problems: string[] }): TransferResult {
  const stat = (pick: (r: TransferReport) => number): Summary => rounded(summarize(ok.map(pick)));
  return {
    backend,
    runs: ok.length,
    problems: [...new Set(problems)],
    ...(ok.length
      ? {
          recomputeMs: stat((r) => r.recomputeMs),
          cachedMs: stat((r) => r.cachedMs),
          embedMs: stat((r) => r.embedMs),
          speedup: stat((r) => r.speedup),
          maxWeightDifference: Math.max(...ok.map((r) => r.maxWeightDifference)),
          params: ok[0]!.params,
        }
      : {}),
  };
}
