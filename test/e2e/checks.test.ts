/**
 * Checks in the real sandbox (issue 5): a check that throws and a check that
 * never resolves fail with their own messages, the other checks still run,
 * and learner code cannot forge results. And the sandbox's frame yield. Runs through the built site's runner
 * page, the same worker and channel an exercise block uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectClean, launchBrowser, openRunner, runOnRunner } from './harness.ts';
import type { RunResult } from '../../src/sandbox/protocol.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await openRunner(browser);
});
afterAll(async () => {
  await browser?.close();
});

function run(code: string, checks: string): Promise<RunResult> {
  return runOnRunner(page, { exercise: 'fixture/checks', code, checks });
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

// tf.nextFrame() in the sandbox worker is a macrotask, not a display frame
// (src/sandbox/worker/frame-yield.ts): model.fit yields through it, and a worker that draws nothing
// waited ~16 ms per yield for a frame. Learner code still gets the browser's own requestAnimationFrame.
// Not a speed test: 30 frame-waits take at least 30 display frames (500 ms at 60 Hz), 30 macrotasks
// about 1 ms, and 5 real frames (80 ms) are far above the 25 ms a macrotask stand-in would reach.
const FRAME_CHECKS = `
import { defineChecks, expect } from 'grading';
export default defineChecks([
  { title: 'frames', test: ({ exports }) => expect(exports.nextFramesMs).toBeLessThan(250, '30 tf.nextFrame() in ms') },
  { title: 'raf', test: ({ exports }) => expect(exports.framesMs).toBeGreaterThan(25, '5 requestAnimationFrame waits in ms') },
]);
`;

describe('frames in the sandbox worker', () => {
  it('tf.nextFrame does not wait for a display frame, and learner code keeps the browser requestAnimationFrame', async () => {
    const result = await runOnRunner(page, {
      exercise: 'fixture/frames',
      code: `
import * as tf from '@tensorflow/tfjs';
const start = performance.now();
for (let i = 0; i < 30; i++) await tf.nextFrame();
export const nextFramesMs = performance.now() - start;
const frameStart = performance.now();
for (let i = 0; i < 5; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
export const framesMs = performance.now() - frameStart;
`,
      checks: FRAME_CHECKS,
    });
    expect(result.status, JSON.stringify(result.error)).toBe('ok');
    expect(result.checks!.map((c) => [c.title, c.status, c.message ?? ''])).toEqual([
      ['frames', 'pass', ''],
      ['raf', 'pass', ''],
    ]);
    expectClean(page);
  });
});
