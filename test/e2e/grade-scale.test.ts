/**
 * `npm run grade` at scale (issue 17 items 5 and 7) on the real course's built site: submissions
 * graded with --jobs 2 give one CSV; the same folder graded as --shard 1/2 and 2/2 and joined with
 * --merge gives the same CSV, byte for byte. The submissions (test/support/work-files.ts, --small)
 * fill only exercises that train nothing, so every run of them gives the same verdicts.
 * Also: points and a column per check, the course version of each file, the report's messages.
 *
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/grade-scale.test.ts   (after npm run build)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeWorkFiles } from '../support/work-files.ts';
import { childEnv } from '../support/child-env.ts';

const ROOT = '.tmp/grade-scale';
const SUBMISSIONS = `${ROOT}/submissions`;
const env = childEnv(process.env.TL_DIST ? { TL_OUT_DIR: process.env.TL_DIST } : {});

function grade(args: string[]): string {
  const run = spawnSync('node', ['scripts/grade.ts', ...args], { env, encoding: 'utf8', timeout: 600_000 });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.status, output).toBe(0);
  return output;
}

let one: string;
let report: string;

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  await writeWorkFiles(SUBMISSIONS, { small: true, copies: 2 });
  grade([SUBMISSIONS, '--out', `${ROOT}/one`, '--skip-build', '--jobs', '2']);
  one = readFileSync(`${ROOT}/one/grades.csv`, 'utf8');
  report = readFileSync(`${ROOT}/one/grades-report.md`, 'utf8');
}, 600_000);

const rows = (csv: string) => csv.trim().split(/\r?\n/).map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));

describe('grading at scale', () => {
  it('two shards merged give the CSV of one run', () => {
    grade([SUBMISSIONS, '--out', `${ROOT}/shard-1`, '--skip-build', '--shard', '1/2']);
    grade([SUBMISSIONS, '--out', `${ROOT}/shard-2`, '--skip-build', '--shard', '2/2']);
    const merged = grade(['--merge', `${ROOT}/shard-2`, `${ROOT}/shard-1`, '--out', `${ROOT}/merged`]);
    expect(merged).toContain('Merged 2 folder(s): 6 submission(s)');
    expect(readFileSync(`${ROOT}/merged/grades.csv`, 'utf8')).toBe(one);
  }, 600_000);

  it('a merge with a shard missing is refused with the reason', () => {
    const run = spawnSync('node', ['scripts/grade.ts', '--merge', `${ROOT}/shard-1`, '--out', `${ROOT}/bad`], { env, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('shard 2/2 missing from the merge');
  });

  it('has points per exercise, a column per check and the course version of each file', () => {
    const [header, ...body] = rows(one);
    const ada = Object.fromEntries(header!.map((name, i) => [name, body.find((r) => r[0] === 'ada')![i]]));
    const ben = Object.fromEntries(header!.map((name, i) => [name, body.find((r) => r[0] === 'ben')![i]]));
    const old = Object.fromEntries(header!.map((name, i) => [name, body.find((r) => r[0] === 'old')![i]]));
    expect(ada['what-is-transfer-learning/list-layers']).toBe('pass');
    expect(ada['what-is-transfer-learning/list-layers points']).toBe('2/2');
    expect(ada['what-is-transfer-learning/list-layers: Every layer name was printed']).toBe('pass');
    expect(ben['what-is-transfer-learning/list-layers points']).toBe('0/2');
    expect(ben['what-is-transfer-learning/list-layers: Every layer name was printed']).toBe('fail');
    expect(ada['course version']).toMatch(/^[0-9a-f]{14} \(current\)$/);
    expect(old['course version']).toBe('unknown');
    expect(header).toContain('transfer-learning-in-action/end-to-end holdout accuracy');
    expect(header).toContain('transfer-learning-in-action/end-to-end site test accuracy');
  });

  it("the report gives each learner the failed checks' messages and hints", () => {
    const ben = report.split(/^## /m).find((part) => part.startsWith('ben\n'))!;
    expect(ben).toMatch(/- ❌ `what-is-transfer-learning\/list-layers`: fail, 0\/2 points/);
    expect(ben).toMatch(/layerNames lists every layer of the model, in order \(1 point\): layerNames: .* Hint: /);
    const old = report.split(/^## /m).find((part) => part.startsWith('old\n'))!;
    expect(old).toContain('Submitted from course version unknown (a work file from before course versions)');
  });
});
