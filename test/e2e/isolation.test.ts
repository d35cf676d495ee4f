/**
 * Cross-origin isolation through the service worker (issue 16): on a plain
 * static host (no COOP/COEP headers) under a base path, the page is
 * `crossOriginIsolated` after the first load and the sandbox runs threaded
 * wasm on more than one thread; a teacher's extra model on another origin
 * still loads; a host that sends the headers itself gets no reload.
 *
 * Builds a one-lesson fixture course (offline-fixture.ts) under .tmp/.
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/isolation.test.ts
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { expectClean, launchBrowser, offlineSettled, watch } from './harness.ts';
import { editorText, pasteCode, readyBlock } from './editor.ts';
import { FIXTURE_BASE, FIXTURE_EXERCISE, buildFixture } from './offline-fixture.ts';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.ts';

const ROOT = resolve('.tmp/e2e-isolation');
let dist: string;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  dist = buildFixture(ROOT, { serviceWorker: true });
  server = await startStaticServer({ dir: dist, base: FIXTURE_BASE });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function run(section: Locator): Promise<void> {
  await section.getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => section.getAttribute('data-state'), { timeout: 120_000 }).toMatch(/passed|failed|error/);
}

const output = (section: Locator) => section.locator('[role="log"]').innerText();
const backendLine = (section: Locator) => section.locator('[data-slot="status-backend"]').innerText();

async function openLesson(page: Page, url: string): Promise<Locator> {
  watch(page);
  await page.goto(`${url}lessons/threads/`);
  await offlineSettled(page);
  return readyBlock(page, FIXTURE_EXERCISE);
}

describe('cross-origin isolation from the service worker', () => {
  it('is isolated after the first load under /ml-course/, and the sandbox runs more than one wasm thread', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let navigations = 0;
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && navigations++));
    const section = await openLesson(page, server.url);
    expect(navigations).toBe(2); // the first load, and the one reload that makes it isolated
    await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(true);
    await run(section);
    await expect(output(section)).resolves.toContain('backend wasm isolated true');
    const threads = Number(/SIMD · (\d+) threads?/.exec(await backendLine(section))?.[1]);
    expect(threads).toBeGreaterThan(1);
    // A second page of the course is isolated at once: no more reloads.
    await page.goto(`${server.url}lessons/threads/`);
    await offlineSettled(page);
    expect(navigations).toBe(3);
    await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(true);
    expectClean(page);
    await context.close();
  }, 300_000);

  it('does not reload a page the learner has begun using; the next load is isolated, with their code', async () => {
    const context = await browser.newContext();
    // The learner's first key press comes before the worker takes control (here: at once, when the page's
    // scripts have run; a real learner on a slow first visit types into the editor while the worker installs).
    await context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))));
    const page = await context.newPage();
    let navigations = 0;
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && navigations++));
    const section = await openLesson(page, server.url);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.offline)).toBe('ready');
    expect(navigations).toBe(1);
    await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(false);
    await pasteCode(page, section, 'export const mine = 42;\n');
    await expect.poll(() => editorText(section)).toBe('export const mine = 42;');
    await page.waitForTimeout(1500); // the code store saves after a pause in typing
    await page.reload();
    await offlineSettled(page);
    expect(navigations).toBe(2);
    await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(true);
    const again = await readyBlock(page, FIXTURE_EXERCISE);
    await expect.poll(() => editorText(again)).toBe('export const mine = 42;');
    expectClean(page);
    await context.close();
  }, 300_000);

  it('Stop ends the sandbox worker and its wasm threads (pthread workers)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const section = await openLesson(page, server.url);
    await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(true);
    // Every worker of the page, and which of them have ended: the sandbox workers (a built module) and
    // the pthread workers tfjs's threaded wasm starts from blobs inside them.
    const closed: string[] = [];
    const track = (worker: { url(): string; on(event: 'close', f: () => void): void }) => worker.on('close', () => closed.push(worker.url()));
    page.workers().forEach(track);
    page.on('worker', track);
    await pasteCode(
      page,
      section,
      "import * as tf from '@tensorflow/tfjs';\nconst a = tf.randomNormal([256, 256]);\nfor (let i = 0; i < 1e7; i++) { tf.tidy(() => tf.matMul(a, a)); if (i % 50 === 0) await tf.nextFrame(); }\n",
    );
    await section.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => backendLine(section), { timeout: 60_000 }).toMatch(/SIMD · [2-9]\d* threads/);
    const threads = Number(/SIMD · (\d+) threads/.exec(await backendLine(section))![1]);
    await page.waitForTimeout(1000); // training on every thread
    expect(closed).toEqual([]);
    await section.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => section.getAttribute('data-state'), { timeout: 10_000 }).not.toBe('running');
    const isBlob = (url: string) => url.startsWith('blob:');
    await expect.poll(() => closed.filter((url) => !isBlob(url)).length, { timeout: 10_000 }).toBe(1); // the stopped sandbox worker
    await expect.poll(() => closed.filter(isBlob).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(threads); // and its threads with it
    await context.close();
  }, 300_000);

  it("loads a teacher's extra model from a second origin under isolation", async () => {
    // The course's own model, served by another host (localhost vs 127.0.0.1: another origin) with CORS, as a teacher's model host does.
    const modelHost = await startStaticServer({ dir: `${dist}/models/fashion-cnn`, host: 'localhost', headers: { 'access-control-allow-origin': '*' } });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const section = await openLesson(page, server.url);
      await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(true);
      expect(new URL(modelHost.url).origin).not.toBe(new URL(server.url).origin);
      await pasteCode(
        page,
        section,
        `import { models } from 'lab';
const model = await models.fromUrl({ url: '${modelHost.url}model.json', inputShape: [28, 28, 1], cutAt: 'features' });
console.log('extra model layers', model.layers.length, 'isolated', crossOriginIsolated);
export const answer = 42;
`,
      );
      await run(section);
      await expect(output(section)).resolves.toMatch(/extra model layers \d+ isolated true/);
      await expect(section.getAttribute('data-state')).resolves.toBe('passed');
      expectClean(page);
      await context.close();
    } finally {
      await modelHost.close();
    }
  }, 300_000);

  it('does not reload on a host that sends COOP/COEP itself, and still runs threads', async () => {
    const isolatedHost = await startStaticServer({
      dir: dist,
      base: FIXTURE_BASE,
      headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      let navigations = 0;
      page.on('framenavigated', (frame) => void (frame === page.mainFrame() && navigations++));
      const section = await openLesson(page, isolatedHost.url);
      expect(navigations).toBe(1);
      await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(true);
      await run(section);
      expect(Number(/SIMD · (\d+) threads?/.exec(await backendLine(section))?.[1])).toBeGreaterThan(1);
      expectClean(page);
      await context.close();
    } finally {
      await isolatedHost.close();
    }
  }, 300_000);
});
