/**
 * The "your own data" lesson: drawing examples on the pad, the sample set,
 * and trying a model the exercise saved, in Chromium on the built site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { expectClean, launchBrowser, offlineSettled, openPage, siteUrl } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LESSON = 'lessons/your-own-data/';

describe('the drawing pad', () => {
  it('saves a drawing to a class, keeps it across reloads, and loads the sample set', async () => {
    const { context, page } = await openPage(browser, LESSON);
    const pad = page.locator('drawing-pad');
    const count = (n: number) => pad.locator(`[data-count="${n}"]`).textContent();
    await expect.poll(() => count(0)).toBe('0 saved');

    // Nothing drawn yet: saving says so and stores nothing.
    await pad.getByRole('button', { name: 'Save as “circle”' }).click();
    await expect.poll(() => pad.getByRole('status').textContent()).toContain('empty');

    const canvas = pad.locator('canvas.pad-canvas'); // the drawing area, not a saved drawing's thumbnail
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.7, { steps: 8 });
    await page.mouse.up();
    await pad.getByRole('button', { name: 'Save as “circle”' }).click();
    await expect.poll(() => count(0)).toBe('1 saved');

    await page.reload();
    await expect.poll(() => count(0)).toBe('1 saved');

    await pad.getByRole('button', { name: 'Use the sample drawings' }).click();
    await expect.poll(() => count(0)).toBe('21 saved');
    await expect.poll(() => count(4)).toBe('20 saved');
    expectClean(page);
    await context.close();
  });

  it('predicts a new drawing with the model the exercise saved', async () => {
    const context = await browser.newContext();
    const runnerPage = await context.newPage();
    await runnerPage.goto(siteUrl('tools/runner/'));
    await runnerPage.waitForFunction(() => document.body.dataset.ready === 'true');
    const solution = readFileSync('lessons/07-your-own-data/solution.ts', 'utf8');
    const result = await runnerPage.evaluate(async (code) => {
      const lab = (window as unknown as { transferLab: { useSampleDrawings(): Promise<void>; run(r: unknown): Promise<{ status: string; checks?: { status: string }[] }> } }).transferLab;
      await lab.useSampleDrawings();
      return lab.run({ exercise: 'your-own-data/own-data', code, backend: 'auto', timeLimitMs: 60_000 });
    }, solution);
    expect(result.status).toBe('ok');

    const page = await context.newPage();
    await page.goto(siteUrl(LESSON));
    await offlineSettled(page);
    const pad = page.locator('drawing-pad');
    const box = (await pad.locator('canvas.pad-canvas').boundingBox())!;
    // A rough circle.
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.5);
    await page.mouse.down();
    for (let i = 1; i <= 24; i++) {
      const a = (i / 24) * Math.PI * 2;
      await page.mouse.move(box.x + box.width * (0.5 + 0.25 * Math.cos(a)), box.y + box.height * (0.5 + 0.25 * Math.sin(a)));
    }
    await page.mouse.up();
    await pad.getByRole('button', { name: 'Predict this drawing' }).click();
    await expect.poll(() => pad.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Your model says: “(circle|square|triangle|cross|heart)” \(\d+% sure\)/);
    await context.close();
  });
});
