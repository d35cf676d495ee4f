/**
 * The PyTorch side in Chromium, on the built site: the fine-tune exercise's solution runs and
 * passes, "Download my model" saves my-model.json + my-model.weights.bin, PyTorch
 * (transferlab.load_tfjs, Debian's /usr/bin/python3) loads them and predicts the same class as
 * TF.js on the target test images; the <PyTorch> panel's tabs and its downloads (script,
 * notebook, zip) work.
 *
 * Run: npm run build && npx vitest run --config vitest.e2e.config.ts test/e2e/pytorch.test.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { expectClean, launchBrowser, openPage } from './harness.ts';
import { pasteCode, readyBlock } from './editor.ts';
import { measureTwins } from '../python/twins.ts';

const LESSON = 'lessons/fine-tune-the-model/';
const EXERCISE = 'fine-tune-the-model/fine-tune';
const OUT = resolve('.tmp/e2e-pytorch');
const PYTHON = '/usr/bin/python3';

let browser: Browser;
beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function run(command: string, args: string[], cwd = process.cwd()): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, OMP_NUM_THREADS: '1' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Resolves with the next `count` downloads the page starts. */
function downloads(page: Page, count: number): Promise<Download[]> {
  return new Promise((done) => {
    const seen: Download[] = [];
    const onDownload = (download: Download) => {
      seen.push(download);
      if (seen.length === count) {
        page.off('download', onDownload);
        done(seen);
      }
    };
    page.on('download', onDownload);
  });
}

describe('the learner’s model, from the browser to PyTorch', () => {
  it('downloads the fine-tuned model after a passing run, and PyTorch predicts the same classes', async () => {
    const { context, page } = await openPage(browser, LESSON, { acceptDownloads: true });
    const section = await readyBlock(page, EXERCISE);
    const download = section.getByRole('button', { name: 'Download my model' });
    expect(await download.isVisible()).toBe(false);

    await pasteCode(page, section, readFileSync('lessons/04-fine-tune-the-model/solution.ts', 'utf8'));
    await section.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => section.getAttribute('data-state'), { timeout: 110_000, interval: 500 }).toMatch(/passed|failed|error/);
    expect(await section.getAttribute('data-state')).toBe('passed');
    const printed = /Test accuracy on the new task: (\d+\.\d)%/.exec((await section.locator('[data-slot="output"]').textContent()) ?? '');
    expect(printed).not.toBeNull();

    await download.waitFor({ state: 'visible' });
    const files = downloads(page, 2);
    await download.click();
    const saved: string[] = [];
    for (const file of await files) {
      const path = join(OUT, file.suggestedFilename());
      await file.saveAs(path);
      saved.push(file.suggestedFilename());
    }
    expect(saved.sort()).toEqual(['my-model.json', 'my-model.weights.bin']);
    const modelJson = JSON.parse(readFileSync(join(OUT, 'my-model.json'), 'utf8'));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0].paths).toEqual(['./my-model.weights.bin']);
    expectClean(page);
    await context.close();

    // TF.js on the downloaded files (Node, wasm), then PyTorch on the same files.
    run('npx', ['node', 'test/python/tfjs_reference.ts', 'predict-model', OUT, join(OUT, 'my-model.json')]);
    const tfjs = JSON.parse(readFileSync(join(OUT, 'predict-model.json'), 'utf8')) as { accuracy: number };
    // The downloaded model is the one the browser trained: it scores what the page printed.
    expect((tfjs.accuracy * 100).toFixed(1)).toBe(printed![1]);
    const report = JSON.parse(run(PYTHON, ['test/python/compare_model.py', join(OUT, 'my-model.json'), join(OUT, 'predict-model.json')]).trim().split('\n').pop()!);
    console.log(`browser ${printed![1]}%, PyTorch agrees on ${report.sameClass}/${report.images} target test images (PyTorch accuracy on all of them ${(report.pytorchAccuracy * 100).toFixed(1)}%)`);
    expect(report.images).toBe(2500);
    expect(report.agreement).toBeGreaterThanOrEqual(0.999);
    expect(report.layers).toContain('new_head');
    // Lesson 8's walk-through script on the same files prints the browser's accuracy.
    const walkThrough = run(PYTHON, [resolve('pytorch/08_my_model.py'), join(OUT, 'my-model.json')], OUT);
    expect(/Test accuracy in PyTorch: (\d+\.\d)%/.exec(walkThrough)?.[1]).toBe(printed![1]);
  });
});

describe('the <PyTorch> panel', () => {
  it('shows the twin and the ResNet-18 version in two tabs, and its downloads work', async () => {
    const { context, page } = await openPage(browser, LESSON, { acceptDownloads: true });
    const panel = page.locator('section[data-pytorch]').first();
    await panel.scrollIntoViewIfNeeded();
    const twinTab = panel.getByRole('tab', { name: /This exercise in PyTorch/ });
    const resnetTab = panel.getByRole('tab', { name: /ResNet-18/ });
    expect(await twinTab.getAttribute('aria-selected')).toBe('true');
    const twin = panel.getByRole('tabpanel', { name: /This exercise in PyTorch/ });
    await expect.poll(() => twin.textContent()).toContain('model.new_head = nn.Linear(1568, 5)');
    await resnetTab.click();
    expect(await resnetTab.getAttribute('aria-selected')).toBe('true');
    const resnet = panel.getByRole('tabpanel', { name: /ResNet-18/ });
    expect(await resnet.isVisible()).toBe(true);
    expect(await twin.isVisible()).toBe(false);
    expect(await resnet.textContent()).toContain('weights=None');
    await resnetTab.press('ArrowLeft');
    expect(await twinTab.getAttribute('aria-selected')).toBe('true');

    const fetchDownload = async (name: RegExp): Promise<{ file: string; path: string }> => {
      const next = downloads(page, 1);
      await twin.getByRole('link', { name }).click();
      const [file] = await next;
      const path = join(OUT, `panel-${file!.suggestedFilename()}`);
      await file!.saveAs(path);
      return { file: file!.suggestedFilename(), path };
    };
    const script = await fetchDownload(/^Script/);
    expect(script.file).toBe('04_fine_tune.py');
    expect(readFileSync(script.path, 'utf8')).toBe(readFileSync('pytorch/04_fine_tune.py', 'utf8'));

    const notebook = await fetchDownload(/^Notebook/);
    expect(notebook.file).toBe('04_fine_tune.ipynb');
    const nb = JSON.parse(readFileSync(notebook.path, 'utf8')) as { nbformat: number; cells: { cell_type: string; source: string[] }[] };
    expect(nb.nbformat).toBe(4);
    const code = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n');
    expect(code).toContain('optimizer = torch.optim.SGD(model.new_head.parameters(), lr=0.01, momentum=0.9)');

    const zip = await fetchDownload(/whole pytorch\/ folder/);
    expect(zip.file).toBe('transfer-lab-pytorch.zip');
    const listing = run(PYTHON, ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', zip.path]);
    for (const entry of ['pytorch/04_fine_tune.py', 'pytorch/04_fine_tune.ipynb', 'pytorch/transferlab/tfjs.py', 'public/models/fashion-cnn/weights.bin', 'public/data/fashion-mnist/target-test.bin']) {
      expect(listing).toContain(`transfer-lab-pytorch/${entry}`);
    }
    expectClean(page);
    await context.close();
  });
});

describe('the PyTorch twins', () => {
  it('score within 5 points of the browser solutions, for the same recipe', async () => {
    const { rows, samePredictions } = await measureTwins({ dist: process.env.TL_DIST ?? 'dist', threads: 1 });
    console.log(rows.map((r) => `${r.exercise} ${r.figure}: TF.js ${r.tfjs}%, PyTorch ${r.pytorch}% (${r.pytorchSeconds.toFixed(1)} s)`).join('\n'));
    expect(samePredictions).toEqual([true]);
    expect(rows.length).toBe(5);
    for (const row of rows) {
      expect(row.tfjs, `${row.exercise} ${row.figure}: TF.js figure`).toBeTypeOf('number');
      expect(row.pytorch, `${row.exercise} ${row.figure}: PyTorch figure`).toBeTypeOf('number');
      expect(Math.abs(row.pytorch! - row.tfjs!), `${row.exercise} ${row.figure}`).toBeLessThanOrEqual(5);
    }
  }, 300_000);
});
