/**
 * `show` in the browser: a run's views appear in the output panel with the right number of
 * images and labels, named for assistive technology; the pixels on screen are the shipped
 * data's; a confusion cell lists exactly its images; a flood of calls is capped and Stop still
 * works; the live chart draws validation curves when a fit has validation data; the views fit
 * a 360 px dark page.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import * as tf from '@tensorflow/tfjs';
import { configureLab, datasets } from '../../src/lab/index.ts';
import { fileFetch } from '../../src/lab/node-fetch.ts';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { expectClean, launchBrowser, openPage } from './harness.ts';
import { pasteCode, readyBlock } from './editor.ts';

const LESSON = 'lessons/load-a-pretrained-model/';
const EXERCISE = 'load-a-pretrained-model/load-and-predict';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  await tf.setBackend('cpu');
  configureLab({ assetBase: pathToFileURL(resolve('public') + '/').href, fetch: fileFetch });
});
afterAll(async () => {
  await browser?.close();
});

async function runCode(page: Page, code: string, until: 'idle' | 'passed' | 'failed' | 'error' | 'any' = 'any'): Promise<Locator> {
  const section = await readyBlock(page, EXERCISE);
  await pasteCode(page, section, code);
  await section.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => section.getAttribute('data-state'), { timeout: 90_000 }).not.toBe('running');
  if (until !== 'any') expect(await section.getAttribute('data-state')).toBe(until);
  return section;
}

/** The pixels of every image in `images` (grey: the red channel), decoded by the page. */
function pixelsOf(images: Locator): Promise<number[][]> {
  return images.evaluateAll(async (nodes) =>
    Promise.all(
      (nodes as HTMLImageElement[]).map(async (img) => {
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d')!;
        context.drawImage(img, 0, 0);
        const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
        return Array.from({ length: canvas.width * canvas.height }, (_, p) => rgba[p * 4]!);
      }),
    ),
  );
}

/** The shipped images of a `datasets.load` call as bytes, one list per image (what the data files hold). */
async function shippedImages(name: 'fashion-source' | 'fashion-target', options: { split: 'train' | 'test'; perClass: number; seed: number }) {
  const data = await datasets.load(name, options);
  const values = await data.xs.data();
  const images = Array.from({ length: data.labels.length }, (_, i) => Array.from(values.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 255)));
  const result = { images, labels: data.labels, classNames: data.classNames };
  data.dispose();
  return result;
}

const ALL_VIEWS = `import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate, show } from 'lab';
export const model = await models.fashionCnn({ weights: 'pretrained' });
const images = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });
const out = model.predict(images.xs) as tf.Tensor;
show.images(images, { predictions: out, name: 'The ten test images' });
out.dispose();
const target = await datasets.load('fashion-target', { split: 'test', perClass: 10, seed: 4 });
const result = await evaluate(model, target);
console.log('PREDICTIONS ' + JSON.stringify(result.predictions));
console.log('LABELS ' + JSON.stringify(target.labels));
show.confusion(result, target);
show.perClass(result);
show.filters(model, 'conv1');
show.activations(model, images.xs, ['conv1', 'conv3']);
show.table([{ layer: 'conv1', filters: 16 }, { layer: 'conv3', filters: 32 }, { layer: 'head', units: 5 }]);
show.linechart({ values: [[{ x: 1, y: 0.4 }, { x: 5, y: 0.6 }]], series: ['first'] }, { name: 'grows', xLog: true });
show.linechart({ values: [[{ x: 1, y: 0.4 }, { x: 5, y: 0.6 }, { x: 20, y: 0.7 }], [{ x: 1, y: 0.3 }, { x: 20, y: 0.6 }]], series: ['first', 'second'] }, { name: 'grows', xLog: true, xLabel: 'k', yLabel: 'accuracy' });
export const predictedNames = [];
`;

describe('show views in the output panel', () => {
  it('draws each view with its images, labels and an accessible name, with the shipped pixels', async () => {
    const { context, page } = await openPage(browser, LESSON);
    const section = await runCode(page, ALL_VIEWS);
    const output = section.locator('[data-slot="output"]');
    const kinds = await output.locator('figure[data-show]').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.show));
    expect(kinds).toEqual(['images', 'confusion', 'per-class', 'filters', 'activations', 'table', 'linechart']);
    await expect.poll(() => output.locator('figure[data-show][aria-busy]').count()).toBe(0);

    // Every view is a figure named by its caption.
    for (const kind of kinds) {
      const figure = output.locator(`figure[data-show="${kind}"]`);
      const name = (await figure.locator('figcaption').textContent())?.trim() ?? '';
      expect(name.length, kind!).toBeGreaterThan(3);
      await expect(page.getByRole('figure', { name: name.slice(0, 20) }).count()).resolves.toBeGreaterThanOrEqual(1);
    }

    // images: ten, each with alt text naming its true and predicted class; wrong ones marked in words.
    const shipped = await shippedImages('fashion-source', { split: 'test', perClass: 2, seed: 7 });
    const grid = output.locator('figure[data-show="images"]');
    const items = grid.locator('li');
    await expect(items.count()).resolves.toBe(10);
    const alts = await grid.locator('img').evaluateAll((nodes) => nodes.map((n) => (n as HTMLImageElement).alt));
    alts.forEach((alt, i) => {
      expect(alt).toContain(`true: ${shipped.classNames[shipped.labels[i]!]}`);
      expect(alt).toMatch(/predicted: .+, (right|wrong)$/);
    });
    const wrongItems = await grid.locator('li[data-correct="false"]').count();
    await expect(grid.locator('li[data-correct="false"] .tl-show-predicted').allTextContents()).resolves.toEqual(
      Array.from({ length: wrongItems }, () => expect.stringContaining('(wrong)')),
    );
    expect(await grid.locator('figcaption').textContent()).toContain(`${10 - wrongItems} right, ${wrongItems} wrong`);
    // The pixels on screen are the shipped data's bytes.
    expect(await pixelsOf(grid.locator('img'))).toEqual(shipped.images);

    // confusion: 5×5 numbers; per-class: 5 rows; filters: 16; activations: 2 layers (16 + 32 maps); table: 3 rows.
    await expect(output.locator('figure[data-show="confusion"] tbody td').count()).resolves.toBe(25);
    await expect(output.locator('figure[data-show="per-class"] tbody tr').count()).resolves.toBe(5);
    await expect(output.locator('figure[data-show="filters"] img').count()).resolves.toBe(16);
    await expect(output.locator('figure[data-show="filters"] img').first().getAttribute('alt')).resolves.toBe('Filter 1 of conv1');
    const layers = output.locator('figure[data-show="activations"] [data-layer]');
    await expect(layers.evaluateAll((nodes) => nodes.map((n) => [(n as HTMLElement).dataset.layer, n.querySelectorAll('img').length]))).resolves.toEqual([
      ['conv1', 16],
      ['conv3', 32],
    ]);
    await expect(output.locator('figure[data-show="table"] tbody tr').count()).resolves.toBe(3);
    await expect(output.locator('figure[data-show="table"] thead th').allTextContents()).resolves.toEqual(['layer', 'filters', 'units']);
    // A line chart called twice with one name is one figure, redrawn with the second call's lines.
    const chart = output.locator('figure[data-show="linechart"]');
    await expect(chart.locator('[data-series]').evaluateAll((groups) => groups.map((g) => [g.getAttribute('data-series'), g.querySelectorAll('[data-point]').length]))).resolves.toEqual([
      ['first', 3],
      ['second', 2],
    ]);
    await expect(chart.locator('details tbody tr').count()).resolves.toBe(5);
    expectClean(page);
    await context.close();
  });

  it("lists exactly a confusion cell's images when the cell is clicked", async () => {
    const { context, page } = await openPage(browser, LESSON);
    const section = await runCode(page, ALL_VIEWS);
    const text = (await section.locator('[data-slot="output"]').textContent()) ?? '';
    const predictions = JSON.parse(/PREDICTIONS (\[[\d,]*\])/.exec(text)![1]!) as number[];
    const labels = JSON.parse(/LABELS (\[[\d,]*\])/.exec(text)![1]!) as number[];
    const shipped = await shippedImages('fashion-target', { split: 'test', perClass: 10, seed: 4 });
    expect(labels).toEqual(shipped.labels);
    const figure = section.locator('figure[data-show="confusion"]');
    // The base model knows other classes, so the 50 target images scatter over many cells: try each non-empty one.
    const buttons = figure.locator('td button');
    const count = await buttons.count();
    expect(count).toBeGreaterThan(1);
    for (let b = 0; b < Math.min(count, 6); b++) {
      const button = buttons.nth(b);
      const cell = button.locator('xpath=..');
      const truth = Number(await cell.getAttribute('data-truth'));
      const predicted = Number(await cell.getAttribute('data-predicted'));
      const members = labels.flatMap((label, i) => (label === truth && predictions[i] === predicted ? [i] : []));
      expect(Number(await button.textContent())).toBe(members.length);
      await button.click();
      await expect(button.getAttribute('aria-pressed')).resolves.toBe('true');
      const list = figure.locator('[data-show-cell]');
      await expect(list.getAttribute('data-show-cell')).resolves.toBe(`${truth},${predicted}`);
      const images = list.locator('img');
      await expect(images.count()).resolves.toBe(members.length);
      expect(await pixelsOf(images)).toEqual(members.map((i) => shipped.images[i]));
      for (const alt of await images.evaluateAll((nodes) => nodes.map((n) => (n as HTMLImageElement).alt))) {
        expect(alt).toContain(`true: ${shipped.classNames[truth]}, predicted: ${shipped.classNames[predicted]}`);
      }
    }
    expectClean(page);
    await context.close();
  });

  it('caps a flood of show calls with a notice, keeps the page responsive, and Stop still works', async () => {
    const { context, page } = await openPage(browser, LESSON);
    const section = await runCode(
      page,
      `import { show } from 'lab';
       for (let i = 0; i < 10_000; i++) show.table([{ i }]);
       export const model = null;`,
    );
    const output = section.locator('[data-slot="output"]');
    await expect(output.locator('figure[data-show="table"]').count()).resolves.toBe(50);
    const text = (await output.textContent()) ?? '';
    expect(text).toContain('show: this run has drawn 50 views, the most one run draws; later show calls are skipped.');
    expect(text).toContain('… 9,950 more show calls were not drawn (the limit is 50 views per run).');

    // A run that shows, then never ends: Stop gives the block back at once.
    await pasteCode(
      page,
      section,
      `import { show, datasets } from 'lab';
       const data = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });
       show.images(data);
       for (;;) show.images(data);`,
    );
    await section.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => output.locator('figure[data-show="images"] img').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await section.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => section.getAttribute('data-state'), { timeout: 5_000 }).toBe('idle');
    await expect(output.locator('figure[data-show="images"]').count()).resolves.toBeLessThanOrEqual(60);
    expectClean(page);
    await context.close();
  });

  it('draws validation curves when a fit has validation data', async () => {
    const { context, page } = await openPage(browser, LESSON);
    const section = await runCode(
      page,
      `import * as tf from '@tensorflow/tfjs';
       import { datasets } from 'lab';
       const train = await datasets.load('fashion-target', { split: 'train', perClass: 8, seed: 1 });
       const validation = await datasets.load('fashion-target', { split: 'train', perClass: 4, seed: 1, skip: 8 });
       export const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 5, activation: 'softmax' })] });
       model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
       await model.fit(train.xs, train.ys, { epochs: 3, validationData: [validation.xs, validation.ys] });
       await model.fit(train.xs, train.ys, { epochs: 2, validationSplit: 0.25 });
       await model.fit(train.xs, train.ys, { epochs: 2 });`,
    );
    const fits = section.locator('figure.tl-fit');
    await expect.poll(() => fits.count(), { timeout: 10_000 }).toBe(3);
    for (const n of [0, 1]) {
      const fit = fits.nth(n);
      await expect.poll(() => fit.getAttribute('data-metrics'), { timeout: 10_000 }).toBe('loss val_loss acc val_acc');
      await expect(fit.locator('.u-legend').textContent()).resolves.toMatch(/val_loss[\s\S]*val_acc/);
      await expect(fit.locator('[data-slot="validation-note"]').isVisible()).resolves.toBe(true);
      await expect(fit.locator('.tl-fit-summary').first().textContent()).resolves.toMatch(/val_loss [\d.]+, .*val_acc [\d.]+/);
    }
    await expect.poll(() => fits.nth(2).getAttribute('data-metrics'), { timeout: 10_000 }).toBe('loss acc');
    await expect(fits.nth(2).locator('[data-slot="validation-note"]').isVisible()).resolves.toBe(false);
    expectClean(page);
    await context.close();
  });

  it('fits a 360 px wide page in dark mode', async () => {
    const { context, page } = await openPage(browser, LESSON, { viewport: { width: 360, height: 800 }, colorScheme: 'dark' });
    const section = await readyBlock(page, EXERCISE);
    const widthBefore = await page.evaluate(() => document.documentElement.scrollWidth);
    await runCode(page, ALL_VIEWS);
    await expect.poll(() => section.locator('figure[data-show][aria-busy]').count()).toBe(0);
    await expect(section.locator('figure[data-show]').count()).resolves.toBe(7);
    // Nothing of the views reaches past the screen: wide tables scroll inside their own (focusable) region.
    const rights = await section.locator('figure[data-show]').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().right));
    for (const right of rights) expect(right).toBeLessThanOrEqual(360);
    // (The page as a whole is not measured: a failed check's long message can widen it, which is the checks view's business.)
    const output = section.locator('[data-slot="output"]');
    const [scrollWidth, clientWidth] = await output.evaluate((node) => [node.scrollWidth, node.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(widthBefore).toBeLessThanOrEqual(360);
    for (const region of await section.locator('.tl-show-scroll').all()) await expect(region.getAttribute('tabindex')).resolves.toBe('0');
    // The views take the dark theme's colours, not a light background of their own.
    const background = await section.locator('figure[data-show="images"]').evaluate((node) => getComputedStyle(node).backgroundColor);
    const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b, background).toBeLessThan(3 * 80);
    // axe-core (as in a11y.test.ts) finds nothing serious or critical in the views, line chart included.
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
      const views = document.querySelector('[data-slot="output"]')!;
      return (await axe.run(views, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations;
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expectClean(page);
    await context.close();
  });
});
