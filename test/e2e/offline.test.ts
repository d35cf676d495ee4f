/**
 * The service worker (issue 16, src/offline/): after one visit the whole
 * course works with the network off, and a newly deployed build is offered
 * with a notice whose Reload brings it up without losing the learner's code.
 *
 * Runs on the built site (dist/, or TL_DIST), with the course's own config
 * (service worker on, the default). The update test serves a copy of the build
 * from its own server and "deploys" a changed build into it the way a teacher
 * does: new files, then the new sw.js (src/offline/build.ts, as the build writes it).
 *
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/offline.test.ts
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectClean, launchBrowser, offlineSettled, siteUrl, watch } from './harness.ts';
import { editorText, pasteCode, readyBlock } from './editor.ts';
import { precacheManifest, writeServiceWorker } from '../../src/offline/build.ts';
import { coursePaths, loadCourseConfig } from '../../src/course/load-config.ts';
import { discoverCourse } from '../../src/course/discover.ts';
import { runInput } from '../../scripts/lib/browser-session.ts';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.ts';
import type { RunResult } from '../../src/sandbox/protocol.ts';

const DIST = resolve(process.env.TL_DIST ?? 'dist');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Waits until this build's cache holds every file of the precache list. */
async function waitForPrecache(page: Page, dist: string, timeout = 120_000): Promise<void> {
  const manifest = precacheManifest(dist);
  const scopePath = new URL(page.url()).pathname.replace(/(lessons\/[^/]+\/)?$/, '');
  const name = `tl:${scopePath}:${manifest.version}`;
  const cached = () =>
    page.evaluate(async (cacheName) => {
      if (!(await caches.has(cacheName))) return 0;
      const keys = await (await caches.open(cacheName)).keys();
      return keys.filter((request) => !request.url.includes('__tl-precache-revs__')).length;
    }, name);
  await expect.poll(cached, { timeout, interval: 500 }).toBeGreaterThanOrEqual(manifest.entries.length);
}

describe('offline after one visit', () => {
  it('loads every lesson page and passes every exercise solution with the network off', async () => {
    const course = await loadCourseConfig();
    const { lessons } = discoverCourse(coursePaths().lessonsDir, course);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watch(page);
    const first = lessons.find((lesson) => lesson.exercises.length > 0)!;
    await page.goto(siteUrl(`lessons/${first.slug}/`));
    await offlineSettled(page);
    await expect(page.evaluate(() => document.documentElement.dataset.offline)).resolves.toBe('ready');
    await waitForPrecache(page, DIST);

    await context.setOffline(true);
    for (const lesson of lessons) {
      const response = await page.goto(siteUrl(`lessons/${lesson.slug}/`));
      expect(response?.status(), lesson.slug).toBe(200);
      await expect(page.locator('main h1').first().innerText()).resolves.not.toBe('');
      if (lesson.exercises[0]) {
        // The editor (Monaco) and the sandbox come from the cache too.
        const section = await readyBlock(page, lesson.exercises[0].id);
        await expect(editorText(section)).resolves.not.toBe('');
      }
    }
    await page.goto(siteUrl());
    await expect(page.locator('main').innerText()).resolves.toContain(course.title);
    expectClean(page);

    // Every solution, graded offline by the same sandbox the blocks use (the runner page, from the cache).
    await page.goto(siteUrl('tools/runner/'));
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const exercises = lessons.flatMap((lesson) => lesson.exercises);
    expect(exercises.length).toBeGreaterThan(0);
    for (const exercise of exercises) {
      if (exercise.readsDrawings) {
        await page.evaluate(() => (window as unknown as { transferLab: { useSampleDrawings(): Promise<void> } }).transferLab.useSampleDrawings());
      }
      const result = await page.evaluate(
        (request) => (window as unknown as { transferLab: { run(r: unknown): Promise<RunResult> } }).transferLab.run(request),
        runInput(exercise.solution, exercise),
      );
      const failed = result.status === 'error' ? [result.error?.message] : (result.checks ?? []).filter((check) => check.status !== 'pass').map((check) => check.title);
      expect(failed, exercise.id).toEqual([]);
      expect(result.checks?.length ?? 0, exercise.id).toBeGreaterThan(0);
    }
    expectClean(page);
    await context.close();
  }, 900_000);
});

describe('a new build deployed', () => {
  const root = resolve('.tmp/e2e-offline-update');
  let server: StaticServer;

  beforeAll(async () => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    cpSync(DIST, join(root, 'site'), { recursive: true });
    server = await startStaticServer({ dir: join(root, 'site'), base: (await loadCourseConfig()).base });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows the version notice, and Reload brings up the new version with the saved code', async () => {
    const course = await loadCourseConfig();
    const { lessons } = discoverCourse(coursePaths().lessonsDir, course);
    const lesson = lessons.find((entry) => entry.exercises.length > 0)!;
    const exercise = lesson.exercises[0]!;
    const url = `${server.url}lessons/${lesson.slug}/`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(url);
    await offlineSettled(page);
    const site = join(root, 'site');
    await waitForPrecache(page, site);

    const section = await readyBlock(page, exercise.id);
    const mine = `// my own work, typed before the update\n${exercise.starter}`;
    await pasteCode(page, section, mine);
    await expect.poll(() => editorText(section)).toBe(mine.trimEnd());
    await expect(page.locator('.update-notice').count()).resolves.toBe(0);

    // Deploy: a changed lesson page, then the new service worker (with the new precache list).
    const before = precacheManifest(site).version;
    const pageFile = join(site, 'lessons', lesson.slug, 'index.html');
    writeFileSync(pageFile, readFileSync(pageFile, 'utf8').replace('</main>', '<p data-new-build>Updated after deployment.</p></main>'));
    writeServiceWorker(site, true);

    // The page checks for a new build when it becomes visible again (and every 30 minutes).
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const notice = page.getByRole('status').filter({ hasText: 'A new version of the course is available.' });
    await notice.waitFor({ timeout: 120_000 });
    await expect(page.locator('[data-new-build]').count()).resolves.toBe(0); // still the old version until the learner says so
    await notice.getByRole('button', { name: 'Reload' }).click();
    await page.locator('[data-new-build]').waitFor({ timeout: 60_000 });
    await offlineSettled(page);
    const again = await readyBlock(page, exercise.id);
    await expect.poll(() => editorText(again)).toBe(mine.trimEnd());
    await expect(page.locator('.update-notice').count()).resolves.toBe(0);
    // The old build's cache is gone, the new one serves.
    const names = await page.evaluate(() => caches.keys());
    expect(names.some((name) => name.endsWith(before))).toBe(false);
    expectClean(page);
    await context.close();
  }, 600_000);
});
