/**
 * Every exercise of the course, Node-side: its solution passes every check
 * and its starter fails at least one, through the in-process runner (the same
 * transpile, execute and checks path as the browser's worker). Exercises
 * without training also run on the cpu backend; the rest on wasm (Node's
 * fastest backend here: tfjs-node cannot be installed). The browser variant
 * is `npm run verify`, which `npm test` runs on the built site.
 */
import * as tf from '@tensorflow/tfjs';
import * as lab from 'lab';
import * as grading from 'grading';
import { describe, expect, it, beforeAll } from 'vitest';
import { createInProcessRunner } from '../../../src/sandbox/in-process/in-process-runner.ts';
import { fileFetch } from '../../../src/lab/node-fetch.ts';
import { useWasmBackend } from '../../../scripts/ml/wasm-node.ts';
import { discoverCourse } from '../../../src/course/discover.ts';
import { coursePaths, loadCourseConfig } from '../../../src/course/load-config.ts';
import { ASSET_BASE } from '../lab/setup-lab.ts';
import type { BackendName, RunResult } from '../../../src/sandbox/protocol.ts';

const course = await loadCourseConfig(coursePaths());
const { lessons, problems } = discoverCourse(coursePaths().lessonsDir, course);
const exercises = lessons.flatMap((lesson) => lesson.exercises);
const runner = createInProcessRunner({ tf, lab, grading, fetch: fileFetch as typeof fetch });

beforeAll(async () => {
  await useWasmBackend();
});

async function run(code: string, exercise: (typeof exercises)[number], backend: BackendName): Promise<RunResult> {
  return runner.run({
    exercise: exercise.id,
    code,
    checks: exercise.checks,
    ...(exercise.hiddenChecks ? { hiddenChecks: exercise.hiddenChecks } : {}),
    backend,
    timeLimitMs: exercise.timeLimitSeconds * 1000,
    assetBase: ASSET_BASE,
  });
}

function summary(result: RunResult): string {
  if (result.status === 'error') return `${result.error?.phase}: ${result.error?.message}`;
  return (result.checks ?? []).map((check) => `${check.status} ${check.title}${check.message ? ` — ${check.message}` : ''}`).join('\n');
}

describe('the course', () => {
  it('has no problems and at least one exercise per lesson that promises one', () => {
    expect(problems).toEqual([]);
    expect(exercises.length).toBeGreaterThanOrEqual(5);
  });
});

// Drawings live in the browser's IndexedDB, which Node lacks: `npm run verify` covers those exercises in Chromium.
// Exercises declared `<Exercise readsDrawings>` need the learner's drawings, kept in the browser: e2e only.
const nodeExercises = exercises.filter((exercise) => !exercise.readsDrawings);

describe.each(nodeExercises.map((exercise) => [exercise.id, exercise] as const))('%s', (_id, exercise) => {
  const backends: BackendName[] = /\.fit(Dataset)?\(/.test(exercise.solution) ? ['wasm'] : ['cpu', 'wasm'];

  it.each(backends)('its solution passes every check (%s)', async (backend) => {
    const result = await run(exercise.solution, exercise, backend);
    expect(result.status, summary(result)).toBe('ok');
    expect(result.checks?.length, summary(result)).toBeGreaterThan(0);
    expect(result.checks!.every((check) => check.status === 'pass'), summary(result)).toBe(true);
  }, 120_000);

  it('its starter runs and fails at least one check', async () => {
    const result = await run(exercise.starter, exercise, 'wasm');
    expect(result.status, summary(result)).toBe('ok');
    expect(result.checks!.some((check) => check.status === 'fail'), summary(result)).toBe(true);
  }, 120_000);
});
