/**
 * Which files make up an exercise. Pure and synchronous, so the Exercise
 * component (at build time) and the course doctor share one rule.
 *
 * The rule: a lesson with several exercises names its files after each one
 * (`replace-head.starter.ts`, `replace-head.solution.ts`,
 * `replace-head.checks.ts`); a one-exercise lesson may use plain `starter.ts`,
 * `solution.ts`, `checks.ts`. The two sets are never mixed: as soon as one
 * `<name>.*.ts` file exists the exercise uses the named set, so exercise B can
 * never pick up the plain files that belong to exercise A.
 *
 * `checks.hidden.ts` (or `<name>.checks.hidden.ts`) holds the teacher's extra
 * checks: its path is reported for teacher tools, but the page never reads it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const FILE_KINDS = ['starter', 'solution', 'checks'] as const;
export type ExerciseFileKind = (typeof FILE_KINDS)[number];

export interface ExerciseFiles {
  starter: string;
  solution: string;
  checks: string;
  /** The teacher-only hidden checks, when present. Never read into a page. */
  hiddenChecks?: string;
  /** Whether the files are named after the exercise or are the plain one-exercise set. */
  naming: 'named' | 'plain';
}

/**
 * `<Exercise readsDrawings />`: the exercise reads the learner's drawings
 * (`datasets.drawings()`), so the teacher tools and the lesson tests run it with
 * the course's sample drawings. A switch: present (or `={true}`), or left out.
 */
export function readsDrawingsProblem(lessonFile: string, name: string, written: string): string {
  return `${lessonFile}: <Exercise name="${name}" readsDrawings${written} /> — readsDrawings is a switch: write readsDrawings (or readsDrawings={true}) when the exercise reads the learner's drawings, or leave it out.`;
}

/** Exercise names become file names, storage keys and URLs: keep them simple. */
export const EXERCISE_NAME = /^[a-z0-9][a-z0-9-]*$/;

export class ExerciseFilesError extends Error {
  override name = 'ExerciseFilesError';
}

export function exerciseId(lessonId: string, name: string): string {
  return `${lessonId}/${name}`;
}

function candidates(lessonDir: string, name: string) {
  const named = (kind: string) => join(lessonDir, `${name}.${kind}.ts`);
  const plain = (kind: string) => join(lessonDir, `${kind}.ts`);
  return { named, plain };
}

/**
 * Finds the starter, solution and checks of exercise `name` in `lessonDir`.
 * Throws an ExerciseFilesError naming the lesson file, the exercise and every
 * path it looked at when one is missing.
 */
export function resolveExerciseFiles(
  lessonDir: string,
  name: string,
  exists: (path: string) => boolean = existsSync,
): ExerciseFiles {
  const lessonFile = join(lessonDir, 'index.mdx');
  if (!EXERCISE_NAME.test(name)) {
    throw new ExerciseFilesError(
      `${lessonFile}: <Exercise name="${name}" /> — an exercise name uses lowercase letters, digits and dashes, e.g. "replace-head".`,
    );
  }
  const { named, plain } = candidates(lessonDir, name);
  const namedFiles = [...FILE_KINDS, 'checks.hidden'].map(named);
  const naming = namedFiles.some((path) => exists(path)) ? 'named' : 'plain';
  const pick = naming === 'named' ? named : plain;

  const missing = FILE_KINDS.filter((kind) => !exists(pick(kind)));
  if (missing.length > 0) {
    const lookedAt = FILE_KINDS.flatMap((kind) => [named(kind), plain(kind)]);
    const rule =
      naming === 'named'
        ? `Some files are named after the exercise, so all three must be: ${missing.map((kind) => `${name}.${kind}.ts`).join(', ')} missing.`
        : `Missing: ${missing.map((kind) => `${kind}.ts`).join(', ')} (or ${missing.map((kind) => `${name}.${kind}.ts`).join(', ')}).`;
    throw new ExerciseFilesError(
      `${lessonFile}: <Exercise name="${name}" /> needs a starter, a solution and checks beside the lesson. ${rule}\nLooked for:\n${lookedAt.map((path) => `  ${path}${exists(path) ? '  (found)' : ''}`).join('\n')}`,
    );
  }

  const hidden = pick('checks.hidden');
  return {
    starter: pick('starter'),
    solution: pick('solution'),
    checks: pick('checks'),
    ...(exists(hidden) ? { hiddenChecks: hidden } : {}),
    naming,
  };
}

/**
 * The exercise names used in a lesson's MDX, in order (`<Exercise name="x" />`).
 * For navigation (how many exercises a lesson has) and the course doctor.
 */
export function exerciseNamesInMdx(mdx: string): string[] {
  const names: string[] = [];
  for (const match of mdx.matchAll(/<Exercise\b[^>]*?\bname\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = match[1] ?? match[2] ?? '';
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
