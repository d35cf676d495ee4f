/**
 * The teacher's grader (`npm run grade`) against hostile submissions
 * (issue 9), on the hostile fixture course (built once for all
 * hostile*.test.ts files): a submission slower than the time limit, one
 * that fills the JavaScript heap until its tab dies, one that exhausts
 * buffer memory, a flood of output, every forgery we know of, code for
 * exercises that do not exist and a file far too big. Each gets its row;
 * the batch goes on; nothing marks itself as passing.
 *
 * The malformed, truncated and other-course files, an endless loop and
 * forged messages are covered by test/e2e/teacher-copy.test.ts.
 *
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/hostile-grade.test.ts
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHostileCourse, hostileEnv } from '../fixtures/hostile/build.ts';

const SUBMISSIONS = '.tmp/hostile-grade/submissions';
const OUT = '.tmp/hostile-grade/out';
/** Caps each grading tab's JavaScript heap (scripts/lib/chromium.ts), so the heap-filling submission dies at 512 MB, not 4 GB. */
const HEAP_MB = '512';

let rows: string[][] = [];
let report = '';
let output = '';
let seconds = 0;

beforeAll(() => {
  buildHostileCourse();
  rmSync('.tmp/hostile-grade', { recursive: true, force: true });
  cpSync('test/fixtures/hostile/submissions', SUBMISSIONS, { recursive: true });
  // Too big to be a work file (the grader's limit is 5 MB); made here, not kept in the repository.
  const huge = { format: 'transfer-lab-work', version: 1, course: 'hostile-fixture', savedAt: '2026-11-20T10:00:00.000Z', exercises: {} };
  writeFileSync(`${SUBMISSIONS}/09-huge.json`, JSON.stringify(huge) + ' '.repeat(6_000_000));
  const started = Date.now();
  const grade = spawnSync('node', ['scripts/grade.ts', SUBMISSIONS, '--out', OUT, '--skip-build'], {
    env: { ...hostileEnv(), CHROMIUM_JS_HEAP_MB: HEAP_MB },
    encoding: 'utf8',
    timeout: 400_000,
  });
  seconds = (Date.now() - started) / 1000;
  output = `${grade.stdout}\n${grade.stderr}`;
  expect(grade.status, output).toBe(0);
  rows = readFileSync(`${OUT}/grades.csv`, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
  report = readFileSync(`${OUT}/grades-report.md`, 'utf8');
  console.log(`Graded 9 hostile submissions in ${seconds.toFixed(1)} s. ${grade.stdout.trim().split('\n').at(-2)}`);
}, 420_000);

const row = (learner: string): Record<string, string> => {
  const header = rows[0]!;
  const found = rows.find((cells) => cells[0] === learner);
  if (!found) throw new Error(`No row for ${learner} in:\n${rows.map((r) => r.join(',')).join('\n')}`);
  return Object.fromEntries(header.map((name, i) => [name, found[i] ?? '']));
};

/** The part of the report about one learner. */
const section = (learner: string): string => report.split(/^## /m).find((part) => part.startsWith(`${learner}\n`)) ?? '';

describe('grading hostile submissions', () => {
  it('gives every file a row, in order, with one column per exercise of the course', () => {
    // Per exercise: its status, its points and one column per check (scripts/course/grades.ts).
    expect(rows[0]).toEqual([
      'learner', 'file', 'course version',
      'sandbox/answer', 'sandbox/answer points', 'sandbox/answer: answer is 42',
      'sandbox/flood', 'sandbox/flood points', 'sandbox/flood: Prints at most ten lines',
      'sandbox/huge-tensor', 'sandbox/huge-tensor points', 'sandbox/huge-tensor: Exports a tensor of a thousand elements',
      'sandbox/endless-fit', 'sandbox/endless-fit points', 'sandbox/endless-fit: Trains for at most 10 epochs',
      'second/echo', 'second/echo points', 'second/echo: Prints hello',
      'exercises passed', 'points', 'max points', 'error',
    ]);
    expect(rows.slice(1).map((cells) => cells[0])).toEqual([
      '01-honest', '02-slow', '03-heap', '04-after-crash', '05-buffers', '06-flood', '07-forger', '08-ghost', '09-huge',
    ]);
    expect(row('01-honest')).toMatchObject({ 'sandbox/answer': 'pass', 'sandbox/answer points': '1/1', 'second/echo': 'pass', 'sandbox/flood': 'missing', 'exercises passed': '2/5', points: '2', 'max points': '5' });
  });

  it('a submission slower than the time limit: an error row saying so', () => {
    expect(row('02-slow')).toMatchObject({ 'sandbox/answer': 'error', 'exercises passed': '0/5', error: '' });
    expect(section('02-slow')).toMatch(/timeout: Your code ran longer than the 5 s limit/);
  });

  it('a submission that fills the heap until its tab dies: an error row, and the batch goes on', () => {
    expect(row('03-heap')).toMatchObject({ 'sandbox/answer': 'error', 'exercises passed': '0/5' });
    expect(section('03-heap')).toMatch(/The browser tab crashed|crash: The sandbox/);
    expect(row('04-after-crash')).toMatchObject({ 'sandbox/answer': 'pass', 'sandbox/answer points': '1/1', 'exercises passed': '1/5' });
  });

  it('a submission that exhausts buffer memory: an error row with the explanation', () => {
    expect(row('05-buffers')).toMatchObject({ 'sandbox/answer': 'error' });
    expect(section('05-buffers')).toMatch(/run: Array buffer allocation failed: the browser has no memory left/);
  });

  it('three million lines of output do not get in the way of grading', () => {
    expect(row('06-flood')).toMatchObject({ 'sandbox/answer': 'pass' });
    expect(report.length).toBeLessThan(20_000);
  });

  it('forged messages, tampered built-ins, a patched engine and "passed: true" count for nothing', () => {
    expect(row('07-forger')).toMatchObject({ 'sandbox/answer': 'fail', 'sandbox/answer points': '0/1', 'sandbox/answer: answer is 42': 'fail', 'exercises passed': '0/5' });
    // The forger replaces Object.is, a watched built-in: the check fails as untrusted, naming it (src/grading/README.md).
    expect(section('07-forger')).toContain('answer is 42 (1 point): This check cannot be trusted: your code replaced the built-in `Object.is`. Remove that change and run again.');
  });

  it('code for exercises the course does not have is never run, and the report lists it for the teacher', () => {
    expect(row('08-ghost')).toMatchObject({ 'sandbox/answer': 'pass', 'exercises passed': '1/5', error: '' });
    // Its endless loop would have been an error row (or a hang) had it run.
    expect(section('08-ghost')).toContain('Not graded, not exercises of this course (renamed or removed?): `sandbox/deleted-exercise`, `no-such-lesson/ghost`');
    expect(section('01-honest')).not.toContain('Not graded');
  });

  it('a file too big to be a work file is refused unread, with its size', () => {
    expect(row('09-huge')).toMatchObject({ 'sandbox/answer': '', 'exercises passed': '', error: 'File too large (6.0 MB): not a work file.' });
  });
});
