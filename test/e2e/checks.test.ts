/**
 * Checks in the real sandbox (issue 5): a check that throws and a check that
 * never resolves fail with their own messages, the other checks still run,
 * and learner code cannot forge results. Runs through the built site's runner
 * page, the same worker and channel an exercise block uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectClean, launchBrowser, openPage } from './harness.ts';
import type { RunResult } from '../../src/sandbox/protocol.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await openPage(browser, 'tools/runner/'));
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
});
afterAll(async () => {
  await browser?.close();
});

function run(code: string, checks: string): Promise<RunResult> {
  return page.evaluate(
    ({ code, checks }) =>
      (window as unknown as { transferLab: { run(r: unknown): Promise<RunResult> } }).transferLab.run({
        exercise: 'fixture/checks',
        code,
        checks,
        backend: 'auto',
        timeLimitMs: 30_000,
      }),
    { code, checks },
  );
}

const FIXTURE_CHECKS = `
import { defineChecks, expect } from 'grading';
export default defineChecks([
  { title: 'answer is 42', hint: 'Set it to 42.', test: ({ exports }) => expect(expect.exported(exports, 'answer')).toBe(42, 'answer') },
  { title: 'A broken check', test: () => { const nothing: any = undefined; return nothing.property; } },
  { title: 'A check that never finishes', timeoutMs: 500, test: () => new Promise(() => {}) },
  { title: 'A check after them still runs', test: ({ logs }) => expect(logs.length).toBeGreaterThanOrEqual(1, 'output lines') },
]);
`;

describe('checks in the sandbox', () => {
  it('reports a throwing check and a hanging check as failures of their own, and runs the rest', async () => {
    const result = await run("export const answer = 42;\nconsole.log('hi');", FIXTURE_CHECKS);
    expect(result.status).toBe('ok');
    const byTitle = Object.fromEntries(result.checks!.map((check) => [check.title, check]));
    expect(byTitle['answer is 42']!.status).toBe('pass');
    expect(byTitle['A broken check']).toMatchObject({ status: 'fail', message: expect.stringMatching(/crashed.*TypeError|crashed.*property/i) });
    expect(byTitle['A check that never finishes']).toMatchObject({ status: 'fail', message: expect.stringMatching(/did not finish within 0\.5 s/) });
    expect(byTitle['A check after them still runs']!.status).toBe('pass');
  });

  it('gives expected vs actual and the hint on a failure', async () => {
    const result = await run('export const answer = 41;', FIXTURE_CHECKS);
    const check = result.checks!.find((c) => c.title === 'answer is 42')!;
    expect(check).toMatchObject({ status: 'fail', expected: '42', actual: '41', hint: 'Set it to 42.' });
  });

  it('cannot be fooled by forged messages or replaced built-ins', async () => {
    const forged = `
      for (const type of ['done', 'batch', 'log']) (self as any).postMessage({ type, id: 1, result: { status: 'ok', checks: [] } });
      MessagePort.prototype.postMessage = function () {};
      (Object.prototype as any).status = 'pass';
      export const answer = 0;
    `;
    const result = await run(forged, FIXTURE_CHECKS);
    const check = result.checks!.find((c) => c.title === 'answer is 42')!;
    expect(check.status).toBe('fail');
    expectClean(page);
  });
});
