/**
 * Running a course exercise Node-side for the fairness catalog: the in-process runner (the
 * worker's transpile, execute, fit instrumentation and checks, same thread) with the real
 * `lab` reading this checkout's public/ files, on the wasm backend (Node's fastest here).
 * Hidden checks are included, as the grader runs them.
 */
import { describe, expect, it } from 'vitest';
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

/** One way a learner might write an exercise: the reference solution with edits. */
export interface CatalogCase {
  name: string;
  /** Changes the solution; every `[from, to]` must match once. */
  edit: [from: string, to: string][];
  /** For a mistake: the title of the check (a part of it) that must fail. */
  fails?: string;
}

export interface CatalogEntry {
  /** An exercise id, or a lesson slug for its first exercise. */
  exercise: string;
  alternatives: CatalogCase[];
  mistakes: CatalogCase[];
}

/** The solution with each edit applied; fails the test when an edit no longer matches exactly once. */
export function applyEdits(solution: string, edits: CatalogCase['edit']): string {
  let code = solution;
  for (const [from, to] of edits) {
    const at = code.indexOf(from);
    expect(at, `the solution no longer contains: ${from}`).toBeGreaterThanOrEqual(0);
    expect(code.indexOf(from, at + 1), `more than one: ${from}`).toBe(-1);
    code = code.slice(0, at) + to + code.slice(at + from.length);
  }
  return code;
}

/** The catalog as tests: every alternative passes every check, every mistake fails the check that names it, with a message and a hint. */
export function catalogSuite(catalog: readonly CatalogEntry[], caseTimeoutMs = 240_000): void {
  describe.each(catalog.map((entry) => [entry.exercise, entry] as const))('%s', (_id, entry) => {
    const exercise = exerciseById(entry.exercise);

    it('has at least 3 alternatives and 3 mistakes', () => {
      expect(entry.alternatives.length).toBeGreaterThanOrEqual(3);
      expect(entry.mistakes.length).toBeGreaterThanOrEqual(3);
    });

    it.each(entry.alternatives.map((c) => [c.name, c] as const))('accepted: %s', async (_name, c) => {
      const result = await runExercise(exercise, applyEdits(exercise.solution, c.edit));
      expect(passes(result), JSON.stringify(verdicts(result), null, 1)).toBe(true);
    }, caseTimeoutMs);

    it.each(entry.mistakes.map((c) => [c.name, c] as const))('caught: %s', async (_name, c) => {
      const result = await runExercise(exercise, applyEdits(exercise.solution, c.edit));
      expect(result.status, JSON.stringify(verdicts(result))).toBe('ok');
      const failing = result.checks!.filter((check) => check.status === 'fail');
      expect(failing.map((check) => check.title).some((title) => title.includes(c.fails!)), JSON.stringify(verdicts(result), null, 1)).toBe(true);
      // A mistake's failure teaches: the failed check says what it found, and has a hint.
      const named = failing.find((check) => check.title.includes(c.fails!))!;
      expect(named.message).toBeTruthy();
      expect(named.hint).toBeTruthy();
    }, caseTimeoutMs);
  });
}
