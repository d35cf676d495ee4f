/**
 * What a lesson page costs the learner: bytes and time.
 *
 * For every lesson page, in a fresh browser context (empty cache), 1280x720:
 * - before interaction: everything transferred from navigation until the
 *   network has been quiet for 1 s after `load`, by kind, raw / gzip / brotli;
 *   first contentful paint; whether the exercise block started loading on its
 *   own (it does when it is within 200 px of the viewport, by design);
 * - without JavaScript: the page is loaded with JavaScript disabled and the
 *   Gal/Geek dialogue must be there and visible (it is server-rendered HTML);
 *   render-blocking resources in <head> are counted.
 *
 * Editor ready, for every lesson with an exercise, repeated: after the page
 * is quiet, the learner clicks the exercise's static code (Playwright scrolls
 * it into view first, which also wakes the block). "Editor ready" is the
 * moment a typed keystroke shows in Monaco: the editor has focus (the block
 * moves focus into Monaco when the click was in the code) and the typed text
 * appears in its rendered lines. Bytes are counted until that moment, and
 * separately until the network is quiet again (the TypeScript language
 * service, type declarations and the sandbox worker arrive after).
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { BenchContext } from '../lib/context.ts';
import { sumByKind, transferOf, type BytesByKind, type Transfer } from '../lib/bytes.ts';
import { rounded, summarize, type Summary } from '../lib/stats.ts';

export interface LessonPageWeight {
  path: string;
  hasExercise: boolean;
  /** The exercise block started on its own during load (it was near the viewport). */
  islandStartedWithoutInteraction: boolean;
  beforeInteraction: BytesByKind;
  firstContentfulPaintMs: number;
  /** With JavaScript disabled: dialogue lines present and the first one visible. */
  noJs: { dialogueLines: number; firstLineVisible: boolean; firstContentfulPaintMs: number };
  renderBlocking: { stylesheets: number; classicScriptsInHead: number; cssBytes: BytesByKind['total'] };
  largestResources: Transfer[];
}

export interface EditorReadyTrial {
  clickToReadyMs: number;
  navigationToReadyMs: number;
  untilReady: BytesByKind;
  untilQuiet: BytesByKind;
  /** JS files that arrived before the editor was ready, and after it (the language service, the sandbox...). */
  beforeReady: { url: string; gzip: number }[];
  afterReady: { url: string; gzip: number }[];
}

export interface EditorReadyResult {
  path: string;
  trials: number;
  problems: string[];
  clickToReadyMs?: Summary;
  navigationToReadyMs?: Summary;
  jsGzipUntilReady?: Summary;
  /** The first trial in full (the only one that waits for the network to be quiet after the editor is ready). */
  first?: EditorReadyTrial;
}

const VIEWPORT = { width: 1280, height: 720 };
const QUIET_MS = 1000;
const TYPED = 'qzqz';

/** Lesson page paths (relative to the site) that exist in the build, in folder order. */
export function lessonPaths(distDir: string): string[] {
  const dir = join(distDir, 'lessons');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.html')))
    .map((d) => `lessons/${d.name}/`);
}

/** Records every finished request of a context with the Node clock at which it finished. */
function recordTransfers(context: BrowserContext, ctx: BenchContext): { at: number; transfer: Transfer }[] {
  const seen: { at: number; transfer: Transfer }[] = [];
  const urls = new Set<string>();
  context.on('requestfinished', (request) => {
    // The service worker's own fetches (its background precache of the whole course, src/offline/sw.ts)
    // are not what the page needs; a URL the page loads twice (the first visit's one reload that makes it
    // cross-origin isolated) is counted once.
    if (request.serviceWorker() || urls.has(request.url())) return;
    urls.add(request.url());
    const at = performance.now();
    // The compressed sizes are computed when read, after the trial: brotli at quality 11 of a
    // multi-megabyte file takes seconds of this process's only thread, and computed here it held
    // back the trial's own keystrokes (the first trial of a run, before the sizes were cached, took 35 s).
    const seenAt = (bodySize: number) => {
      let transfer: Transfer | undefined;
      seen.push({ at, get transfer() { return (transfer ??= transferOf(request.url(), ctx.siteUrl, ctx.distDir, bodySize)); } });
    };
    void request.sizes().then((sizes) => seenAt(sizes.responseBodySize), () => seenAt(0));
  });
  return seen;
}

async function waitForQuiet(seen: readonly unknown[], maxMs = 15_000): Promise<void> {
  const deadline = performance.now() + maxMs;
  let count = -1;
  let stableSince = performance.now();
  while (performance.now() < deadline) {
    if (seen.length !== count) {
      count = seen.length;
      stableSince = performance.now();
    } else if (performance.now() - stableSince >= QUIET_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** First contentful paint, waiting up to 2 s for the entry (it can land just after `load`). */
async function firstContentfulPaint(page: Page): Promise<number> {
  for (let waited = 0; waited <= 2000; waited += 100) {
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    if (fcp >= 0) return fcp;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Number.NaN;
}

export async function benchLessonPage(ctx: BenchContext, path: string): Promise<LessonPageWeight> {
  const context = await ctx.browser.newContext({ viewport: VIEWPORT });
  const seen = recordTransfers(context, ctx);
  const page = await context.newPage();
  await page.goto(`${ctx.siteUrl}${path}`, { waitUntil: 'load' });
  await waitForQuiet(seen);
  const info = await page.evaluate(() => ({
    hasExercise: document.querySelector('section[data-exercise]') !== null,
    islandStarted: [...document.querySelectorAll<HTMLElement>('tl-exercise')].some((el) => el.dataset.island !== undefined),
    stylesheets: document.head.querySelectorAll('link[rel="stylesheet"]').length,
    classicScriptsInHead: [...document.head.querySelectorAll('script')].filter((s) => s.src && s.type !== 'module' && !s.async && !s.defer).length,
  }));
  const fcp = await firstContentfulPaint(page);
  await context.close();
  const transfers = seen.map((s) => s.transfer);

  const noJsContext = await ctx.browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false });
  const noJsPage = await noJsContext.newPage();
  await noJsPage.goto(`${ctx.siteUrl}${path}`, { waitUntil: 'load' });
  const lines = noJsPage.locator('.dialogue-line');
  const dialogueLines = await lines.count();
  const firstLineVisible = dialogueLines > 0 && (await lines.first().isVisible());
  // Playwright can still evaluate with the page's JavaScript off, so the paint entry is readable.
  const noJsFcp = await firstContentfulPaint(noJsPage);
  await noJsContext.close();

  const css = transfers.filter((t) => t.kind === 'css');
  return {
    path,
    hasExercise: info.hasExercise,
    islandStartedWithoutInteraction: info.islandStarted,
    beforeInteraction: sumByKind(transfers),
    firstContentfulPaintMs: Math.round(fcp),
    noJs: { dialogueLines, firstLineVisible, firstContentfulPaintMs: Math.round(noJsFcp) },
    renderBlocking: { stylesheets: info.stylesheets, classicScriptsInHead: info.classicScriptsInHead, cssBytes: sumByKind(css).total },
    largestResources: [...transfers].sort((a, b) => b.gzip - a.gzip).slice(0, 5),
  };
}

/** Records the page-clock time of the learner's first pointerdown (before any page script sees it). */
const CLICK_HOOK = `addEventListener('pointerdown', () => { if (window.__benchClickAt === undefined) window.__benchClickAt = performance.now(); }, { capture: true });`;

export interface EditorTrialOptions {
  /** Also wait for everything the block loads after the editor (the language service, the sandbox) and count it. */
  untilQuiet?: boolean;
  /** What-if: requests whose URL matches are answered this much later (to see whether the editor needs them). */
  holdBack?: { pattern: RegExp; delayMs: number };
}

export async function editorReadyTrial(ctx: BenchContext, path: string, options: EditorTrialOptions = {}): Promise<EditorReadyTrial> {
  const { untilQuiet = true, holdBack } = options;
  const context = await ctx.browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: CLICK_HOOK });
  if (holdBack) {
    await context.route(holdBack.pattern, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, holdBack.delayMs));
      await route.continue().catch(() => undefined);
    });
  }
  const seen = recordTransfers(context, ctx);
  try {
    const page = await context.newPage();
    await page.goto(`${ctx.siteUrl}${path}`, { waitUntil: 'load' });
    await waitForQuiet(seen);
    const code = page.locator('tl-exercise [data-slot="editor"]').first();
    await code.click();
    await page.waitForFunction(() => document.activeElement?.closest('.monaco-editor') != null, undefined, { timeout: 60_000 });
    await page.keyboard.type(TYPED);
    const readyAt = await page.waitForFunction(
      (typed) => {
        const lines = document.activeElement?.closest('.monaco-editor')?.querySelector('.view-lines');
        return lines?.textContent?.includes(typed) ? performance.now() : false;
      },
      TYPED,
      { timeout: 60_000, polling: 10 },
    );
    const readyPageMs = (await readyAt.jsonValue()) as number;
    const readyNodeMs = performance.now();
    const clickAt = await page.evaluate(() => (window as unknown as { __benchClickAt: number }).__benchClickAt);
    if (untilQuiet) await waitForQuiet(seen);
    const untilReady = seen.filter((s) => s.at <= readyNodeMs).map((s) => s.transfer);
    const after = seen.filter((s) => s.at > readyNodeMs).map((s) => s.transfer);
    return {
      clickToReadyMs: Math.round(readyPageMs - clickAt),
      navigationToReadyMs: Math.round(readyPageMs),
      untilReady: sumByKind(untilReady),
      untilQuiet: sumByKind(seen.map((s) => s.transfer)),
      beforeReady: jsFiles(untilReady),
      afterReady: jsFiles(after),
    };
  } finally {
    await context.close();
  }
}

export async function benchEditorReady(ctx: BenchContext, path: string, trials: number): Promise<EditorReadyResult> {
  const done: EditorReadyTrial[] = [];
  const problems: string[] = [];
  for (let i = 0; i < trials; i++) {
    try {
      // Only the first trial waits for the rest of the block to load: the timing does not depend on it.
      const trial = await editorReadyTrial(ctx, path, { untilQuiet: i === 0 });
      done.push(trial);
      ctx.log(`  editor ready on ${path}: ${trial.clickToReadyMs} ms after the click, ${kb(trial.untilReady.js?.gzip)} KB gz JS`);
    } catch (error) {
      problems.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
  }
  const first = done[0];
  return {
    path,
    trials: done.length,
    problems: [...new Set(problems)],
    ...(first
      ? {
          clickToReadyMs: rounded(summarize(done.map((t) => t.clickToReadyMs))),
          navigationToReadyMs: rounded(summarize(done.map((t) => t.navigationToReadyMs))),
          jsGzipUntilReady: rounded(summarize(done.map((t) => t.untilReady.js?.gzip ?? 0))),
          first,
        }
      : {}),
  };
}

function jsFiles(transfers: readonly Transfer[]): { url: string; gzip: number }[] {
  return transfers.filter((t) => t.kind === 'js').map((t) => ({ url: new URL(t.url).pathname, gzip: t.gzip }));
}

function kb(bytes: number | undefined): string {
  return ((bytes ?? 0) / 1024).toFixed(0);
}
