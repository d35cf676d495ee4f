/**
 * `<Exercise readsDrawings>` declares that an exercise reads the learner's
 * drawings (the tools then run it with the course's sample drawings): read
 * from the declaration, never guessed from the code.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverCourse } from '../../../src/course/discover.ts';
import { courseSchema } from '../../../src/schemas/course-config.ts';

const course = courseSchema.parse({});

function lessonWith(tag: string, solution = 'export const answer = 42;\n'): ReturnType<typeof discoverCourse> {
  const lessons = mkdtempSync(join(tmpdir(), 'reads-drawings-'));
  cpSync('test/fixtures/hostile/broken-lessons/07-ok', join(lessons, '01-one'), { recursive: true });
  writeFileSync(join(lessons, '01-one/index.mdx'), `---\ntitle: One\nsummary: One lesson.\n---\n\n${tag}\n`);
  writeFileSync(join(lessons, '01-one/solution.ts'), solution);
  return discoverCourse(lessons, course);
}

const declared = (tag: string, solution?: string) => lessonWith(tag, solution).lessons[0]?.exercises[0]?.readsDrawings;

describe('readsDrawings on <Exercise>', () => {
  it('is true when written as a switch or ={true}, false when absent or ={false}', () => {
    expect(declared('<Exercise name="fine" readsDrawings />')).toBe(true);
    expect(declared('<Exercise name="fine" readsDrawings={true} title="x" />')).toBe(true);
    expect(declared('<Exercise name="fine" readsDrawings={ false } />')).toBe(false);
    expect(declared('<Exercise name="fine" />')).toBe(false);
  });

  it('is not guessed from the code: a solution calling datasets.drawings() without the declaration is not marked', () => {
    expect(declared('<Exercise name="fine" />', "import { datasets } from 'lab';\nexport const mine = await datasets.drawings();\n")).toBe(false);
  });

  it('anything else is a problem naming the lesson, the exercise and how to write it', () => {
    const { lessons, problems } = lessonWith('<Exercise name="fine" readsDrawings={1} />');
    expect(lessons[0]?.exercises).toEqual([]);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/01-one\/index\.mdx: <Exercise name="fine" readsDrawings=\{1\} \/> — readsDrawings is a switch: write readsDrawings/),
    ]);
  });

  it('lesson 7, whose exercise reads the learner drawings, declares it', () => {
    expect(readFileSync('lessons/07-your-own-data/index.mdx', 'utf8')).toMatch(/<Exercise name="own-data"[^>]*\breadsDrawings\b/);
    const { lessons } = discoverCourse('lessons', course);
    const marked = lessons.flatMap((lesson) => lesson.exercises).filter((exercise) => exercise.readsDrawings).map((exercise) => exercise.id);
    expect(marked).toEqual(['your-own-data/own-data']);
  });
});
