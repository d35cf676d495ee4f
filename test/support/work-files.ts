/**
 * Work files ("Download my work") for the real course, made from its current lesson files, for
 * the grader's tests and measurements: each learner is a recipe of which code goes where.
 *
 *   npx node test/support/work-files.ts <folder> [--small]
 *
 * writes ada.json (every solution), ben.json (every starter), lea.json (the solutions, but
 * lessons 4 and 5 train on the test images), old.json (a file from before course versions:
 * no version fields) and, without --small, more learners for throughput runs. With --small
 * only exercises that train nothing are filled (fast, and the same result on every run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverCourse, type CourseExercise } from '../../src/course/discover.ts';
import { coursePaths, loadCourseConfig } from '../../src/course/load-config.ts';
import { courseVersion, exerciseVersion } from '../../src/progress/course-version.ts';
import { WORK_FORMAT, WORK_VERSION, type WorkFile } from '../../src/progress/work-file.ts';

const TRAIN = "{ split: 'train', perClass: 20, seed: 1 }";
const LEAK = "{ split: 'test', perClass: 20, seed: 1 }";

export async function writeWorkFiles(folder: string, options: { small?: boolean; copies?: number } = {}): Promise<string[]> {
  const course = await loadCourseConfig(coursePaths());
  const { lessons } = discoverCourse(coursePaths().lessonsDir, course);
  const all = lessons.flatMap((lesson) => lesson.exercises);
  const trains = (e: CourseExercise) => /\.fit(Dataset)?\(/.test(e.solution) || e.readsDrawings;
  const exercises = options.small ? all.filter((e) => !trains(e)) : all;
  const version = courseVersion(all);
  const file = (code: (e: CourseExercise) => string | undefined, versioned = true): WorkFile => ({
    format: WORK_FORMAT,
    version: WORK_VERSION,
    course: course.id,
    ...(versioned ? { courseVersion: version } : {}),
    savedAt: '2026-12-01T10:00:00.000Z',
    exercises: Object.fromEntries(
      exercises.flatMap((e) => {
        const text = code(e);
        if (text === undefined) return [];
        return [[e.id, { code: text, passed: true, updatedAt: '2026-12-01T09:00:00.000Z', ...(versioned ? { startedFrom: exerciseVersion(e.starter, e.checks) } : {}) }]];
      }),
    ),
  });
  const learners: Record<string, WorkFile> = {
    ada: file((e) => e.solution),
    ben: file((e) => e.starter),
    lea: file((e) => (e.solution.includes(TRAIN) ? e.solution.replace(TRAIN, LEAK) : e.solution)),
    old: file((e) => (e.id === exercises[0]!.id ? e.solution : undefined), false),
  };
  for (let i = 1; i <= (options.copies ?? 0); i++) learners[`copy-${i}`] = file((e) => e.solution);
  mkdirSync(folder, { recursive: true });
  for (const [name, work] of Object.entries(learners)) writeFileSync(join(folder, `${name}.json`), JSON.stringify(work, null, 1));
  return Object.keys(learners);
}

if (import.meta.main) {
  const [folder, ...flags] = process.argv.slice(2);
  if (!folder) throw new Error('Usage: npx node test/support/work-files.ts <folder> [--small] [--copies N]');
  const copies = flags.includes('--copies') ? Number(flags[flags.indexOf('--copies') + 1]) : 0;
  console.log((await writeWorkFiles(folder, { small: flags.includes('--small'), copies })).join(' '));
}
