/**
 * Reference points outside the browser, on the same work:
 * - TF.js in Node (cpu and wasm backends), in child processes running
 *   bench/node/reference.ts: the same instrumented solution and probe sources;
 * - PyTorch on the CPU with Debian's python3-torch (/usr/bin/python3 only, as
 *   the project's ground rules ask), running bench/pytorch/reference.py with
 *   the fits the browser probe recorded (epochs, batch size, samples,
 *   trainable layers, optimizer).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CourseExercise } from '../../src/course/discover.ts';
import type { BenchContext } from '../lib/context.ts';
import { rounded, summarize, type Summary } from '../lib/stats.ts';
import { NODE_RESULT_MARK, type NodeJob, type NodeReferenceResult } from '../node/reference.ts';
import { summarizeTransfer, throughputParams, transferParams, type ThroughputReport, type TransferReport, type TransferResult } from './probes.ts';
import { PHASE_NAMES } from '../lib/phases.ts';
import type { FitSpec } from './exercises.ts';

const TMP = resolve('bench/tmp');
export const SYSTEM_PYTHON = '/usr/bin/python3';

export interface NodeBackendResult {
  backend: 'cpu' | 'wasm';
  problems: string[];
  tfjsVersion?: string;
  exercise?: { id: string; runs: number; checks: string[]; phases: Record<string, Summary>; trainMsPerSample?: Summary };
  throughput?: { runs: number; trainMsPerSample: Summary; inferMsPerSample: Summary };
  transfer?: TransferResult;
}

export interface PyTorchResult {
  available: boolean;
  note?: string;
  torchVersion?: string;
  threads?: number;
  throughput?: { runs: number; trainMsPerSample: Summary; inferMsPerSample: Summary };
  transfer?: { recomputeMs: Summary; cachedMs: Summary; speedup: Summary };
  exercise?: { id: string; runs: number; totalMs: Summary; fitMs: Summary; evaluateMs: Summary; trainMsPerSample: Summary; testAccuracy: number[] };
}

export interface NodeJobOptions {
  /** The exercise to repeat (instrumented solution and its checks); none: probes only. */
  exercise?: CourseExercise;
  runs: number;
  probes: NodeJob['probes'];
}

export function benchNode(ctx: BenchContext, backend: 'cpu' | 'wasm', options: NodeJobOptions): NodeBackendResult {
  mkdirSync(TMP, { recursive: true });
  const exercise = options.exercise;
  const job: NodeJob = {
    backend,
    distDir: resolve(ctx.distDir),
    runs: options.runs,
    ...(exercise ? { exercise: { id: exercise.id, solution: exercise.solution, checks: exercise.checks, timeLimitMs: exercise.timeLimitSeconds * 1000 } } : {}),
    probes: options.probes,
  };
  const jobFile = resolve(TMP, `node-${backend}.json`);
  writeFileSync(jobFile, JSON.stringify(job));
  const child = spawnSync(process.execPath, [resolve('bench/node/reference.ts'), jobFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60_000 });
  const line = child.stdout.split('\n').find((l) => l.startsWith(NODE_RESULT_MARK));
  if (!line) return { backend, problems: [`node reference failed (exit ${child.status}): ${child.stderr.trim().split('\n').slice(-3).join(' ')}`] };
  const out = JSON.parse(line.slice(NODE_RESULT_MARK.length)) as NodeReferenceResult;
  const problems = [...out.exerciseRuns.flatMap((r) => (r.problem ? [r.problem] : [])), ...out.probes.flatMap((p) => p.problems)];
  const ok = out.exerciseRuns.filter((r) => r.phases);
  const throughput = (out.probes.find((p) => p.name === 'throughput')?.reports ?? []) as ThroughputReport[];
  const transfer = (out.probes.find((p) => p.name === 'transfer')?.reports ?? []) as TransferReport[];
  return {
    backend,
    problems: [...new Set(problems)],
    tfjsVersion: out.tfjsVersion,
    ...(exercise && ok.length
      ? {
          exercise: {
            id: exercise.id,
            runs: ok.length,
            checks: ok.map((r) => r.checks),
            phases: Object.fromEntries([...PHASE_NAMES, 'wall' as const].map((name) => [name, rounded(summarize(ok.map((r) => r.phases![name])))])),
            ...(ok.some((r) => r.trainMsPerSample !== undefined)
              ? { trainMsPerSample: rounded(summarize(ok.flatMap((r) => (r.trainMsPerSample === undefined ? [] : [r.trainMsPerSample])))) }
              : {}),
          },
        }
      : {}),
    ...(throughput.length
      ? {
          throughput: {
            runs: throughput.length,
            trainMsPerSample: rounded(summarize(throughput.map((r) => r.trainMsPerSample))),
            inferMsPerSample: rounded(summarize(throughput.map((r) => r.inferMsPerSample))),
          },
        }
      : {}),
    ...(transfer.length ? { transfer: summarizeTransfer(backend, { ok: transfer, problems: [] }) } : {}),
  };
}

interface PyTorchOutput {
  torchVersion: string;
  threads: number;
  throughput: { trainMsPerSample: number; inferMsPerSample: number }[];
  transfer: { recomputeMs: number; cachedMs: number; speedup: number }[];
  exercise?: { totalMs: number; fitMs: number[]; evaluateMs: number; epochMs: number[][]; testAccuracy: number; samplesTrained: number }[];
}

/** `fits`: what the browser probe recorded for the exercise (the PyTorch run repeats exactly those fits). */
export function benchPyTorch(ctx: BenchContext, exerciseId: string | undefined, fits: FitSpec[] | undefined, runs: number, threads?: number): PyTorchResult {
  if (!existsSync(SYSTEM_PYTHON)) return { available: false, note: `${SYSTEM_PYTHON} not found` };
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return { available: false, note: "Debian's python3-torch is not installed (apt-get install python3-torch); PyTorch reference skipped" };
  mkdirSync(TMP, { recursive: true });
  const job = {
    distDir: resolve(ctx.distDir),
    runs,
    cutAt: ctx.cutAt,
    throughput: { ...throughputParams(ctx.quick, 'wasm', ctx.cutAt), batchSize: 16, inferBatch: 256 },
    transfer: { ...transferParams(ctx.quick, ctx.cutAt), batchSize: 16 },
    ...(fits?.length ? { fits } : {}),
    ...(threads ? { threads } : {}),
  };
  const jobFile = resolve(TMP, threads ? `pytorch-${threads}.json` : 'pytorch.json');
  writeFileSync(jobFile, JSON.stringify(job));
  const child = spawnSync(SYSTEM_PYTHON, [resolve('bench/pytorch/reference.py'), jobFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60_000 });
  if (child.status !== 0) return { available: true, note: `reference.py failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}` };
  const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as PyTorchOutput;
  const stat = (values: number[]) => rounded(summarize(values));
  return {
    available: true,
    torchVersion: out.torchVersion,
    threads: out.threads,
    throughput: {
      runs: out.throughput.length,
      trainMsPerSample: stat(out.throughput.map((r) => r.trainMsPerSample)),
      inferMsPerSample: stat(out.throughput.map((r) => r.inferMsPerSample)),
    },
    transfer: {
      recomputeMs: stat(out.transfer.map((r) => r.recomputeMs)),
      cachedMs: stat(out.transfer.map((r) => r.cachedMs)),
      speedup: stat(out.transfer.map((r) => r.speedup)),
    },
    ...(out.exercise && exerciseId
      ? {
          exercise: {
            id: exerciseId,
            runs: out.exercise.length,
            totalMs: stat(out.exercise.map((r) => r.totalMs)),
            fitMs: stat(out.exercise.map((r) => r.fitMs.reduce((a, b) => a + b, 0))),
            evaluateMs: stat(out.exercise.map((r) => r.evaluateMs)),
            // Steady epochs only (first epoch of each fit left out), as in the browser's trainMsPerSample.
            trainMsPerSample: stat(out.exercise.map((r) => steadyMsPerSample(r.epochMs, fits ?? []))),
            testAccuracy: out.exercise.map((r) => Math.round(r.testAccuracy * 1000) / 1000),
          },
        }
      : {}),
  };
}

function steadyMsPerSample(epochMs: number[][], fits: FitSpec[]): number {
  let ms = 0;
  let samples = 0;
  epochMs.forEach((epochs, i) => {
    if (epochs.length < 2) return;
    ms += epochs.slice(1).reduce((a, b) => a + b, 0);
    samples += (fits[i]?.samples ?? 0) * (epochs.length - 1);
  });
  return samples ? ms / samples : Number.NaN;
}
