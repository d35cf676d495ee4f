/**
 * A teacher's copy of the course (issue 7): its own config (title, id, base
 * path /ml-course/, solutions never, a hidden lesson), its own lessons (one
 * with hidden checks), built, verified, served under its base path, and
 * regraded from fixture submissions.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectClean, launchBrowser, offlineSettled, watch } from './harness.ts';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.ts';
import { childEnv } from '../support/child-env.ts';

const FIXTURE = 'test/fixtures/teacher-copy';
const OUT = '.tmp/teacher-dist';
const env = childEnv({
  TL_COURSE_CONFIG: `${FIXTURE}/course.config.ts`,
  TL_LESSONS_DIR: `${FIXTURE}/lessons`,
  TL_OUT_DIR: OUT,
});

function npm(args: string[]) {
  const result = spawnSync('npm', args, { env, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  rmSync(`${OUT}-cache`, { recursive: true, force: true });
  const build = npm(['run', 'build']);
  expect(build.status, build.output).toBe(0);
  server = await startStaticServer({ dir: OUT, base: '/ml-course/' });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a teacher copy built under /ml-course/', () => {
  it('shows its own title and only its published lessons, with every link under the base path', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await page.goto(server.url);
    await offlineSettled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Machine Learning 101: Transfer');
    const links = await page.locator('.lesson-cards a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(links).toEqual(['/ml-course/lessons/first-steps/', '/ml-course/lessons/extra-lesson/']);
    await expect(page.getByText('CC BY 4.0 Example University').count()).resolves.toBe(1);
    await page.getByRole('link', { name: /Start/ }).click();
    await page.waitForURL(/\/ml-course\/lessons\/first-steps\/$/);
    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForURL(/\/ml-course\/lessons\/extra-lesson\/$/);
    expectClean(page);
    await context.close();
  });

  it('runs an exercise that loads the pretrained model from under the base path', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.url}lessons/extra-lesson/`);
    await offlineSettled(page);
    const block = page.locator('[data-exercise="extra-lesson/count-layers"]');
    await block.getByRole('button', { name: 'Run' }).click();
    await page.waitForFunction(() => ['failed', 'passed', 'error'].includes(document.querySelector('[data-exercise="extra-lesson/count-layers"]')!.getAttribute('data-state')!), null, { timeout: 60_000 });
    // The starter loads the model (so the model files resolved) and fails its check.
    expect(await block.getAttribute('data-state')).toBe('failed');
    await expect(block.getByRole('log').textContent()).resolves.not.toMatch(/error/i);
    expectClean(page);
    await context.close();
  });

  it('never ships solutions or hidden checks when the policy is "never"', () => {
    const solution = readFileSync(`${FIXTURE}/lessons/02-extra-lesson/count-layers.solution.ts`, 'utf8');
    const hidden = readFileSync(`${FIXTURE}/lessons/01-first-steps/checks.hidden.ts`, 'utf8');
    for (const file of allFiles(OUT).filter((f) => /\.(html|js|json)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes('base.layers.length;'), `${file} contains solution code`).toBe(false);
      expect(text.includes('answer is printed'), `${file} contains a hidden check`).toBe(false);
    }
    expect(solution).toContain('base.layers.length;');
    expect(hidden).toContain('answer is printed');
  });

  it('passes the course doctor', () => {
    const verify = npm(['run', 'verify', '--', '--skip-build']);
    expect(verify.status, verify.output).toBe(0);
    expect(verify.output).toContain('| first-steps/answer | 2 | passes |');
    expect(verify.output).toContain('| extra-lesson/count-layers | 2 | passes |');
  });

  it('regrades submissions with hidden checks, ignoring claims and surviving hostile files', () => {
    const out = '.tmp/teacher-grades';
    rmSync(out, { recursive: true, force: true });
    const grade = npm(['run', 'grade', '--', `${FIXTURE}/submissions`, '--out', out, '--skip-build']);
    expect(grade.status, grade.output).toBe(0);
    const lines = readFileSync(`${out}/grades.csv`, 'utf8').trim().split(/\r?\n/);
    const table = lines.map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
    const header = table[0]!;
    const row = (learner: string) => Object.fromEntries(header.map((name, i) => [name, table.find((r) => r[0] === learner)?.[i] ?? '']));
    expect(table.map((r) => r[0])).toEqual(['learner', 'alice', 'bob', 'carol', 'dave', 'eve', 'frank', 'mallory']);
    expect(header.slice(0, 5)).toEqual(['learner', 'file', 'course version', 'first-steps/answer', 'first-steps/answer points']);
    expect(header).toContain('first-steps/answer: [hidden] answer is printed');
    expect(row('alice')).toMatchObject({ 'first-steps/answer': 'pass', 'first-steps/answer points': '2/2', 'extra-lesson/count-layers': 'pass', 'exercises passed': '2/2', error: '' });
    expect(row('bob')).toMatchObject({ 'first-steps/answer': 'fail', 'first-steps/answer points': '0/2', 'exercises passed': '1/2' });
    // Passes the visible check, fails the hidden one: one point of two.
    expect(row('carol')).toMatchObject({ 'first-steps/answer': 'fail', 'first-steps/answer points': '1/2', 'first-steps/answer: [hidden] answer is printed': 'fail', 'exercises passed': '1/2' });
    expect(row('dave')).toMatchObject({ 'first-steps/answer': '', error: 'the file is not JSON.' });
    // An endless loop hits the time limit; the batch goes on.
    expect(row('eve')).toMatchObject({ 'first-steps/answer': 'error', 'extra-lesson/count-layers': 'pass', 'exercises passed': '1/2' });
    expect(row('frank').error).toMatch(/another course/);
    // Forged messages and "passed: true" claims count for nothing.
    expect(row('mallory')).toMatchObject({ 'first-steps/answer': 'fail', 'first-steps/answer points': '0/2', 'exercises passed': '1/2' });
    const report = readFileSync(`${out}/grades-report.md`, 'utf8');
    expect(report).toContain('[hidden] answer is printed');
    expect(report).toMatch(/## eve[\s\S]*timeout/);
  });
});
