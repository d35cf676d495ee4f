/**
 * lessons/_template/ is what teachers copy to add a lesson: copied into a
 * course of its own, it must be a healthy lesson (frontmatter, files, code
 * that compiles) whose solution passes and starter fails.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as lab from 'lab';
import * as grading from 'grading';
import { describe, expect, it } from 'vitest';
import { courseSchema } from '../../../src/schemas/course-config.ts';
import { discoverCourse } from '../../../src/course/discover.ts';
import { compileProblems } from '../../../src/course/compile-sources.ts';
import { createInProcessRunner } from '../../../src/sandbox/in-process/in-process-runner.ts';
import { fileFetch } from '../../../src/lab/node-fetch.ts';
import { ASSET_BASE } from '../lab/setup-lab.ts';

describe('the lesson template', () => {
  const lessons = mkdtempSync(join(tmpdir(), 'template-'));
  cpSync('lessons/_template', join(lessons, '09-copied'), { recursive: true });
  const found = discoverCourse(lessons, courseSchema.parse({}));

  it('is a healthy lesson once copied', () => {
    expect(found.problems).toEqual([]);
    expect(found.lessons.map((lesson) => lesson.slug)).toEqual(['copied']);
    expect(found.lessons[0]!.exercises.map((exercise) => exercise.id)).toEqual(['copied/my-exercise']);
    expect(found.lessons[0]!.exercises[0]!.hiddenChecks).toBeDefined();
    expect(compileProblems(found.lessons[0]!.exercises)).toEqual([]);
  });

  it('has a solution that passes (hidden checks too) and a starter that fails', async () => {
    const exercise = found.lessons[0]!.exercises[0]!;
    const runner = createInProcessRunner({ tf, lab, grading, fetch: fileFetch as typeof fetch });
    const run = (code: string) =>
      runner.run({ exercise: exercise.id, code, checks: exercise.checks, hiddenChecks: exercise.hiddenChecks!, backend: 'cpu', timeLimitMs: 60_000, assetBase: ASSET_BASE });
    const solved = await run(exercise.solution);
    // The template's three checks (the last one shows the model toolkit) and its hidden check.
    expect(solved.checks?.map((check) => check.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    const started = await run(exercise.starter);
    expect(started.checks?.some((check) => check.status === 'fail')).toBe(true);
  }, 60_000);
});
