/**
 * Broken lessons at build time (`astro build`), built from folders of
 * test/fixtures/hostile/broken-lessons copied into a temporary course, the
 * way test/unit/build/broken-lesson.test.ts builds its fixture. Frontmatter
 * errors are covered there; the course doctor's view of every case is in
 * course-doctor.test.ts.
 *
 * The course integration (src/integrations/course-build.ts) runs the course
 * doctor's discovery and compile steps when the build starts, so the build
 * stops on what the content collection cannot see, naming every problem.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from '../../support/child-env.ts';

const FIXTURE = resolve('test/fixtures/hostile/broken-lessons');

function build(name: string, folders: string[]): { status: number | null; output: string; lessons: string } {
  const root = resolve(`.tmp/hostile-build-${name}`);
  const lessons = join(root, 'lessons');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(lessons, { recursive: true });
  for (const folder of folders) cpSync(join(FIXTURE, folder), join(lessons, folder), { recursive: true });
  const result = spawnSync('npx', ['astro', 'build'], {
    env: childEnv({ TL_LESSONS_DIR: lessons, TL_OUT_DIR: join(root, 'dist') }),
    encoding: 'utf8',
    timeout: 280_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, lessons };
}

describe('an exercise whose files are missing', () => {
  it('stops the build naming the lesson file, the exercise and the paths looked at', () => {
    const { status, output, lessons } = build('missing-files', ['03-missing-files', '07-ok']);
    expect(status).not.toBe(0);
    expect(output).toContain(`${lessons}/03-missing-files/index.mdx: <Exercise name="ghost" /> needs a starter, a solution and checks`);
    expect(output).toContain(`${lessons}/03-missing-files/ghost.starter.ts`);
  }, 300_000);
});

describe('problems only the course doctor can see stop the build too', () => {
  let result: ReturnType<typeof build>;
  beforeAll(() => {
    result = build('quiet', ['04-bad-checks', '05-duplicate', '06-no-index', '07-ok', '08-bad-reads-drawings']);
  }, 300_000);

  it('a checks.ts that does not compile fails the build, naming file:line:column', () => {
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`${result.lessons}/04-bad-checks/checks.ts:6:57`);
  });

  it('a readsDrawings declaration that is not a switch fails the build, saying how to write it', () => {
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('08-bad-reads-drawings/index.mdx: <Exercise name="draw" readsDrawings="yes" /> — readsDrawings is a switch');
  });

  it('an exercise name used twice in one lesson fails the build, naming it', () => {
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/05-duplicate\/index\.mdx\s+<Exercise name="same" \/> appears more than once/);
  });

  it('a lesson folder without index.mdx is named, not silently left out', () => {
    expect(result.output).toContain(`${result.lessons}/06-no-index`);
  });

  it('names all four at once, and nothing about the healthy lesson', () => {
    expect(result.output).toContain('The course has 4 problem(s)');
    expect(result.output).not.toContain('07-ok');
  });
});
