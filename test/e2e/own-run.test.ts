/**
 * Lesson 6 promises "your own run beside them": once the learner's compare
 * exercise passes, their scratch and transfer accuracies appear on the
 * course's experiment chart, labelled, with a line "Your run: +X.X points",
 * and they are still there after a reload. An unreadable stored run is set
 * aside (never deleted) and the chart still works.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectClean, launchBrowser, openPage } from './harness.ts';
import { pasteCode, readyBlock } from './editor.ts';

const LESSON = 'lessons/why-it-works-less-data/';
const EXERCISE = 'why-it-works-less-data/compare';
const KEY = `transfer-lab:v1:own-run:${EXERCISE}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("lesson 6's chart shows the learner's own run", () => {
  it('plots the passing run, labelled, with its lead in points, and keeps it across reloads', async () => {
    const { context, page } = await openPage(browser, LESSON);
    const chart = page.locator('experiment-own-run');
    await expect(chart.count()).resolves.toBe(1);
    await expect(chart.locator('[data-own-point]').count()).resolves.toBe(0);
    await expect(chart.locator('[data-own-run-line]').isHidden()).resolves.toBe(true);

    const section = await readyBlock(page, EXERCISE);
    await pasteCode(page, section, readFileSync('lessons/06-why-it-works-less-data/solution.ts', 'utf8'));
    await section.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => section.getAttribute('data-state'), { timeout: 90_000 }).toBe('passed');

    // The learner's own printed numbers are the ones plotted.
    const output = (await section.locator('[data-slot="output"]').textContent()) ?? '';
    const scratch = /From scratch:\s*([\d.]+)%/.exec(output)?.[1];
    const transfer = /Transfer:\s*([\d.]+)%/.exec(output)?.[1];
    expect(scratch, output).toBeDefined();
    expect(transfer, output).toBeDefined();
    const lead = (Number(transfer) - Number(scratch)).toFixed(1);

    const check = async () => {
      await expect.poll(() => chart.locator('[data-own-point]').count(), { timeout: 10_000 }).toBe(2);
      const labels = await chart.locator('.own-label').allTextContents();
      expect(labels).toEqual([`your scratch ${scratch}%`, `your transfer ${transfer}%`]);
      const line = (await chart.locator('[data-own-run-line]').textContent()) ?? '';
      expect(await chart.locator('[data-own-run-line]').isVisible()).toBe(true);
      // Rounding of the two printed percentages can move the lead by 0.1.
      const shown = /Your run: ([+\u2212])([\d.]+) points/.exec(line);
      expect(shown, line).not.toBeNull();
      const value = (shown![1] === '\u2212' ? -1 : 1) * Number(shown![2]);
      expect(Math.abs(value - Number(lead))).toBeLessThanOrEqual(0.11);
      expect(line).toContain(`from scratch ${scratch}%`);
      expect(line).toContain(`transfer ${transfer}%`);
    };
    await check();
    const stored = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), KEY)) ?? 'null');
    expect(Object.keys(stored.numbers).sort()).toEqual(['scratchAccuracy', 'transferAccuracy']);

    await page.reload();
    await check();
    expectClean(page);
    await context.close();
  });

  it('sets an unreadable stored run aside and still draws the chart', async () => {
    const { context, page } = await openPage(browser, LESSON);
    await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"numbers":{"scratchAccuracy":"oops"}'), KEY);
    await page.reload();
    const chart = page.locator('experiment-own-run');
    await expect(chart.locator('svg circle').count()).resolves.toBeGreaterThan(10);
    await expect(chart.locator('[data-own-point]').count()).resolves.toBe(0);
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys).not.toContain(KEY);
    const aside = keys.filter((k) => k.startsWith('transfer-lab:v1:unreadable:') && k.endsWith(`own-run:${EXERCISE}`));
    expect(aside).toHaveLength(1);
    await expect(page.evaluate((k) => localStorage.getItem(k), aside[0]!)).resolves.toBe('{"version":1,"numbers":{"scratchAccuracy":"oops"}');
    expectClean(page);
    await context.close();
  });
});
