/**
 * The checks of an exercise as the grader lists them (titles and points, hidden ones marked),
 * read by loading its checks files in Node: the module bodies run (they only define checks),
 * no test does. The columns of grades.csv come from here, so they are the same whatever a
 * submission did, in every shard.
 */
import * as tf from '@tensorflow/tfjs';
import * as lab from '../../src/lab/index.ts';
import * as grading from '../../src/grading/index.ts';
import { transpile } from '../../src/sandbox/worker/transpile.ts';
import { startModule, ThrowTracker, isLearnerError } from '../../src/sandbox/worker/start-module.ts';
import { GRADING_MODULE, LAB_MODULE, TFJS_MODULE, importableModules } from '../../src/sandbox/worker/importable.ts';
import type { CourseExercise } from '../../src/course/discover.ts';

export interface ListedCheck {
  title: string;
  points: number;
  hidden: boolean;
}

export async function listChecks(exercise: CourseExercise): Promise<ListedCheck[]> {
  const out: ListedCheck[] = [];
  for (const [source, hidden] of [[exercise.checks, false], [exercise.hiddenChecks, true]] as const) {
    if (source === undefined) continue;
    const compiled = transpile(source, { file: 'checks', modules: importableModules('checks', { withLab: true }) });
    if (!compiled.ok) throw new Error(`${exercise.id}: its checks do not compile: ${compiled.error.message}`);
    const started = startModule(compiled.module, { [TFJS_MODULE]: tf, [LAB_MODULE]: lab, [GRADING_MODULE]: grading }, new ThrowTracker(), 'checks');
    if (isLearnerError(started)) throw new Error(`${exercise.id}: its checks do not load: ${started.message}`);
    await started.completion;
    const list = started.exports.default as { title: string; points?: number }[];
    for (const check of list) out.push({ title: check.title, points: check.points ?? 1, hidden });
  }
  return out;
}
