/**
 * Runs exercise code in headless Chromium the way a learner's browser does,
 * through the built site's runner page (src/pages/tools/runner.astro).
 * Shared by the course doctor, the grader and the benchmark.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startStaticServer, type StaticServer } from '../static-server.ts';
import type { BackendChoice, RunRequest, RunResult } from '../../src/sandbox/protocol.ts';
import { chromiumPath, launchArgs } from './chromium.ts';

export type RunInput = Omit<RunRequest, 'id' | 'assetBase'>;

export interface BrowserSession {
  /** Opens a fresh browser context (clean storage, new worker) for one submission or one run. */
  newRunner(): Promise<PageRunner>;
  close(): Promise<void>;
  server: StaticServer;
  browser: Browser;
}

export interface PageRunner {
  run(input: RunInput): Promise<RunResult>;
  /** Gives this browser context the course's sample drawings (the "your own data" exercise reads drawings). */
  useSampleDrawings(): Promise<void>;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowserSession(options: { dist: string; base: string }): Promise<BrowserSession> {
  if (!existsSync(`${options.dist}/tools/runner/index.html`)) {
    throw new Error(`No built site with a runner page in ${options.dist}/: run \`npm run build\` first.`);
  }
  const server = await startStaticServer({ dir: options.dist, base: options.base });
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: launchArgs() });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
    newRunner: async () => {
      const context: BrowserContext = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}tools/runner/`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      return {
        page,
        close: () => context.close(),
        useSampleDrawings: () => page.evaluate(() => (window as unknown as { transferLab: { useSampleDrawings(): Promise<void> } }).transferLab.useSampleDrawings()),
        run: (input) =>
          page.evaluate(
            (request) => (window as unknown as { transferLab: { run(r: unknown): Promise<RunResult> } }).transferLab.run(request),
            input,
          ),
      };
    },
  };
}

export function runInput(code: string, exercise: { id: string; checks: string; hiddenChecks?: string; timeLimitSeconds: number }, backend: BackendChoice = 'auto', withHidden = false): RunInput {
  return {
    exercise: exercise.id,
    code,
    checks: exercise.checks,
    ...(withHidden && exercise.hiddenChecks ? { hiddenChecks: exercise.hiddenChecks } : {}),
    backend,
    timeLimitMs: exercise.timeLimitSeconds * 1000,
  };
}
