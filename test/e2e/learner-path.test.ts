/**
 * Issue 18, the learner's path: what a new learner saw on the built course in
 * Chromium, item by item, checked the way they would see it (the editor's
 * lines, the output, the buttons, the chart's text alternative, the home page).
 * Items 2, 4, 5, 7 and 11 are tested by their owners' files.
 *
 * Run: npm run build && npx vitest run --config vitest.e2e.config.ts test/e2e/learner-path.test.ts
 * (or build elsewhere and set TL_DIST). Screenshots of lesson 4's editor at
 * 1280 px and 390 px go to $TL_SHOTS (default .tmp/shots/).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expectClean, launchBrowser, offlineSettled, openPage, siteUrl } from './harness.ts';
import { editorText, pasteCode, readyBlock, visibleLines } from './editor.ts';

const SHOTS = process.env.TL_SHOTS ?? '.tmp/shots';

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

async function open(path: string, width = 1280, height = 900): Promise<Page> {
  const { context, page } = await openPage(browser, path, { viewport: { width, height } });
  contexts.push(context);
  return page;
}

async function runAndWait(section: Locator, timeout = 90_000): Promise<string> {
  await section.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => section.getAttribute('data-state'), { timeout }).not.toBe('running');
  return (await section.getAttribute('data-state')) ?? '';
}

/** Waits until the run's TypeScript check reached the output; returns how many errors it listed. */
async function typeErrorCount(section: Locator): Promise<number> {
  const log = section.getByRole('log');
  await expect.poll(() => log.getAttribute('data-type-checked'), { timeout: 60_000 }).not.toBeNull();
  return Number(await log.getAttribute('data-type-checked'));
}

/** How far (px) any rendered editor line reaches past the editor's visible text area; 0 when all fit. */
async function overflowPastRightEdge(section: Locator): Promise<number> {
  return section.locator('.tl-monaco').evaluate((editor) => {
    const area = editor.querySelector<HTMLElement>('.lines-content')!.parentElement!.getBoundingClientRect();
    let worst = 0;
    for (const line of editor.querySelectorAll<HTMLElement>('.view-lines .view-line')) {
      for (const span of line.querySelectorAll<HTMLElement>('span > span')) {
        worst = Math.max(worst, span.getBoundingClientRect().right - area.right);
      }
    }
    return Math.round(worst);
  });
}

/**
 * Scrolls through the whole editor (Monaco renders only the lines in view) and returns every
 * line seen and the worst overflow past the right edge.
 */
async function scanEditor(page: Page, section: Locator): Promise<{ text: string; overflow: number }> {
  const editor = section.locator('.tl-monaco');
  await editor.scrollIntoViewIfNeeded();
  let text = '';
  let overflow = 0;
  for (let step = 0; step < 15; step++) {
    text += `${await visibleLines(section)}\n`;
    overflow = Math.max(overflow, await overflowPastRightEdge(section));
    const position = () => editor.evaluate((node) => node.querySelector<HTMLElement>('.lines-content')!.style.top);
    const before = await position();
    const box = (await editor.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 100));
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(200);
    if ((await position()) === before) break;
  }
  return { text, overflow };
}

describe('1. the editor shows whole instructions', () => {
  for (const width of [1280, 390]) {
    it(`lesson 4 at ${width} px: every line fits the editor, the gutter is slim on a phone, PyTorch lines wrap`, async () => {
      const page = await open('lessons/fine-tune-the-model/', width);
      const section = await readyBlock(page, 'fine-tune-the-model/fine-tune');
      await expect.poll(() => visibleLines(section)).toContain('import');
      await section.locator('[data-slot="editor"]').screenshot({ path: `${SHOTS}/lesson4-editor-${width}.png` });
      const { text: drawn, overflow } = await scanEditor(page, section);
      // A wrapped line continues on the next visual line after some indentation.
      const text = drawn.replace(/\s+/g, ' ');
      // The ends of the TODO lines the learner could not see.
      expect(text).toContain('tf.train.momentum(0.001, 0.9)');
      expect(text).toContain('(keep conv1 and conv2 frozen)');
      expect(overflow).toBeLessThanOrEqual(1);

      const gutter = await section.locator('.tl-monaco .margin').evaluate((node) => node.getBoundingClientRect().width);
      const editorWidth = await section.locator('.tl-monaco').evaluate((node) => node.getBoundingClientRect().width);
      if (width === 390) {
        expect(gutter).toBeLessThanOrEqual(36);
        expect(gutter / editorWidth).toBeLessThan(0.12);
      }

      for (const pre of await page.locator('[data-pytorch] pre').all()) {
        await expect(pre.evaluate((node) => node.scrollWidth - node.clientWidth)).resolves.toBeLessThanOrEqual(1);
      }
      expectClean(page);
    });
  }
});

describe('3. lesson 3 teaches the cut, and code that passes is green', () => {
  it('Geek shows tf.model({ inputs, outputs }) and .apply() outside the hint', async () => {
    const page = await open('lessons/modify-the-model/');
    const taught = page.locator('.lesson pre').filter({ hasText: 'tf.model({ inputs: base.inputs, outputs })' });
    await expect(taught.first().isVisible()).resolves.toBe(true);
    await expect(taught.first().innerText()).resolves.toContain('.apply(');
    expectClean(page);
  });

  it('a learner’s passing answer, written without casts, has no TypeScript errors', async () => {
    const page = await open('lessons/modify-the-model/');
    const section = await readyBlock(page, 'modify-the-model/replace-head');
    const answer = `import * as tf from '@tensorflow/tfjs';
import { models } from 'lab';

const numClasses = 5;
const base = await models.fashionCnn({ weights: 'pretrained' });
const cut = base.getLayer('dense').output;
const newHead = tf.layers.dense({ units: numClasses, activation: 'softmax' });
const outputs = newHead.apply(cut);
export const model = tf.model({ inputs: base.inputs, outputs });
`;
    await pasteCode(page, section, answer);
    await expect.poll(() => editorText(section)).toBe(answer.trimEnd());
    await expect(runAndWait(section)).resolves.toBe('passed');
    expect(await typeErrorCount(section)).toBe(0);
    await expect(section.locator('.view-overlays .squiggly-error').count()).resolves.toBe(0);
    expectClean(page);
  });
});

describe('6. typing braces the way people type them', () => {
  it('`{`, Enter, body, Enter, `}` leaves one closing brace and runs', async () => {
    const page = await open('lessons/what-is-transfer-learning/');
    const section = await readyBlock(page, 'what-is-transfer-learning/list-layers');
    await section.locator('.tl-monaco .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('if (base.layers.length > 0) {');
    await page.keyboard.press('Enter');
    await page.keyboard.type("console.log('inside the block');");
    await page.keyboard.press('Enter');
    await page.keyboard.type('}');
    const code = await editorText(section);
    expect(code.match(/\}/g)?.length ?? 0).toBe(code.match(/\{/g)?.length ?? 0);
    const state = await runAndWait(section);
    expect(state).not.toBe('error');
    await expect(section.getByRole('log').innerText()).resolves.toContain('inside the block');
    expect(await typeErrorCount(section)).toBe(0);
    expectClean(page);
  });
});

describe('8. one story for the cut point', () => {
  it('lesson 3 names both cut points, lesson 4 reminds rather than changes, lesson 8’s table is the code that ran', async () => {
    const three = await open('lessons/modify-the-model/');
    const threeText = await three.locator('.lesson').innerText();
    expect(threeText).toMatch(/after `?dense`?/);
    expect(threeText).toMatch(/features/);
    expect(threeText).toMatch(/From Step 3 on we cut there/);

    const four = await open('lessons/fine-tune-the-model/');
    const fourText = await four.locator('.lesson').innerText();
    expect(fourText).not.toContain('one change to Step 2');
    const section = await readyBlock(four, 'fine-tune-the-model/fine-tune');
    await expect.poll(() => editorText(section)).toContain("newHead.apply(base.getLayer('features').output)");

    const eight = await open('lessons/wrap-up/');
    const row = eight.locator('table tr').filter({ hasText: 'tf.model(' });
    const code = await row.locator('td').nth(1).locator('code').first().innerText();
    expect(code).toContain("getLayer('features').output");
    expect(code).toContain("activation: 'softmax'");
    // The lessons' own code makes the same call.
    for (const file of ['04-fine-tune-the-model/starter.ts', '05-transfer-learning-in-action/solution.ts', '07-your-own-data/solution.ts']) {
      expect(readFileSync(`lessons/${file}`, 'utf8')).toContain(".apply(base.getLayer('features').output)");
    }
  });
});

describe('9. no author text in the lessons', () => {
  const lessons = ['what-is-transfer-learning', 'load-a-pretrained-model', 'modify-the-model', 'fine-tune-the-model', 'transfer-learning-in-action', 'your-own-data', 'wrap-up'];
  it('no lesson but 6 (Helper B’s) speaks of the seed, issues, scripts or how the authors measured', async () => {
    const page = await open('');
    for (const lesson of lessons) {
      await page.goto(siteUrl(`lessons/${lesson}/`));
      await offlineSettled(page);
      const prose = await page.locator('article.lesson').evaluate((node) => {
        // Code is code: `seed: 7` in a call is the learner's, not the author's.
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        const parts: string[] = [];
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
          if (!text.parentElement?.closest('pre, code, tl-exercise, script')) parts.push(text.textContent ?? '');
        }
        return parts.join(' ');
      });
      expect(prose, lesson).not.toMatch(/\bthe seed\b|\bseed's\b|\bissue \d|scripts\/|measured with|we set ourselves|when we designed/i);
    }
    await page.goto(siteUrl('lessons/load-a-pretrained-model/'));
    await offlineSettled(page);
    await expect(page.locator('.geek-note').innerText()).resolves.toContain("Geek's example (lesson 5)");
  });
});

describe('10. the solution panel says what it shows', () => {
  // Whatever the layout at a width, the words describe it; a wide page shows two sides, a phone one column.
  for (const [width, expected] of [
    [1280, 'side-by-side'],
    [800, undefined],
    [390, 'inline'],
  ] as const) {
    it(`at ${width} px: the text describes the layout shown, and the button hides it again`, async () => {
      const page = await open('lessons/what-is-transfer-learning/', width);
      const section = await readyBlock(page, 'what-is-transfer-learning/list-layers');
      await expect(runAndWait(section)).resolves.toBe('failed');
      const show = section.getByRole('button', { name: 'Show solution' });
      await show.click();
      const hide = section.getByRole('button', { name: 'Hide solution' });
      await expect(hide.getAttribute('aria-expanded')).resolves.toBe('true');
      const panel = section.locator('[data-slot="solution"]');
      await section.locator('.tl-solution .monaco-diff-editor').waitFor({ timeout: 30_000 });
      await expect.poll(() => panel.getAttribute('data-layout')).not.toBeNull();
      const layout = await panel.getAttribute('data-layout');
      if (expected) expect(layout).toBe(expected);
      await page.waitForTimeout(500);
      await panel.screenshot({ path: `${SHOTS}/solution-panel-${width}.png` });
      const text = await panel.locator('[data-slot="solution-explain"]').innerText();
      const original = section.locator('.tl-solution .editor.original');
      const modified = section.locator('.tl-solution .editor.modified');
      if (layout === 'side-by-side') {
        expect(text).toMatch(/^Left: the reference solution/);
        const [left, right] = [await original.boundingBox(), await modified.boundingBox()];
        expect(left!.x + left!.width).toBeLessThanOrEqual(right!.x + 1);
      } else {
        expect(text).toMatch(/^One column/);
        expect(text).not.toMatch(/left|right|arrow/i);
        // One column: the learner's side takes (nearly) the whole width, the solution has no pane of its own.
        const whole = (await section.locator('.tl-solution .monaco-diff-editor').boundingBox())!;
        expect((await modified.boundingBox())!.width).toBeGreaterThan(whole.width * 0.75);
        expect((await original.boundingBox())?.width ?? 0).toBeLessThan(whole.width * 0.2);
      }
      expect(text).not.toMatch(/arrow/i);
      await hide.click();
      await expect(panel.isHidden()).resolves.toBe(true);
      await expect(show.getAttribute('aria-expanded')).resolves.toBe('false');
      expectClean(page);
    });
  }
});

describe('12. type errors reach the output', () => {
  it('Run still runs, and the output first lists the editor’s TypeScript errors with their lines', async () => {
    const page = await open('lessons/what-is-transfer-learning/');
    const section = await readyBlock(page, 'what-is-transfer-learning/list-layers');
    const code = `import { models } from 'lab';

const base = await models.fashionCnn({ weights: 'pretrained' });
export const layerNames: string[] = base.layers.map((layer) => layer.Name);
console.log('names:', layerNames.join(', '));
`;
    await pasteCode(page, section, code);
    await expect.poll(() => editorText(section)).toBe(code.trimEnd());
    await runAndWait(section);
    expect(await typeErrorCount(section)).toBe(1);
    const log = section.getByRole('log');
    const first = log.locator(':scope > *').first();
    await expect(first.getAttribute('data-type-errors')).resolves.toBe('1');
    const listed = await first.innerText();
    expect(listed).toContain('1 TypeScript error');
    expect(listed).toMatch(/Line 4, column \d+: Property 'Name' does not exist/);
    // The run went ahead: what the code printed is there, after the list.
    await expect(log.innerText()).resolves.toContain('names:');
    expectClean(page);
  });
});

describe('smaller ones', () => {
  it('lesson 7’s drawing pad is square and shows saved drawings as thumbnails', async () => {
    const page = await open('lessons/your-own-data/');
    const pad = page.locator('drawing-pad');
    const canvas = pad.locator('canvas.pad-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    expect(Math.abs(box.width - box.height)).toBeLessThanOrEqual(1);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.7, { steps: 8 });
    await page.mouse.up();
    const first = pad.locator('[data-thumbs="0"]');
    const save = pad.locator('button[data-save="0"]');
    await save.click();
    await expect.poll(() => first.locator('canvas').count()).toBe(1);
    // The thumbnail shows the stroke: some pixels are ink.
    const inked = await first.locator('canvas').first().evaluate((thumb: HTMLCanvasElement) => {
      const data = thumb.getContext('2d')!.getImageData(0, 0, thumb.width, thumb.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 100) count++;
      return count;
    });
    expect(inked).toBeGreaterThan(5);
    await page.reload();
    await expect.poll(() => first.locator('canvas').count()).toBe(1);
    await pad.getByRole('button', { name: 'Use the sample drawings' }).click();
    await expect.poll(() => first.locator('canvas').count()).toBe(12);
    await expect(first.innerText()).resolves.toContain('+9 more');
    expectClean(page);
  });

  it('the two phases’ charts share one loss scale and the legend shows no empty boxes', async () => {
    const page = await open('lessons/fine-tune-the-model/');
    const section = await readyBlock(page, 'fine-tune-the-model/fine-tune');
    await pasteCode(page, section, readFileSync('lessons/04-fine-tune-the-model/solution.ts', 'utf8'));
    await runAndWait(section, 120_000);
    const charts = section.locator('.tl-fit .tl-chart');
    await expect.poll(() => charts.count()).toBe(2);
    await expect.poll(() => section.locator('.tl-fit .u-legend').count()).toBe(2);
    const labels = await charts.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
    const tops = labels.map((label) => /Loss axis from 0 to ([\d.]+)/.exec(label)?.[1]);
    expect(tops[0]).toBeDefined();
    expect(tops[1]).toBe(tops[0]);
    for (const legend of await section.locator('.tl-fit .u-legend').all()) {
      await expect(legend.innerText()).resolves.not.toContain('--');
    }
    await section.locator('[data-slot="training"]').screenshot({ path: `${SHOTS}/lesson4-charts-1280.png` });
    expectClean(page);
  });

  it('home page: the exercise count is explained, cards say which lessons have one, Start becomes Continue', async () => {
    const page = await open('');
    const start = page.locator('.hero a.start-link');
    await expect(start.innerText()).resolves.toMatch(/^Start/);
    // Every <Exercise> of the course's lessons counts (lesson 6 has two).
    const exercises = readdirSync('lessons')
      .filter((folder) => /^\d/.test(folder))
      .reduce((sum, folder) => sum + (readFileSync(`lessons/${folder}/index.mdx`, 'utf8').match(/<Exercise\s/g) ?? []).length, 0);
    expect(exercises).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.course-progress-text').innerText()).toBe(`0 of ${exercises} exercises passed`);
    await expect(page.locator('.course-progress-note').innerText()).resolves.toBe(
      '7 of the 8 lessons end in an exercise; the others are reading only.',
    );
    // textContent: the label is shown in capitals (CSS), which innerText would report.
    await expect(page.locator('.lesson-cards li').last().textContent()).resolves.toContain('Reading only');
    await expect(page.locator('.lesson-cards li').first().textContent()).resolves.toContain('Exercise');
    for (const width of [390, 800, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const gaps = await page.locator('.lesson-cards li').evaluateAll((cards) =>
        cards.map((card) => card.querySelector('p')!.getBoundingClientRect().top - card.querySelector('h3')!.getBoundingClientRect().bottom),
      );
      for (const gap of gaps) expect(gap).toBeLessThanOrEqual(10);
    }

    await page.evaluate(() =>
      localStorage.setItem(
        'transfer-lab:v1:progress',
        JSON.stringify({ version: 1, exercises: { 'what-is-transfer-learning/list-layers': { passedAt: Date.now() } } }),
      ),
    );
    await page.reload();
    await expect.poll(() => start.innerText()).toBe('Continue with lesson 2 →');
    // The bar itself stays visible next to its text.
    await expect(page.locator('progress[data-course-progress]').evaluate((bar) => bar.getBoundingClientRect().width)).resolves.toBeGreaterThan(100);
    await expect(start.getAttribute('href')).resolves.toMatch(/lessons\/load-a-pretrained-model\/$/);
    expectClean(page);
  });
});
