/**
 * Step 2 of the course doctor: every starter, solution, checks and hidden
 * checks file compiles with the transpiler the browser uses, importing only
 * what it may (`grading` in checks only). The build itself does not compile
 * these files, so this is where a broken `checks.ts` is named, as
 * `file:line:column`, before any learner meets it.
 */
import { importableModules } from '../sandbox/worker/importable.ts';
import { transpile, type SourceFile } from '../sandbox/worker/transpile.ts';
import type { CourseExercise, CourseProblem } from './discover.ts';

type FileKind = keyof CourseExercise['files'];

export function compileProblems(exercises: readonly CourseExercise[]): CourseProblem[] {
  const problems: CourseProblem[] = [];
  for (const exercise of exercises) {
    const sources: [FileKind, string, SourceFile][] = [
      ['starter', exercise.starter, 'code'],
      ['solution', exercise.solution, 'code'],
      ['checks', exercise.checks, 'checks'],
    ];
    if (exercise.hiddenChecks !== undefined) sources.push(['hiddenChecks', exercise.hiddenChecks, 'checks']);
    for (const [kind, source, file] of sources) {
      const result = transpile(source, { file, modules: importableModules(file) });
      if (result.ok) continue;
      const at = result.error.position ? `:${result.error.position.line}:${result.error.position.column}` : '';
      problems.push({ file: `${exercise.files[kind]}${at}`, message: result.error.message });
    }
  }
  return problems;
}
