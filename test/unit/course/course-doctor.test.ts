/**
 * Broken lessons as teachers really write them, read by the course doctor
 * (src/course/discover.ts + compile-sources.ts, run by `npm run verify`):
 * every problem is listed at once, each naming its file and, where there is
 * one, the field, exercise or line. Fixture: test/fixtures/hostile/broken-lessons
 * (one lesson folder per problem, plus a healthy one).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProblems } from '../../../src/course/compile-sources.ts';
import { discoverCourse, type CourseProblem } from '../../../src/course/discover.ts';
import { loadCourseConfig } from '../../../src/course/load-config.ts';
import { childEnv } from '../../support/child-env.ts';

const LESSONS = 'test/fixtures/hostile/broken-lessons';
const course = await loadCourseConfig();
const { lessons, problems } = discoverCourse(LESSONS, course);
const about = (folder: string): CourseProblem[] => problems.filter((problem) => problem.file.includes(`/${folder}`));

describe('the course doctor on broken lessons', () => {
  it('names the file and the missing frontmatter field', () => {
    expect(about('01-missing-summary')).toEqual([
      { file: `${LESSONS}/01-missing-summary/index.mdx`, frontmatter: true, message: expect.stringMatching(/^Invalid frontmatter:\n- summary: .*expected string.*\(found nothing\)/) },
    ]);
  });

  it('names the file, the field, the expected type and what it found', () => {
    expect(about('02-wrong-type')).toEqual([
      { file: `${LESSONS}/02-wrong-type/index.mdx`, frontmatter: true, message: expect.stringMatching(/- minutes: .*expected number, received string \(found "ten"\)/) },
    ]);
  });

  it('names the exercise whose files are missing and every path it looked at', () => {
    const [problem, ...more] = about('03-missing-files');
    expect(more).toEqual([]);
    expect(problem!.file).toBe(`${LESSONS}/03-missing-files/index.mdx`);
    expect(problem!.message).toContain('<Exercise name="ghost" /> needs a starter, a solution and checks');
    expect(problem!.message).toContain(`${LESSONS}/03-missing-files/ghost.checks.ts`);
  });

  it('names a checks file that does not compile, with its line and column', () => {
    const exercises = lessons.flatMap((lesson) => lesson.exercises);
    expect(compileProblems(exercises)).toEqual([
      { file: `${LESSONS}/04-bad-checks/checks.ts:6:57`, message: 'Unexpected token, expected ";" (line 6, column 57)' },
    ]);
  });

  it('names an exercise used twice in one lesson', () => {
    expect(about('05-duplicate')).toEqual([
      { file: `${LESSONS}/05-duplicate/index.mdx`, message: '<Exercise name="same" /> appears more than once in this lesson.' },
    ]);
  });

  it('names a lesson folder without index.mdx instead of skipping it', () => {
    expect(about('06-no-index')).toEqual([{ file: `${LESSONS}/06-no-index`, message: expect.stringContaining('has no index.mdx') }]);
  });

  it('names a readsDrawings declaration that is not a switch, and how to write it', () => {
    expect(about('08-bad-reads-drawings')).toEqual([
      {
        file: `${LESSONS}/08-bad-reads-drawings/index.mdx`,
        message: `${LESSONS}/08-bad-reads-drawings/index.mdx: <Exercise name="draw" readsDrawings="yes" /> — readsDrawings is a switch: write readsDrawings (or readsDrawings={true}) when the exercise reads the learner's drawings, or leave it out.`,
      },
    ]);
  });

  it('finds nothing wrong with the healthy lesson, and nothing more than the above', () => {
    expect(about('07-ok')).toEqual([]);
    expect(problems).toHaveLength(6);
  });

  it('`npm run verify` lists them all, builds nothing and exits 1', () => {
    const result = spawnSync('node', ['scripts/verify.ts'], {
      env: childEnv({ TL_LESSONS_DIR: LESSONS, TL_OUT_DIR: '.tmp/hostile-doctor-dist' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('Building the site');
    expect(result.stderr).toContain('7 problem(s):');
    for (const folder of ['01-missing-summary', '02-wrong-type', '03-missing-files', '04-bad-checks/checks.ts:6:57', '05-duplicate', '06-no-index', '08-bad-reads-drawings']) {
      expect(result.stderr).toContain(`✗ ${resolve(LESSONS)}/${folder}`);
    }
  });
});
