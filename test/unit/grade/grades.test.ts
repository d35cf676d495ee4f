/**
 * The grader's outputs without a browser (scripts/course/grades.ts): points per exercise and a
 * column per check, the report's failed-check messages, shards that cover a folder exactly
 * once, and merged shards that give the CSV of one run.
 */
import { describe, expect, it } from 'vitest';
import {
  csvOf,
  mergeGrades,
  parseShard,
  reportOf,
  shardFiles,
  type GradesFile,
  type GradingPlan,
  type SubmissionGrade,
} from '../../../scripts/course/grades.ts';

const plan: GradingPlan = {
  courseTitle: 'Course',
  courseVersion: 'v2',
  exercises: [
    {
      id: 'a/one',
      version: 'e1',
      holdoutModel: 'model',
      checks: [
        { title: 'shape', points: 1, hidden: false },
        { title: 'accuracy', points: 3, hidden: false },
        { title: 'secret', points: 2, hidden: true },
      ],
    },
    { id: 'b/two', version: 'e2', checks: [{ title: 'prints', points: 1, hidden: false }] },
  ],
};

function submission(name: string, passing: string[], extra: Partial<SubmissionGrade> = {}): SubmissionGrade {
  const checks = plan.exercises[0]!.checks.map((c) => ({
    title: c.title,
    points: c.points,
    status: passing.includes(c.title) ? ('pass' as const) : ('fail' as const),
    ...(c.hidden ? { hidden: true } : {}),
    ...(passing.includes(c.title) ? {} : { message: `${c.title} is wrong`, hint: `fix ${c.title}` }),
  }));
  return {
    learner: name,
    file: `${name}.json`,
    courseVersion: 'v2',
    seconds: 1,
    exercises: [
      {
        exercise: 'a/one',
        status: checks.every((c) => c.status === 'pass') ? 'pass' : 'fail',
        points: checks.reduce((s, c) => s + (c.status === 'pass' ? c.points : 0), 0),
        maxPoints: 6,
        checks,
        holdout: { exportName: 'model', holdout: 0.61234, siteTest: 0.65 },
      },
      { exercise: 'b/two', status: 'missing', points: 0, maxPoints: 1, checks: [], problem: 'No code submitted.' },
    ],
    ...extra,
  };
}

describe('grades.csv', () => {
  it('has points per exercise, holdout and site-test accuracy, and one column per check', () => {
    const csv = csvOf(plan, [submission('ann', ['shape', 'accuracy']), { ...submission('old', ['shape']), courseVersion: 'unknown' }]);
    const [header, ann, old] = csv.trim().split('\r\n');
    expect(header).toBe(
      'learner,file,course version,a/one,a/one points,a/one holdout accuracy,a/one site test accuracy,a/one: shape,a/one: accuracy,a/one: [hidden] secret,b/two,b/two points,b/two: prints,exercises passed,points,max points,error',
    );
    expect(ann).toBe('ann,ann.json,v2 (current),fail,4/6,0.6123,0.6500,pass,pass,fail,missing,0/1,,0/2,4,7,');
    expect(old).toBe('old,old.json,unknown,fail,1/6,0.6123,0.6500,pass,fail,fail,missing,0/1,,0/2,1,7,');
  });

  it('an unreadable file gets its error and empty cells', () => {
    const csv = csvOf(plan, [{ learner: 'x', file: 'x.json', error: 'the file is not JSON.', exercises: [], seconds: 0 }]);
    expect(csv.trim().split('\r\n')[1]).toBe('x,x.json,,,,,,,,,,,,,,,the file is not JSON.');
  });
});

describe('grades-report.md', () => {
  it("gives each learner the messages and hints of the checks they failed, hidden ones marked, with their points", () => {
    const report = reportOf(plan, [submission('ann', ['shape'], { courseVersion: 'v1' })], '2026-01-01T00:00:00Z');
    expect(report).toContain('## ann');
    expect(report).toContain('Submitted from course version v1; graded against v2.');
    expect(report).toContain('- ❌ `a/one`: fail, 1/6 points; holdout 61.2% vs site test 65.0% (`model`)');
    expect(report).toContain('  - accuracy (3 points): accuracy is wrong Hint: fix accuracy');
    expect(report).toContain('  - [hidden] secret (2 points): secret is wrong Hint: fix secret');
    expect(report).not.toContain('shape is wrong');
  });
});

describe('shards', () => {
  const files = Array.from({ length: 11 }, (_, i) => `learner-${i + 1}.json`);

  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(/--shard takes i\/n/);
  });

  it('n shards cover the folder exactly once, in order, sizes within one', () => {
    for (const total of [1, 2, 3, 4, 11, 12]) {
      const parts = Array.from({ length: total }, (_, i) => shardFiles(files, { index: i + 1, total }));
      expect(parts.flat()).toEqual([...files].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('merged shards give the CSV of one run', () => {
    const grades = files.map((file, i) => submission(file.replace('.json', ''), i % 2 ? ['shape'] : ['shape', 'accuracy', 'secret']));
    const one: GradesFile = { format: 'transfer-lab-grades', plan, grades };
    const shardOf = (index: number): GradesFile => {
      const mine = new Set(shardFiles(files, { index, total: 2 }));
      return { format: 'transfer-lab-grades', plan, shard: { index, total: 2 }, grades: grades.filter((g) => mine.has(g.file)) };
    };
    const merged = mergeGrades([shardOf(2), shardOf(1)]);
    expect(csvOf(merged.plan, merged.grades)).toBe(csvOf(plan, one.grades));
  });

  it('refuses shards of another build, overlapping shards and a missing shard', () => {
    const a: GradesFile = { format: 'transfer-lab-grades', plan, shard: { index: 1, total: 2 }, grades: [submission('a', [])] };
    const b: GradesFile = { format: 'transfer-lab-grades', plan: { ...plan, courseVersion: 'v3' }, shard: { index: 2, total: 2 }, grades: [] };
    expect(() => mergeGrades([a, b])).toThrow(/another build of the course/);
    expect(() => mergeGrades([a, { ...a, shard: { index: 2, total: 2 } }])).toThrow(/a\.json was graded in folder 1 and in folder 2/);
    expect(() => mergeGrades([a])).toThrow(/shard 2\/2 missing/);
  });
});
