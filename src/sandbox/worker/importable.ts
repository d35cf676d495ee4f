/**
 * The one module whitelist: what a learner's file and a checks file may
 * import. The sandbox runs with it (execute.ts) and the course doctor
 * compiles every lesson file with it (src/course/compile-sources.ts), so a
 * file the build accepts is one the sandbox will run.
 */
import type { SourceFile } from './transpile.ts';

export const TFJS_MODULE = '@tensorflow/tfjs';
export const LAB_MODULE = 'lab';
export const GRADING_MODULE = 'grading';

/**
 * The learner's code imports tfjs and `lab`; checks also import `grading`.
 * `withLab: false` (a runner made without the lab module) leaves `lab` out.
 */
export function importableModules(file: SourceFile, { withLab = true }: { withLab?: boolean } = {}): string[] {
  const learner = withLab ? [TFJS_MODULE, LAB_MODULE] : [TFJS_MODULE];
  return file === 'checks' ? [...learner, GRADING_MODULE] : learner;
}
