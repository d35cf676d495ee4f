/**
 * A one-lesson fixture course for the service-worker browser tests
 * (isolation.test.ts, offline-off.test.ts), built under a base path the way a
 * GitHub Pages project site is served. Each test file builds its own copy.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { childEnv } from '../support/child-env.ts';

export const FIXTURE_BASE = '/ml-course/';
export const FIXTURE_EXERCISE = 'threads/probe';

const STARTER = `import * as tf from '@tensorflow/tfjs';
// Which backend the sandbox runs on, and whether the page is cross-origin isolated.
console.log('backend', tf.getBackend(), 'isolated', crossOriginIsolated);
export const answer = 41;
`;

export function buildFixture(root: string, options: { serviceWorker: boolean }): string {
  rmSync(root, { recursive: true, force: true });
  const files: Record<string, string> = {
    'course.config.ts': `import { defineCourse } from '${resolve('src/schemas/course-config.ts')}';
export default defineCourse({ id: 'offline-fixture', title: 'Offline fixture', base: '${FIXTURE_BASE}', solutions: 'always', timeLimitSeconds: 60, serviceWorker: ${options.serviceWorker} });
`,
    'lessons/01-threads/index.mdx': `---
title: Threads
summary: One exercise that reports the sandbox's backend.
---
import Exercise from '${resolve('src/mdx/Exercise.astro')}';

<Exercise name="probe" title="Probe" />
`,
    'lessons/01-threads/probe.starter.ts': STARTER,
    'lessons/01-threads/probe.solution.ts': STARTER.replace('41', '42'),
    'lessons/01-threads/probe.checks.ts': `import { defineChecks, expect } from 'grading';
export default defineChecks([{ title: 'The answer is 42', test({ exports }) { expect(exports.answer).toBe(42); } }]);
`,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const out = join(root, 'dist');
  const result = spawnSync('npx', ['astro', 'build'], {
    env: childEnv({ TL_COURSE_CONFIG: join(root, 'course.config.ts'), TL_LESSONS_DIR: join(root, 'lessons'), TL_OUT_DIR: out }),
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (result.status !== 0) throw new Error(`The fixture course did not build:\n${result.stdout}\n${result.stderr}`);
  return out;
}
