/**
 * What a learner reads when a check fails, on the real lessons (issue 18,
 * items 2, 4 and 11): numbers where names belong are named as such, the
 * answer is not handed over (until a few failed attempts), each failure is
 * said once, and the forgot-to-compile mistake names its cause.
 *
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/check-messages.test.ts
 * (against dist/, or TL_DIST=<folder> for a build of your own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expectClean, launchBrowser, openPage } from './harness.ts';
import { pasteCode, readyBlock } from './editor.ts';

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function lessonPage(slug: string): Promise<Page> {
  const { context, page } = await openPage(browser, `lessons/${slug}/`);
  contexts.push(context);
  return page;
}

async function run(section: Locator): Promise<string> {
  // Run sets data-state="running" before its first await, so the wait below cannot see the old state.
  await section.getByRole('button', { name: 'Run' }).click();
  await section.page().waitForFunction((el) => el.getAttribute('data-state') !== 'running', await section.elementHandle(), { timeout: 90_000 });
  return (await section.getAttribute('data-state')) ?? '';
}

/** The failing check item with this title. */
function checkItem(section: Locator, title: RegExp): Locator {
  return section.getByRole('list', { name: 'Checks' }).getByRole('listitem').filter({ hasText: title });
}

describe('lesson 2: numbers where class names belong', () => {
  it('says the list holds numbers, how to get names, and the next check does not blame the model', async () => {
    const page = await lessonPage('load-a-pretrained-model');
    const section = await readyBlock(page, 'load-a-pretrained-model/load-and-predict');
    // The trap the hint used to lead into: .map on the Int32Array from data() keeps numbers.
    await pasteCode(
      page,
      section,
      `import * as tf from '@tensorflow/tfjs';
import { models, datasets } from 'lab';
export const model = await models.fashionCnn({ weights: 'pretrained' });
model.summary();
const images = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });
const best = tf.tidy(() => (model.predict(images.xs) as tf.Tensor).argMax(-1));
export const predictedNames: any = (await best.data()).map((index) => images.classNames[index] as any);
best.dispose();
images.dispose();
`,
    );
    expect(await run(section)).toBe('failed');
    const names = checkItem(section, /one class name per image/);
    const message = await names.locator('.tl-check-message').innerText();
    expect(message).toMatch(/predictedNames is an Int32Array of numbers \(0, 0, 0, …\) where class names belong/);
    expect(message).toContain('Array.from(await t.data())');
    expect(message).toContain('await t.array()');
    // Never the check's list in the "got" place.
    expect(await section.getByRole('list', { name: 'Checks' }).innerText()).not.toMatch(/expected a list containing 0/);
    const next = checkItem(section, /mostly right/);
    expect(await next.locator('.tl-check-message').innerText()).toBe('First make predictedNames a list of class names (see the check above).');
    expect(await next.innerText()).not.toMatch(/pretrained model|random weights/);
    expectClean(page);
  });
});

describe('lesson 1: the answer is not handed over, and each failure is said once', () => {
  it('describes the gap for three failed runs, then shows the names; no Expected/Actual box repeats the sentence', async () => {
    const page = await lessonPage('what-is-transfer-learning');
    const section = await readyBlock(page, 'what-is-transfer-learning/list-layers');
    const names = ['pool1', 'conv3', 'conv4', 'pool2', 'features', 'dense'];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await run(section)).toBe('failed');
      const item = checkItem(section, /lists every layer/);
      expect(await item.locator('.tl-check-message').innerText()).toBe('layerNames: expected 9 items starting with "conv1", got 0 items');
      const checksText = await section.getByRole('list', { name: 'Checks' }).innerText();
      for (const name of names) expect(checksText).not.toContain(name);
    }
    // The fourth failed run shows the full list the check wants.
    expect(await run(section)).toBe('failed');
    expect(await checkItem(section, /lists every layer/).locator('.tl-check-message').innerText()).toMatch(
      /^layerNames: expected \["conv1", "conv2", "pool1", .*\], got \[\]$/,
    );
    // Said once: every failing sentence here holds its expected and actual, so no box repeats them.
    expect(await section.locator('.tl-check-values').count()).toBe(0);
    expectClean(page);
  });

  it('shows an error of the learner’s code once, in the output, not again among the checks', async () => {
    const page = await lessonPage('what-is-transfer-learning');
    const section = await readyBlock(page, 'what-is-transfer-learning/list-layers');
    await pasteCode(page, section, `const nothing: any = undefined;\nexport const layerNames = nothing.layers.map((l: any) => l.name);\n`);
    expect(await run(section)).toBe('error');
    const output = await section.getByRole('log').innerText();
    expect(output.match(/reading 'map'|reading 'layers'/g)?.length).toBe(1);
    expect(await section.locator('[data-slot="result"]').isHidden()).toBe(true);
    expectClean(page);
  });
});

describe('lesson 4: forgot to compile after setting trainable', () => {
  it('names the cause', async () => {
    const page = await lessonPage('fine-tune-the-model');
    const section = await readyBlock(page, 'fine-tune-the-model/fine-tune');
    await pasteCode(
      page,
      section,
      `import * as tf from '@tensorflow/tfjs';
import { models, datasets, evaluate } from 'lab';
const base = await models.fashionCnn({ weights: 'pretrained' });
const newHead = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
export const model = tf.model({ inputs: base.inputs, outputs: newHead.apply(base.getLayer('features').output) as tf.SymbolicTensor });
const train = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 1 });
for (const layer of model.layers) layer.trainable = layer.name === 'new_head';
model.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await model.fit(train.xs, train.ys, { epochs: 3, batchSize: 16, shuffle: true });
// Phase 2 without compiling again.
for (const layer of model.layers) layer.trainable = ['conv3', 'conv4', 'new_head'].includes(layer.name);
await model.fit(train.xs, train.ys, { epochs: 1, batchSize: 16, shuffle: true });
train.dispose();
`,
    );
    expect(await run(section)).toBe('failed');
    const item = checkItem(section, /was fine-tuned, gently/);
    expect(await item.locator('.tl-check-message').innerText()).toMatch(/^`conv3` did not change: did you compile again after setting trainable\?/);
    expectClean(page);
  });
});
