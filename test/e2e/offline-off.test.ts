/**
 * With the service worker switched off in course.config.ts
 * (`serviceWorker: false`, issue 16), the course still works: no sw.js in the
 * build, nothing registered, no reload, and runs go on single-threaded wasm.
 *
 * Builds a one-lesson fixture course (offline-fixture.ts) under .tmp/.
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/offline-off.test.ts
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectClean, launchBrowser, offlineSettled, watch } from './harness.ts';
import { pasteCode, readyBlock } from './editor.ts';
import { FIXTURE_BASE, FIXTURE_EXERCISE, buildFixture } from './offline-fixture.ts';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.ts';

const ROOT = resolve('.tmp/e2e-offline-off');
let dist: string;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  dist = buildFixture(ROOT, { serviceWorker: false });
  server = await startStaticServer({ dir: dist, base: FIXTURE_BASE });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the service worker switched off', () => {
  it('builds no sw.js, registers nothing, and runs exercises on single-threaded wasm', async () => {
    expect(existsSync(join(dist, 'sw.js'))).toBe(false);
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    let navigations = 0;
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && navigations++));
    await page.goto(`${server.url}lessons/threads/`);
    await offlineSettled(page);
    await expect(page.evaluate(() => document.documentElement.dataset.offline)).resolves.toBe('off');
    const section = await readyBlock(page, FIXTURE_EXERCISE);
    await pasteCode(
      page,
      section,
      `import * as tf from '@tensorflow/tfjs';
console.log('backend', tf.getBackend(), 'isolated', crossOriginIsolated);
export const answer = 42;
`,
    );
    await section.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => section.getAttribute('data-state'), { timeout: 120_000 }).toBe('passed');
    await expect(section.locator('[role="log"]').innerText()).resolves.toContain('backend wasm isolated false');
    await expect(section.locator('[data-slot="status-backend"]').innerText()).resolves.toMatch(/wasm \(SIMD · 1 thread\)/);
    expect(navigations).toBe(1);
    await expect(page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).resolves.toBe(0);
    expectClean(page);
    await context.close();
  }, 300_000);
});
