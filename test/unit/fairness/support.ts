/**
 * Running a course exercise Node-side for the fairness catalog: the in-process runner (the
 * worker's transpile, execute, fit instrumentation and checks, same thread) with the real
 * `lab` reading this checkout's public/ files, on the wasm backend (Node's fastest here).
 * Hidden checks are included, as the grader runs them.
 */
import * as tf from '@tensorflow/tfjs';
import * as lab from 'lab';
import * as grading from 'grading';
import { createInProcessRunner } from '../../../src/sandbox/in-process/in-process-runner.ts';
import { fileFetch } from '../../../src/lab/node-fetch.ts';
import { useWasmBackend } from '../../../scripts/ml/wasm-node.ts';
import { discoverCourse, type CourseExercise } from '../../../src/course/discover.ts';
import { coursePaths, loadCourseConfig } from '../../../src/course/load-config.ts';
import { ASSET_BASE } from '../lab/setup-lab.ts';
import type { RunResult } from '../../../src/sandbox/protocol.ts';

const course = await loadCourseConfig(coursePaths());
const { lessons } = discoverCourse(coursePaths().lessonsDir, course);
export const exercises: CourseExercise[] = lessons.flatMap((lesson) => lesson.exercises);
const runner = createInProcessRunner({ tf, lab, grading, fetch: fileFetch as typeof fetch });

export async function useWasm(): Promise<void> {
  await useWasmBackend();
}

/** The exercise whose id ends with `slug` (ids are "<lesson slug>/<exercise>"). */
export function exerciseById(slug: string): CourseExercise {
  const found = exercises.find((exercise) => exercise.id === slug || exercise.id.startsWith(`${slug}/`));
  if (!found) throw new Error(`No exercise ${slug}; the course has ${exercises.map((e) => e.id).join(', ')}`);
  return found;
}

export function runExercise(exercise: CourseExercise, code: string): Promise<RunResult> {
  return runner.run({
    exercise: exercise.id,
    code,
    checks: exercise.checks,
    ...(exercise.hiddenChecks ? { hiddenChecks: exercise.hiddenChecks } : {}),
    backend: 'wasm',
    timeLimitMs: exercise.timeLimitSeconds * 1000,
    assetBase: ASSET_BASE,
  });
}

/** title -> 'pass' | 'fail: message', or the run error: for assertion messages. */
export function verdicts(result: RunResult): Record<string, string> | string {
  if (result.status === 'error') return `${result.error?.phase}: ${result.error?.message}`;
  return Object.fromEntries((result.checks ?? []).map((c) => [c.title, c.status === 'pass' ? 'pass' : `fail: ${c.message}`]));
}

/** True when the run is ok and every check passed. */
export function passes(result: RunResult): boolean {
  return result.status === 'ok' && (result.checks?.length ?? 0) > 0 && result.checks!.every((c) => c.status === 'pass');
}
