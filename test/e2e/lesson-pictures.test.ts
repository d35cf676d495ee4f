/**
 * The pictures made at build time (issue 14): lesson 1's image strips and
 * lesson 3's layer diagram are in the HTML, so they show with JavaScript off,
 * and they say in text what they show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser, openPage } from './harness.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const index = JSON.parse(readFileSync('public/data/fashion-mnist/index.json', 'utf8')) as {
  sets: Record<string, { classes: { name: string }[] }>;
};

describe('pictures built into the lessons', () => {
  it('lesson 1 shows real images of the five known and the five new classes, named, with JavaScript off', async () => {
    const { context, page } = await openPage(browser, 'lessons/what-is-transfer-learning/', { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    for (const set of ['fashion-source', 'fashion-target']) {
      const figure = page.locator(`figure[data-class-strips="${set}"]`);
      const names = index.sets[set]!.classes.map((c) => c.name);
      expect(await figure.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-class')))).toEqual(names);
      expect(await figure.locator('.class-strips__name').allTextContents()).toEqual(names);
      const caption = await figure.locator('figcaption').textContent();
      for (const name of names) expect(caption).toContain(name);
      // Every strip decoded to a real picture of 6 images (28 px each, 2 px gaps), and says so in its alt text.
      const images = await figure.locator('img').evaluateAll((imgs) =>
        (imgs as HTMLImageElement[]).map((img) => ({ w: img.naturalWidth, h: img.naturalHeight, alt: img.alt, shown: img.getBoundingClientRect().width })),
      );
      expect(images).toHaveLength(names.length);
      for (const [i, img] of images.entries()) {
        expect(img).toMatchObject({ w: 6 * 28 + 5 * 2, h: 28, alt: `6 training images of ${names[i]}` });
        // At 360 px the strip fits the screen.
        expect(img.shown).toBeLessThanOrEqual(360);
      }
    }
    await context.close();
  });

  it('lesson 3 draws the model from model.json: every layer with its shape and parameters, the cut and the new head', async () => {
    const { context, page } = await openPage(browser, 'lessons/modify-the-model/', { javaScriptEnabled: false });
    const model = JSON.parse(readFileSync('public/models/fashion-cnn/model.json', 'utf8'));
    const layerNames: string[] = model.modelTopology.config.layers.map((l: { config: { name: string } }) => l.config.name);
    const diagram = page.locator('figure[data-model-diagram]');
    const rows = await diagram.locator('[data-layer]').evaluateAll((items) =>
      items.map((li) => ({ layer: li.getAttribute('data-layer'), role: li.getAttribute('data-role'), text: li.textContent!.replace(/\s+/g, ' ').trim() })),
    );
    expect(rows.map((r) => r.layer)).toEqual(['input', ...layerNames.slice(0, -1), 'new_head', 'head']);
    expect(rows.find((r) => r.layer === 'pool1')!.text).toContain('14×14×16');
    expect(rows.find((r) => r.layer === 'dense')!.text).toContain('200,832 params');
    expect(rows.find((r) => r.layer === 'new_head')).toMatchObject({ role: 'new' });
    expect(rows.find((r) => r.layer === 'new_head')!.text).toContain('645 params');
    expect(rows.find((r) => r.layer === 'head')).toMatchObject({ role: 'replaced' });
    expect(await diagram.locator('[data-cut="dense"]').count()).toBe(1);
    expect(await diagram.locator('figcaption').textContent()).toContain('217,845 parameters');
    await context.close();
  });
});
