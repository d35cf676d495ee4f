/**
 * Saved work that knows the course version (issue 17 item 6), in the browser: code saved from
 * another version of an exercise's starter or checks gets a notice with the learner's code against
 * the new starter and a choice; nothing is lost either way; code saved from this version, or saved
 * before versions existed, gets no notice.
 *
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/course-version.test.ts   (after npm run build)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { expectClean, launchBrowser, offlineSettled, siteUrl, watch } from './harness.ts';
import { editorText, readyBlock } from './editor.ts';

const LESSON = 'lessons/what-is-transfer-learning/';
const EXERCISE = 'what-is-transfer-learning/list-layers';
const KEY = `transfer-lab:v1:code:${EXERCISE}`;
const MINE = "// my code from last term\nconsole.log('hello');";
const STARTER = readFileSync('lessons/01-what-is-transfer-learning/starter.ts', 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A context whose storage holds `saved` for the exercise before the page loads (once). */
async function withSaved(saved: Record<string, unknown>): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    },
    [KEY, JSON.stringify(saved)] as const,
  );
  return context;
}

async function open(context: BrowserContext) {
  const page = await context.newPage();
  watch(page);
  await page.goto(siteUrl(LESSON));
  await offlineSettled(page);
  const section = await readyBlock(page, EXERCISE);
  return { page, section };
}

const stored = (page: import('playwright-core').Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), KEY);

describe('saved code from another version of the exercise', () => {
  it('shows the notice with a diff; taking the new starter keeps the old code, which comes back on request', async () => {
    const context = await withSaved({ code: MINE, revision: 1, updatedAt: 1, tab: 'old', startedFrom: '00000000000000' });
    const { page, section } = await open(context);
    const notice = section.locator('[data-notice="version"]');
    await expect(notice.innerText()).resolves.toContain('This exercise changed since you started it');
    const diff = notice.getByLabel('Your code (−) against the new starter (+)');
    await expect(diff.innerText()).resolves.toContain("- console.log('hello');");
    await expect(editorText(section)).resolves.toBe(MINE);

    await notice.getByRole('button', { name: 'Take the new starter' }).click();
    await expect.poll(() => editorText(section)).toBe(STARTER.trimEnd());
    const backup = await page.evaluate((key) => JSON.parse(localStorage.getItem(key.replace(':code:', ':code-backup:')) ?? 'null'), KEY);
    expect(backup?.code ?? JSON.stringify(await page.evaluate(() => ({ ...localStorage })))).toBe(MINE);
    const current = (await stored(page)).startedFrom;
    expect(current).toMatch(/^[0-9a-f]{14}$/);
    expect(current).not.toBe('00000000000000');

    await section.locator('[data-notice="version-taken"]').getByRole('button', { name: 'Bring my code back' }).click();
    await expect.poll(() => editorText(section)).toBe(MINE);
    expect(await stored(page)).toMatchObject({ code: MINE, startedFrom: current });
    expectClean(page);
    await context.close();
  });

  it('keeping my code records the current version: no notice on the next visit', async () => {
    const context = await withSaved({ code: MINE, revision: 1, updatedAt: 1, tab: 'old', startedFrom: '00000000000000' });
    const { page, section } = await open(context);
    await section.locator('[data-notice="version"]').getByRole('button', { name: 'Keep my code' }).click();
    await expect.poll(async () => (await stored(page)).startedFrom).not.toBe('00000000000000');
    await page.reload();
    await offlineSettled(page);
    const again = await readyBlock(page, EXERCISE);
    await expect(editorText(again)).resolves.toBe(MINE);
    expect(await again.locator('[data-notice="version"]').count()).toBe(0);
    expectClean(page);
    await context.close();
  });

  it('code saved before versions existed opens without a notice', async () => {
    const context = await withSaved({ code: MINE, revision: 1, updatedAt: 1, tab: 'old' });
    const { page, section } = await open(context);
    await expect(editorText(section)).resolves.toBe(MINE);
    expect(await section.locator('[data-notice="version"]').count()).toBe(0);
    expectClean(page);
    await context.close();
  });
});
