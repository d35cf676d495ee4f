/**
 * tf.nextFrame() in the sandbox worker is a macrotask, not a display frame
 * (src/sandbox/worker/frame-yield.ts): model.fit yields through it, and a
 * worker that draws nothing waited ~16 ms per yield for a frame. Learner code
 * still gets the browser's own requestAnimationFrame.
 *
 * Not a speed test: 30 frame-waits take at least 30 display frames (500 ms at
 * 60 Hz); 30 macrotasks take about 1 ms. The bounds sit far from both (and
 * 5 real frames, 80 ms, are far above the 25 ms a macrotask stand-in would
 * have to reach).
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
        exercise: 'fixture/frames',
        code,
        checks,
        backend: 'auto',
        timeLimitMs: 30_000,
      }),
    { code, checks },
  );
}

const CHECKS = `
import { defineChecks, expect } from 'grading';
export default defineChecks([
  { title: 'frames', test: ({ exports }) => expect(exports.nextFramesMs).toBeLessThan(250, '30 tf.nextFrame() in ms') },
  { title: 'raf', test: ({ exports }) => expect(exports.framesMs).toBeGreaterThan(25, '5 requestAnimationFrame waits in ms') },
]);
`;

describe('frames in the sandbox worker', () => {
  it('tf.nextFrame does not wait for a display frame, and learner code keeps the browser requestAnimationFrame', async () => {
    const result = await run(
      `
import * as tf from '@tensorflow/tfjs';
const start = performance.now();
for (let i = 0; i < 30; i++) await tf.nextFrame();
export const nextFramesMs = performance.now() - start;
const frameStart = performance.now();
for (let i = 0; i < 5; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
export const framesMs = performance.now() - frameStart;
`,
      CHECKS,
    );
    expect(result.status, JSON.stringify(result.error)).toBe('ok');
    expect(result.checks!.map((c) => [c.title, c.status, c.message ?? ''])).toEqual([
      ['frames', 'pass', ''],
      ['raf', 'pass', ''],
    ]);
    expectClean(page);
  });
});
