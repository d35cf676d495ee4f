/**
 * Lesson 6's live "less data" sweep, in the browser: the chart appears while the sweep still runs,
 * grows in place (one figure, redrawn after each k), and ends with both of the learner's arms at
 * k = 1, 2, 5, 10, 20 beside the course's curve; the exercise passes within its time limit.
 * Prints the sweep's wall time on this machine.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectClean, launchBrowser, openPage } from './harness.ts';
import { pasteCode, readyBlock } from './editor.ts';

const LESSON = 'lessons/why-it-works-less-data/';
const EXERCISE = 'why-it-works-less-data/sweep';
const KS = ['1', '2', '5', '10', '20'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("lesson 6's live sweep", () => {
  it('plots every point while it runs and passes within the time limit', { timeout: 330_000 }, async () => {
    const { context, page } = await openPage(browser, LESSON, { viewport: { width: 1280, height: 900 } });
    const section = await readyBlock(page, EXERCISE);
    const limitSeconds = Number(await page.locator(`tl-exercise:has(section[data-exercise="${EXERCISE}"])`).getAttribute('data-time-limit-ms')) / 1000;
    await pasteCode(page, section, readFileSync('lessons/06-why-it-works-less-data/sweep.solution.ts', 'utf8'));
    const started = Date.now();
    await section.getByRole('button', { name: 'Run', exact: true }).click();
    const chart = section.locator('figure[data-show="linechart"]');
    // The chart is there before the sweep ends.
    await expect.poll(() => chart.count(), { timeout: 200_000 }).toBe(1);
    const stateWhenDrawn = await section.getAttribute('data-state');
    await expect.poll(() => section.getAttribute('data-state'), { timeout: 300_000 }).not.toBe('running');
    const seconds = (Date.now() - started) / 1000;
    console.log(`lesson 6 sweep in Chromium: ${seconds.toFixed(1)} s (time limit ${limitSeconds} s)`);
    expect(stateWhenDrawn).toBe('running');
    expect(await section.getAttribute('data-state')).toBe('passed');
    expect(seconds).toBeLessThan(limitSeconds);

    // One figure, redrawn in place; the learner's two arms have a point at every k, beside the course's two lines.
    await expect(chart.count()).resolves.toBe(1);
    const series = await chart.locator('[data-series]').evaluateAll((groups) =>
      groups.map((g) => [g.getAttribute('data-series'), [...g.querySelectorAll('[data-point]')].map((p) => p.getAttribute('data-point')!.split(',')[0])]),
    );
    expect(series.map(([name]) => name)).toEqual(['course: transfer (mean)', 'course: from scratch (mean)', 'your transfer', 'your from scratch (15 epochs)']);
    expect(series[2]![1]).toEqual(KS);
    expect(series[3]![1]).toEqual(KS);
    expect((series[0]![1] as string[]).length).toBeGreaterThanOrEqual(3);
    // The same numbers as text, for anyone who cannot see the chart.
    await expect(chart.locator('details tbody tr').count()).resolves.toBe(series.reduce((n, [, points]) => n + (points as string[]).length, 0));
    await expect(section.locator('figure[data-show="table"] tbody tr').count()).resolves.toBe(5);
    expectClean(page);
    await context.close();
  });
});
