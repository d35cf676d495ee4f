/**
 * `npm run dev` runs exercises, and a teacher's edits show without a restart
 * (issue 13, "Teachers edit live"). Starts `astro dev` on a fixture course
 * copied under .tmp/ (never a real lesson), runs its exercise in Chromium,
 * edits the checks.ts, the starter and the MDX, and sees each change on the
 * next page load, from the same server (no restart, no rebuild).
 *
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/dev-server.test.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from './harness.ts';
import { childEnv } from '../support/child-env.ts';

const ROOT = resolve('.tmp/e2e-dev');
const LESSON = join(ROOT, 'lessons/01-live');
const EXERCISE = 'live/answer';

const CHECKS = (wanted: number) => `import { defineChecks, expect } from 'grading';
export default defineChecks([
  { title: 'answer is ${wanted}', test: ({ exports }) => expect(expect.exported(exports, 'answer')).toBe(${wanted}, 'answer') },
]);
`;

function writeFixture(): void {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(LESSON, { recursive: true });
  writeFileSync(
    join(ROOT, 'course.config.ts'),
    `import { defineCourse } from '${resolve('src/schemas/course-config.ts')}';
export default defineCourse({ id: 'dev-fixture', title: 'Dev fixture', base: '/', solutions: 'always', timeLimitSeconds: 60 });
`,
  );
  writeFileSync(join(LESSON, 'index.mdx'), `---\ntitle: Live\nsummary: An exercise edited while the dev server runs.\n---\n\nFirst version of the prose.\n\n<Exercise name="answer" />\n`);
  writeFileSync(join(LESSON, 'answer.starter.ts'), `export const answer = 41;\nconsole.log('starter one');\n`);
  writeFileSync(join(LESSON, 'answer.solution.ts'), `export const answer = 42;\n`);
  writeFileSync(join(LESSON, 'answer.checks.ts'), CHECKS(42));
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

let dev: ChildProcess | undefined;
let devLog = '';
let browser: Browser;
let page: Page;
let url = '';
const consoleLines: string[] = [];

async function waitForServer(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (dev?.exitCode !== null) throw new Error(`astro dev exited:\n${devLog}`);
    try {
      const response = await fetch(`${url}lessons/live/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`astro dev did not answer within 120 s:\n${devLog}`);
}

beforeAll(async () => {
  writeFixture();
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  // --ignore-lock: a teacher's own dev server may be running on this checkout.
  dev = spawn('npx', ['astro', 'dev', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)], {
    env: childEnv({
      TL_LESSONS_DIR: join(ROOT, 'lessons'),
      TL_COURSE_CONFIG: join(ROOT, 'course.config.ts'),
      TL_OUT_DIR: join(ROOT, 'out'),
    }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (chunk: Buffer) => (devLog += chunk.toString()));
  dev.stderr!.on('data', (chunk: Buffer) => (devLog += chunk.toString()));
  await waitForServer();
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) consoleLines.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('worker', (worker) => worker.on('console', (message) => consoleLines.push(`worker ${message.type()}: ${message.text()}`)));
  page.on('requestfailed', (request) => consoleLines.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dev?.pid !== undefined && dev.exitCode === null) process.kill(-dev.pid, 'SIGTERM');
  rmSync(ROOT, { recursive: true, force: true });
});

async function readyBlock(): Promise<Locator> {
  const section = page.locator(`section[data-exercise="${EXERCISE}"]`);
  await section.scrollIntoViewIfNeeded();
  await page.locator(`tl-exercise[data-island="ready"]:has(section[data-exercise="${EXERCISE}"])`).waitFor({ timeout: 120_000 });
  return section;
}

/** Runs the code and returns the block's state, with the output when it is not the one expected. */
async function run(section: Locator, expected: string): Promise<void> {
  await section.getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction((el) => el?.getAttribute('data-state') !== 'running', await section.elementHandle(), { timeout: 120_000 });
  const state = (await section.getAttribute('data-state')) ?? '';
  if (state !== expected) throw new Error(`The run ended ${state}, not ${expected}. Output:\n${await section.getByRole('log').innerText()}\n\nConsole:\n${consoleLines.join('\n')}\n\nastro dev:\n${devLog.slice(-3000)}`);
}

/**
 * Edits a fixture file and opens the page again, on the same dev server. (The server also tells
 * open pages to reload when an exercise file changes; this test does not rely on that message,
 * which arrived in a manual probe but not reliably under the test's load.)
 */
async function editAndReload(file: string, content: string): Promise<void> {
  writeFileSync(file, content);
  const deadline = Date.now() + 30_000;
  while (!devLog.includes(`${file.split('/').slice(-2).join('/')} changed`) && Date.now() < deadline) await page.waitForTimeout(200);
  await page.reload();
}

describe('npm run dev', () => {
  it('runs an exercise, and shows an edited checks.ts, starter and MDX without a restart or a rebuild', async () => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('response', (response) => {
      if (response.status() === 504) problems.push(`${response.url()} 504 (an outdated optimized dependency)`);
    });
    await page.goto(`${url}lessons/live/`);
    let section = await readyBlock();
    await run(section, 'failed');
    expect(await section.getByRole('log').innerText()).toContain('starter one');
    expect(await section.getByRole('list', { name: 'Checks' }).innerText()).toContain('answer: expected 42, got 41');

    // The teacher changes the check: the page reloads and the new check grades the same code.
    await editAndReload(join(LESSON, 'answer.checks.ts'), CHECKS(41));
    section = await readyBlock();
    await run(section, 'passed');
    expect(await section.getByRole('list', { name: 'Checks' }).innerText()).toContain('answer is 41');

    // The starter and the prose too.
    // A learner's saved code wins over a new starter (as on the site, until Reset): start afresh.
    await page.evaluate(() => localStorage.clear());
    await editAndReload(join(LESSON, 'answer.starter.ts'), `export const answer = 41;\nconsole.log('starter two');\n`);
    section = await readyBlock();
    await run(section, 'passed');
    expect(await section.getByRole('log').innerText()).toContain('starter two');
    const mdx = readFileSync(join(LESSON, 'index.mdx'), 'utf8');
    writeFileSync(join(LESSON, 'index.mdx'), mdx.replace('First version of the prose.', 'Second version of the prose.'));
    await expect.poll(async () => (await page.reload(), await page.getByText('Second version of the prose.').count()), { timeout: 60_000, interval: 2_000 }).toBe(1);

    // One server all along: no restart.
    expect(dev!.exitCode).toBeNull();
    expect(devLog).not.toMatch(/server restarted/);

    expect(devLog).not.toMatch(/optimized dependencies changed\. reloading/);
    expect(problems).toEqual([]);
  }, 400_000);
});
