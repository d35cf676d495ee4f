/**
 * Browser-test harness: Debian's Chromium driven by playwright-core, against
 * the built site served by a plain static server (see vitest.e2e.config.ts).
 *
 * Every page opened through `openPage` records console errors, uncaught page
 * errors and failed requests; `expectClean(page)` fails the test on any.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { LAUNCH_ARGS, chromiumPath } from '../../scripts/lib/chromium.ts';
import type { BackendChoice, RunResult } from '../../src/sandbox/protocol.ts';

export { chromiumPath };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: LAUNCH_ARGS });
}

/** The URL the site is served at in this test run (base path included, ends with "/"). */
export function siteUrl(path = ''): string {
  return `${inject('siteUrl')}${path.replace(/^\//, '')}`;
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
}

const problems = new WeakMap<Page, PageProblems>();

/** Messages a test expects and allows (e.g. a deliberately failing request). */
export function watch(page: Page): PageProblems {
  const found: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') found.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => found.pageErrors.push(String(error)));
  page.on('requestfailed', (request) => {
    // Navigations we abort ourselves are not failures of the site.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    found.failedRequests.push(`${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) found.failedRequests.push(`${response.url()} HTTP ${response.status()}`);
  });
  problems.set(page, found);
  return found;
}

export async function openPage(
  browser: Browser,
  path = '',
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  watch(page);
  await page.goto(siteUrl(path));
  await offlineSettled(page);
  return { context, page };
}

/**
 * The course's service worker (src/offline/) reloads an exercise page once on the first visit, to make it
 * cross-origin isolated: wait until that is done (`<html data-offline>` is no longer installing or
 * reloading), so a test does not start typing into the page that is about to go. Pages without the
 * attribute (the runner page) are settled once loaded.
 */
export async function offlineSettled(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const state = document.documentElement.dataset.offline;
      return state === undefined ? document.readyState === 'complete' : state !== 'installing' && state !== 'reloading';
    },
    undefined,
    { timeout, polling: 100 },
  );
}

/** Fails on any console error, page error or failed request seen on this page. */
export function expectClean(page: Page, allow: RegExp[] = []): void {
  const found = problems.get(page);
  if (!found) throw new Error('expectClean needs a page opened with openPage() or watch()');
  const all = [...found.consoleErrors, ...found.pageErrors, ...found.failedRequests].filter(
    (text) => !allow.some((pattern) => pattern.test(text)),
  );
  if (all.length) throw new Error(`The page reported problems:\n${all.join('\n')}`);
}

/** The built site's runner page (tools/runner/): the same worker and channel an exercise block uses. */
export async function openRunner(browser: Browser): Promise<Page> {
  const { page } = await openPage(browser, 'tools/runner/');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return page;
}

export interface RunnerRequest {
  exercise: string;
  code: string;
  checks?: string;
  backend?: BackendChoice;
  timeLimitMs?: number;
}

/** One run on a page from `openRunner`, through its `window.transferLab.run`. */
export function runOnRunner(page: Page, { backend = 'auto', timeLimitMs = 30_000, ...rest }: RunnerRequest): Promise<RunResult> {
  return page.evaluate(
    (request) => (window as unknown as { transferLab: { run(r: unknown): Promise<RunResult> } }).transferLab.run(request),
    { ...rest, backend, timeLimitMs },
  );
}
