/**
 * Passing an exercise on a real lesson is recorded: the sidebar ticks the
 * lesson and the home page's course progress counts it, across reloads.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectClean, launchBrowser, offlineSettled, openPage, siteUrl } from './harness.ts';
import { pasteCode } from './editor.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('course progress', () => {
  it('ticks a passed lesson in the sidebar and counts it on the home page', async () => {
    const { context, page } = await openPage(browser, 'lessons/what-is-transfer-learning/');
    const entry = page.locator('.sidebar [data-lesson-progress="what-is-transfer-learning"]');
    await expect.poll(() => entry.getAttribute('data-progress-state')).toBe('none');

    const section = page.locator('section[data-exercise="what-is-transfer-learning/list-layers"]');
    await section.scrollIntoViewIfNeeded();
    await page.locator('tl-exercise[data-island="ready"]').first().waitFor({ timeout: 60_000 });
    await pasteCode(page, section, readFileSync('lessons/01-what-is-transfer-learning/solution.ts', 'utf8'));
    await section.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => section.getAttribute('data-state'), { timeout: 60_000 }).toBe('passed');
    await expect.poll(() => entry.getAttribute('data-progress-state')).toBe('done');

    await page.goto(siteUrl());
    await offlineSettled(page);
    const bar = page.locator('progress[data-course-progress]');
    await expect.poll(() => bar.getAttribute('data-passed')).toBe('1');
    const total = Number(await bar.getAttribute('data-total'));
    expect(total).toBeGreaterThanOrEqual(6);
    await expect(page.locator('.course-progress-text').textContent()).resolves.toBe(`1 of ${total} exercises passed`);
    expect(await page.locator('.lesson-cards [data-lesson-progress="what-is-transfer-learning"]').getAttribute('data-progress-state')).toBe('done');
    expectClean(page);
    await context.close();
  });
});
