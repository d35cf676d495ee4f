/**
 * The built site's runner page (/tools/runner/), driven for measurement.
 *
 * Same page and same worker runner as `scripts/lib/browser-session.ts`
 * (which the course doctor and grader use), plus three things a benchmark
 * needs and they do not:
 * - the wall time of a run is taken inside the page (no CDP round trip in it);
 * - every sandbox worker's `ready` message is recorded (by listening on the
 *   private MessageChannel's page end, which an init script wraps), so a
 *   timed run can wait until the spare worker is warm, as it is when a
 *   learner clicks Run after reading, and so the worker's own start-up
 *   account (module load, backend init) is reported;
 * - the worker's JS heap can be read over CDP while a run holds it open.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { RunRequest, RunResult, WorkerStartup } from '../../src/sandbox/protocol.ts';

export type RunInput = Omit<RunRequest, 'id' | 'assetBase'>;

export interface TimedRun {
  result: RunResult;
  /** Page clock: run() called -> RunResult. */
  wallMs: number;
  /** Every event of the run (log lines, fit progress), in order. */
  events: unknown[];
}

export interface HeapUsage {
  usedBytes: number;
  totalBytes: number;
}

/** Installed before any page script: records each sandbox worker's `ready` from the page end of its channel. */
const READY_HOOK = `(() => {
  const Native = window.MessageChannel;
  const readies = [];
  Object.defineProperty(window, '__benchReadies', { value: readies });
  window.MessageChannel = class extends Native {
    constructor() {
      super();
      this.port1.addEventListener('message', (event) => {
        const data = event.data;
        if (data && data.type === 'ready') readies.push({ at: performance.now(), startup: data.startup });
      });
    }
  };
})();`;

interface BenchWindow {
  __benchReadies: { at: number; startup?: WorkerStartup }[];
  transferLab: { run(request: RunInput): Promise<RunResult>; events: unknown[] };
}

export class RunnerPage {
  readonly page: Page;
  readonly context: BrowserContext;
  private readonly cdp: CDPSession;
  private runsStarted = 0;
  private nextMessageId = 1;
  private readonly replies = new Map<number, (value: Record<string, unknown>) => void>();

  private constructor(context: BrowserContext, page: Page, cdp: CDPSession) {
    this.context = context;
    this.page = page;
    this.cdp = cdp;
    cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: Record<string, unknown> };
      if (message.id === undefined) return;
      this.replies.get(message.id)?.(message.result ?? { error: message.error });
      this.replies.delete(message.id);
    });
  }

  static async open(browser: Browser, siteUrl: string): Promise<RunnerPage> {
    const context = await browser.newContext();
    await context.addInitScript({ content: READY_HOOK });
    const page = await context.newPage();
    await page.goto(`${siteUrl}tools/runner/`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    // Exercises that read the learner's drawings run on the course's sample drawings, as the grader does.
    await page.evaluate(async () => {
      const lab = (window as unknown as { transferLab: { useSampleDrawings?: () => Promise<void> } }).transferLab;
      await lab.useSampleDrawings?.();
    });
    const cdp = await context.newCDPSession(page);
    return new RunnerPage(context, page, cdp);
  }

  /** Waits until the worker the next run will use has said `ready`, and returns its start-up account. */
  async waitForWarmWorker(timeoutMs = 60_000): Promise<WorkerStartup | undefined> {
    const needed = this.runsStarted + 1;
    await this.page.waitForFunction((n) => (window as unknown as BenchWindow).__benchReadies.length >= n, needed, { timeout: timeoutMs });
    return this.page.evaluate((n) => (window as unknown as BenchWindow).__benchReadies[n - 1]?.startup, needed);
  }

  /** One run, timed in the page. Does not wait for a warm worker: call waitForWarmWorker first for warm timings. */
  async run(input: RunInput): Promise<TimedRun> {
    this.runsStarted++;
    return this.page.evaluate(async (request) => {
      const lab = (window as unknown as BenchWindow).transferLab;
      const started = performance.now();
      const result = await lab.run(request);
      const wallMs = performance.now() - started;
      return { result, wallMs, events: lab.events.slice() };
    }, input);
  }

  /** The page's own JS heap after a full GC. */
  async pageHeap(): Promise<HeapUsage> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    const usage = await this.cdp.send('Runtime.getHeapUsage');
    return { usedBytes: usage.usedSize, totalBytes: usage.totalSize };
  }

  /** Live dedicated workers of this page (the running one and the spare). */
  async workerTargetIds(): Promise<string[]> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'worker').map((t) => t.targetId);
  }

  /** A worker's JS heap after a full GC (CDP, through a non-flat session so Playwright's own stays untouched). */
  async workerHeap(targetId: string): Promise<HeapUsage> {
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId, flatten: false });
    try {
      await this.sendToTarget(sessionId, 'HeapProfiler.collectGarbage');
      const usage = await this.sendToTarget(sessionId, 'Runtime.getHeapUsage');
      await this.sendToTarget(sessionId, 'Runtime.evaluate', { expression: 'globalThis.__benchHeapTaken = true' });
      return { usedBytes: Number(usage.usedSize), totalBytes: Number(usage.totalSize) };
    } finally {
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }

  private sendToTarget(sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextMessageId++;
    const reply = new Promise<Record<string, unknown>>((resolve) => this.replies.set(id, resolve));
    void this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    return reply;
  }

  /** The events the current run has sent so far (for noticing a probe that waits for the bench). */
  currentEvents(): Promise<unknown[]> {
    return this.page.evaluate(() => (window as unknown as BenchWindow).transferLab.events.slice());
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
