import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  ExerciseFilesError,
  exerciseId,
  exerciseNamesInMdx,
  resolveExerciseFiles,
} from '../../../src/course/exercise-files.ts';

const DIR = '/course/lessons/03-modify-the-model';
const existing = (...names: string[]) => {
  const paths = new Set(names.map((name) => join(DIR, name)));
  return (path: string) => paths.has(path);
};

describe('resolveExerciseFiles', () => {
  it('uses the plain files of a one-exercise lesson', () => {
    const files = resolveExerciseFiles(DIR, 'replace-head', existing('starter.ts', 'solution.ts', 'checks.ts'));
    expect(files).toEqual({
      starter: join(DIR, 'starter.ts'),
      solution: join(DIR, 'solution.ts'),
      checks: join(DIR, 'checks.ts'),
      naming: 'plain',
    });
  });

  it('prefers files named after the exercise', () => {
    const files = resolveExerciseFiles(
      DIR,
      'freeze',
      existing('freeze.starter.ts', 'freeze.solution.ts', 'freeze.checks.ts', 'starter.ts', 'solution.ts', 'checks.ts'),
    );
    expect(files.starter).toBe(join(DIR, 'freeze.starter.ts'));
    expect(files.naming).toBe('named');
  });

  it('never mixes named and plain files', () => {
    const exists = existing('freeze.starter.ts', 'solution.ts', 'checks.ts');
    expect(() => resolveExerciseFiles(DIR, 'freeze', exists)).toThrow(/freeze\.solution\.ts, freeze\.checks\.ts missing/);
  });

  it('reports the lesson file, the exercise and every path it looked at', () => {
    let error: unknown;
    try {
      resolveExerciseFiles(DIR, 'replace-head', existing('starter.ts'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExerciseFilesError);
    const message = (error as Error).message;
    expect(message).toContain(join(DIR, 'index.mdx'));
    expect(message).toContain('<Exercise name="replace-head" />');
    expect(message).toContain('Missing: solution.ts, checks.ts');
    for (const name of ['replace-head.starter.ts', 'replace-head.solution.ts', 'replace-head.checks.ts', 'checks.ts']) {
      expect(message).toContain(join(DIR, name));
    }
    expect(message).toContain(`${join(DIR, 'starter.ts')}  (found)`);
  });

  it('reports hidden checks by path only, from the same set', () => {
    const plain = resolveExerciseFiles(DIR, 'a', existing('starter.ts', 'solution.ts', 'checks.ts', 'checks.hidden.ts'));
    expect(plain.hiddenChecks).toBe(join(DIR, 'checks.hidden.ts'));
    const named = resolveExerciseFiles(
      DIR,
      'b',
      existing('b.starter.ts', 'b.solution.ts', 'b.checks.ts', 'checks.hidden.ts'),
    );
    expect(named.hiddenChecks).toBeUndefined();
  });

  it('rejects names that cannot be file names or storage keys', () => {
    expect(() => resolveExerciseFiles(DIR, 'Replace Head', existing())).toThrow(/lowercase letters, digits and dashes/);
    expect(() => resolveExerciseFiles(DIR, '../x', existing())).toThrow(ExerciseFilesError);
  });
});

describe('exercise ids and names in MDX', () => {
  it('joins lesson and exercise', () => {
    expect(exerciseId('modify-the-model', 'replace-head')).toBe('modify-the-model/replace-head');
  });

  it('lists exercise names in order, once each', () => {
    const mdx = `# Lesson\n<Exercise name="a" />\ntext\n<Exercise title="Two" name='b' timeLimit={30} />\n<Exercise name="a" />`;
    expect(exerciseNamesInMdx(mdx)).toEqual(['a', 'b']);
    expect(exerciseNamesInMdx('no exercises')).toEqual([]);
  });
});
