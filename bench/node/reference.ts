/**
 * Reference point outside the browser: the same programs (the instrumented
 * reference solution, the probes) run by TensorFlow.js in Node, on the cpu
 * or the wasm backend, through the runtime's in-process runner (same
 * transpile, execute and checks path as the sandbox worker) and the same
 * built files (models and data read from the build's folder).
 *
 * One child process per backend, so each starts clean:
 *   node bench/node/reference.ts <job.json>
 * prints one line `NODE_RESULT_MARK` + JSON (NodeReferenceResult) at the end.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as grading from '../../src/grading/index.ts';
import * as lab from '../../src/lab/index.ts';
import { fileFetch } from '../../src/lab/node-fetch.ts';
import { registerWasmGradients } from '../../src/lab/wasm-gradients.ts';
import { createInProcessRunner } from '../../src/sandbox/in-process/in-process-runner.ts';
import type { RunResult } from '../../src/sandbox/protocol.ts';
import { splitPhases, trainingMsPerSample, type PhaseSplit } from '../lib/phases.ts';
import { instrument, readProbeJson, readProbeReport } from '../lib/probe.ts';
import { PROBE_MARK, probeSource, withParams, type ProbeName } from '../lib/probe-source.ts';

export const NODE_RESULT_MARK = '__bench_node_result__ ';

export interface NodeJob {
  backend: 'cpu' | 'wasm';
  /** The built site's folder (models/ and data/ are read from it). */
  distDir: string;
  runs: number;
  exercise?: { id: string; solution: string; checks: string; timeLimitMs: number };
  probes: { name: ProbeName; params: Record<string, number | boolean | string> }[];
}

export interface NodeExerciseRun {
  status: RunResult['status'];
  problem?: string;
  checks: string;
  phases?: PhaseSplit;
  trainMsPerSample?: number;
}

export interface NodeReferenceResult {
  backend: string;
  tfjsVersion: string;
  wasmThreads?: number;
  exerciseRuns: NodeExerciseRun[];
  probes: { name: ProbeName; reports: unknown[]; problems: string[] }[];
}

async function main(job: NodeJob): Promise<NodeReferenceResult> {
  let wasmThreads: number | undefined;
  if (job.backend === 'wasm') {
    // As in the browser worker: the gradient kernels wasm lacks, and one thread.
    registerWasmGradients();
    setThreadsCount(1);
    wasmThreads = 1;
  }
  const assetBase = pathToFileURL(`${job.distDir.replace(/\/$/, '')}/`).href;
  const proto = tf.LayersModel.prototype as unknown as Record<string, unknown>;
  const original = { fit: proto.fit, loadWeights: proto.loadWeights };

  /** One run with a fresh runner and a fresh `fetch`, so `lab`'s download cache starts empty, as in a new worker. */
  async function run(code: string, checks: string | undefined, timeLimitMs: number) {
    const runner = createInProcessRunner({ tf, lab, grading, fetch: ((url: string) => fileFetch(url)) as typeof fetch });
    const events: unknown[] = [];
    const started = performance.now();
    try {
      const result = await runner.run(
        { exercise: 'bench/node', code, ...(checks ? { checks } : {}), backend: job.backend, timeLimitMs, assetBase },
        { onEvent: (event) => events.push(event) },
      );
      return { result, events, wallMs: performance.now() - started };
    } finally {
      runner.dispose();
      // The in-process runner does not restore built-ins; the probe's prelude wraps these two.
      proto.fit = original.fit;
      proto.loadWeights = original.loadWeights;
    }
  }

  const exerciseRuns: NodeExerciseRun[] = [];
  if (job.exercise) {
    for (let i = 0; i < job.runs; i++) {
      const { result, events, wallMs } = await run(instrument(job.exercise.solution), job.exercise.checks, job.exercise.timeLimitMs);
      const probe = readProbeReport(events);
      const checks = result.checks ?? [];
      const perSample = probe ? trainingMsPerSample(probe) : undefined;
      exerciseRuns.push({
        status: result.status,
        ...(result.error ? { problem: `${result.error.phase}: ${result.error.message}` } : {}),
        checks: `${checks.filter((c) => c.status === 'pass').length}/${checks.length}`,
        ...(probe ? { phases: splitPhases({ wallMs, runMs: result.runMs, checksMs: result.checksMs }, probe) } : {}),
        ...(perSample === undefined ? {} : { trainMsPerSample: perSample }),
      });
      if (result.status === 'error') break;
    }
  }

  const probes: NodeReferenceResult['probes'] = [];
  for (const { name, params } of job.probes) {
    const entry = { name, reports: [] as unknown[], problems: [] as string[] };
    for (let i = 0; i < job.runs; i++) {
      const { result, events } = await run(withParams(probeSource(name), params), undefined, 600_000);
      const report = readProbeJson(events, PROBE_MARK);
      if (result.status === 'error' || !report) entry.problems.push(result.error?.message ?? 'no report');
      else entry.reports.push(report);
    }
    probes.push(entry);
  }
  return { backend: tf.getBackend(), tfjsVersion: tf.version.tfjs, ...(wasmThreads ? { wasmThreads } : {}), exerciseRuns, probes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as NodeJob;
  const result = await main(job);
  process.stdout.write(`\n${NODE_RESULT_MARK}${JSON.stringify(result)}\n`);
}
