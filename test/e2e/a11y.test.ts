/**
 * Accessibility (issue 14): axe-core finds no serious or critical violation
 * (WCAG 2.1 A/AA and best practices) on any page, in the light and the dark
 * colour scheme, with an exercise's editor loaded, and after a run that showed
 * pictures in the output panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { launchBrowser, offlineSettled, openPage } from './harness.ts';
import { pasteCode, readyBlock } from './editor.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Every page of the course (the runner page is a tool for the grader, not for people). */
const PAGES: { path: string; exercise?: string }[] = [
  { path: '' },
  { path: 'lessons/what-is-transfer-learning/', exercise: 'what-is-transfer-learning/list-layers' },
  { path: 'lessons/load-a-pretrained-model/', exercise: 'load-a-pretrained-model/load-and-predict' },
  { path: 'lessons/modify-the-model/', exercise: 'modify-the-model/replace-head' },
  { path: 'lessons/fine-tune-the-model/', exercise: 'fine-tune-the-model/fine-tune' },
  { path: 'lessons/transfer-learning-in-action/', exercise: 'transfer-learning-in-action/end-to-end' },
  { path: 'lessons/why-it-works-less-data/', exercise: 'why-it-works-less-data/compare' },
  { path: 'lessons/your-own-data/', exercise: 'your-own-data/own-data' },
  { path: 'lessons/wrap-up/' },
  { path: 'model-card/' },
  { path: 'teacher-guide/' },
  { path: '404.html' },
];

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** The serious and critical violations on the page, one line each, naming the elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations;
  }, TAGS);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) on ${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')}: ${v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ').slice(0, 200)}`);
}

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`no serious or critical violation on any page, ${colorScheme}, editors loaded`, async () => {
      const found: string[] = [];
      for (const { path, exercise } of PAGES) {
        const { context, page } = await openPage(browser, path, { colorScheme });
        await offlineSettled(page, 60_000);
        // The theme follows the colour scheme until the learner picks one.
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
        if (exercise) await readyBlock(page, exercise);
        for (const line of await seriousViolations(page)) found.push(`${path || '/'}: ${line}`);
        await context.close();
      }
      expect(found).toEqual([]);
    }, 600_000);
  }

  it('no serious or critical violation after a run that showed every kind of picture, light and dark', async () => {
    const { context, page } = await openPage(browser, 'lessons/load-a-pretrained-model/');
    await offlineSettled(page, 60_000);
    const section = await readyBlock(page, 'load-a-pretrained-model/load-and-predict');
    await pasteCode(page, section, `import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate, show } from 'lab';
export const model = await models.fashionCnn({ weights: 'pretrained' });
const test = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });
show.images(test, { predictions: model.predict(test.xs) as tf.Tensor });
const result = await evaluate(model, test);
show.confusion(result, test);
show.perClass(result);
show.filters(model, 'conv1');
show.activations(model, test.xs, ['conv1']);
show.table([{ k: 1, accuracy: 0.47 }, { k: 5, accuracy: 0.58 }]);
`);
    await section.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => section.getAttribute('data-state'), { timeout: 120_000 }).not.toBe('running');
    const kinds = await section.locator('[data-show]').evaluateAll((views) => views.map((v) => v.getAttribute('data-show')));
    expect(new Set(kinds)).toEqual(new Set(['images', 'confusion', 'per-class', 'filters', 'activations', 'table']));
    // Open a confusion cell, so the images listed under it are checked too.
    await section.locator('[data-show="confusion"] button').first().click();
    const found: string[] = [];
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
      for (const line of await seriousViolations(page)) found.push(`${theme}: ${line}`);
    }
    expect(found).toEqual([]);
    await context.close();
  }, 300_000);
});
