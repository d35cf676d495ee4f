/**
 * The benchmark's smoke mode (issue 8): every bench section, once and small,
 * against the built site the other browser tests use. It proves the bench's
 * measuring still works after the site, runtime or lessons change (selectors,
 * the runner page, the probe as learner code), not how fast anything is:
 * the full measurement is `npm run bench`, outside `npm test`.
 *
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/bench-smoke.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, siteUrl } from './harness.ts';
import { coursePaths, loadCourseConfig } from '../../src/course/load-config.ts';
import { discoverCourse } from '../../src/course/discover.ts';
import type { BenchContext } from '../../bench/lib/context.ts';
import { benchExercises } from '../../bench/sections/exercises.ts';
import { benchMemory } from '../../bench/sections/memory.ts';
import { benchLessonPage, editorReadyTrial, lessonPaths } from '../../bench/sections/page-weight.ts';
import { runProbe, throughputParams, transferParams, type ThroughputReport, type TransferReport } from '../../bench/sections/probes.ts';
import { RunnerPage } from '../../bench/lib/runner-page.ts';

let browser: Browser;
let ctx: BenchContext;

beforeAll(async () => {
  browser = await launchBrowser();
  const course = await loadCourseConfig();
  const { lessons } = discoverCourse(coursePaths().lessonsDir, course);
  ctx = {
    browser,
    siteUrl: siteUrl(),
    distDir: process.env.TL_DIST ?? 'dist',
    base: course.base,
    exercises: lessons.flatMap((lesson) => lesson.exercises),
    backends: ['wasm'],
    runs: 1,
    quick: true,
    cutAt: 'features',
    log: () => {},
  };
});
afterAll(async () => {
  await browser?.close();
});

describe('bench smoke', () => {
  it('times a reference solution to its graded result, split into phases', async () => {
    const exercise = ctx.exercises[0]!;
    const [cell] = await benchExercises(ctx, { cellBudgetMs: 30_000, maxRunMs: 30_000, only: [exercise.id] });
    expect(cell!.problems).toEqual([]);
    expect(cell!.runs).toBe(1);
    expect(cell!.checks[0]).toMatch(/^(\d+)\/\1$/);
    const p = cell!.phases;
    expect(p.wall.median).toBeGreaterThan(0);
    // The parts of the learner code never exceed the wall time.
    expect(p.load.median + p.setup.median + p.warmup.median + p.train.median + p.after.median + p.checks.median).toBeLessThanOrEqual(p.wall.median);
  });

  it('trains the course model on wasm with the op-level Conv2D gradient kernels, and the cached-embedding path trains the same head', async () => {
    const page = await RunnerPage.open(browser, ctx.siteUrl);
    try {
      const throughput = await runProbe<ThroughputReport>(page, 'throughput', throughputParams(true, 'wasm', ctx.cutAt), 'wasm');
      if (typeof throughput === 'string') throw new Error(throughput);
      expect(throughput.backend).toBe('wasm');
      expect(throughput.trainMsPerSample).toBeGreaterThan(0);
      expect(throughput.gradientKernels).toContainEqual({ name: 'Conv2DBackpropFilter', registered: true });

      const transfer = await runProbe<TransferReport>(page, 'transfer', transferParams(true, ctx.cutAt), 'wasm');
      if (typeof transfer === 'string') throw new Error(transfer);
      expect(transfer.maxWeightDifference).toBeLessThan(1e-5);
      expect(transfer.recomputeMs).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it("measures each run's worker heap and tensors, and the page heap, over repeated runs", async () => {
    const result = await benchMemory(ctx, ctx.exercises[0]!, 'wasm', 2);
    expect(result.problems).toEqual([]);
    expect(result.samples).toHaveLength(2);
    for (const sample of result.samples) {
      expect(sample.workerHeapBytes).toBeGreaterThan(0);
      expect(sample.pageHeapBytes).toBeGreaterThan(0);
    }
    expect(result.growth.tensorsAfter).toBe(0);
  });

  it('weighs a lesson page and finds the editor ready to take a keystroke', async () => {
    // The first lesson's block is below the fold: nothing of the editor loads before the click.
    const path = lessonPaths(ctx.distDir).find((p) => p.includes(ctx.exercises[0]!.lesson))!;
    const weight = await benchLessonPage(ctx, path);
    expect(weight.hasExercise).toBe(true);
    expect(weight.beforeInteraction.html?.raw).toBeGreaterThan(0);
    expect(weight.noJs.dialogueLines).toBeGreaterThan(0);

    const trial = await editorReadyTrial(ctx, path, { untilQuiet: false });
    expect(trial.clickToReadyMs).toBeGreaterThan(0);
    // Monaco itself arrives after the click, so it is counted until ready.
    expect(trial.beforeReady.some((file) => /editor\.api/.test(file.url))).toBe(true);
  });
});
